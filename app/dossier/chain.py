"""Whether the audit chain holds, for a dossier: from this account's verified checkpoint, not from entry 1.

Re-verifying the whole store at every export made its cost grow with the log (58 s of 63 at 100,000 entries).
The checkpoint is the one the store already trusts: the head this account verified, pinned in its own key slot
(app/anchor.py: encrypted and authenticated under the account key, which an insider holding only the database
key cannot forge).  At sign-in the registry was replayed against it (hash links up to it, signatures after,
app/trust.py); here it is brought to the log's head with every newer entry checked in full
(:func:`registry.catch_up`).  The entries the dossier prints, old or new, are then verified again one by one
(their hash, their link to the entry before them, their signature by a key the signed log gives their actor),
and the session's rows against its signed facts, so a row changed after sign-in is still caught.  The cost
depends on the entries since sign-in and on the session's own entries, never on the length of the log.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts, registry
from app.context import AccountContext
from app.identity import fingerprint_of
from models import AuditEntry, Identity, ReviewSession


def entry_holds(db: Session, reg: registry.Registry, entry: AuditEntry) -> bool:
    """One entry by itself: within the verified log, unaltered, linked to the one before, signed by its actor."""
    if entry.seq > reg.seq:
        return False
    digest = audit.entry_hash(
        entry.seq, entry.ts, entry.actor, entry.action, entry.object, entry.details, entry.prev_hash
    )
    if digest != entry.hash:
        return False
    before = db.get(AuditEntry, entry.seq - 1) if entry.seq > 1 else None
    if entry.prev_hash != (before.hash if before is not None else audit.GENESIS):
        return False
    if entry.seq == reg.seq and entry.hash != reg.head:
        return False
    ident = db.get(Identity, entry.identity_id)
    if ident is None:
        return False
    fp = fingerprint_of(ident.sign_public, ident.kem_public)
    if entry.seq > 1 and not reg.signed_by(entry.actor, fp):
        return False
    from app.crypto import provider

    return provider().verify(ident.sign_public, entry.signature, audit.signed_bytes(entry.hash))


# The records of a read, which the export writes itself after the session's check; the signed facts do not depend
# on them (app/facts_replay.py has no rule for them: tests/test_dossier_statements.py).
READS = ("opinion.read", "tally.read")


@dataclass(frozen=True)
class Verified:
    """The session's verdict (its problems) at one point of a transaction, and the database as it was then."""

    session_id: int
    problems: tuple[str, ...]
    seq: int  # the registry's, which the verdict was made at
    version: int  # PRAGMA data_version: another connection's commit changes it
    changes: int  # the connection's total_changes: every row this connection wrote since, a trigger's included


def verified(db: Session, ctx: AccountContext, session: ReviewSession) -> Verified | None:
    """The session's verdict now (the remembered one while nothing was written: app/facts_cache.py), or None where
    the connection cannot tell what was written after (no ``total_changes``)."""
    problems = tuple(facts.check_session(db, ctx.registry, session, ctx.store.slots.store_id))
    state = _database(db)
    return None if state is None else Verified(session.id, problems, ctx.registry.seq, *state)


def _database(db: Session) -> tuple[int, int] | None:
    db.flush()
    conn = db.connection()
    changes = getattr(conn.connection.dbapi_connection, "total_changes", None)
    if changes is None:
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one()), int(changes)


def only_reads_since(db: Session, ctx: AccountContext, before: Verified) -> bool:
    """Whether all this transaction wrote since ``before`` is the export's own records of its reads: no other
    connection committed, no row was written but the log entries appended since, and each of those is this
    account's record of a read of this session, linked into the chain and signed by its own key.  The session's
    rows, its signed facts and the schema (no foreign trigger: the full check refuses one) are then as ``before``
    saw them, and so is its verdict."""
    reg = ctx.registry
    now = _database(db)
    if now is None or now[0] != before.version:
        return False
    since = list(db.scalars(select(AuditEntry).where(AuditEntry.seq > before.seq).order_by(AuditEntry.seq)))
    if now[1] - before.changes != len(since):
        return False
    return all(
        e.actor == ctx.name
        and e.identity_id == ctx.actor.identity_id
        and e.action in READS
        and e.object == f"session:{before.session_id}"
        and entry_holds(db, reg, e)
        for e in since
    )


def holds(
    db: Session,
    ctx: AccountContext,
    session: ReviewSession,
    entries: list[AuditEntry],
    before: Verified | None = None,
) -> bool:
    """The chain from this account's checkpoint to the head, the dossier's entries and the session's facts
    (``before``: the session's verdict earlier in this transaction, reused when only the export's records of its
    reads were written since: :func:`only_reads_since`; otherwise checked again in full)."""
    reg = ctx.registry
    try:
        registry.catch_up(db, reg)
    except registry.RegistryBroken:
        return False
    if reg.broken is not None:
        return False
    if before is not None and before.session_id == session.id and only_reads_since(db, ctx, before):
        if before.problems:
            return False
    elif facts.check_session(db, reg, session, ctx.store.slots.store_id):
        return False
    # The signers' identities in one query: entry_holds finds them in the session's identity map (which holds
    # them only while referenced) instead of one lookup each.
    signers = list(db.scalars(select(Identity).where(Identity.id.in_({e.identity_id for e in entries}))))
    held = all(entry_holds(db, reg, e) for e in entries)
    del signers
    return held
