"""Flowables that keep text on the GB/T 9704 grid, broken by typeset.py's Chinese rules."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.dossier.typeset import KEEP_END, KEEP_START, Line, break_lines

MAX_STRETCH = 0.25  # at most a quarter character added between two glyphs when justifying
ASCENT = 0.88  # the em box of the shipped CJK faces: 0.88 above the baseline, 0.12 below


class _Memo:
    """What one rendering has measured and broken already: a unit's advance per (font, size), a paragraph's lines
    per (text, font, size, spacing, width, indent). Both are pure functions of their keys while the faces stay
    registered as they are, which they do for the length of one ``render``."""

    def __init__(self) -> None:
        self.widths: dict[tuple[str, float], dict[str, float]] = {}
        self.lines: dict[tuple[str, str, float, float, float, float], list[Line]] = {}


_memo: ContextVar[_Memo | None] = ContextVar("dossier_grid_memo", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block, paragraphs measure each unit once and break each text once (a text recurs: table
    cells, the 卷内备考表 laid out alone and then in the dossier); nothing is kept after it (opinion texts among
    them)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set(_Memo())
    try:
        yield
    finally:
        _memo.reset(token)


class GridPara(Flowable):  # type: ignore[misc]
    """A paragraph of ``size``-point text on lines ``leading`` apart, glyphs ``char_space`` closer than their
    advance (so that 28 三号 characters fill 156 mm); full lines justified to the column's width."""

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        leading: float,
        char_space: float = 0.0,
        first_indent: float = 0.0,
        align: str = "justify",
        keep_with_next: bool = False,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.text, self.font, self.size, self.leading = text, font, size, leading
        self.char_space, self.first_indent, self.align = char_space, first_indent, align
        self.keepWithNext = keep_with_next
        self._lines = lines
        self.bookmark: tuple[dict[str, int], str] | None = None  # (where, key): records the page it lands on
        self._width = 0.0

    def getPlainText(self) -> str:  # noqa: N802 (ReportLab's name)
        return self.text.replace(KEEP_START, "").replace(KEEP_END, "")

    def _measure(self, piece: str) -> float:
        return float(stringWidth(piece, self.font, self.size)) + len(piece) * self.char_space

    def _break(self, width: float) -> list[Line]:
        memo = _memo.get()
        if memo is None:
            return break_lines(self.text, width, self._measure, self.first_indent)
        key = (self.text, self.font, self.size, self.char_space, width, self.first_indent)
        lines = memo.lines.get(key)
        if lines is None:
            widths = memo.widths.setdefault((self.font, self.size), {})
            font, size, space = self.font, self.size, self.char_space

            def measure(piece: str) -> float:  # as _measure, each unit's advance looked up once
                advance = widths.get(piece)
                if advance is None:
                    advance = widths[piece] = float(stringWidth(piece, font, size))
                return advance + len(piece) * space

            lines = memo.lines[key] = break_lines(self.text, width, measure, self.first_indent)
        return list(lines)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None or abs(avail_width - self._width) > 0.01:
            # the last glyph's trailing spacing is not seen: a line is full when its visible extent fills it
            self._lines = self._break(avail_width + self.char_space)
        self._width = avail_width
        self.width, self.height = avail_width, len(self._lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        n = int(math.floor((avail_height + 0.05) / self.leading))
        if n < 1 or n >= len(self._lines):
            return [] if n < 1 else [self]
        if len(self._lines) - n == 1 and n > 1:  # no single last line alone on the next page (widow)
            n -= 1
        args = (self.text, self.font, self.size, self.leading, self.char_space, self.first_indent, self.align)
        head = GridPara(*args, lines=self._lines[:n])
        tail = GridPara(*args, keep_with_next=self.keepWithNext, lines=self._lines[n:])
        head._width = tail._width = avail_width
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        assert self._lines is not None
        if self.bookmark is not None:
            where, key = self.bookmark
            where.setdefault(key, canvas.getPageNumber())
        if getattr(canvas, "layout_only", False):  # laid out, not drawn (page.LayoutOnly)
            return
        for number, line in enumerate(self._lines):
            if not line.text:
                continue
            top = self.height - number * self.leading
            baseline = top - (self.leading - self.size) / 2 - ASCENT * self.size
            room = self.width - line.indent
            natural = stringWidth(line.text, self.font, self.size)
            n = len(line.text)
            space = self.char_space
            if self.align == "justify" and line.justified and n > 1:
                stretched = (room - natural) / (n - 1)
                # an unbreakable unit pushed to the next line may leave a gap too wide to spread: ragged then
                if stretched - self.char_space <= MAX_STRETCH * self.size:
                    space = stretched
            seen = natural + (n - 1) * space
            x = line.indent
            if self.align == "center":
                x += (room - seen) / 2
            elif self.align == "right":
                x += room - seen
            text = canvas.beginText(x, baseline)
            text.setFont(self.font, self.size)
            text.setCharSpace(space)
            text.textOut(line.text)
            canvas.drawText(text)


class GridSnap(Flowable):  # type: ignore[misc]
    """Space down to the next line of the grid (after a table or chart), so that text stays on the grid."""

    def __init__(self, leading: float) -> None:
        super().__init__()
        self.leading = leading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        rest = avail_height - math.floor((avail_height + 0.05) / self.leading) * self.leading
        self.height = rest if rest > 0.05 else 0.0
        return avail_width, self.height

    def draw(self) -> None:
        pass


class SignatureSlot(Flowable):  # type: ignore[misc]
    """Room for the visible signature widget; records where it landed (0-based page, rectangle in points)."""

    def __init__(self, width: float, height: float, where: dict[str, Any]) -> None:
        super().__init__()
        self.width, self.height, self.where = width, height, where

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.where["signature_slot"] = (self.canv.getPageNumber() - 1, x, y, x + self.width, y + self.height)
