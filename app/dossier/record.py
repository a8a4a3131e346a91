"""What the dossier prints of the record (issue 14 items 1–3, 7): every round with its tally, recusals, absentees,
dissent and the reason it was closed early or superseded; how 应到 is made up and the threshold a motion needed;
a decision departing from the tally, flagged with its reason; late seals."""

from __future__ import annotations

from typing import Any

from app.dossier.elements import OUTCOMES, cn_number, para

QUORUM = {"majority": "过半数", "two-thirds": "三分之二以上"}


def attendance_line(tally: dict[str, Any]) -> str:
    """应到的构成与出席法定人数."""
    a = tally.get("attendance")
    if not a:
        return ""
    chair = "＋主持人1人" if a["chair"] else "（主持人表态不计票）"
    state = "已达到" if a["reached"] else "未达到"
    return (
        f"应到会{a['original']}人（参会部门{a['departments']}个{chair}）；回避{a['recused']}个，"
        f"参加表决{a['expected']}人；实到{a['present']}人。出席法定人数须达应到会人数的"
        f"{QUORUM.get(a['rule'], a['rule'])}（不少于{a['required']}人），{state}。"
    )


def round_title(number: int, final: bool) -> str:
    return f"第{cn_number(number)}轮" + ("（最终轮，据以决定）" if final else "（已被新一轮取代）")


def round_notes(info: dict[str, Any] | None, superseded: str | None) -> list[str]:
    """Why the round opened, closed early, or was superseded."""
    out = []
    info = info or {}
    if info.get("reason"):
        out.append(f"另开本轮的理由：{info['reason']}")
    if info.get("close_reason"):
        out.append(f"本轮提前截止征集，理由：{info['close_reason']}")
    if superseded:
        out.append(f"本轮揭封后未作决定，另开新一轮，理由：{superseded}")
    return out


def item_lines(tally: dict[str, Any], item: dict[str, Any]) -> list[str]:
    """Threshold, split, decision and flag of one item."""
    out = []
    if item.get("needed"):
        out.append(f"通过所需票数：{item['needed']}票。")
    if item.get("split"):
        counts = "，".join(f"{k}{v}票" for k, v in item["counts"].items() if v)
        out.append(f"未形成多数意见（意见分散：{counts}），不视为任何一方的不同意见。")
    if item.get("decided_option"):
        out.append(f"决定采纳：{item['decided_option']}。")
    if item.get("departs"):
        reason = (tally.get("decision") or {}).get("reason", "")
        basis = "未形成多数意见" if item["outcome"] == "no_majority" else f"计票通过“{item['passed_option']}”"
        out.append(f"【决定与计票结果不一致】{basis}，决定采纳“{item['decided_option']}”。主持人书面理由：{reason}")
    return out


def tally_summary(tally: dict[str, Any], prefix: str = "") -> list[str]:
    """A round's tally in lines: counts, outcome, threshold, recusals, absentees, late seals, dissent."""
    out = []
    for item in tally["items"]:
        counts = "，".join(f"{k}{v}票" for k, v in item["counts"].items())
        outcome = OUTCOMES[item["outcome"]].format(option=item["passed_option"])
        out.append(
            f"{prefix}议题{item['item']}：{counts}；应到会{item['expected']}，实际表态{item['cast']}；结果：{outcome}。"
        )
        out += item_lines(tally, item)
        for d in item["dissent"]:
            out.append(f"不同意见：{_who(d)}（{d['position']}）。")
    if tally.get("recused"):
        out.append(f"回避：{'、'.join(tally['recused'])}。")
    if tally.get("absent"):
        out.append(f"缺席：{'、'.join(tally['absent'])}。")
    out += late_lines(tally)
    line = attendance_line(tally)
    if line:
        out.append(line)
    return out


def late_lines(tally: dict[str, Any]) -> list[str]:
    if tally.get("late"):
        return [f"【逾期密封】{'、'.join(chair_label(x) for x in tally['late'])}于截止时间后密封意见（已接收并标注）。"]
    return []


def dissent_lines(tally: dict[str, Any]) -> list[str]:
    """Section 六 of one round: dissent against the decision (or the passed option), splits described as such."""
    out = []
    for item in tally["items"]:
        if item.get("split"):
            counts = "，".join(f"{k}{v}票" for k, v in item["counts"].items() if v)
            out.append(f"议题{item['item']}未形成多数意见：{counts}。")
        for d in item["dissent"]:
            out.append(f"议题{item['item']}，{_who(d)}（{d['position']}）：{d['reasoning']}")
    return out


def decision_lines(session: dict[str, Any]) -> list[str]:
    """The decision's basis: options adopted and, where it departs from the tally, the flagged reason."""
    decision = session.get("decision") or {}
    basis = decision.get("basis") or {}
    out = []
    adopted = basis.get("adopted") or {}
    if adopted:
        out.append("决定采纳：" + "；".join(f"议题{k}“{v}”" for k, v in sorted(adopted.items())) + "。")
    if basis.get("departs"):
        items = "、".join(str(i) for i in basis["departs"])
        out.append(f"【决定与计票结果不一致】议题{items}。主持人书面理由（已签名）：{basis.get('reason', '')}")
    return out


def chair_label(name: str | None) -> str:
    """The chair as the dossier names it (the tally names the chair in the reader's language)."""
    from app.i18n import tr

    return "主持人" if not name or name == tr("chair") else str(name)


def paragraphs(lines: list[str], style: Any) -> list[Any]:
    return [para(line, style) for line in lines]


def _who(dissent: dict[str, Any]) -> str:
    return "主持人（已表态，与决定不一致）" if dissent.get("is_chair") else str(dissent["department"])
