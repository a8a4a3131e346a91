"""Building blocks of the dossier's pages: GB/T 9704-2012 geometry (see layout.py), styles, tables, chart, stamp."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from app.dossier.fonts import HEI, KAI, NUMBER, SONG, TITLE
from app.dossier.grid import GridPara, GridSnap
from app.dossier.typeset import NO_BREAK, title_lines

PAGE_W, PAGE_H = A4
LEFT = 28 * mm
TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LEADING = BLOCK_H / LINES_PER_PAGE  # ≈ 28.99 pt: 22 lines fill the block
TITLE_PT = 22
BODY_PT = 16
# 28 characters of 16 pt are 448 pt, the block 442.2 pt: each glyph sits this much closer than its advance,
# so that 28 characters fill the line from edge to edge.
CHAR_SPACE = (BLOCK_W - CHARS_PER_LINE * BODY_PT) / (CHARS_PER_LINE - 1)
PAGE_NO_PT = 14
META_PT = 14
TABLE_PT = 12

OUTCOMES = {"passed": "通过：{option}", "no_majority": "未形成多数意见", "advisory": "咨询性，不作表决计数"}
RULES = {
    "majority-of-expected": "超过应到会成员半数",
    "two-thirds": "三分之二多数",
    "unanimity": "全体一致",
    "advisory": "咨询性（不表决）",
}
STATES = {"sealed": "已提交密封意见", "recused": "回避", "absent": "缺席", "rejected": "验证未通过，已排除"}


@dataclass(frozen=True)
class GridStyle:
    """How a paragraph sits on the grid."""

    font: str
    size: float
    leading: float
    char_space: float = 0.0
    first_indent: float = 0.0
    align: str = "justify"
    keep_with_next: bool = False


def make_styles() -> dict[str, GridStyle]:
    indent = 2 * (BODY_PT + CHAR_SPACE)  # 首行缩进二字
    return {
        "subtitle": GridStyle(SONG, BODY_PT, LEADING, CHAR_SPACE, align="center"),
        "h1": GridStyle(HEI, BODY_PT, LEADING, CHAR_SPACE, indent, keep_with_next=True),
        "h2": GridStyle(KAI, BODY_PT, LEADING, CHAR_SPACE, indent, keep_with_next=True),
        "body": GridStyle(SONG, BODY_PT, LEADING, CHAR_SPACE, indent),
        "plain": GridStyle(SONG, BODY_PT, LEADING, CHAR_SPACE, align="left"),
        "meta": GridStyle(SONG, META_PT, LEADING, 0.0, align="left"),
        "cell": GridStyle(SONG, TABLE_PT, TABLE_PT * 1.45, 0.0, align="left"),
        "mark": GridStyle(HEI, BODY_PT, LEADING, CHAR_SPACE, align="left"),
        "copy": GridStyle(NUMBER, BODY_PT, LEADING, CHAR_SPACE, align="left"),
        "verify": GridStyle(SONG, BODY_PT, LEADING, CHAR_SPACE, align="center"),
    }


def para(text: str, style: GridStyle) -> GridPara:
    return GridPara(
        text,
        style.font,
        style.size,
        style.leading,
        style.char_space,
        style.first_indent,
        style.align,
        style.keep_with_next,
    )


def grouped(fingerprint: str) -> str:
    """A fingerprint that a line never splits (its groups joined by no-break spaces)."""
    return fingerprint.replace(" ", NO_BREAK)


def hash_groups(digest: str, size: int = 8) -> str:
    """A long hex digest in groups of ``size`` (a line may break between groups, never inside one)."""
    return " ".join(digest[i : i + size] for i in range(0, len(digest), size))


def title_block(title: str) -> list[Flowable]:
    """The title in 22 pt, broken at word boundaries in a balanced shape, on a whole number of grid lines."""
    per_line = int((BLOCK_W - 2 * TITLE_PT) // TITLE_PT)
    lines = title_lines(title, per_line)
    leading = LEADING * 1.5 if len(lines) > 1 else LEADING * 2
    paragraph = GridPara("\n".join(lines), TITLE, TITLE_PT, leading, 0.0, align="center")
    return [paragraph, GridSnap(LEADING)]


def _layout_only(canvas: Any) -> bool:
    return bool(getattr(canvas, "layout_only", False))


class RuledTable(Table):  # type: ignore[misc]
    """A ReportLab table that draws nothing on a layout-only canvas (page.LayoutOnly: the pass that only finds
    page numbers), unless a cell records where it lands; drawn as a Table everywhere else."""

    def draw(self) -> None:
        if _layout_only(self.canv) and not any(_records_place(c) for row in self._cellvalues for c in row):
            return
        super().draw()


def _records_place(cell: Any) -> bool:
    """Whether drawing ``cell`` (a flowable, or a list or tuple of them: ReportLab's expanded cells) records a
    page or a place."""
    from app.dossier.grid import SignatureSlot

    if isinstance(cell, list | tuple):
        return any(_records_place(c) for c in cell)
    return isinstance(cell, SignatureSlot) or getattr(cell, "bookmark", None) is not None


class Chart(Drawing):  # type: ignore[misc]
    """The tally's chart; draws nothing on a layout-only canvas (its size alone is laid out)."""

    def draw(self, *args: Any, **kwargs: Any) -> None:
        if _layout_only(self.canv):
            return
        super().draw(*args, **kwargs)


def make_table(
    rows: list[list[Any]], widths: list[float], styles: dict[str, GridStyle], header: bool = True
) -> list[Flowable]:
    """A ruled table, followed by the space back down to the grid."""
    cells = [[c if isinstance(c, Flowable) else para(str(c), styles["cell"]) for c in row] for row in rows]
    table = RuledTable(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(commands))
    return [table, GridSnap(LEADING)]


def make_chart(counts: dict[str, int]) -> Drawing:
    drawing = Chart(BLOCK_W, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 18 * mm, 12 * mm
    chart.width, chart.height = BLOCK_W - 30 * mm, 42 * mm
    chart.data = [list(counts.values())]
    chart.categoryAxis.categoryNames = list(counts)
    chart.categoryAxis.labels.fontName = SONG
    chart.categoryAxis.labels.fontSize = 10
    chart.valueAxis.labels.fontName = SONG
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    chart.valueAxis.valueMax = max([*counts.values(), 1]) + 1
    chart.bars[0].fillColor = colors.Color(0.45, 0.45, 0.45)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = SONG
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, 2 * mm, "票数", fontName=SONG, fontSize=9))
    return drawing


def signature_notice(data: dict[str, Any], styles: dict[str, GridStyle]) -> list[Flowable]:
    """What the file's digital signature is, said in words (not an image of a seal, GB/T 38540 is not used)."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(data["signing_cert"])
    text = (
        f"数字签名说明：本文件附有PAdES数字签名（非电子印章），签名位置见签名域。\n签署者：{cert.subject.rfc4514_string()}\n"
        f"签署时间：{data['exported_local']}（北京时间）\n签发者：{cert.issuer.rfc4514_string()}"
    )
    table = RuledTable([[para(text, styles["cell"])]], colWidths=[BLOCK_W], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SONG),
                ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table, GridSnap(LEADING)]


def opinion_paragraphs(op: dict[str, Any], session: dict[str, Any], s: dict[str, GridStyle]) -> list[Flowable]:
    items = {str(i["number"]): i["text"] for i in session["items"]}
    out: list[Flowable] = []
    for key, position in op["positions"].items():
        note = op.get("position_notes", {}).get(key)
        label = f"议题{key}" if len(items) > 1 else "意见"
        out.append(para(f"{label}：{position}{'（' + note + '）' if note else ''}", s["body"]))
    for field, label in (
        ("reasoning", "理由"),
        ("facts", "事实"),
        ("causes", "原因"),
        ("disposition", "处理建议"),
        ("rectification", "整改建议"),
    ):
        if op.get(field):
            out.append(para(f"{label}：{op[field]}", s["body"]))
    return out


def cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def data_local(iso: str | None) -> str:
    if not iso:
        return "—"
    from app.dossier.data import local_time

    return local_time(datetime.fromisoformat(iso.replace("Z", "+00:00")))


def data_date(iso: str | None) -> str:
    if not iso:
        return "—"
    from app.dossier.data import local_date

    return local_date(datetime.fromisoformat(iso.replace("Z", "+00:00")))
