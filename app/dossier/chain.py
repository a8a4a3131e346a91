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


def holds(db: Session, ctx: AccountContext, session: ReviewSession, entries: list[AuditEntry]) -> bool:
    """The chain from this account's checkpoint to the head, the dossier's entries and the session's facts."""
    reg = ctx.registry
    try:
        registry.catch_up(db, reg)
    except registry.RegistryBroken:
        return False
    if reg.broken is not None:
        return False
    if facts.check_session(db, reg, session, ctx.store.slots.store_id):
        return False
    return all(entry_holds(db, reg, e) for e in entries)
