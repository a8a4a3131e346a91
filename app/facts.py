"""Signed facts (DESIGN.md §5, threat model): one verifier for every row that matters.

The rows of a session — its definition, each round's reveal key and shares,
every envelope, recusal, revealed opinion, the chair's position, the decision,
the status — can be rewritten by anyone holding the database key.  What cannot
be rewritten is the signed audit log (see :mod:`app.registry`).  So each entry
that makes a fact carries the digest of that fact's canonical form, and this
module checks the rows against the log: every fact the log records is present
and unchanged, was made by the identity entitled to make it (this session's
chair, this department's reviewer) at a point where it was allowed, and no row
exists that the log does not record.  Envelopes and recusals carry their
author's own signature as well, which is checked against the registry's key.

Every read path, the tally, reveal, sealing, the dossier and ``audit verify``
call :func:`check_session` (directly or through :func:`require_intact`).

The canonical forms are in :mod:`app.facts_forms`, the replay of the log in :mod:`app.facts_replay`, the row
checks in :mod:`app.facts_rows` (issue 16: modules under ~400 lines); this module re-exports their public names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Refused
from app.facts_forms import _h as _h
from app.facts_forms import blob_digest as blob_digest
from app.facts_forms import content_hash as content_hash
from app.facts_forms import decision_fact as decision_fact
from app.facts_forms import decision_signed_bytes as decision_signed_bytes
from app.facts_forms import definition_of as definition_of
from app.facts_forms import digest as digest
from app.facts_forms import envelope_fact as envelope_fact
from app.facts_forms import recusal_fact as recusal_fact
from app.facts_forms import recusal_signed_bytes as recusal_signed_bytes
from app.facts_forms import round_fact as round_fact
from app.facts_forms import signer_fingerprint as signer_fingerprint
from app.facts_replay import _Check as _Check
from app.facts_seen import CheckRows as CheckRows
from app.i18n import tr
from app.registry import Registry
from models import (
    AuditEntry,
    ReviewSession,
)


class Tampered(Refused):
    """A session's rows do not match the signed log: shown and used nowhere."""


def session_entries(db: Session, session_id: int) -> list[AuditEntry]:
    return list(
        db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{session_id}").order_by(AuditEntry.seq))
    )


@dataclass
class SessionCheck:
    """``problems``: the session's record is not what was signed (nothing may be shown or changed);
    ``flagged``: envelope rows that do not match (excluded and reported at reveal); ``rows``: what the check
    read, when it ran in this transaction or its verdict was reused with them (``inspect(rows=True)``), else None."""

    problems: list[str]
    flagged: dict[int, str]
    ignored: list[str] = field(default_factory=list)
    rows: CheckRows | None = field(default=None, compare=False, repr=False)
    # (round number, participant id) whose seal a signed entry by an entitled account records
    answered: frozenset[tuple[int, int]] = frozenset()

    def all(self) -> list[str]:
        return self.problems + [p for p in self.flagged.values() if p not in self.problems] + self.ignored


def inspect(db: Session, reg: Registry, session: ReviewSession, store_id: str, rows: bool = False) -> SessionCheck:
    """Check ``session`` against its signed facts (the verdict reused while nothing changed: app.facts_cache);
    ``rows``: a reused verdict comes with what its check read too (``SessionCheck.rows``), for a caller that uses
    it before its first write."""
    from app import facts_cache

    def compute() -> SessionCheck:
        entries = [e for e in _session_rows(db, session.id) if e.seq <= reg.seq]
        altered = _altered_since_verified(reg, entries)
        if altered:  # the entries read are not those the registry verified: nothing else can be trusted
            return SessionCheck(altered, {})
        check = _Check(db, reg, session, store_id)
        check.run(entries)
        return SessionCheck(check.problems, check.flagged, check.ignored, check.rows_read(), frozenset(check.answered))

    return facts_cache.checked(db, reg, session, store_id, compute, rows)


def _session_rows(db: Session, session_id: int) -> list[Any]:
    """:func:`session_entries` as plain rows, read from the database as they are now (the check reads the same
    attributes; an ORM object per entry costs twice as much, and its statement far more to compile on a new
    engine: a program's first check)."""
    table: Any = AuditEntry.__table__
    return list(db.execute(select(table).where(table.c.object == f"session:{session_id}").order_by(table.c.seq)))


def _altered_since_verified(reg: Registry, entries: list[Any]) -> list[str]:
    """Each entry as read now must hash to what the registry verified when it fed that entry: the registry is
    replayed (every hash link checked) when the account opens and caught up since, but the check reads the
    session's entries again from the database, where an insider may have edited one in the meantime."""
    from app import audit

    out = []
    for e in entries:
        now = audit.entry_hash(e.seq, e.ts, e.actor, e.action, e.object, e.details, e.prev_hash)
        if reg.session_hashes.get(e.seq) != bytes.fromhex(now)[:16]:
            out.append(tr("entry {seq} was altered").format(seq=e.seq))
    return out


def check_session(db: Session, reg: Registry, session: ReviewSession, store_id: str) -> list[str]:
    """Every way ``session``'s rows differ from its signed facts (empty when intact)."""
    return inspect(db, reg, session, store_id).all()


def verify_store(db: Session, reg: Registry, store_id: str | None = None) -> Iterable[str]:
    """Every session of the store checked; yields one line per problem, naming the session."""
    if store_id is None:
        first = db.get(AuditEntry, 1)
        store_id = first.object.partition(":")[2] if first is not None else ""
    logged = {
        int(obj.partition(":")[2])
        for obj in db.scalars(select(AuditEntry.object).where(AuditEntry.action == "session.create"))
    }
    for session in db.scalars(select(ReviewSession).order_by(ReviewSession.id)):
        logged.discard(session.id)
        for problem in check_session(db, reg, session, store_id):
            yield tr("session {ref} (id {id}): {problem}").format(
                ref=session.ref_number, id=session.id, problem=problem
            )
    for missing in sorted(logged):
        yield tr("session id {id}: created in the signed log but missing from the database").format(id=missing)


def require_intact(db: Session, reg: Registry, session: ReviewSession, store_id: str) -> None:
    """Raise :class:`Tampered`, naming the first problem, unless ``session`` matches its signed facts."""
    raise_problems(session, inspect(db, reg, session, store_id).problems)


def raise_problems(session: ReviewSession, problems: list[str]) -> None:
    """Raise :class:`Tampered`, naming the first of ``problems`` (a check's), if there is any."""
    if problems:
        raise Tampered(
            tr(
                "The record of session {ref} was altered in the database: {problem}. Nothing was shown or changed; "
                "tell the auditor."
            ).format(ref=session.ref_number, problem=problems[0])
        )
