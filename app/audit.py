"""The audit chain (全程留痕): hash-chained entries, each signed by the acting identity.

Someone holding the database key but not the other accounts' passphrases may
edit rows (after dropping the append-only triggers), but cannot recompute
valid signatures, so :func:`verify` names the first entry that was changed,
removed or moved.  Each identity that signs must have been registered by an
earlier entry (account creation) signed in turn by a registered identity, so a
swapped public key is caught as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.canonical import canonical_json
from app.crypto import provider
from app.i18n import tr
from models import AuditEntry
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
    last = _appended_here(db)
    if last is None:
        # Not flushed first: entries are flushed as they are appended (below), so nothing pending changes the head;
        # the caller's other pending rows go in the one flush below.
        with db.no_autoflush:
            last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    ts = utcnow()
    if last is not None and ts < last.ts:
        ts = last.ts  # a clock step backwards must not reorder the chain
    details_text = canonical_json(details or {}).decode("utf-8")
    digest = entry_hash(seq, ts, actor.name, action, obj, details_text, prev)
    signature = provider().sign(actor.sign_private, signed_bytes(digest))
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
    if db.in_nested_transaction():
        db.info.pop(_HEAD, None)
    else:
        db.info[_HEAD] = (db.get_transaction(), entry)
    return entry


_HEAD = "huishen_audit_head"


def note_head(db: Session, entry: AuditEntry) -> None:
    """Remember ``entry``, just read as the log's last entry in this transaction, as the chain's head
    (app.registry.catch_up reads it anyway), so this transaction's first append does not read it again.
    Not inside a savepoint, whose rollback could take the head away."""
    if not db.in_nested_transaction():
        db.info[_HEAD] = (db.get_transaction(), entry)


def _appended_here(db: Session) -> AuditEntry | None:
    """The chain's head as this transaction last appended it (or read it: :func:`note_head`); the transaction holds
    the write lock from its start (app.store), so nothing else can append in the meantime and an append (a seal
    that closes the round: a second one) need not read the head again.  Only in the same outermost transaction,
    outside any savepoint, and while the entry is still in it."""
    held = db.info.get(_HEAD)
    if held is None:
        return None
    transaction, entry = held
    assert isinstance(entry, AuditEntry)
    if transaction is not db.get_transaction() or db.in_nested_transaction() or entry not in db:
        return None
    state = sa_inspect(entry)
    if not state.persistent or state.deleted:
        return None
    return entry


def head_here(db: Session) -> AuditEntry | None:
    """The log's head as this transaction last read or appended it (None when not known here): nothing else can
    append while the transaction holds the write lock."""
    return _appended_here(db)


def signed_bytes(digest: str) -> bytes:
    """What the actor signs for an entry whose hash is ``digest``."""
    return _SIGN_DOMAIN + digest.encode()


@dataclass(frozen=True)
class AuditReport:
    """The outcome of :func:`verify`: entries checked, and the first problem if any."""

    count: int
    broken_seq: int | None = None
    problem: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken_seq is None and not self.problems


def verify(db: Session, progress: Any = None, anchor_head: tuple[int, str] | None = None) -> AuditReport:
    """Walk the whole chain; report the first entry that is missing, moved, altered or forged.

    Every entry's signature is checked against the registry replayed from the
    log itself (never the identities or accounts tables), every actor's right
    to make that entry, and then every signed fact of every session in the
    store against the rows (:mod:`app.facts`).  ``anchor_head`` is the newest
    head the verifying account saw earlier: a log that no longer reaches it is
    reported.  ``progress``, if given, is called with (done, total) now and then.
    """
    from app import facts, registry

    total = db.scalar(select(func.count()).select_from(AuditEntry)) or 0
    done = [0]

    def tick(count: int, _total: int) -> None:
        done[0] = count
        if progress is not None:
            progress(count, total)

    try:
        reg = registry.replay(db, progress=tick)
    except registry.RegistryBroken as exc:
        return AuditReport(exc.seq - 1, exc.seq, exc.message)
    if anchor_head is not None:
        seq, head = anchor_head
        if reg.seq < seq:
            return AuditReport(
                reg.seq,
                reg.seq + 1,
                tr("entries {first} to {last} are missing: this account saw the log up to entry {last}").format(
                    first=reg.seq + 1, last=seq
                ),
            )
        entry = db.get(AuditEntry, seq)
        if entry is None or entry.hash != head:
            return AuditReport(reg.seq, seq, tr("entry {seq} is not the one this account saw").format(seq=seq))
    problems = tuple(facts.verify_store(db, reg)) + tuple(_lost_anchors(db))
    return AuditReport(reg.seq, None, None, problems)


def _lost_anchors(db: Session) -> list[str]:
    """Sign-ins that found their account's trust anchor removed from the key-slot file (an incident)."""
    import json

    out = []
    for seq, actor, details in db.execute(
        select(AuditEntry.seq, AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == "account.unlock")
    ):
        try:
            lost = json.loads(details).get("anchor_missing") is True
        except (TypeError, ValueError, AttributeError):
            lost = False
        if lost:
            out.append(
                tr(
                    "entry {seq}: the trust anchor of {name}'s key slot had been removed (the slot file was altered)"
                ).format(seq=seq, name=actor)
            )
    return out
