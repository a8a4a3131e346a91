"""When the store was last backed up, from the signed log, and whether the administrator should be reminded.

The policy ``backup_reminder_days`` (set by the security officer) says how old the last backup may be. A store
never backed up counts from its creation. The dates come from signed ``backup.create`` and ``store.init``
entries, not from files on disk: a backup file can be copied or deleted anywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import policy
from app.context import AccountContext
from app.permissions import Operation
from models import AuditEntry
from models.base import utcnow


def _aware(ts: datetime) -> datetime:
    from datetime import UTC

    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


def status(ctx: AccountContext, now: datetime | None = None) -> dict[str, Any]:
    """The last backup (time, file digest), days since, the policy's limit and whether a reminder is due."""
    ctx.require(Operation.STORE_BACKUP)
    now = _aware(now or utcnow())
    with ctx.store.transaction() as db:
        limit = policy.load(db).backup_reminder_days
        last = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "backup.create").order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        since = last
        if since is None:
            since = db.scalars(select(AuditEntry).order_by(AuditEntry.seq).limit(1)).first()
        last_ts = _aware(last.ts) if last is not None else None
        since_ts = _aware(since.ts) if since is not None else now
        last_by = last.actor if last is not None else None
    days = max(0, (now - since_ts).days)
    return {
        "last_backup": last_ts.isoformat().replace("+00:00", "Z") if last_ts else None,
        "last_by": last_by,
        "days": days,
        "never": last_ts is None,
        "reminder_days": limit,
        "due": days >= limit,
    }
