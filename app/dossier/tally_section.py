"""Sections 五 (计票结果) and 六 (不同意见) of the dossier, from the rounds' tallies.

One code for the printing (``layout.story``) and for ``dossier verify`` (``app.dossier.recount`` rebuilds each
round's tally from the manifest, ``app.dossier.blocks`` lays both sections out with these functions and requires
the file to print exactly that text, nothing between or after: finding R3-4).
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Group, String
from reportlab.graphics.widgetbase import Widget
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.dossier import record
from app.dossier.elements import BLOCK_W, LEADING, OUTCOMES, GridStyle, make_chart, make_table, para
from app.dossier.grid import GridPara, GridSnap


def extras_lines(tally: dict[str, Any]) -> list[str]:
    """Recused, absent, rejected and near-duplicate lines of the final round (then its late seals)."""
    out = []
    if tally["recused"]:
        out.append(f"回避：{'、'.join(tally['recused'])}")
    if tally["absent"]:
        out.append(f"缺席：{'、'.join(tally['absent'])}")
    if tally["rejected"]:
        out.append(f"验证未通过：{'、'.join(tally['rejected'])}")
    for pair in tally["near_duplicates"]:
        out.append(f"意见高度雷同：{pair['a']}与{pair['b']}（相似度{pair['percent']}%）")
    return [line + "。" for line in out]


def tally_section(
    tally: dict[str, Any], earlier: list[dict[str, Any]], s: dict[str, GridStyle], heading: list[Flowable]
) -> list[Flowable]:
    """Section 五 after ``heading`` (the section's title, kept with the first item): the final round item by item
    (table, outcome, threshold, decision, position notes, chart), its recusals, absentees, rejected envelopes,
    near-duplicates and late seals; then each earlier round's summary."""
    out: list[Flowable] = []
    for item in tally["items"]:
        counts = item["counts"]
        rows = [["选项", "票数"], *[[k, str(v)] for k, v in counts.items()]]
        outcome = OUTCOMES[item["outcome"]].format(option=item["passed_option"])
        notes = [
            para(f"{record.chair_label(n['department'])}（{n['position']}）：{n['note']}", s["body"])
            for n in item.get("notes", [])
        ]
        block = [
            *heading,
            para(f"议题{item['item']}：{item['text']}", s["h2"]),
            *make_table(rows, [BLOCK_W - 40 * mm, 40 * mm], s),
            para(f"应到会 {item['expected']}，实际表态 {item['cast']}；结果：{outcome}。", s["body"]),
            *record.paragraphs(record.item_lines(tally, item), s["body"]),
            *notes,
            make_chart(counts),
            GridSnap(LEADING),
        ]
        out.append(KeepTogether(block))  # the section heading travels with its first item
        heading = []
    out += [*heading, *record.paragraphs(extras_lines(tally) + record.late_lines(tally), s["body"])]
    for past in earlier:
        out.append(para(record.round_title(past["round"], False), s["h2"]))
        out += record.paragraphs(record.tally_summary(past["tally"]), s["body"])
    return out


def dissent_section(
    tally: dict[str, Any], earlier: list[dict[str, Any]], final_round: int, s: dict[str, GridStyle]
) -> list[Flowable]:
    """Section 六 after its heading: each round's dissent, earlier rounds first."""
    out: list[Flowable] = []
    for past in earlier:
        lines = record.dissent_lines(past["tally"])
        out.append(para(f"{record.round_title(past['round'], False)}：{'' if lines else '无不同意见。'}", s["body"]))
        out += record.paragraphs(lines, s["body"])
    if earlier:
        out.append(para(f"{record.round_title(final_round, True)}：", s["body"]))
    out += record.paragraphs(record.dissent_lines(tally) or ["无不同意见。"], s["body"])
    return out


def plain_text(flowables: list[Any]) -> str:
    """The text ``flowables`` put on the page, in the order a PDF text extraction reads it, whitespace removed:
    paragraphs, table cells row by row, and a chart's strings (bar labels, categories, axis, caption)."""
    from app.dossier.fonts import register

    register()  # a chart measures its labels while it draws
    return "".join("".join(piece.split()) for piece in _pieces(flowables))


def _pieces(flowables: list[Any]) -> list[str]:
    found: list[str] = []
    for f in flowables:
        if isinstance(f, GridPara):
            found.append(f.getPlainText())
        elif isinstance(f, KeepTogether):
            found += _pieces(list(f._content))
        elif hasattr(f, "_cellvalues"):
            found += _pieces([c for row in f._cellvalues for c in row])
        elif isinstance(f, Group):  # a Drawing
            found += _drawing(f)
    return found


def _drawing(node: Any) -> list[str]:
    found: list[str] = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            found.append(child.text)
        elif isinstance(child, Group):
            found += _drawing(child)
        elif isinstance(child, Widget):
            found += _drawing(child.draw())
    return found


__all__ = ["dissent_section", "extras_lines", "plain_text", "tally_section"]
