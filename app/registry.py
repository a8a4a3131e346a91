"""The registry of accounts, roles and identity keys, derived by replaying the signed audit log.

No table decides who is who: an insider holding the database key can rewrite
``accounts``, ``account_roles`` and ``identities``.  What counts is the chain of
signed entries rooted at the genesis entry, whose hash every account keeps in
its own passphrase-wrapped slot (:mod:`app.anchor`).  Replaying that chain —
checking each entry's hash link, its signature by a key the registry knows at
that point, and that its actor was entitled to make it — yields the registry
that every check uses: which key belongs to which account, that account's
roles, whether it is disabled, which keys are retired.

The workstation identity is recorded by the genesis entry but holds no
authority: any account can unwrap it, so nothing it signs is accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app import audit
from app.i18n import tr
from app.registry_model import SYSTEM_ROLE_NAMES, AccountRecord, Registry, RegistryBroken
from app.registry_replay import ACTION_OPERATIONS, Replayer
from models import AuditEntry, Identity

__all__ = [
    "ACTION_OPERATIONS",
    "SYSTEM_ROLE_NAMES",
    "AccountRecord",
    "Registry",
    "RegistryBroken",
    "Replayer",
    "catch_up",
    "identities_by_id",
    "replay",
]


def identities_by_id(db: Session) -> dict[int, Identity]:
    return {row.id: row for row in db.scalars(select(Identity))}


def replay(
    db: Session,
    checked_until: tuple[int, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    entries: Iterable[AuditEntry] | None = None,
    tolerate: bool = False,
) -> Registry:
    """Replay the whole log into a registry.

    With ``checked_until`` = (seq, hash) of a head this account verified
    earlier, entries up to it are checked by their hash links only (the head's
    hash fixes them all); later ones by signature too.  A head that is no longer
    in the log raises :class:`RegistryBroken` — or, with ``tolerate``, ends the
    registry before the first bad entry and records it in ``broken``.
    """
    replayer = Replayer(identities_by_id(db))
    limit, limit_hash = checked_until or (0, "")
    rows: Iterable[Any]
    if entries is not None:
        rows = entries
    else:  # plain rows, not ORM objects (half the cost per entry); the replayer reads the same attributes
        table = AuditEntry.__table__
        rows = db.execute(select(table).order_by(table.c.seq).execution_options(yield_per=1000))
        rows = _verified_ahead(db, rows, replayer.identities, limit)
    count = 0
    entry: Any
    for entry in rows:
        try:
            replayer.feed(entry, check_signature=entry.seq > limit)
            if entry.seq == limit and entry.hash != limit_hash:
                raise RegistryBroken(limit, tr("entry {seq} is not the one this account saw").format(seq=limit))
        except RegistryBroken as exc:
            if not tolerate or exc.seq <= 1:
                raise
            replayer.registry.broken = exc
            break
        count += 1
        if progress is not None and count % 200 == 0:
            progress(count, 0)
    return replayer.registry


def _verified_ahead(db: Session, rows: Iterable[Any], identities: dict[int, Identity], limit: int) -> Iterable[Any]:
    """``rows`` as they are; on a long log with several cores, their signatures verified ahead in worker processes
    (app.crypto.batch_verify), so the replay's own checks find them done."""
    from app.crypto import batch_verify

    if not batch_verify.workers():
        return rows
    total = db.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.seq > limit)) or 0
    if total < batch_verify.MIN_ENTRIES:
        return rows
    keys = {i: ident.sign_public for i, ident in identities.items()}

    def chunks() -> Iterator[tuple[list[Any], list[tuple[bytes, bytes, bytes]]]]:
        batch: list[Any] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_verify.CHUNK:
                yield batch, _triples(batch)
                batch = []
        if batch:
            yield batch, _triples(batch)

    def _triples(batch: list[Any]) -> list[tuple[bytes, bytes, bytes]]:
        return [
            (keys[r.identity_id], bytes(r.signature), audit.signed_bytes(r.hash))
            for r in batch
            if r.identity_id in keys and r.signature is not None and isinstance(r.hash, str) and (r.seq > limit)
        ]

    def flat() -> Iterator[Any]:
        for batch in batch_verify.pipelined(chunks()):
            yield from batch

    return flat()


# Built once, its cache key with it (issue 16: every checked load catches up).
_FROM_SEQ = select(AuditEntry).where(AuditEntry.seq >= bindparam("seq")).order_by(AuditEntry.seq)


def _still_there(entry: AuditEntry | None, registry: Registry) -> None:
    """The entry the registry ends at must still be the one it verified: removed or edited since, whatever is
    appended after it would chain to a head no account verified."""
    seq = registry.seq
    if entry is None:
        raise RegistryBroken(seq, tr("entry {seq} is missing (removed or renumbered)").format(seq=seq))
    digest = audit.entry_hash(
        entry.seq, entry.ts, entry.actor, entry.action, entry.object, entry.details, entry.prev_hash
    )
    if digest != registry.head or entry.hash != registry.head:
        raise RegistryBroken(seq, tr("entry {seq} was altered").format(seq=seq))


def catch_up(db: Session, registry: Registry) -> Registry:
    """Feed the entries appended since ``registry`` was made (each checked in full).

    The entry the registry ends at is read too (not fed again): the last entry read is then the log's head, which
    this transaction's first :func:`app.audit.append` chains to without reading it a second time."""
    if registry.broken is not None:
        return registry  # stays before the break; every later fact reads as unsigned
    read = list(db.scalars(_FROM_SEQ, {"seq": registry.seq}))
    if registry.seq > 0:
        _still_there(read[0] if read and read[0].seq == registry.seq else None, registry)
    entries = [e for e in read if e.seq > registry.seq]
    if entries:  # the identities are read only when there is something to replay
        replayer = Replayer(identities_by_id(db), registry)
        for entry in entries:
            replayer.feed(entry)
    if read:
        audit.note_head(db, read[-1])
    return registry
