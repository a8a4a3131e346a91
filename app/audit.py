"""The audit chain (全程留痕): hash-chained entries, each signed by the acting identity.

Someone holding the database key but not the other accounts' passphrases may
edit rows (after dropping the append-only triggers), but cannot recompute
valid signatures, so :func:`verify` names the first entry that was changed,
removed or moved.  Each identity that signs must have been registered by an
earlier entry (account creation) signed in turn by a registered identity, so a
swapped public key is caught as well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.canonical import canonical_json
from app.crypto import provider
from app.i18n import tr
from app.identity import fingerprint_of
from models import Account, AuditEntry, Identity
from models.base import UTCDateTime, utcnow

GENESIS = "0" * 64
_SIGN_DOMAIN = b"huishen-audit/1|"
_TS = UTCDateTime()


@dataclass(frozen=True)
class Actor:
    """Who acts: an account (or the workstation) and the key that signs for it."""

    name: str
    identity_id: int
    sign_private: bytes


def entry_hash(seq: int, ts: datetime, actor: str, action: str, obj: str, details: str, prev_hash: str) -> str:
    """SHA-256 over the canonical form of one entry's fields."""
    fields = {
        "seq": seq,
        "ts": _TS.process_bind_param(ts, None),  # type: ignore[arg-type]
        "actor": actor,
        "action": action,
        "object": obj,
        "details": details,
        "prev": prev_hash,
    }
    return provider().hash(canonical_json(fields)).hex()


def append(db: Session, actor: Actor, action: str, obj: str, details: dict[str, Any] | None = None) -> AuditEntry:
    """Append one signed entry; call inside the transaction that makes the change."""
    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    ts = utcnow()
    if last is not None and ts < last.ts:
        ts = last.ts  # a clock step backwards must not reorder the chain
    details_text = canonical_json(details or {}).decode("utf-8")
    digest = entry_hash(seq, ts, actor.name, action, obj, details_text, prev)
    signature = provider().sign(actor.sign_private, _SIGN_DOMAIN + digest.encode())
    entry = AuditEntry(
        seq=seq,
        ts=ts,
        actor=actor.name,
        action=action,
        object=obj,
        details=details_text,
        prev_hash=prev,
        hash=digest,
        signature=signature,
        identity_id=actor.identity_id,
    )
    db.add(entry)
    db.flush()
    return entry


@dataclass(frozen=True)
class AuditReport:
    """The outcome of :func:`verify`: entries checked, and the first problem if any."""

    count: int
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(db: Session, progress: Any = None) -> AuditReport:
    """Walk the whole chain; report the first entry that is missing, moved, altered or forged.

    ``progress``, if given, is called with (done, total) now and then.
    """
    crypto = provider()
    identities = {row.id: row for row in db.scalars(select(Identity))}
    names = {row.id: row.name for row in db.scalars(select(Account))}
    total = db.scalar(select(func.count()).select_from(AuditEntry)) or 0
    registered: set[str] = set()
    prev_hash = GENESIS
    expected = 1
    count = 0
    for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(500):
        if entry.seq != expected:
            return AuditReport(
                count, expected, tr("entry {seq} is missing (removed or renumbered)").format(seq=expected)
            )
        if entry.prev_hash != prev_hash:
            return AuditReport(
                count,
                entry.seq,
                tr("entry {seq} does not follow entry {prev} (reordered or removed)").format(
                    seq=entry.seq, prev=entry.seq - 1
                ),
            )
        digest = entry_hash(
            entry.seq, entry.ts, entry.actor, entry.action, entry.object, entry.details, entry.prev_hash
        )
        if digest != entry.hash:
            return AuditReport(count, entry.seq, tr("entry {seq} was altered").format(seq=entry.seq))
        ident = identities.get(entry.identity_id)
        if ident is None or not crypto.verify(ident.sign_public, entry.signature, _SIGN_DOMAIN + digest.encode()):
            return AuditReport(count, entry.seq, tr("entry {seq} has an invalid signature").format(seq=entry.seq))
        owner = names.get(ident.account_id) if ident.account_id is not None else "workstation"
        if owner != entry.actor:
            return AuditReport(
                count, entry.seq, tr("entry {seq} is signed by another account's key").format(seq=entry.seq)
            )
        fp = fingerprint_of(ident.sign_public, ident.kem_public)
        try:
            new_keys = set(json.loads(entry.details).get("registers", []))
        except (ValueError, AttributeError):
            return AuditReport(count, entry.seq, tr("entry {seq} has unreadable details").format(seq=entry.seq))
        if fp not in registered and not (entry.seq == 1 and fp in new_keys):
            return AuditReport(
                count, entry.seq, tr("entry {seq} is signed by an unregistered key").format(seq=entry.seq)
            )
        registered |= new_keys
        prev_hash = entry.hash
        expected += 1
        count += 1
        if progress is not None and count % 200 == 0:
            progress(count, total)
    return AuditReport(count)
