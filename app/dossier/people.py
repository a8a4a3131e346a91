"""The people in the dossier: each department's revealed opinion (section 四) and the chair's position (七) —
shared with ``dossier verify``, which rebuilds both from the signed proofs (``blocks``) — the chair as the cover
names them, and the recusal requests with their decisions (section 二)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from app.dossier.data import zoned
from app.dossier.elements import GridStyle, cn_number, data_local, grouped, opinion_paragraphs, para


def opinion_blocks(
    opinions: list[dict[str, Any]], session: dict[str, Any], s: dict[str, GridStyle], header_meta: GridStyle
) -> list[Flowable]:
    """Each department's revealed opinion of one round, verbatim, headed by who sealed it when."""
    out: list[Flowable] = []
    n = 0
    for o in opinions:
        if o["is_chair"]:
            continue
        n += 1
        out += [
            para(f"（{cn_number(n)}）{o['department']}　评审人：{o['author']}", s["h2"]),
            para(
                f"密封时间：{zoned(data_local(o['sealed_at']))}\n承诺指纹：{grouped(o['fingerprint'])}\n"
                f"签名者身份指纹：{grouped(o['signer_fingerprint'])}",
                header_meta,
            ),
        ]
        if not o["valid"]:
            out.append(para(f"该密封意见验证未通过（{o['problem']}），已排除，不计入计票。", s["body"]))
            continue
        out += opinion_paragraphs(o["opinion"], session, s)
    return out


def chair_blocks(
    opinions: list[dict[str, Any]], session: dict[str, Any], s: dict[str, GridStyle], header_meta: GridStyle
) -> list[Flowable]:
    """Section 七: the chair's valid position, verbatim (dossier verify rebuilds it from the signed proofs)."""
    out: list[Flowable] = []
    for o in opinions:
        if o["is_chair"] and o["valid"]:
            when = zoned(data_local(o["sealed_at"]))
            # The deputy acting in the recused chair's place (dossier verify knows the chair from the signed
            # definition, so it rebuilds the same label).
            acting = bool(session.get("chair")) and o["author"] != session["chair"]
            role = "代行主持人（副主持人）" if acting else "主持人"
            head = f"{role} {o['author']} 于 {when} 表态\n承诺指纹：{grouped(o['fingerprint'])}"
            out += [para(head, header_meta), *opinion_paragraphs(o["opinion"], session, s)]
    return out


def acting_chair_label(session: dict[str, Any]) -> str:
    """The chair, or — the chair's recusal approved — the deputy chair acting in their place."""
    if session.get("chair_recused"):
        return f"{session['deputy']}（副主持人，代行主持人职责；主持人{session['chair']}已回避）"
    return str(session["chair"])


def recusal_decisions(rows: list[dict[str, Any]], s: dict[str, Any], session: dict[str, Any]) -> list[Any]:
    """Each recusal request with the chair's decision (回避申请及决定), in round order; the chair's own request
    with the deputy chair's decision."""
    out: list[Any] = []
    for r in rows:
        if r.get("chair"):
            out.append(para(_chair_recusal(r), s["plain"]))
            continue
        if r["state"] == "approved":
            verdict = "准予回避" + (f"，由{r['substitute']}代为评审" if r["substitute"] else "")
        elif r["state"] == "refused":
            verdict = "不予回避"
        else:
            verdict = "尚未决定"
        reason = f"；理由：{r['reason']}" if r.get("reason") else ""
        by = f"（{r['decided_by']}）" if r.get("decided_by") else ""
        acting = session.get("chair_recused") and r.get("decided_by") == session.get("deputy")
        decider = "代行主持人" if acting else "主持人"
        out.append(
            para(
                f"回避申请（第{cn_number(r['round'])}轮）：{r['department'] or '监督员'}（{r['reviewer']}）"
                f"{'：' + r['statement'] if r.get('statement') else ''}。{decider}决定{by}：{verdict}{reason}。",
                s["plain"],
            )
        )
    return out


def _chair_recusal(r: dict[str, Any]) -> str:
    """The chair's own recusal request and the deputy chair's decision."""
    if r["state"] == "approved":
        verdict = f"准予回避，由副主持人{r['substitute']}代行主持人职责"
    elif r["state"] == "refused":
        verdict = "不予回避"
    else:
        verdict = "尚未决定"
    reason = f"；理由：{r['reason']}" if r.get("reason") else ""
    by = f"（{r['decided_by']}）" if r.get("decided_by") else ""
    statement = f"：{r['statement'].rstrip('。')}" if r.get("statement") else ""
    return (
        f"回避申请（第{cn_number(r['round'])}轮）：主持人（{r['reviewer']}）{statement}。"
        f"副主持人决定{by}：{verdict}{reason}。"
    )


__all__ = ["acting_chair_label", "chair_blocks", "opinion_blocks", "recusal_decisions"]
