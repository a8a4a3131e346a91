"""What every session service needs: statuses, loading, who holds which role in a session."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

if TYPE_CHECKING:
    from app.facts import SessionCheck

from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, Refused
from app.facts_seen import CheckRows, DeclaredRow, EnvelopeSeen, RecusalSeen, SealedRow
from app.i18n import tr
from app.permissions import Operation, Role
from app.sessions import access
from models import Account, Envelope, Participant, Recusal, ReviewSession, Round
from models.base import utcnow

DRAFT = "draft"
COLLECTING = "collecting"
SEALED = "sealed"
REVEALED = "revealed"
DECIDED = "decided"
ARCHIVED = "archived"
WITHDRAWN = "withdrawn"
STATUSES = (DRAFT, COLLECTING, SEALED, REVEALED, DECIDED, ARCHIVED, WITHDRAWN)
AFTER_REVEAL = (REVEALED, DECIDED, ARCHIVED)


def status_label(status: str) -> str:
    """The status in the user's language."""
    labels = {
        DRAFT: tr("draft"),
        COLLECTING: tr("collecting"),
        SEALED: tr("sealed"),
        REVEALED: tr("revealed"),
        DECIDED: tr("decided"),
        ARCHIVED: tr("archived"),
        WITHDRAWN: tr("withdrawn"),
    }
    return labels.get(status, status)


def load(db: Session, session_id: int, ctx: AccountContext | None = None) -> ReviewSession:
    """The session, or a refusal naming the missing id.

    With ``ctx``, the session's rows are first checked against their signed facts
    (app.facts) with the registry brought up to the log's head: a session whose
    record was altered in the database is refused, naming what changed.
    """
    if ctx is not None:
        return load_checked(db, session_id, ctx)[0]
    row = db.get(ReviewSession, session_id)
    if row is None:
        raise InvalidInput(tr("No session with id {id}.").format(id=session_id))
    return row


def load_checked(
    db: Session, session_id: int, ctx: AccountContext, rows: bool = False
) -> tuple[ReviewSession, SessionCheck]:
    """As :func:`load` with ``ctx``, also returning the check (its flagged envelopes), so a caller that needs
    them does not check the session a second time in the same transaction; ``rows``: with what the check read
    (``SessionCheck.rows``) even when its verdict is a remembered one, for a caller that uses them before writing."""
    from app import facts, facts_cache

    # First the test of whether anything at all was written since a verdict was remembered (app.facts_cache): then
    # the session, the log's head and the verdict are what that check read, and nothing is read again.
    reused = facts_cache.reuse(db, ctx.registry, session_id, ctx.store.slots.store_id, rows)
    if reused is not None:
        row, check = reused
    else:
        row = load(db, session_id)
        caught_up(db, ctx)
        check = facts.inspect(db, ctx.registry, row, ctx.store.slots.store_id, rows)
    facts.raise_problems(row, check.problems)
    return row, check


def caught_up(db: Session, ctx: AccountContext, intact: bool = False) -> None:
    """The account's registry brought to the log's head, each new entry checked; a log that no longer verifies is
    refused as the session's record is (``Tampered``).  ``intact``: refused too when the account signed in past a
    bad entry (the registry stops before it, with a warning): nothing may be signed onto such a log."""
    from app import facts, registry

    try:
        registry.catch_up(db, ctx.registry)
        if intact and ctx.registry.broken is not None:
            raise ctx.registry.broken
    except registry.RegistryBroken as exc:
        raise facts.Tampered(exc.refusal().message) from exc


def current_round(db: Session, session: ReviewSession, rows: CheckRows | None = None) -> Round | None:
    """The newest round of the session (None before it is opened); ``rows``: what the facts check read in this
    transaction (app.facts.CheckRows), used instead of reading the rounds again when their numbers are distinct."""
    if rows is not None and len({r.number for r in rows.rounds}) == len(rows.rounds):
        return max(rows.rounds, key=lambda r: r.number, default=None)
    return db.scalars(select(Round).where(Round.session_id == session.id).order_by(Round.number.desc())).first()


def require_round(db: Session, session: ReviewSession, rows: CheckRows | None = None) -> Round:
    rnd = current_round(db, session, rows)
    if rnd is None:
        raise Refused(tr("The session has not been opened yet."))
    return rnd


def options_of(session: ReviewSession) -> list[str]:
    return list(json.loads(session.options)["options"])


def item_options_of(session: ReviewSession) -> dict[int, list[str]]:
    """Each item's options: its own where the kind fixes them (案件审理), else the session's shared list."""
    data = json.loads(session.options)
    per_item = data.get("items", {})
    return {i.number: list(per_item.get(str(i.number), data["options"])) for i in session.items}


def free_text_options_of(session: ReviewSession) -> list[str]:
    return list(json.loads(session.options).get("free_text", []))


def require_status(session: ReviewSession, *allowed: str) -> None:
    """Refuse unless the session is in one of ``allowed``."""
    if session.status not in allowed:
        raise Refused(
            tr("Not possible while the session is {status} (needs: {allowed}).").format(
                status=status_label(session.status), allowed=", ".join(status_label(s) for s in allowed)
            )
        )


def acting_chair_id(session: ReviewSession) -> int:
    """The account acting as chair: the session's chair, or the deputy chair once the deputy approved the chair's
    recusal (app.sessions.deputy)."""
    if session.deputy_id is None:
        return session.chair_id
    db = object_session(session)
    if db is None:
        return session.chair_id
    from app.sessions import deputy

    return deputy.acting_id(db, session)


def is_chair(ctx: AccountContext, session: ReviewSession) -> bool:
    """Whether ``ctx`` acts as this session's chair now (see :func:`acting_chair_id`)."""
    if session.deputy_id is None:
        return session.chair_id == ctx.account_id
    return acting_chair_id(session) == ctx.account_id


def require_chair(ctx: AccountContext, session: ReviewSession, operation: Operation) -> None:
    """Only this session's chair (who must hold the chair role) may do this."""
    ctx.require(operation)
    if not is_chair(ctx, session):
        raise NotPermitted(tr("Only the chair of this session may do this."))


def participant_of(ctx: AccountContext, session: ReviewSession) -> Participant | None:
    """The participant this account reviews for, if any (a substitute: the department in the current round)."""
    for participant in session.participants:
        if participant.reviewer_id == ctx.account_id:
            return participant
    if Role.REVIEWER.value not in ctx.roles:
        return None  # only a reviewer can be named a substitute
    db = object_session(session)
    if db is None:
        return None
    rnd = current_round(db, session)
    if rnd is None:
        return None
    state = round_state(db, rnd)
    for pid, name in state.substitutes.items():
        if name == ctx.name:
            return next(p for p in session.participants if p.id == pid)
    return None


def custodian_ids(session: ReviewSession) -> list[int]:
    return [c.account_id for c in session.custodians]


def has_named_role(ctx: AccountContext, session: ReviewSession) -> bool:
    """Chair, reviewer or custodian of this session."""
    return (
        ctx.account_id in (session.chair_id, session.deputy_id)
        or participant_of(ctx, session) is not None
        or ctx.account_id in custodian_ids(session)
    )


def has_session_role(ctx: AccountContext, session: ReviewSession) -> bool:
    """Chair, reviewer, custodian of this session, or a clerk assigned to it (need to know)."""
    return has_named_role(ctx, session) or access.is_assigned_clerk(ctx, session)


def require_session_reader(ctx: AccountContext, session: ReviewSession) -> None:
    """Refuse accounts with no part in the session (and every 三员 role) or cleared below it (recorded)."""
    ctx.require(Operation.SESSION_LIST)
    if not has_session_role(ctx, session):
        if Role.CLERK.value in ctx.roles:
            access.require_not_clerk_elsewhere(ctx, session)
        raise NotPermitted(tr("You have no part in this session."))
    access.require_cleared(ctx, session)


def account_names(db: Session) -> dict[int, str]:
    return dict(db.execute(select(Account.id, Account.name)).all())


# A round's state holds ORM rows (round_state) or the facts check's plain values of them (seen_state): SealedRow
# and DeclaredRow, as _state_of requires of what it is made from (a bound on the class's own parameters is checked
# before the ORM's column types are known, and refuses them).
E = TypeVar("E")
R = TypeVar("R")
_E = TypeVar("_E", bound=SealedRow)
_R = TypeVar("_R", bound=DeclaredRow)


@dataclass(frozen=True)
class RoundState(Generic[E, R]):
    """Who has sealed, who recused, who is missing, in one round (no content)."""

    envelopes: dict[int, E]  # participant id → envelope
    recusals: dict[int, R]  # participant id → declaration
    chair_envelope: E | None
    # participant id → "requested" / "approved" / "refused" (None: declared before decisions, in effect)
    decisions: dict[int, str | None] = field(default_factory=dict)
    substitutes: dict[int, str] = field(default_factory=dict)  # participant id → substitute reviewer

    def _declared(self) -> Mapping[int, DeclaredRow]:
        return cast("Mapping[int, DeclaredRow]", self.recusals)  # made by _state_of only (and replace, alike)

    def recused(self) -> set[int]:
        """Departments out of the round: a conflict approved (or declared before decisions) and no substitute."""
        return {
            pid
            for pid, r in self._declared().items()
            if r.has_conflict and self.decisions.get(pid) in ("approved", None) and pid not in self.substitutes
        }

    def requested(self) -> set[int]:
        """Recusal requests awaiting the chair's decision."""
        return {pid for pid, r in self._declared().items() if r.has_conflict and self.decisions.get(pid) == "requested"}

    def done(self) -> set[int]:
        return set(self.envelopes) | self.recused()


def round_state(db: Session, rnd: Round) -> RoundState[Envelope, Recusal]:
    """The round's state, its envelope and recusal rows read now."""
    envelopes = list(db.scalars(select(Envelope).where(Envelope.round_id == rnd.id)))
    return _state_of(db, rnd, envelopes, list(db.scalars(select(Recusal).where(Recusal.round_id == rnd.id))))


def seen_state(db: Session, rnd: Round, rows: CheckRows | None) -> RoundState[EnvelopeSeen, RecusalSeen]:
    """The round's state from what the facts check read (``rows``: in this transaction, or carried with the verdict
    it reused, app.facts_cache), as plain values; read now when the check did not read that round's rows."""
    if rows is not None and rnd.id in rows.envelopes and rnd.id in rows.recusals:
        return _state_of(db, rnd, rows.envelopes[rnd.id], rows.recusals[rnd.id])
    envelopes = [EnvelopeSeen.of(e) for e in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id))]
    recusals = [RecusalSeen.of(r) for r in db.scalars(select(Recusal).where(Recusal.round_id == rnd.id))]
    return _state_of(db, rnd, envelopes, recusals)


def _state_of(db: Session, rnd: Round, envelopes: Sequence[_E], recusal_rows: Sequence[_R]) -> RoundState[_E, _R]:
    recusals = {r.participant_id: r for r in recusal_rows}
    decisions: dict[int, str | None] = {}
    substitutes: dict[int, str] = {}
    if any(r.has_conflict for r in recusals.values()):
        from app.sessions import recusal_decisions

        led = recusal_decisions.ledger(db, db.get_one(ReviewSession, rnd.session_id))
        for pid, r in recusals.items():
            if r.has_conflict:
                decisions[pid] = led.state(rnd.number, pid)
                if (sub := led.substitute(rnd.number, pid)) is not None:
                    substitutes[pid] = sub
    return RoundState(
        {e.participant_id: e for e in envelopes if e.participant_id is not None},
        recusals,
        next((e for e in envelopes if e.is_chair), None),
        decisions,
        substitutes,
    )


def is_overdue(session: ReviewSession, state: RoundState[Any, Any] | None, now: datetime | None = None) -> bool:
    """Past the deadline at any stage before DECIDED: collecting, sealed not revealed, revealed not decided
    (线索滞留防范; app.deadlines)."""
    from app import deadlines

    return deadlines.state(session.status, session.deadline, 0, now or utcnow()) == deadlines.OVERDUE
