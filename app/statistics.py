"""Quality statistics per department (质效可评价): sessions, on-time rate, dissent rate, reasoning length, flags."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from app import audit
from app.context import AccountContext
from app.opinion_form import real_text
from app.sessions import views


def per_department(ctx: AccountContext) -> list[dict[str, Any]]:
    """One row per department over the revealed rounds this account may read; the read is recorded."""
    data = views.revealed_rounds(ctx)
    acc: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "sessions": set(),
            "opinions": 0,
            "on_time": 0,
            "with_deadline": 0,
            "dissent": 0,
            "length": 0,
            "flags": 0,
            "recused": 0,
            "absent": 0,
        }
    )
    for info, tally, rows in data:
        deadline: datetime | None = info["deadline"]
        for dept in info["participants"]:
            acc[dept]["sessions"].add(info["id"])
        for row in rows:
            if row["is_chair"] or not row["valid"]:
                continue
            a = acc[row["department"]]
            a["opinions"] += 1
            a["length"] += len(real_text(row["opinion"]["reasoning"]))
            if deadline is not None:
                a["with_deadline"] += 1
                if datetime.fromisoformat(row["sealed_at"]) <= deadline:
                    a["on_time"] += 1
        for item in tally["items"]:
            for d in item["dissent"]:
                if not d.get("is_chair"):
                    acc[d["department"]]["dissent"] += 1
        for pair in tally["near_duplicates"]:
            acc[pair["a"]]["flags"] += 1
            acc[pair["b"]]["flags"] += 1
        for dept in tally["recused"]:
            acc[dept]["recused"] += 1
        for dept in tally["absent"]:
            acc[dept]["absent"] += 1
    rows_out = []
    for dept, a in sorted(acc.items()):
        items = max(a["opinions"], 1)
        rows_out.append(
            {
                "department": dept,
                "sessions": len(a["sessions"]),
                "opinions": a["opinions"],
                "on_time_percent": round(100 * a["on_time"] / a["with_deadline"]) if a["with_deadline"] else None,
                "dissent_percent": round(100 * a["dissent"] / items) if a["opinions"] else 0,
                "avg_reasoning_chars": round(a["length"] / items) if a["opinions"] else 0,
                "near_duplicate_flags": a["flags"],
                "recused": a["recused"],
                "absent": a["absent"],
            }
        )
    with ctx.store.transaction() as db:
        audit.append(db, ctx.actor, "statistics.read", "statistics", {"rounds": len(data)})
    return rows_out


def deadline_counts(ctx: AccountContext) -> dict[str, int]:
    """Sessions overdue and due soon (policy ``deadline_warning_days``), in all and per stage before DECIDED."""
    from app import deadlines

    return deadlines.counts(views.list_sessions(ctx))
