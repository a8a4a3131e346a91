"""The dossier's page: A4 with the text block, running header, page numbers and the preview's watermark
(GB/T 9704-2012; see ``layout``), as a ReportLab document template."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from app.dossier.elements import BLOCK_H, BLOCK_W, BODY_PT, BOTTOM, LEFT, PAGE_H, PAGE_NO_PT, PAGE_W, TOP
from app.dossier.fonts import HEI, PAGE_NO, SONG

DASH_HEIGHT = 0.336  # the em dash's stroke in the shipped Song face, in ems above the baseline (measured)


def keywords(data: dict[str, Any]) -> str:
    """Archive metadata in the PDF's own Info dictionary, for a records system reading the file."""
    archive = data.get("archive") or {}
    pairs = [
        ("立档单位", archive.get("fonds")),
        ("档号", archive.get("archival_code")),
        ("保管期限", archive.get("retention")),
        ("页数", data.get("_page_count")),
        ("密级", data["session"].get("classification") or "非密"),
        ("定密责任人", archive.get("classification_authority")),
        ("份号", data.get("copy_number")),
    ]
    return "; ".join(f"{k}={v}" for k, v in pairs if v)


_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


class Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: BytesIO, data: dict[str, Any]) -> None:
        session = data["session"]
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=LEFT,
            rightMargin=PAGE_W - LEFT - BLOCK_W,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=f"{'预览稿（未归档）' if data.get('preview') else '会审案卷'} {session['ref']}",
            author=data["exported_by"],
            subject=session["title"],
            keywords=keywords(data),
            creator="Huishen 会审",
            initialFontName=SONG,
            initialFontSize=BODY_PT,
            lang="zh-CN",
        )
        self.preview = bool(data.get("preview"))
        self.mark = session["classification"]
        self.ref = session["ref"]
        frame = Frame(  # a hair taller than 22 lines, so that rounding never pushes the 22nd line over
            LEFT,
            BOTTOM - 0.02,
            BLOCK_W,
            BLOCK_H + 0.02,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="block",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def draw(self, flowables: list[Any], data: dict[str, Any], check: Callable[[list[Any]], None]) -> int:
        """``flowables`` laid out and drawn once; then, their number known, the page count in the metadata and
        the forms of the texts known only now (``late``), their final texts ``check``ed; then the file saved.
        Returns the page count."""
        from app.dossier.late import define_late

        self._doSave = 0  # BaseDocTemplate._endBuild saves the canvas unless told not to
        self.build(flowables)
        count = int(self.page)
        if data.get("_page_count") not in (None, count):  # the 备考表 printed another count
            raise AssertionError(f"laid out {count} pages, the 卷内备考表 says {data['_page_count']}")
        data["_page_count"] = count
        self.canv.setKeywords(keywords(data))
        define_late(self.canv, check)
        self.canv.save()
        return count

    def lay_out(self, flowables: list[Any]) -> int:
        """The page count of ``flowables`` laid out as ``build`` lays them out, on a canvas that draws no text
        and writes no file (the flowables record their pages and places all the same: give them their own)."""
        self._doSave = 0  # BaseDocTemplate._endBuild saves the canvas unless told not to
        self.build(flowables, canvasmaker=LayoutOnly)
        return int(self.page)

    def _decorate(self, canvas: Any, doc: Any) -> None:
        if getattr(canvas, "layout_only", False):
            return
        canvas.saveState()
        header_y = PAGE_H - TOP + 10 * mm
        if self.mark:
            canvas.setFont(HEI, 12)
            canvas.drawString(LEFT, header_y, self.mark)
        canvas.setFont(SONG, 12)
        canvas.drawRightString(LEFT + BLOCK_W, header_y, self.ref)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, header_y - 2 * mm, LEFT + BLOCK_W, header_y - 2 * mm)
        number = f"— {doc.page} —"
        canvas.setFont(PAGE_NO, PAGE_NO_PT)
        y = BOTTOM - 7 * mm - DASH_HEIGHT * PAGE_NO_PT  # the dashes' stroke 7 mm under the block
        if doc.page % 2:  # odd pages on the right, even on the left, one character in
            canvas.drawRightString(LEFT + BLOCK_W - PAGE_NO_PT, y, number)
        else:
            canvas.drawString(LEFT + PAGE_NO_PT, y, number)
        if self.preview:
            watermark(canvas)
        canvas.restoreState()


class LayoutOnly(Canvas):  # type: ignore[misc]
    """The canvas of a layout that only finds how many pages it takes (the 卷内备考表 laid out alone, for the
    page count it prints): the dossier's paragraphs and page furniture draw nothing on it (``GridPara.draw``,
    ``Doc._decorate``)."""

    layout_only = True


PREVIEW_MARK = "预览稿 — 未归档"


def watermark(canvas: Any) -> None:
    """Across every page of a preview, so that no print of it passes for the archived record."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.35))
    canvas.setFont(HEI, 54)
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -18, PREVIEW_MARK)
    canvas.restoreState()


__all__ = ["DASH_HEIGHT", "PREVIEW_MARK", "Doc", "LayoutOnly", "keywords", "watermark"]
