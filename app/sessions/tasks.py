"""The home screen's task list (待我处理): what each account has to do next, one task per session and role.

Moved out of app.sessions.views (issue 16: modules under ~400 lines); views re-exports these names.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from app.context import AccountContext
from app.permissions import Role
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
from app.sessions.listing import _iso, _may_see, _visible
from models import Envelope, OpinionDraft, ReviewSession, Round

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
