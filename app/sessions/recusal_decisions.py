"""Recusal as a decision (回避决定): a reviewer asks, the chair approves — naming, if wished, a substitute reviewer of
the same department who then seals in the department's place — or refuses with a written reason.

The request is the reviewer's signed recusal declaration (``opinion.recuse`` with ``request``); the decision
exists only as the chair's signed audit entry ``recusal.decide`` (no table an insider could write): it names the
round, the department, approval or refusal, the substitute, and the reason sealed under the session's content
key.  :mod:`app.facts` checks that only this session's chair decided, only a pending request, and that a
substitute is an active reviewer of that department; an envelope sealed by a substitute counts only with such
a decision before it.

A declaration made before decisions existed (no ``request`` in its entry) took effect at once, as it did then.

Not covered here (documented in README): a custodian's or the chair's own recusal.  A custodian holds a layer
of every round's reveal key; replacing a holder would mean re-keying the round, so the session has to be
withdrawn and recreated instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, registry
from app.account_names import account_row
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, Refused
from app.i18n import tr
from app.opinion_form import real_text
from app.permissions import Operation, Role
from models import Account, AuditEntry, Department, Recusal, ReviewSession, Round

REQUESTED = "requested"
APPROVED = "approved"
REFUSED = "refused"


@dataclass(frozen=True)
class RecusalDecision:
    round: int
    participant: int
    approved: bool
    substitute: str | None
    sealed_reason: str  # hex of the reason sealed under the content key ("" when none)
    decided_by: str
    decided_at: str


@dataclass
class Ledger:
    """What the signed log says about the session's recusal requests and decisions."""

    requests: set[tuple[int, int]]  # (round, participant) asked for by a reviewer, awaiting or decided
    decisions: dict[tuple[int, int], RecusalDecision]

    def state(self, round_number: int, participant: int) -> str | None:
        """``requested``, ``approved``, ``refused`` or None (no request: a declaration from before, in effect)."""
        decision = self.decisions.get((round_number, participant))
        if decision is not None:
            return APPROVED if decision.approved else REFUSED
        return REQUESTED if (round_number, participant) in self.requests else None

    def substitute(self, round_number: int, participant: int) -> str | None:
        decision = self.decisions.get((round_number, participant))
        return decision.substitute if decision is not None and decision.approved else None

    def substitutes(self) -> set[str]:
        return {d.substitute for d in self.decisions.values() if d.approved and d.substitute}


def ledger(db: Session, session: ReviewSession) -> Ledger:
    """Requests and the chair's decisions, from the verified log (entries by anyone but the chair are ignored;
    the deputy chair decides once the chair's own recusal was approved)."""
    from app.sessions import deputy

    acting = deputy.ledger(db, session)
    rows = db.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.object == f"session:{session.id}",
            AuditEntry.action.in_(("opinion.recuse", "recusal.remote", "recusal.decide")),
        )
        .order_by(AuditEntry.seq)
    )
    out = Ledger(set(), {})
    for entry in rows:
        try:
            d = json.loads(entry.details)
            key = (int(d["round"]), int(d["participant"]))
        except (ValueError, KeyError, TypeError):
            continue
        if entry.action in ("opinion.recuse", "recusal.remote"):  # the reviewer's own, or by file (issue 10)
            if d.get("request") is True:
                out.requests.add(key)
        elif entry.actor == acting.acting_at(entry.seq) and key in out.requests and key not in out.decisions:
            out.decisions[key] = RecusalDecision(
                key[0],
                key[1],
                d.get("approved") is True,
                str(d["substitute"]) if d.get("approved") is True and d.get("substitute") else None,
                str(d.get("reason", "")),
                entry.actor,
                entry.ts.isoformat(),
            )
    return out


def in_effect(led: Ledger, round_number: int, recusal: Recusal) -> bool:
    """Whether a declared conflict removes the department's reviewer: approved, or declared before decisions."""
    if not recusal.has_conflict:
        return False
    return led.state(round_number, recusal.participant_id) in (APPROVED, None)


def decide(
    ctx: AccountContext,
    session_id: int,
    department: str,
    approve: bool,
    reason: str = "",
    substitute: str | None = None,
) -> dict[str, Any]:
    """The chair approves (optionally naming a substitute of the same department) or refuses (with a reason)."""
    from app import facts
    from app.sessions import access, content
    from app.sessions.common import COLLECTING, load_checked, require_chair, require_round, require_status
    from app.sessions.lifecycle import mark_sealed_if_complete

    reason = reason.strip()
    if not approve and len(real_text(reason)) < 4:
        raise InvalidInput(tr("Refusing a recusal needs a written reason (at least a few words)."))
    if substitute is not None and not approve:
        raise InvalidInput(tr("A substitute is named only when the recusal is approved."))
    with ctx.store.transaction() as db:
        session, check = load_checked(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, COLLECTING)
        rnd = require_round(db, session)
        participant = next(
            (p for p in session.participants if db.get_one(Department, p.department_id).name == department), None
        )
        if participant is None:
            raise InvalidInput(tr("Department {name} is not in this session.").format(name=department))
        led = ledger(db, session)
        state = led.state(rnd.number, participant.id)
        if state != REQUESTED:
            raise Refused(
                tr("{name} has no recusal request awaiting a decision in round {round}.").format(
                    name=department, round=rnd.number
                )
            )
        sub_name = None
        if substitute:
            sub_name = _check_substitute(db, ctx, session, participant.department_id, department, substitute.strip())
            access.check_members(ctx.registry, session.classification, [sub_name])
        definition = facts.definition_of(db, session, ctx.store.slots.store_id)
        key = content.key_for(db, ctx, session, definition)
        sealed = ""
        if reason and key is not None:
            label = f"recusal-decision:{rnd.number}:{participant.id}"
            sealed = content.seal_text(key, ctx.store.slots.store_id, session.id, label, reason).hex()
        details: dict[str, Any] = {
            "round": rnd.number,
            "participant": participant.id,
            "department": department,
            "approved": approve,
            "substitute": sub_name,
            "reason": sealed,
        }
        audit.append(db, ctx.actor, "recusal.decide", f"session:{session.id}", details)
        if approve:  # the recused reviewer's copies of the content key go, in this same transaction
            content.revoke(db, session.id, [db.get_one(Account, participant.reviewer_id).name])
        if sub_name and key is not None:
            content.give_to(db, ctx, session.id, key, [sub_name])
        closed = mark_sealed_if_complete(db, ctx, session, check=check) if approve and not sub_name else False
        return {
            "session": session.id,
            "round": rnd.number,
            "department": department,
            "approved": approve,
            "substitute": sub_name,
            "session_sealed": closed,
        }


def _check_substitute(
    db: Session, ctx: AccountContext, session: ReviewSession, department_id: int, department: str, name: str
) -> str:
    registry.catch_up(db, ctx.registry)
    account = account_row(db, name)
    rec = ctx.registry.account(name)
    if account is None or rec is None or rec.disabled or Role.REVIEWER.value not in rec.roles:
        raise InvalidInput(tr("{name} is not an active reviewer.").format(name=name))
    if rec.department != department or account.department_id != department_id:
        raise InvalidInput(
            tr("The substitute must be a reviewer of the same department ({department}).").format(department=department)
        )
    taken = {session.chair_id, session.deputy_id, *(p.reviewer_id for p in session.participants)}
    taken |= {c.account_id for c in session.custodians}
    if account.id in taken:
        raise InvalidInput(tr("{name} already has a part in this session.").format(name=name))
    return name


def reason_text(key: bytes | None, store_id: str, session_id: int, decision: RecusalDecision) -> str | None:
    """The decision's reason for a reader holding the content key."""
    from app.sessions import content

    if not decision.sealed_reason or key is None:
        return "" if not decision.sealed_reason else None
    label = f"recusal-decision:{decision.round}:{decision.participant}"
    value = content.open_text(key, store_id, session_id, label, bytes.fromhex(decision.sealed_reason))
    return str(value)


def rows(db: Session, ctx: AccountContext, session: ReviewSession, key: bytes | None) -> list[dict[str, Any]]:
    """Every recusal request of the session with its decision, for the board, the tally view and the dossier."""
    from app.sessions import content

    led = ledger(db, session)
    store_id = ctx.store.slots.store_id
    out = []
    query = (
        select(Recusal, Round)
        .join(Round, Recusal.round_id == Round.id)
        .where(Round.session_id == session.id, Recusal.has_conflict.is_(True))
        .order_by(Round.number, Recusal.id)
    )
    for rec, rnd in db.execute(query).all():
        from models import Participant

        p = db.get_one(Participant, rec.participant_id)
        decision = led.decisions.get((rnd.number, rec.participant_id))
        out.append(
            {
                "round": rnd.number,
                "department": db.get_one(Department, p.department_id).name,
                "reviewer": db.get_one(Account, p.reviewer_id).name,
                "statement": content.recusal_statement(
                    key, store_id, session.id, rnd.number, rec, identity=ctx.keys.kem.private
                )
                if key
                else None,
                "state": led.state(rnd.number, rec.participant_id) or APPROVED,
                "substitute": decision.substitute if decision else None,
                "reason": reason_text(key, store_id, session.id, decision) if decision else "",
                "decided_by": decision.decided_by if decision else None,
                "decided_at": decision.decided_at if decision else None,
            }
        )
    return out


def mine(ctx: AccountContext, session_id: int) -> dict[str, Any] | None:
    """This reviewer's recusal request in the current round and its decision (None: no request)."""
    from app.sessions import content
    from app.sessions.common import load, require_round, round_state

    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        own = [p for p in session.participants if p.reviewer_id == ctx.account_id]
        rnd = require_round(db, session)
        state = round_state(db, rnd)
        substitute_for = [pid for pid, name in state.substitutes.items() if name == ctx.name]
        if substitute_for:
            p = next(p for p in session.participants if p.id == substitute_for[0])
            return {
                "state": "substitute",
                "department": db.get_one(Department, p.department_id).name,
                "for": db.get_one(Account, p.reviewer_id).name,
                "round": rnd.number,
            }
        if not own or own[0].id not in state.recusals or not state.recusals[own[0].id].has_conflict:
            return None
        led = ledger(db, session)
        decision = led.decisions.get((rnd.number, own[0].id))
        key = None
        if decision is not None and decision.sealed_reason:
            from app import facts

            try:
                key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
            except NotPermitted:  # approved: the reviewer's copy of the content key was revoked with it
                key = None
        return {
            "state": led.state(rnd.number, own[0].id) or APPROVED,
            "round": rnd.number,
            "substitute": decision.substitute if decision else None,
            "reason": reason_text(key, ctx.store.slots.store_id, session.id, decision) if decision else "",
        }


def listing(ctx: AccountContext, session_id: int) -> list[dict[str, Any]]:
    """The session's recusal requests and decisions; the statements only for the chair, who decides on them."""
    from app import facts
    from app.sessions import access, content
    from app.sessions.common import is_chair, load, require_session_reader

    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_session_reader(ctx, session)
        access.require_content_access(db, ctx, session)
        from app.sessions import custodian_recusal, deputy

        key = None
        if is_chair(ctx, session) or ctx.account_id == session.deputy_id:
            key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        out = rows(db, ctx, session, key) + custodian_recusal.rows(db, ctx, session, key)
        return deputy.rows(db, ctx, session, key) + out
