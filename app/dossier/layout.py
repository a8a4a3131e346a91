"""The dossier's pages, after the official-document format GB/T 9704-2012.

A4; top margin 37 mm, binding-side margin 28 mm, text block 156 × 225 mm;
title 22 pt (二号), body 16 pt (三号) on a grid of 22 lines × 28 characters that fills
the block (grid.py, typeset.py); 份号 and 密级★期限 on lines 1 and 2 of the first page,
the classification in every page header, page numbers "— N —" in 14 pt (四号) with the
dashes 7 mm under the text block; all text black.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from app import certs
from app.dossier import record, remarks, tally_section
from app.dossier.data import zoned
from app.dossier.elements import (
    BLOCK_H,
    BLOCK_W,
    BOTTOM,
    LEADING,
    LEFT,
    PAGE_H,
    PAGE_W,
    RULES,
    STATES,
    TOP,
    GridStyle,
    data_local,
    grouped,
    hash_groups,
    make_styles,
    make_table,
    para,
    title_block,
)
from app.dossier.fonts import covers, use
from app.dossier.grid import GridPara, remembered
from app.dossier.late import AtPage, LateText
from app.dossier.page import PREVIEW_MARK, Doc
from app.dossier.people import acting_chair_label, chair_blocks, opinion_blocks, recusal_decisions
from app.dossier.typeset import keep
from app.errors import Refused
from app.i18n import tr

__all__ = [
    "BLOCK_H",
    "BLOCK_W",
    "BOTTOM",
    "LEFT",
    "PAGE_H",
    "PAGE_W",
    "PREVIEW_MARK",
    "TOP",
    "acting_chair_label",
    "chair_blocks",
    "opinion_blocks",
    "render",
    "story",
]


def story(data: dict[str, Any]) -> list[Flowable]:
    """The dossier's content as flowables."""
    s = make_styles()
    session = data["session"]
    tally = data["tally"]
    pages: dict[str, int] = data.setdefault("_pages", {})
    archive = data["archive"]

    def section(title: str, where: dict[str, int], style: GridStyle | None = None) -> GridPara:
        heading = para(title, style or s["h1"])
        heading.bookmark = (where, title)
        return heading

    cert_fp = certs.fingerprint(data["signing_cert"])
    out: list[Flowable] = []
    mark = session["classification"]
    if mark:
        out += [para(data["copy_number"], s["copy"]), para(mark, s["mark"])]
    else:
        out += [Spacer(1, 2 * LEADING)]
    out += [Spacer(1, 2 * LEADING), *title_block(session["title"]), para("背靠背会商会审案卷", s["subtitle"])]
    out.append(Spacer(1, LEADING))
    decided = session["decision"]["decided_at"] if session["decision"] else ""
    cover = [
        ["编　　号", session["ref"]],
        ["事项类型", session["kind_label"]],
        ["密　　级", mark or "非密"],
        ["主 持 人", acting_chair_label(session)],
        ["参会部门", f"{len(session['participants'])} 个"],
        ["表决规则", RULES.get(session["rule"], session["rule"])],
        ["决定时间", zoned(data_local(decided))],
        ["归档时间", zoned(data["exported_local"])],
        ["归 档 人", data["exported_by"]],
        ["立档单位", archive["fonds"]],
        ["档　　号", archive["archival_code"]],
        ["保管期限", archive["retention"]],
        ["页　　数", LateText("dossierPages", "共 — 页", lambda: f"共 {data['_page_count']} 页", s["cell"])],
    ]
    if archive["classification_authority"]:
        cover.append(["定密责任人", archive["classification_authority"]])
    out += [*make_table(cover, [35 * mm, BLOCK_W - 35 * mm], s, header=False), PageBreak()]
    out += [section("卷内目录", pages, s["verify"]), Spacer(1, LEADING)]
    rows = [["序号", "题名", "页号"]]
    for number, title in enumerate(CONTENTS, start=1):
        page_of = LateText(f"dossierContents{number}", "—", partial(_page_of, pages, title), s["cell"])
        rows.append([str(number), title, page_of])
    out += [*make_table(rows, [18 * mm, BLOCK_W - 43 * mm, 25 * mm], s), PageBreak()]

    out += [
        section("一、事项与议题", pages),
        para(f"事项：{session['title']}（{keep(session['ref'])}）", s["body"]),
        para(
            f"类型：{session['kind_label']}"
            + ("" if _per_item(session) else f"；可选意见：{'、'.join(session['options'])}")
            + "。",
            s["body"],
        ),
        para(
            f"表决规则：{RULES.get(session['rule'], session['rule'])}"
            f"{'；主持人末位表态计入票数' if session['chair_counts'] else '；主持人表态不计票'}。",
            s["body"],
        ),
    ]
    if session["deadline"]:
        out.append(para(f"截止时间：{zoned(data_local(session['deadline']))}。", s["body"]))
    for item in session["items"]:
        out.append(para(f"议题{item['number']}：{item['text']}", s["body"]))
        if _per_item(session):
            out.append(para(f"可选意见：{'、'.join(item.get('options', []))}。", s["body"]))

    out += [section("二、参会部门与回避情况", pages)]
    rejected = set(tally["rejected"])
    substitutes = {
        r["department"]: r["substitute"]
        for r in data.get("recusal_decisions", [])
        if r["substitute"] and r["round"] == data.get("round")
    }
    rows = [["部门", "评审人", "情况"]]
    for p in session["participants"]:
        dept = p["department"]
        state = (
            "recused"
            if dept in tally["recused"]
            else "absent"
            if dept in tally["absent"]
            else "rejected"
            if dept in rejected
            else "sealed"
        )
        note = STATES[state]
        if state == "recused" and data["recusal_statements"].get(dept):
            note += f"：{data['recusal_statements'][dept]}"
        reviewer = p["reviewer"]
        if dept in substitutes:
            reviewer = f"{substitutes[dept]}（代替{reviewer}）"
        rows.append([dept, reviewer, note])
    out += make_table(rows, [45 * mm, 30 * mm, BLOCK_W - 75 * mm], s)
    out += recusal_decisions(data.get("recusal_decisions", []), s, session)
    holders = "、".join(session["custodians"]) or "无（安全策略允许，仅主持人持有揭封密钥）"
    if session.get("chair_recused"):
        chairs = f"主持人：{session['chair']}（已回避）；副主持人：{session['deputy']}（代行主持人职责）"
    else:
        chairs = f"主持人：{session['chair']}" + (f"；副主持人：{session['deputy']}" if session.get("deputy") else "")
    out.append(para(f"{chairs}；监督员：{holders}。", s["plain"]))
    out += record.paragraphs([record.attendance_line(tally)] if tally.get("attendance") else [], s["body"])

    out += [section("三、办理过程", pages)]
    rows = [["时间（北京时间）", "事项", "操作人"]]
    for e in data["audit"]:
        if e["action"] in ("opinion.read", "tally.read"):
            continue
        what = e["label"] + (f"（{e['details'].get('department')}）" if e["details"].get("department") else "")
        rows.append([e["time"], what, e["actor"]])
    out += make_table(rows, [48 * mm, BLOCK_W - 78 * mm, 30 * mm], s)

    out += [section("四、各部门意见（原文）", pages)]
    header_meta = replace(s["meta"], keep_with_next=True)
    for earlier in data.get("earlier_rounds", []):
        out.append(para(record.round_title(earlier["round"], False), s["h2"]))
        notes = record.round_notes(earlier["tally"].get("round_info"), earlier.get("reason"))
        out += record.paragraphs(notes, s["body"])
        out += opinion_blocks(earlier["opinions"], session, s, header_meta)
    if data.get("earlier_rounds"):
        out.append(para(record.round_title(data["round"], True), s["h2"]))
    out += record.paragraphs(record.round_notes(tally.get("round_info"), None), s["body"])
    out += opinion_blocks(data["opinions"], session, s, header_meta)

    earlier_rounds = data.get("earlier_rounds", [])
    out += tally_section.tally_section(tally, earlier_rounds, s, [section("五、计票结果", pages)])
    out += [section("六、不同意见（如实记录）", pages)]
    out += tally_section.dissent_section(tally, earlier_rounds, data["round"], s)

    out += [section("七、主持人表态（末位表态）", pages)]
    out += chair_blocks(data["opinions"], session, s, header_meta)

    out += [section("八、决定", pages)]
    if session["decision"]:
        d = session["decision"]
        out += [
            para(d["text"], s["body"]),
            *record.paragraphs(record.decision_lines(session), s["body"]),
            para(f"决定人：{d['by']}　决定时间：{zoned(data_local(d['decided_at']))}", s["meta"]),
        ]

    rows = [["部门/职责", "姓名", "签字", "日期"]]
    final_substitutes = {  # who sealed for the department in the final round signs for it
        r["department"]: r["substitute"]
        for r in data.get("recusal_decisions", [])
        if r["substitute"] and r["round"] == data.get("round")
    }
    rows += [
        [p["department"], final_substitutes.get(p["department"], p["reviewer"]), "", ""]
        for p in session["participants"]
    ]
    chair_row = ["代行主持人", session["deputy"]] if session.get("chair_recused") else ["主持人", session["chair"]]
    rows += [[*chair_row, "", ""], ["记录员", data["exported_by"], "", ""]]
    sign_table, snap = make_table(rows, [45 * mm, 28 * mm, 50 * mm, BLOCK_W - 123 * mm], s)
    sign_table.setStyle(
        TableStyle(
            [
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
                ("TOPPADDING", (0, 1), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 10),
            ]
        )
    )
    out += [section("九、签字", pages), sign_table, snap]

    out += [section("十、留痕记录", pages)]
    rows = [["序号", "时间（北京时间）", "操作人", "操作", "哈希（前16位）"]]
    rows += [[str(e["seq"]), e["time"], e["actor"], e["label"], e["hash"][:16]] for e in data["audit"]]
    out += make_table(rows, [14 * mm, 40 * mm, 24 * mm, 38 * mm, BLOCK_W - 116 * mm], s)

    out += [PageBreak(), section("核验页", pages, s["verify"]), Spacer(1, LEADING)]
    out += [
        para(
            f"本案卷由会审工作站于 {zoned(data['exported_local'])}生成，份号 {data['copy_number']}。"
            "全文以PAdES格式数字签名，签名覆盖整个文件；文件内嵌机器可读的核验清单（huishen-manifest.json），"
            "同受签名保护。任何改动（包括追加修订）都会使签名核验失败。",
            s["body"],
        ),
        para(f"工作站身份指纹：{grouped(data['workstation']) or '未记录'}", s["meta"]),
        para(f"存储库标识：{data['store_id']}", s["meta"]),
        para(f"签名证书指纹（SHA-256）：\n{hash_groups(cert_fp.replace(':', ''))}", s["meta"]),
        para(f"留痕链头：第 {data['chain_head']['seq']} 条\n{hash_groups(data['chain_head']['hash'])}", s["meta"]),
        para(f"导出时留痕链核验：{'通过' if data['chain_ok'] else '未通过'}。", s["meta"]),
    ]
    rows = [["部门", "承诺指纹", "签名者身份指纹"]]
    rows += [
        [o["department"] or "主持人", grouped(o["fingerprint"]), grouped(o["signer_fingerprint"])]
        for o in data["opinions"]
    ]
    out += make_table(rows, [32 * mm, (BLOCK_W - 32 * mm) / 2, (BLOCK_W - 32 * mm) / 2], s)
    out += [
        para("核验方法：", s["h2"]),
        para("1. 在任一标准PDF阅读器中查看签名面板，或运行 pdfsig 文件名；", s["plain"]),
        para(
            "2. 运行 huishen dossier verify 文件名 --trust CA证书.pem --crl 现行证书吊销列表，核验签名、证书链、"
            "吊销状态及完整覆盖，并逐段核对各部门意见、计票与决定；",
            s["plain"],
        ),
        para("3. 在保存原始存储库的工作站上以记录员或审计员身份运行上述命令，逐项比对各指纹与留痕链头。", s["plain"]),
    ]
    out += [PageBreak(), AtPage(remarks.made_at(data, s, pages, _check_coverage))]
    return out


# 卷内目录: every section, in order, as headed in the dossier.
CONTENTS = (
    "卷内目录",
    "一、事项与议题",
    "二、参会部门与回避情况",
    "三、办理过程",
    "四、各部门意见（原文）",
    "五、计票结果",
    "六、不同意见（如实记录）",
    "七、主持人表态（末位表态）",
    "八、决定",
    "九、签字",
    "十、留痕记录",
    "核验页",
    "卷内备考表",
)


def render(data: dict[str, Any]) -> bytes:
    """The unsigned PDF, laid out and drawn once: the cover's page count and the 卷内目录's page numbers are
    forms defined after the layout, the 卷内备考表 is made when the layout reaches it (``late``)."""
    use(data.get("fonts"))
    data["_pages"], data["_page_count"] = {}, None
    buffer = BytesIO()
    with remembered():  # a text is broken into lines once (the 备考表 is also laid out alone)
        flowables = story(data)
        _check_coverage(flowables)
        count = Doc(buffer, data).draw(flowables, data, _check_coverage)
    missing = [title for title in CONTENTS if title not in data["_pages"]]
    assert not missing, missing
    data["archive"]["pages"] = count
    data["archive"]["contents"] = [{"title": t, "page": data["_pages"][t]} for t in CONTENTS]
    return buffer.getvalue()


def _check_coverage(flowables: list[Flowable], covered: set[tuple[str, str]] | None = None) -> None:
    """Refuses when a font lacks a character to print; ``covered`` (font, text) found whole by an earlier pass
    of the same rendering (the same faces) is not looked at again, and gains what this pass finds whole."""
    seen = covered if covered is not None else set()
    texts = {(f.font, f.getPlainText()) for f in _walk(flowables)} - seen
    missing = sorted({ch for font, text in texts for ch in covers(font, text)})
    if missing:
        raise Refused(
            tr(
                "The dossier font lacks characters {chars}; the export was stopped so that no character is lost."
            ).format(chars="".join(missing[:20]))
        )
    seen |= texts


def compose(data: dict[str, Any], flowables: list[Flowable]) -> bytes:
    """``flowables`` laid out on the dossier's pages (header, page numbers) as a PDF."""
    from app.dossier.fonts import register

    register()
    buffer = BytesIO()
    Doc(buffer, data).build(flowables)
    return buffer.getvalue()


def _walk(flowables: list[Any]) -> list[Any]:
    """Every text flowable, inside tables and keep-together groups too (for the font-coverage check)."""
    found: list[Any] = []
    for f in flowables:
        if isinstance(f, GridPara):
            found.append(f)
        elif isinstance(f, KeepTogether):
            found += _walk(list(f._content))
        elif hasattr(f, "_cellvalues"):
            found += _walk([c for row in f._cellvalues for c in row])
        elif isinstance(f, list | tuple):
            found += _walk(list(f))
    return found


def _page_of(pages: dict[str, int], title: str) -> str:
    return str(pages[title])


def _per_item(session: dict[str, Any]) -> bool:
    """Whether the items have options of their own (案件审理: 定性, 党纪处分, 政务处分, 移送审查起诉)."""
    return any(item.get("options", session["options"]) != session["options"] for item in session["items"])
