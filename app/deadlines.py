"""Time limits (issue 14 item 7): overdue at every stage before DECIDED, a warning some days ahead, late seals.

The session's deadline is the time limit of the whole matter: it is overdue while collecting, sealed but not
revealed, or revealed but not decided once the deadline has passed.  A warning is raised ``deadline_warning_days``
(a signed security policy) before it.  An opinion sealed after the deadline is accepted and flagged as late; its
``sealed_at`` is signed with the envelope and the deadline with the session's definition, so the flag holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from app.i18n import tr
from models.base import utcnow

# Stages before DECIDED at which a session can be overdue.
OPEN_STAGES = ("collecting", "sealed", "revealed")
OVERDUE = "overdue"
WARNING = "warning"


def state(status: str, deadline: datetime | None, warning_days: int, now: datetime | None = None) -> str | None:
    """``overdue``, ``warning`` (due within ``warning_days``) or None."""
    if deadline is None or status not in OPEN_STAGES:
        return None
    now = now or utcnow()
    if now > deadline:
        return OVERDUE
    if warning_days > 0 and deadline - now <= timedelta(days=warning_days):
        return WARNING
    return None


def stage_label(status: str) -> str:
    return {
        "collecting": tr("opinions not all sealed"),
        "sealed": tr("sealed, not revealed"),
        "revealed": tr("revealed, not decided"),
    }.get(status, status)


def is_late(sealed_at: str | datetime | None, deadline: datetime | None) -> bool:
    """Sealed after the deadline."""
    if sealed_at is None or deadline is None:
        return False
    when = datetime.fromisoformat(sealed_at) if isinstance(sealed_at, str) else sealed_at
    return when > deadline


def late_departments(rows: Iterable[dict[str, Any]], deadline: datetime | None) -> list[str]:
    """Departments (or the chair) whose envelope was sealed after the deadline."""
    return sorted((r.get("department") or tr("chair")) for r in rows if is_late(r.get("sealed_at"), deadline))


def counts(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Overdue and warning counts over session summaries (each with ``deadline_state``), by stage."""
    out = {"overdue": 0, "warning": 0}
    for row in rows:
        flag = row.get("deadline_state")
        if flag in out:
            out[flag] += 1
            key = f"{flag}_{row['status']}"
            out[key] = out.get(key, 0) + 1
    return out
