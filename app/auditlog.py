"""Audit-log services for the auditor: list entries, verify the chain."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import audit
from app.context import AccountContext
from app.permissions import Operation
from models import AuditEntry


def entry_dict(entry: AuditEntry) -> dict[str, Any]:
    """A plain form of one entry."""
    return {
        "seq": entry.seq,
        "ts": entry.ts.isoformat().replace("+00:00", "Z"),
        "actor": entry.actor,
        "action": entry.action,
        "object": entry.object,
        "details": json.loads(entry.details),
        "hash": entry.hash,
    }


def list_entries(
    ctx: AccountContext,
    since: datetime | None = None,
    actor: str | None = None,
    action: str | None = None,
    obj: str | None = None,
    limit: int | None = None,
    before: int | None = None,
) -> list[dict[str, Any]]:
    """Entries matching the filters, newest last (``limit`` keeps the newest; ``before`` a sequence number: only
    older entries — the next page back, by key, so a page costs the same however long the log is)."""
    ctx.require(Operation.AUDIT_LIST)
    query = select(AuditEntry)
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    if since is not None:
        query = query.where(AuditEntry.ts >= since)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    if obj:
        query = query.where(AuditEntry.object == obj)
    query = query.order_by(AuditEntry.seq.desc())
    if limit:
        query = query.limit(limit)
    with ctx.store.transaction() as db:
        rows = [entry_dict(e) for e in db.scalars(query)]
    rows.reverse()
    return rows


def verify_chain(ctx: AccountContext, progress: Callable[[int, int], None] | None = None) -> audit.AuditReport:
    """Verify the whole store: the chain, every signature and entitlement, and every signed fact.

    Also checks that the log still reaches the newest head this account saw
    (kept in its own key slot), so a log cut back is reported.
    """
    from app import anchor, keyslots

    ctx.require(Operation.AUDIT_VERIFY)
    try:
        pinned = anchor.read(keyslots.load(ctx.store.directory), ctx.name, ctx.account_key)
    except anchor.AnchorDamaged:
        pinned = None
    head = (pinned.seq, pinned.head) if pinned is not None else None
    with ctx.store.transaction() as db:
        report = audit.verify(db, progress, anchor_head=head)
    # Every page's HMAC, including pages no check above happened to read.
    from dataclasses import replace

    from app.backup import check_store_integrity

    damaged = check_store_integrity(ctx.store.directory, ctx.store.db_key)
    if damaged:
        report = replace(report, problems=(*report.problems, *(f"cipher_integrity_check: {p}" for p in damaged[:20])))
    return report
