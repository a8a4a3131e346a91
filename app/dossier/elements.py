"""Building blocks of the dossier's pages: GB/T 9704-2012 geometry (see layout.py), styles, tables, chart, stamp."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)

from app.dossier.fonts import HEI, SONG

PAGE_W, PAGE_H = A4
LEFT = 28 * mm
TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35 mm
LINES_PER_PAGE = 28
LEADING = BLOCK_H / LINES_PER_PAGE  # ≈ 22.8 pt
TITLE_PT = 22
BODY_PT = 16
PAGE_NO_PT = 14
TABLE_PT = 12

OUTCOMES = {"passed": "通过：{option}", "no_majority": "未形成多数意见", "advisory": "咨询性，不作表决计数"}
RULES = {
    "majority-of-expected": "超过应到会成员半数",
    "two-thirds": "三分之二多数",
    "unanimity": "全体一致",
    "advisory": "咨询性（不表决）",
}
STATES = {"sealed": "已提交密封意见", "recused": "回避", "absent": "缺席", "rejected": "验证未通过，已排除"}


def make_styles() -> dict[str, ParagraphStyle]:
    # ReportLab lets a closing punctuation mark hang past the line's end (标点悬挂); a right indent of
    # one character keeps even that inside the 156 mm text block.
    body = ParagraphStyle(
        "body",
        fontName=SONG,
        fontSize=BODY_PT,
        leading=LEADING,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
        firstLineIndent=2 * BODY_PT,
        rightIndent=BODY_PT,
    )
    return {
        "title": ParagraphStyle(
            "title",
            fontName=SONG,
            fontSize=TITLE_PT,
            leading=TITLE_PT * 1.6,
            alignment=TA_CENTER,
            wordWrap="CJK",
            spaceAfter=LEADING,
            leftIndent=TITLE_PT,
            rightIndent=TITLE_PT,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=SONG, fontSize=BODY_PT, leading=LEADING, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName=HEI,
            fontSize=BODY_PT,
            leading=LEADING,
            wordWrap="CJK",
            spaceBefore=LEADING / 2,
            firstLineIndent=2 * BODY_PT,
            rightIndent=BODY_PT,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=HEI,
            fontSize=BODY_PT,
            leading=LEADING,
            wordWrap="CJK",
            firstLineIndent=2 * BODY_PT,
            rightIndent=BODY_PT,
            textColor=colors.HexColor("#222222"),
        ),
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0, alignment=TA_LEFT),
        "meta": ParagraphStyle(
            "meta",
            fontName=SONG,
            fontSize=TABLE_PT,
            leading=TABLE_PT * 1.5,
            wordWrap="CJK",
            rightIndent=TABLE_PT,
            textColor=colors.HexColor("#333333"),
        ),
        "cell": ParagraphStyle(
            "cell", fontName=SONG, fontSize=TABLE_PT, leading=TABLE_PT * 1.4, wordWrap="CJK", rightIndent=TABLE_PT / 2
        ),
        "mark": ParagraphStyle("mark", fontName=HEI, fontSize=BODY_PT, leading=LEADING, wordWrap="CJK"),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def make_table(
    rows: list[list[Any]], widths: list[float], styles: dict[str, ParagraphStyle], header: bool = True
) -> Table:
    cells = [[c if isinstance(c, Flowable) else para(str(c), styles["cell"]) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), SONG),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")))
    table.setStyle(TableStyle(commands))
    return table


def make_chart(counts: dict[str, int]) -> Drawing:
    drawing = Drawing(BLOCK_W, 60 * mm)
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
    chart.bars[0].fillColor = colors.HexColor("#8B1A1A")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = SONG
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, 2 * mm, "票数", fontName=SONG, fontSize=9))
    return drawing


def make_stamp(data: dict[str, Any], styles: dict[str, ParagraphStyle]) -> Table:
    from cryptography import x509

    cert = x509.load_der_x509_certificate(data["signing_cert"])
    text = (
        f"电子签章（PAdES）\n签署者：{cert.subject.rfc4514_string()}\n"
        f"签署时间：{data['exported_local']}（北京时间）\n签发者：{cert.issuer.rfc4514_string()}"
    )
    table = Table([[para(text, styles["cell"])]], colWidths=[BLOCK_W * 0.72], hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SONG),
                ("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor("#B22222")),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#B22222")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def opinion_paragraphs(op: dict[str, Any], session: dict[str, Any], s: dict[str, ParagraphStyle]) -> list[Flowable]:
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
