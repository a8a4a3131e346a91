"""Reading a revealed round: its opinions and its tally, each read recorded in the signed log (查询留痕).

``opinions`` and ``tally`` are one transaction each; ``read_*`` do the same in the caller's transaction, on a
session it loaded (checked against its signed facts) in it, and ``record_*_read`` record the read before that
transaction ends (the dossier reads everything in one transaction: app/dossier/data.py).  Moved out of
app/sessions/views.py (modules under ~400 lines), whose names stay importable from there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted
from app.i18n import tr
from app.identity import fingerprint_of
from app.permissions import Operation
from app.sessions import access, content
from app.sessions.common import AFTER_REVEAL, COLLECTING, account_names, is_chair, load, require_session_reader
from app.sessions.listing import _iso
from app.sessions.opinions import commitment_fingerprint
from app.sessions.tally_view import chair_info, compute_tally
from models import Decision, Department, Envelope, Identity, Participant, RevealedOpinion, ReviewSession, Round


class ReaderKey:
    """This account's content key of one session, opened at most once in the transaction that checked the session
    (``reader_key`` reads the log's content-key digest, the recusal ledgers and the key row, and opens the key)."""

    def __init__(self, db: Session, ctx: AccountContext, session: ReviewSession) -> None:
        self._args = (db, ctx, session)
        self._key: tuple[bytes | None] | None = None

    def __call__(self) -> bytes | None:
        if self._key is None:
            self._key = (reader_key(*self._args),)  # a refusal (NotPermitted) is not remembered: raised each time
        return self._key[0]


def _decision_basis(
    db: Session, ctx: AccountContext, session: ReviewSession, decision: Decision | None, key: ReaderKey
) -> dict[str, Any] | None:
    from app.sessions import decision_basis

    try:
        opened = key()
    except NotPermitted:
        return None
    return decision_basis.read_basis(opened, ctx.store.slots.store_id, session.id, decision)


def _revealed_round(db: Session, ctx: AccountContext, session: ReviewSession, number: int | None) -> Round:
    """A round whose envelopes have been opened; refuses anything earlier (no peeking)."""
    require_session_reader(ctx, session)
    ctx.require(Operation.SESSION_READ_CONTENT)
    query = select(Round).where(Round.session_id == session.id, Round.revealed_at.is_not(None))
    if number is not None:
        query = query.where(Round.number == number)
    rnd = db.scalars(query.order_by(Round.number.desc())).first()
    if rnd is None or session.status not in AFTER_REVEAL + (COLLECTING,):
        raise NotPermitted(tr("Opinions stay sealed until the chair and custodians reveal them."))
    access.require_content_access(db, ctx, session)
    return rnd


def reader_key(db: Session, ctx: AccountContext, session: ReviewSession) -> bytes | None:
    """This account's content key of ``session`` (None for sessions from before content keys)."""
    return content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))


def _opinions(
    db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round, reader: ReaderKey | None = None
) -> list[dict[str, Any]]:
    key = (reader or ReaderKey(db, ctx, session))()
    store_id = ctx.store.slots.store_id
    names = account_names(db)
    out = []
    rows = db.execute(
        select(Envelope, RevealedOpinion)
        .join(RevealedOpinion, RevealedOpinion.envelope_id == Envelope.id)
        .where(Envelope.round_id == rnd.id)
        .order_by(Envelope.is_chair, Envelope.id)
    ).all()
    # Departments and signers' fingerprints in one query each, not two or three lookups per opinion.
    dept_names = dict(
        db.execute(
            select(Participant.id, Department.name)
            .join(Department, Department.id == Participant.department_id)
            .where(Participant.session_id == session.id)
        ).all()
    )
    signer_ids = {envelope.signer_identity_id for envelope, _ in rows}
    # Each signer's fingerprint computed from the keys, as the facts check computes it: the table's fingerprint
    # column is a row like any other, which an insider may rewrite.
    fingerprints = {
        i: fingerprint_of(sign, kem)
        for i, sign, kem in db.execute(
            select(Identity.id, Identity.sign_public, Identity.kem_public).where(Identity.id.in_(signer_ids))
        )
    }
    for envelope, revealed in rows:
        dept = None
        if envelope.participant_id is not None:
            dept = dept_names.get(envelope.participant_id)
            if dept is None:  # not this session's department (a planted row): as before, by its own lookup
                p = db.get_one(Participant, envelope.participant_id)
                dept = db.get_one(Department, p.department_id).name
        fingerprint = fingerprints.get(envelope.signer_identity_id)
        if fingerprint is None:
            signer = db.get_one(Identity, envelope.signer_identity_id)
            fingerprint = fingerprint_of(signer.sign_public, signer.kem_public)
        doc, problem = (None, None)
        if revealed.valid:
            doc, problem = content.revealed_document(key, store_id, session.id, envelope, revealed)
        out.append(
            {
                "department": dept,
                "author": names[envelope.author_id],
                "is_chair": envelope.is_chair,
                "sealed_at": _iso(envelope.sealed_at),
                "commitment": envelope.commitment,
                "fingerprint": commitment_fingerprint(envelope.commitment),
                "signer_fingerprint": fingerprint,
                "valid": revealed.valid and problem is None,
                "problem": problem or revealed.problem,
                "opinion": doc["opinion"] if doc else None,
            }
        )
    return out


def opinions(
    ctx: AccountContext, session_id: int, department: str | None = None, round_number: int | None = None
) -> dict[str, Any]:
    """Revealed opinions of a round (all, or one department's); the read is recorded."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        result = read_opinions(db, ctx, session, ReaderKey(db, ctx, session), department, round_number)
        record_opinions_read(db, ctx, session, result)
        return result


def read_opinions(
    db: Session,
    ctx: AccountContext,
    session: ReviewSession,
    key: ReaderKey,
    department: str | None = None,
    round_number: int | None = None,
) -> dict[str, Any]:
    """:func:`opinions` in the caller's transaction, not yet recorded (:func:`record_opinions_read` before the
    transaction ends)."""
    rnd = _revealed_round(db, ctx, session, round_number)
    rows = _opinions(db, ctx, session, rnd, key)
    if department is not None:
        rows = [r for r in rows if r["department"] == department]
        if not rows:
            raise InvalidInput(
                tr("No revealed opinion of {department} in round {round}.").format(
                    department=department, round=rnd.number
                )
            )
    return {"session": session.id, "round": rnd.number, "opinions": rows}


def record_opinions_read(db: Session, ctx: AccountContext, session: ReviewSession, result: dict[str, Any]) -> None:
    read = [r["department"] or tr("chair") for r in result["opinions"] if r["author"] != ctx.name]
    if read:
        audit.append(
            db, ctx.actor, "opinion.read", f"session:{session.id}", {"round": result["round"], "departments": read}
        )


def tally(ctx: AccountContext, session_id: int, round_number: int | None = None) -> dict[str, Any]:
    """The tally of a revealed round, item by item; preliminary until the chair has stated a position."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        result, rows = read_tally(db, ctx, session, ReaderKey(db, ctx, session), round_number)
        record_tally_read(db, ctx, session, result["round"], rows)
        return result


def read_tally(
    db: Session,
    ctx: AccountContext,
    session: ReviewSession,
    key: ReaderKey,
    round_number: int | None = None,
    rows: list[dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """:func:`tally` in the caller's transaction, not yet recorded (:func:`record_tally_read`); with the round's
    opinions as this transaction read them (``rows``: the same round's, read by :func:`read_opinions`)."""
    rnd = _revealed_round(db, ctx, session, round_number)
    if rows is None:
        rows = _opinions(db, ctx, session, rnd, key)
    decision = db.scalars(select(Decision).where(Decision.session_id == session.id)).first()
    basis = _decision_basis(db, ctx, session, decision, key) if decision and decision.round_id == rnd.id else None
    result = compute_tally(db, session, rnd, rows, basis, ctx.registry)
    # The session's rounds read once (was three selects): their count, the next one, the revealed ones.
    rounds = list(db.scalars(select(Round).where(Round.session_id == session.id).order_by(Round.id)))
    later = next((r for r in rounds if r.number == rnd.number + 1), None)
    result["round_count"] = max(r.number for r in rounds)
    result["revealed_rounds"] = sorted(r.number for r in rounds if r.revealed_at is not None)
    result["is_final_round"] = later is None
    result["superseded_reason"] = later.opened_reason if later is not None else None
    result["is_chair"] = is_chair(ctx, session)
    result["status"] = session.status
    result.update(chair_info(db, session))
    return result, rows


def record_tally_read(
    db: Session, ctx: AccountContext, session: ReviewSession, round_number: int, rows: list[dict[str, Any]]
) -> None:
    if any(r["author"] != ctx.name and r["department"] for r in rows):
        audit.append(db, ctx.actor, "tally.read", f"session:{session.id}", {"round": round_number})
