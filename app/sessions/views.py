"""Reading sessions: lists, details, the seal board, revealed opinions and the tally.

Before reveal nothing that depends on an opinion's content leaves this module
for anyone but its author.  After reveal, every read of opinion content by
someone other than its author is recorded in the audit log (查询留痕).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, cast, func, or_, select
from sqlalchemy.orm import Session, lazyload

from app import audit, deadlines, facts, policy, quorum
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted
from app.fingerprint import short
from app.i18n import tr
from app.matters import kinds, marking
from app.opinion_form import OpinionForm
from app.permissions import Operation, Role
from app.sessions import access, content, list_access, waiting
from app.sessions.common import (
    AFTER_REVEAL,
    ARCHIVED,
    COLLECTING,
    DECIDED,
    DRAFT,
    REVEALED,
    SEALED,
    RoundState,
    account_names,
    current_round,
    free_text_options_of,
    has_session_role,
    is_chair,
    is_overdue,
    item_options_of,
    load,
    options_of,
    participant_of,
    require_session_reader,
    round_state,
    status_label,
)
from app.sessions.opinions import commitment_fingerprint
from app.tally import Vote, near_duplicates, tally_item
from models import (
    AuditEntry,
    Custodian,
    Decision,
    Department,
    Envelope,
    Identity,
    OpinionDraft,
    Participant,
    RevealedOpinion,
    ReviewSession,
    Round,
)
from models.base import utcnow


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _visible(ctx: AccountContext, query: Any = None) -> Any:
    """The sessions this account may have a part in (a clerk: all; :func:`_may_see` narrows them)."""
    ctx.require(Operation.SESSION_LIST)
    query = select(ReviewSession) if query is None else query
    if Role.CLERK.value not in ctx.roles:
        query = query.where(
            or_(
                ReviewSession.chair_id == ctx.account_id,
                ReviewSession.deputy_id == ctx.account_id,  # the deputy chair (issue 14): reads from the start
                ReviewSession.id.in_(select(Participant.session_id).where(Participant.reviewer_id == ctx.account_id)),
                ReviewSession.id.in_(select(Custodian.session_id).where(Custodian.account_id == ctx.account_id)),
                # a substitute reviewer the chair named (confirmed from the signed entry by _may_see)
                ReviewSession.id.in_(
                    select(cast(func.substr(AuditEntry.object, 9), Integer)).where(
                        AuditEntry.action == "recusal.decide",
                        AuditEntry.details.like(f'%"substitute":{json.dumps(ctx.name, ensure_ascii=False)}%'),
                    )
                ),
            )
        )
    return query


def _list_query() -> Any:
    """One statement for the whole list (SQLAlchemy Core, aggregates in SQL, no ORM objects, no children):
    the sessions' own columns, the latest round's number, sealed (not the chair's) and declared-conflict counts
    of that round (covering indexes, migration 0005_perf), the participants and custodians counted."""
    from models import Recusal

    latest = (
        select(Round.session_id.label("sid"), func.max(Round.id).label("rid")).group_by(Round.session_id).subquery()
    )
    sealed = (
        select(Envelope.round_id.label("rid"), func.count().label("n"))
        .where(Envelope.is_chair.is_(False))
        .group_by(Envelope.round_id)
        .subquery()
    )
    recused = (
        select(Recusal.round_id.label("rid"), func.count().label("n"))
        .where(Recusal.has_conflict.is_(True))
        .group_by(Recusal.round_id)
        .subquery()
    )
    members = (
        select(Participant.session_id.label("sid"), func.count().label("n")).group_by(Participant.session_id).subquery()
    )
    keepers = (
        select(Custodian.session_id.label("sid"), func.count().label("n")).group_by(Custodian.session_id).subquery()
    )
    return (
        select(
            ReviewSession.id,
            ReviewSession.ref_number,
            ReviewSession.title,
            ReviewSession.kind,
            ReviewSession.classification,
            ReviewSession.classification_term,
            ReviewSession.status,
            ReviewSession.deadline,
            func.coalesce(Round.number, 0),
            func.coalesce(sealed.c.n, 0),
            func.coalesce(recused.c.n, 0),
            func.coalesce(members.c.n, 0),
            func.coalesce(keepers.c.n, 0),
        )
        .outerjoin(latest, latest.c.sid == ReviewSession.id)
        .outerjoin(Round, Round.id == latest.c.rid)
        .outerjoin(sealed, sealed.c.rid == latest.c.rid)
        .outerjoin(recused, recused.c.rid == latest.c.rid)
        .outerjoin(members, members.c.sid == ReviewSession.id)
        .outerjoin(keepers, keepers.c.sid == ReviewSession.id)
    )


def _may_see(ctx: AccountContext, session: ReviewSession) -> bool:
    """Need to know: a part in the session (a clerk: assigned to it) and clearance for its classification."""
    return has_session_role(ctx, session) and access.cleared(ctx.registry, ctx.name, session.classification)


def list_sessions(
    ctx: AccountContext,
    overdue_only: bool = False,
    status: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Sessions with status, deadline, seal progress and the overdue flag (no opinion content).

    ``limit``: only the first rows (by id), e.g. the first page painted before the whole list arrives."""
    query = _visible(ctx, _list_query())
    if status:
        query = query.where(ReviewSession.status == status)
    if kind:
        query = query.where(ReviewSession.kind == kind)
    if search:
        like = f"%{search}%"
        query = query.where(or_(ReviewSession.title.like(like), ReviewSession.ref_number.like(like)))
    query = query.order_by(ReviewSession.id)
    if limit is not None and not overdue_only:
        query = query.limit(limit)
    with ctx.store.transaction() as db:
        # Need to know in the query itself (clearance, a part in the session); see app.sessions.list_access.
        result = list_access.confirm_indirect(db, ctx, db.execute(list_access.restrict(ctx, db, query)).all())
        recounted = list_access.recused_counts(db, result, 10)
        warning_days = policy.load(db).deadline_warning_days
    now = utcnow()
    known = kinds()
    kind_labels: dict[str, str] = {}
    status_labels: dict[str, str] = {}
    markings: dict[tuple[str, str], str] = {}
    stage_labels: dict[str, Any] = {}
    rows = []
    for sid, ref, title, kind_, cls, term, st, deadline, rnd_no, sealed, recused, expected, keepers, _ in result:
        recused = recounted.get(sid, recused)
        flag = deadlines.state(st, deadline, warning_days, now)
        overdue = flag == deadlines.OVERDUE
        if overdue_only and not overdue:
            continue
        if kind_ not in kind_labels:
            kind_labels[kind_] = known[kind_].label if kind_ in known else kind_
        if st not in status_labels:
            status_labels[st] = status_label(st)
        if (cls, term) not in markings:
            markings[(cls, term)] = marking(cls, term)
        rows.append(
            {
                "id": sid,
                "ref": ref,
                "title": title,
                "kind": kind_,
                "kind_label": kind_labels[kind_],
                "classification": markings[(cls, term)],
                "status": st,
                "status_label": status_labels[st],
                "deadline": _iso(deadline),
                "round": rnd_no,
                "sealed": sealed,
                "recused": recused,
                "expected": expected,
                "overdue": overdue,
                "deadline_state": flag,
                "stage_label": stage_labels.setdefault(st, deadlines.stage_label(st)),
                "chair_only": not keepers,
            }
        )
        if limit is not None and len(rows) >= limit:
            break
    return rows


def summary(
    s: ReviewSession,
    rnd_no: int,
    sealed: int,
    recused: int,
    expected: int,
    overdue: bool,
    deadline_state: str | None = None,
) -> dict[str, Any]:
    kind_label = kinds()[s.kind].label if s.kind in kinds() else s.kind
    return {
        "id": s.id,
        "ref": s.ref_number,
        "title": s.title,
        "kind": s.kind,
        "kind_label": kind_label,
        "classification": marking(s.classification, s.classification_term),
        "status": s.status,
        "status_label": status_label(s.status),
        "deadline": _iso(s.deadline),
        "round": rnd_no,
        "sealed": sealed,
        "recused": recused,
        "expected": expected,
        "overdue": overdue,
        # "overdue" or "warning" (due within the policy's days), at every stage before DECIDED (app.deadlines).
        "deadline_state": deadline_state or ("overdue" if overdue else None),
        "stage_label": deadlines.stage_label(s.status),
        # A session the policy let open without custodians: the chair alone holds the reveal key.
        "chair_only": not s.custodians,
    }


def show(ctx: AccountContext, session_id: int) -> dict[str, Any]:
    """A session's particulars: matter, items, options, rule, people, rounds, decision (no opinions)."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_session_reader(ctx, session)
        names = account_names(db)
        rnd = current_round(db, session)
        state = round_state(db, rnd) if rnd else None
        rounds = list(db.scalars(select(Round).where(Round.session_id == session.id).order_by(Round.number)))
        decision = db.scalars(select(Decision).where(Decision.session_id == session.id)).first()
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
                    {"department": db.get_one(Department, p.department_id).name, "reviewer": names[p.reviewer_id]}
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
                    "text": _decision_text(db, ctx, session, decision),
                    "decided_at": _iso(decision.decided_at),
                    "by": names[decision.decided_by],
                    "round": db.get_one(Round, decision.round_id).number,
                    "basis": _decision_basis(db, ctx, session, decision),
                }
                if decision
                else None,
                "created_at": _iso(session.created_at),
            }
        )
        return info


def _decision_basis(
    db: Session, ctx: AccountContext, session: ReviewSession, decision: Decision | None
) -> dict[str, Any] | None:
    from app.sessions import decision_basis

    try:
        key = reader_key(db, ctx, session)
    except NotPermitted:
        return None
    return decision_basis.read_basis(key, ctx.store.slots.store_id, session.id, decision)


def _decision_text(db: Session, ctx: AccountContext, session: ReviewSession, decision: Decision) -> str | None:
    if access.recused_participant(db, ctx, session):
        return None  # a recused department's reviewer no longer reads the content
    try:
        key = reader_key(db, ctx, session)
    except NotPermitted:
        key = None
    return content.decision_text(key, ctx.store.slots.store_id, session.id, decision)


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


def _opinions(db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round) -> list[dict[str, Any]]:
    key = reader_key(db, ctx, session)
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
    fingerprints = dict(db.execute(select(Identity.id, Identity.fingerprint).where(Identity.id.in_(signer_ids))).all())
    for envelope, revealed in rows:
        dept = None
        if envelope.participant_id is not None:
            dept = dept_names.get(envelope.participant_id)
            if dept is None:  # not this session's department (a planted row): as before, by its own lookup
                p = db.get_one(Participant, envelope.participant_id)
                dept = db.get_one(Department, p.department_id).name
        fingerprint = fingerprints.get(envelope.signer_identity_id)
        if fingerprint is None:
            fingerprint = db.get_one(Identity, envelope.signer_identity_id).fingerprint
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
        rnd = _revealed_round(db, ctx, session, round_number)
        rows = _opinions(db, ctx, session, rnd)
        if department is not None:
            rows = [r for r in rows if r["department"] == department]
            if not rows:
                raise InvalidInput(
                    tr("No revealed opinion of {department} in round {round}.").format(
                        department=department, round=rnd.number
                    )
                )
        read = [r["department"] or tr("chair") for r in rows if r["author"] != ctx.name]
        if read:
            audit.append(
                db, ctx.actor, "opinion.read", f"session:{session.id}", {"round": rnd.number, "departments": read}
            )
        return {"session": session.id, "round": rnd.number, "opinions": rows}


def tally(ctx: AccountContext, session_id: int, round_number: int | None = None) -> dict[str, Any]:
    """The tally of a revealed round, item by item; preliminary until the chair has stated a position."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        rnd = _revealed_round(db, ctx, session, round_number)
        rows = _opinions(db, ctx, session, rnd)
        decision = db.scalars(select(Decision).where(Decision.session_id == session.id)).first()
        basis = _decision_basis(db, ctx, session, decision) if decision and decision.round_id == rnd.id else None
        result = compute_tally(db, session, rnd, rows, basis)
        numbers = [r.number for r in db.scalars(select(Round).where(Round.session_id == session.id))]
        following = db.scalars(select(Round).where(Round.session_id == session.id, Round.number == rnd.number + 1))
        later = following.first()
        result["round_count"] = max(numbers)
        result["revealed_rounds"] = sorted(
            r.number
            for r in db.scalars(select(Round).where(Round.session_id == session.id, Round.revealed_at.is_not(None)))
        )
        result["is_final_round"] = later is None
        result["superseded_reason"] = later.opened_reason if later is not None else None
        others = [r["department"] for r in rows if r["author"] != ctx.name and r["department"]]
        if others:
            audit.append(db, ctx.actor, "tally.read", f"session:{session.id}", {"round": rnd.number})
        result["is_chair"] = is_chair(ctx, session)
        result["status"] = session.status
        result.update(chair_info(db, session))
        return result


def chair_info(db: Session, session: ReviewSession) -> dict[str, Any]:
    """The deputy chair named on the session, and who acts as chair (the deputy once the chair is recused)."""
    from app.sessions import deputy

    led = deputy.ledger(db, session)
    pending = any(v["decision"] is None for v in led.requests.values())
    return {
        "deputy": led.deputy,
        "acting_chair": led.acting,
        "chair_recused": led.approved,
        "chair_recusal": "approved" if led.approved else "requested" if pending else None,
    }


def compute_tally(
    db: Session,
    session: ReviewSession,
    rnd: Round,
    rows: list[dict[str, Any]],
    basis: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The tally of one revealed round from its opened envelopes (no permission check, no audit); with the
    recorded decision's ``basis``, dissent is counted against the options it adopted."""
    adopted = (basis or {}).get("adopted", {})
    pol = policy.load(db)
    state = round_state(db, rnd)
    departments = dict(db.execute(select(Department.id, Department.name)).all())
    dept_of = {
        p.id: departments[p.department_id]
        if p.department_id in departments
        else db.get_one(Department, p.department_id).name  # raises as before
        for p in session.participants
    }
    recused = sorted(dept_of[pid] for pid in state.recused())
    members = [dept_of[p.id] for p in session.participants if p.id not in state.recused()]
    valid = [r for r in rows if r["valid"] and not r["is_chair"]]
    rejected = sorted(r["department"] for r in rows if not r["valid"])
    absent = sorted(set(members) - {r["department"] for r in rows})
    chair_row = next((r for r in rows if r["is_chair"] and r["valid"]), None)
    items = []
    for item in session.items:
        key = str(item.number)
        votes = [Vote(r["department"], r["opinion"]["positions"][key], r["opinion"]["reasoning"]) for r in valid]
        chair_vote = (
            Vote(tr("chair"), chair_row["opinion"]["positions"][key], chair_row["opinion"]["reasoning"], is_chair=True)
            if chair_row
            else None
        )
        t = tally_item(
            item.number,
            session.rule,
            item_options_of(session)[item.number],
            members,
            votes,
            chair_vote,
            session.chair_counts,
            recused,
            absent,
            rejected,
            adopted.get(key),
        )
        items.append(
            {
                "item": item.number,
                "text": item.text,
                "counts": t.counts,
                "expected": t.expected,
                "cast": t.cast,
                "outcome": t.outcome,
                "passed_option": t.passed_option,
                "leading": t.leading,
                "dissent": [
                    {"department": v.voter, "position": v.position, "reasoning": v.reasoning, "is_chair": v.is_chair}
                    for v in t.dissent
                ],
                "chair_position": (
                    {"position": chair_vote.position, "reasoning": chair_vote.reasoning} if chair_vote else None
                ),
                "preliminary": t.preliminary,
                "notes": [
                    {
                        "department": r["department"] or tr("chair"),
                        "position": r["opinion"]["positions"][key],
                        "note": note,
                    }
                    for r in valid + ([chair_row] if chair_row else [])
                    if (note := r["opinion"].get("position_notes", {}).get(key))
                ],
                "needed": quorum.votes_needed(session.rule, t.expected),
                "decided_option": t.decided_option,
                "departs": basis is not None and item.number in basis.get("departs", []),
                "split": t.split,
            }
        )
    texts = {r["department"]: OpinionForm.from_document(r["opinion"]).full_text() for r in valid}
    similar = near_duplicates(texts, pol.similarity_threshold_percent / 100)
    return {
        "session": session.id,
        "ref": session.ref_number,
        "round": rnd.number,
        "rule": session.rule,
        "chair_counts": session.chair_counts,
        "final": chair_row is not None or not session.chair_counts,
        "items": items,
        "recused": recused,
        "absent": absent,
        "rejected": rejected,
        "near_duplicates": [{"a": a, "b": b, "percent": pct} for a, b, pct in similar],
        "chair_stated": chair_row is not None,
        "attendance": lifecycle_attendance(session, state),
        "late": deadlines.late_departments(rows, session.deadline),
        "deadline": _iso(session.deadline),
        "round_info": round_info(rnd),
        "decision": (
            {"reason": basis.get("reason", ""), "departs": basis.get("departs", []), "adopted": adopted}
            if basis is not None
            else None
        ),
    }


def round_info(rnd: Round) -> dict[str, Any]:
    """When a round opened and closed, and why (new round, early close)."""
    return {
        "number": rnd.number,
        "opened_at": _iso(rnd.opened_at),
        "reason": rnd.opened_reason,
        "closed_at": _iso(rnd.closed_at),
        "close_reason": rnd.close_reason,
        "revealed_at": _iso(rnd.revealed_at),
    }


def lifecycle_attendance(session: ReviewSession, state: Any) -> dict[str, Any]:
    from app.sessions.lifecycle import attendance_of

    return attendance_of(session, state)


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
                rows = _opinions(db, ctx, session, rnd)
                info = {
                    "id": session.id,
                    "deadline": session.deadline,
                    "participants": {db.get_one(Department, p.department_id).name for p in session.participants},
                }
                out.append((info, compute_tally(db, session, rnd, rows), rows))
    return out


# What each role has to do next (the desktop's 待我处理); one task per session and role, no opinion content.
TASKS = (
    "to_draft",
    "to_seal",
    "to_open",
    "to_reveal",
    "to_state",
    "to_decide",
    "to_release",
    "to_archive",
    "to_decide_chair_recusal",
)


def my_work(ctx: AccountContext) -> list[dict[str, Any]]:
    """The sessions waiting for this account, each with its task (one of :data:`TASKS`), oldest first.

    A convenience list for the home screen: every action it points to is still checked by its service.  The
    round's state is read only for a session where a task depends on it (a chair's revealed session, a
    reviewer's collecting one): a store of 10,000 sessions is not read in full to find a handful of tasks.
    """
    # Children (items, participants, custodians) loaded only for the sessions that need them, not for every row.
    query = _visible(ctx).where(ReviewSession.status.not_in((ARCHIVED,))).options(lazyload("*"))
    clerk = Role.CLERK.value in ctx.roles
    out: list[dict[str, Any]] = []
    with ctx.store.transaction() as db:
        for s in db.scalars(query.order_by(ReviewSession.id)):
            if not _may_see(ctx, s):
                continue
            tasks = _tasks(ctx, db, s, clerk)
            for task in tasks:
                out.append(
                    {"id": s.id, "ref": s.ref_number, "title": s.title, "task": task, "deadline": _iso(s.deadline)}
                )
    return out


def _tasks(ctx: AccountContext, db: Session, s: ReviewSession, clerk: bool) -> list[str]:
    """What ``ctx`` has to do in session ``s`` now (see :func:`my_work`)."""
    tasks: list[str] = []
    known: list[tuple[Round | None, RoundState | None]] = []

    def current() -> tuple[Round | None, RoundState | None]:
        if not known:
            rnd = current_round(db, s)
            known.append((rnd, round_state(db, rnd) if rnd else None))
        return known[0]

    chair = s.chair_id == ctx.account_id
    if s.deputy_id is not None:  # the deputy acts as chair once the chair's recusal is approved
        from app.sessions import deputy

        ledger = deputy.ledger(db, s)
        chair = ledger.acting == ctx.name
        rnd = current()[0]
        if s.deputy_id == ctx.account_id and rnd is not None and ledger.pending(rnd.number):
            tasks.append("to_decide_chair_recusal")
        if ledger.approved and s.chair_id == ctx.account_id and s.status == SEALED:
            tasks.append("to_release")  # the recused chair still releases their layer to the deputy
    if chair:
        if s.status == DRAFT:
            tasks.append("to_open")
        elif s.status == SEALED:
            tasks.append("to_reveal")
        elif s.status == REVEALED:  # has the chair stated a position in the current round (末位表态)?
            stated = db.scalars(
                select(Envelope.id)
                .join(Round, Envelope.round_id == Round.id)
                .where(Round.session_id == s.id, Envelope.is_chair.is_(True))
                .where(Round.number == select(func.max(Round.number)).where(Round.session_id == s.id).scalar_subquery())
            ).first()
            tasks.append("to_decide" if stated is not None else "to_state")
    own = participant_of(ctx, s) if s.status == COLLECTING else None  # a substitute the chair named included
    if own is not None:
        rnd, state = current()
        if rnd is not None and state is not None:
            waiting = own.reviewer_id == ctx.account_id and state.decisions.get(own.id, "") in (
                "requested",
                "approved",
            )  # the reviewer's recusal is pending or approved: nothing for them to seal
            if own.id not in state.done() and not waiting:
                drafted = db.scalars(
                    select(OpinionDraft.id).where(
                        OpinionDraft.round_id == rnd.id, OpinionDraft.author_id == ctx.account_id
                    )
                ).first()
                tasks.append("to_seal" if drafted is not None else "to_draft")
    if s.status == SEALED and any(c.account_id == ctx.account_id for c in s.custodians):
        tasks.append("to_release")
    if clerk and s.status == DECIDED:
        tasks.append("to_archive")
    return tasks


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
