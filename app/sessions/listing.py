"""The session list (need to know in its SQL, app.sessions.list_access) and a session's summary line.

Moved out of app.sessions.views (issue 16: modules under ~400 lines); views re-exports these names.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, cast, func, or_, select

from app import deadlines, policy
from app.context import AccountContext
from app.matters import kinds, marking
from app.permissions import Operation, Role
from app.sessions import access, list_access
from app.sessions.common import has_session_role, status_label
from models import AuditEntry, Custodian, Envelope, Participant, ReviewSession, Round
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
