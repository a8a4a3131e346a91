"""The home screen's task list (待我处理): what each account has to do next, one task per session and role.

Moved out of app.sessions.views (issue 16: modules under ~400 lines); views re-exports these names.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select
from sqlalchemy.orm import Session, aliased, lazyload

from app.context import AccountContext
from app.permissions import Role
from app.sessions import list_access
from app.sessions.common import (
    ARCHIVED,
    COLLECTING,
    DECIDED,
    DRAFT,
    REVEALED,
    SEALED,
    RoundState,
    current_round,
    participant_of,
    round_state,
)
from app.sessions.listing import _iso, _visible
from models import Custodian, Envelope, OpinionDraft, Participant, ReviewSession, Round

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

    A convenience list for the home screen: every action it points to is still checked by its service.  One SQL
    statement (issue 16: the home screen held 380 MB building an ORM session per row of a 10,000-session store)
    finds the sessions where this account can have a task at all, with need to know in the query as the session
    list has it (:mod:`app.sessions.list_access`), and answers the plain cases from columns: the chair's draft,
    sealed and revealed sessions (stated or not), the custodian's sealed ones, the clerk's decided ones.  Only a
    session with a deputy chair named (who acts as chair follows signed entries) or a collecting one where the
    account reviews (recusal decisions, a substitute named, a draft) goes through :func:`_tasks`, the rule as it
    was, on that one session.
    """
    me = ctx.account_id
    clerk = Role.CLERK.value in ctx.roles
    custodian = exists().where(Custodian.session_id == ReviewSession.id, Custodian.account_id == me)
    reviews = exists().where(Participant.session_id == ReviewSession.id, Participant.reviewer_id == me)
    later = aliased(Round)
    latest = select(func.max(later.number)).where(later.session_id == ReviewSession.id).scalar_subquery()
    stated = exists(
        select(Envelope.id)
        .join(Round, Envelope.round_id == Round.id)
        .where(Round.session_id == ReviewSession.id, Envelope.is_chair.is_(True), Round.number == latest)
    )
    collecting_part: list[ColumnElement[bool]] = [reviews]
    if Role.REVIEWER.value in ctx.roles:  # a substitute the chair named (confirmed by _tasks on the session)
        collecting_part.append(list_access.substitute_candidate(ctx))
    possible = or_(
        and_(ReviewSession.chair_id == me, ReviewSession.status.in_((DRAFT, SEALED, REVEALED))),
        and_(ReviewSession.deputy_id.is_not(None), or_(ReviewSession.chair_id == me, ReviewSession.deputy_id == me)),
        and_(ReviewSession.status == COLLECTING, or_(*collecting_part)),
        and_(ReviewSession.status == SEALED, custodian),
        *([ReviewSession.status == DECIDED] if clerk else []),
    )
    query = _visible(
        ctx,
        select(
            ReviewSession.id,
            ReviewSession.ref_number,
            ReviewSession.title,
            ReviewSession.deadline,
            ReviewSession.status,
            ReviewSession.chair_id,
            ReviewSession.deputy_id,
            case((ReviewSession.status == SEALED, custodian), else_=false()),
            case((ReviewSession.status == REVEALED, stated), else_=false()),
        ),
    ).where(ReviewSession.status.not_in((ARCHIVED,)), possible)
    out: list[dict[str, Any]] = []
    with ctx.store.transaction() as db:
        rows = db.execute(list_access.restrict(ctx, db, query.order_by(ReviewSession.id))).all()
        for (
            sid,
            ref,
            title,
            deadline,
            status,
            chair_id,
            deputy_id,
            keeps,
            has_stated,
            _direct,
        ) in list_access.confirm_indirect(db, ctx, rows):
            if deputy_id is not None or status == COLLECTING:
                s = db.get(ReviewSession, sid, options=[lazyload("*")])
                tasks = _tasks(ctx, db, s, clerk) if s is not None else []
            else:
                tasks = _plain_tasks(me == chair_id, status, bool(keeps), bool(has_stated), clerk)
            for task in tasks:
                out.append({"id": sid, "ref": ref, "title": title, "task": task, "deadline": _iso(deadline)})
    return out


def _plain_tasks(chair: bool, status: str, custodian: bool, stated: bool, clerk: bool) -> list[str]:
    """:func:`_tasks` for a session with no deputy chair that is not collecting, from its columns."""
    tasks: list[str] = []
    if chair and status == DRAFT:
        tasks.append("to_open")
    elif chair and status == SEALED:
        tasks.append("to_reveal")
    elif chair and status == REVEALED:
        tasks.append("to_decide" if stated else "to_state")
    if status == SEALED and custodian:
        tasks.append("to_release")
    if clerk and status == DECIDED:
        tasks.append("to_archive")
    return tasks


def _tasks(ctx: AccountContext, db: Session, s: ReviewSession, clerk: bool) -> list[str]:
    """What ``ctx`` has to do in session ``s`` now (see :func:`my_work`)."""
    tasks: list[str] = []
    known: list[tuple[Round | None, RoundState[Any, Any] | None]] = []

    def current() -> tuple[Round | None, RoundState[Any, Any] | None]:
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
