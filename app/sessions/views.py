"""Reading sessions: lists, details, the seal board, revealed opinions and the tally.

Before reveal nothing that depends on an opinion's content leaves this module
for anyone but its author.  After reveal, every read of opinion content by
someone other than its author is recorded in the audit log (查询留痕).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import deadlines, policy, quorum
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted
from app.fingerprint import short
from app.i18n import tr
from app.permissions import Operation
from app.sessions import access, content, waiting
from app.sessions.common import (
    account_names,
    current_round,
    free_text_options_of,
    is_overdue,
    item_options_of,
    load,
    options_of,
    require_session_reader,
    round_state,
)

# Moved to their own modules (issue 16: modules under ~400 lines); the names stay importable from here.
from app.sessions.listing import _iso as _iso
from app.sessions.listing import _list_query as _list_query
from app.sessions.listing import _may_see as _may_see
from app.sessions.listing import _visible as _visible
from app.sessions.listing import list_sessions as list_sessions
from app.sessions.listing import summary as summary
from app.sessions.opinions import commitment_fingerprint
from app.sessions.reading import ReaderKey as ReaderKey
from app.sessions.reading import _decision_basis as _decision_basis
from app.sessions.reading import _opinions as _opinions
from app.sessions.reading import _revealed_round as _revealed_round
from app.sessions.reading import opinions as opinions
from app.sessions.reading import read_opinions as read_opinions
from app.sessions.reading import read_tally as read_tally
from app.sessions.reading import reader_key as reader_key
from app.sessions.reading import record_opinions_read as record_opinions_read
from app.sessions.reading import record_tally_read as record_tally_read
from app.sessions.reading import tally as tally
from app.sessions.tally_view import chair_info as chair_info
from app.sessions.tally_view import compute_tally as compute_tally
from app.sessions.tally_view import lifecycle_attendance as lifecycle_attendance
from app.sessions.tally_view import round_info as round_info
from app.sessions.tasks import TASKS as TASKS
from app.sessions.tasks import my_work as my_work
from models import (
    Decision,
    Department,
    ReviewSession,
    Round,
)
from models.base import utcnow


def show(ctx: AccountContext, session_id: int) -> dict[str, Any]:
    """A session's particulars: matter, items, options, rule, people, rounds, decision (no opinions)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        return read_show(db, ctx, session, ReaderKey(db, ctx, session))


def read_show(db: Session, ctx: AccountContext, session: ReviewSession, key: ReaderKey) -> dict[str, Any]:
    """:func:`show` in the caller's transaction, on a session it loaded (checked) in it."""
    require_session_reader(ctx, session)
    names = account_names(db)
    rnd = current_round(db, session)
    state = round_state(db, rnd) if rnd else None
    rounds = list(db.scalars(select(Round).where(Round.session_id == session.id).order_by(Round.number)))
    decision = db.scalars(select(Decision).where(Decision.session_id == session.id)).first()
    departments = department_names(db, session)
    sealed = len(state.envelopes) if state else 0
    recused = len(state.recused()) if state else 0
    info = summary(
        session,
        rnd.number if rnd else 0,
        sealed,
        recused,
        len(session.participants),
        is_overdue(session, state),
        deadlines.state(session.status, session.deadline, policy.load(db).deadline_warning_days, utcnow()),
    )
    info.update(
        {
            "items": [
                {"number": i.number, "text": i.text, "options": item_options_of(session)[i.number]}
                for i in session.items
            ],
            "options": options_of(session),
            "free_text": free_text_options_of(session),
            "rule": session.rule,
            "chair_counts": session.chair_counts,
            "chair": names[session.chair_id],
            **chair_info(db, session),
            "participants": [
                {
                    "department": departments.get(p.department_id) or db.get_one(Department, p.department_id).name,
                    "reviewer": names[p.reviewer_id],
                }
                for p in session.participants
            ],
            "custodians": [names[c.account_id] for c in session.custodians],
            "clerks": access.assigned_clerks(session),
            "rounds": [
                {
                    "number": r.number,
                    "opened_at": _iso(r.opened_at),
                    "reason": r.opened_reason,
                    "closed_at": _iso(r.closed_at),
                    "close_reason": r.close_reason,
                    "revealed_at": _iso(r.revealed_at),
                }
                for r in rounds
            ],
            "withdrawn_reason": session.withdrawn_reason,
            "chair_stated": bool(state and state.chair_envelope is not None),
            "quorum": quorum.quorum_rule(session.kind, session.quorum),
            "decision": {
                "text": _decision_text(db, ctx, session, decision, key),
                "decided_at": _iso(decision.decided_at),
                "by": names[decision.decided_by],
                "round": db.get_one(Round, decision.round_id).number,
                "basis": _decision_basis(db, ctx, session, decision, key),
            }
            if decision
            else None,
            "created_at": _iso(session.created_at),
        }
    )
    return info


def department_names(db: Session, session: ReviewSession) -> dict[int, str]:
    """The names of the session's departments by id, in one query (not one lookup per participant)."""
    wanted = {p.department_id for p in session.participants}
    return dict(db.execute(select(Department.id, Department.name).where(Department.id.in_(wanted))).all())


def _decision_text(
    db: Session, ctx: AccountContext, session: ReviewSession, decision: Decision, key: ReaderKey
) -> str | None:
    if access.recused_participant(db, ctx, session):
        return None  # a recused department's reviewer no longer reads the content
    try:
        opened = key()
    except NotPermitted:
        opened = None
    return content.decision_text(opened, ctx.store.slots.store_id, session.id, decision)


def board(ctx: AccountContext, session_id: int, round_number: int | None = None) -> dict[str, Any]:
    """The seal board: per department sealed or not, when, the commitment fingerprint — nothing else."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_session_reader(ctx, session)
        rnd = _round(db, session, round_number)
        names = account_names(db)
        state = round_state(db, rnd)
        rows = []
        for p in session.participants:
            envelope = state.envelopes.get(p.id)
            declared = state.recusals.get(p.id)
            requested = p.id in state.requested()
            if envelope is not None:
                mark = "sealed"
            elif requested:
                mark = "recusal_requested"  # awaiting the chair's decision
            elif p.id in state.recused():
                mark = "recused"
            elif rnd.closed_at is not None:
                mark = "absent"
            else:
                mark = "pending"
            fp = commitment_fingerprint(envelope.commitment) if envelope else None
            rows.append(
                {
                    "department": db.get_one(Department, p.department_id).name,
                    "reviewer": state.substitutes.get(p.id, names[p.reviewer_id]),
                    "substitute_for": names[p.reviewer_id] if p.id in state.substitutes else None,
                    "recusal": state.decisions.get(p.id, "approved")
                    if declared is not None and declared.has_conflict
                    else None,
                    "state": mark,
                    "sealed_at": _iso(envelope.sealed_at) if envelope else None,
                    "late": bool(envelope and deadlines.is_late(envelope.sealed_at, session.deadline)),
                    "fingerprint": short(fp) if fp else None,
                }
            )
        return {
            "session": session.id,
            "ref": session.ref_number,
            "status": session.status,
            "round": rnd.number,
            "closed_at": _iso(rnd.closed_at),
            "participants": rows,
            "overdue": is_overdue(session, state),
            "attendance": lifecycle_attendance(session, state),
            "chair": names[session.chair_id],
            **chair_info(db, session),
            "waiting_for": waiting.waiting_for(db, ctx.registry, session, rnd),
        }


def _round(db: Session, session: ReviewSession, number: int | None) -> Round:
    query = select(Round).where(Round.session_id == session.id)
    if number is not None:
        query = query.where(Round.number == number)
    rnd = db.scalars(query.order_by(Round.number.desc())).first()
    if rnd is None:
        raise InvalidInput(tr("The session has no such round."))
    return rnd


def revealed_rounds(ctx: AccountContext) -> list[tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]]:
    """(session summary, tally, opinions) of every revealed round this account may read; for statistics.

    Reads content-derived figures only; the caller records the read.
    """
    ctx.require(Operation.SESSION_READ_CONTENT)
    out = []
    with ctx.store.transaction() as db:
        for listed in list(db.scalars(_visible(ctx).order_by(ReviewSession.id))):
            if not _may_see(ctx, listed):
                continue
            session = load(db, listed.id, ctx)  # a session altered in the database stops the figures, named
            if access.recused_participant(db, ctx, session):
                continue
            for rnd in db.scalars(select(Round).where(Round.session_id == session.id, Round.revealed_at.is_not(None))):
                rows = _opinions(db, ctx, session, rnd, ReaderKey(db, ctx, session))
                info = {
                    "id": session.id,
                    "deadline": session.deadline,
                    "participants": {db.get_one(Department, p.department_id).name for p in session.participants},
                }
                out.append((info, compute_tally(db, session, rnd, rows, reg=ctx.registry), rows))
    return out


def current_certificates(ctx: AccountContext) -> list[dict[str, Any]]:
    """The active CA and signing certificates (subject, validity, fingerprint) for the security officer's screen.

    Read-only; the certificate rules themselves live in :mod:`app.certs`.
    """
    from cryptography import x509

    from app import certs
    from models import Certificate

    ctx.require(Operation.CERT_MANAGE)
    with ctx.store.transaction() as db:
        rows = list(
            db.scalars(
                select(Certificate)
                .where(Certificate.active.is_(True), Certificate.kind.in_((certs.CA, certs.SIGNING, certs.TSA)))
                .order_by(Certificate.id)
            )
        )
        out = []
        for row in rows:
            try:
                cert = x509.load_der_x509_certificate(row.cert_der)
            except (TypeError, ValueError):  # a row planted by an insider: not a certificate, not shown
                continue
            out.append(
                {
                    "kind": row.kind,
                    "subject": cert.subject.rfc4514_string(),
                    "not_after": cert.not_valid_after_utc.isoformat(),
                    "fingerprint": certs.fingerprint(row.cert_der),
                    "has_key": row.wrapped_key is not None,
                    "holder": ctx.registry.owner.get(certs.holder_of(row.wrapped_key) or ""),
                }
            )
        return out
