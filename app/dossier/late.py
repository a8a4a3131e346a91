"""What a dossier prints that is known only once it is laid out, in one drawing pass (issue 16).

The cover's page count and the 卷内目录's page numbers come before the pages they count: each is a ``LateText``,
a one-line paragraph in a box of its column's width that draws a PDF form XObject where it lands; the forms are
defined once the story is laid out, before the file is saved (``page.Doc.draw``) — the "page X of Y" technique.
The box never depends on the number, so no number moves a line. The 卷内备考表's "本卷共 N 页" sits inside a
paragraph whose lines the number's width would move: it is made when the layout reaches the 备考表 (``AtPage``),
which starts a page of its own, from that page and the 备考表's own page count, measured alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable

from app.dossier.grid import GridPara
from app.dossier.typeset import break_lines


class LateText(GridPara):
    """A paragraph of one line whose text ``text_of()`` gives only after the layout: laid out with ``sample``
    (the same line, the number not known yet), drawn as the form ``name``, which ``define`` fills in."""

    def __init__(self, name: str, sample: str, text_of: Callable[[], str], style: Any) -> None:
        super().__init__(
            sample, style.font, style.size, style.leading, style.char_space, style.first_indent, style.align
        )
        self.name, self.text_of = name, text_of

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        assert self._lines is not None and len(self._lines) == 1, (self.text, self._lines)
        return width, height

    def draw(self) -> None:
        canvas = self.canv
        if getattr(canvas, "layout_only", False):
            return
        canvas.doForm(self.name)
        canvas.__dict__.setdefault("dossier_late", {})[self.name] = self

    def final(self) -> GridPara:
        """The paragraph as printed: the final text, broken in the same box (one line, else a layout error)."""
        text = self.text_of()
        lines = break_lines(text, self._width + self.char_space, self._measure, self.first_indent)
        if len(lines) != 1:
            raise AssertionError(f"late text {text!r} does not fit its one-line box")
        args = (self.font, self.size, self.leading, self.char_space, self.first_indent, self.align)
        printed = GridPara(text, *args, lines=lines)
        printed._width, printed.width, printed.height = self._width, self.width, self.height
        return printed

    def define(self, canvas: Any, printed: GridPara) -> None:
        """The form this paragraph draws, ``printed`` in the flowable's own coordinates (a little margin around
        the box so that no glyph is clipped)."""
        pad = self.size
        canvas.beginForm(self.name, -pad, -pad, self.width + pad, self.height + pad)
        printed.canv = canvas
        printed.draw()
        canvas.endForm()


def define_late(canvas: Any, check: Callable[[list[Any]], None]) -> None:
    """Every form the LateTexts drawn on ``canvas`` refer to, their final texts checked (font coverage) first."""
    late: dict[str, LateText] = canvas.__dict__.get("dossier_late", {})
    printed = {name: text.final() for name, text in late.items()}
    check(list(printed.values()))
    for name in sorted(late):
        late[name].define(canvas, printed[name])


class AtPage(Flowable):  # type: ignore[misc]
    """Content made when the layout reaches it, at the top of a page: ``make(page)`` is given that page's number.
    It never fits, so the frame asks it to split, and the split is the content."""

    def __init__(self, make: Callable[[int], list[Flowable]]) -> None:
        super().__init__()
        self.make = make

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height + 1

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        assert getattr(self, "_frame", None) is not None and self._frame._atTop, "made at the top of a page"
        return self.make(self.canv.getPageNumber())

    def draw(self) -> None:  # pragma: no cover - always split
        raise AssertionError("AtPage is never drawn")


__all__ = ["AtPage", "LateText", "define_late"]
