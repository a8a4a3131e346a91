"""The lines the tally command adds for the record (issue 14): round, attendance, threshold, decision, late."""

from __future__ import annotations

from typing import Any

from app import quorum
from app.i18n import tr


def round_header(t: dict[str, Any]) -> list[str]:
    info = t.get("round_info") or {}
    lines = []
    if t.get("is_final_round"):
        lines.append(tr("Round {n} of {count} — the final round").format(n=t["round"], count=t["round_count"]))
    else:
        lines.append(tr("Round {n} of {count} — superseded").format(n=t["round"], count=t["round_count"]))
    if info.get("reason"):
        lines.append(tr("Opened again because: {v}").format(v=info["reason"]))
    if info.get("close_reason"):
        lines.append(tr("Closed early because: {v}").format(v=info["close_reason"]))
    if t.get("superseded_reason"):
        lines.append(tr("Superseded by a new round because: {v}").format(v=t["superseded_reason"]))
    lines.append(quorum.describe(t["attendance"]))
    return lines


def item_lines(t: dict[str, Any], item: dict[str, Any]) -> list[str]:
    lines = []
    if item.get("needed") is not None:
        lines.append(tr("  Needed to pass: {n} votes").format(n=item["needed"]))
    if item.get("split"):
        lines.append(
            tr("  Split, no majority formed: {v}").format(
                v=", ".join(f"{o} {n}" for o, n in item["counts"].items() if n)
            )
        )
    if item.get("decided_option"):
        lines.append(tr("  Decision adopts: {v}").format(v=item["decided_option"]))
    if item.get("departs"):
        lines.append(
            tr("  FLAG: the decision departs from the tally — reason: {v}").format(
                v=(t.get("decision") or {}).get("reason", "")
            )
        )
    return lines


def footer(t: dict[str, Any]) -> list[str]:
    if t.get("late"):
        return [tr("LATE seals (after the deadline): {v}").format(v=", ".join(t["late"]))]
    return []
