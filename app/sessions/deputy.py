"""The chair's own recusal (主持人回避), decided by the deputy chair (副主持人) named on the session.

What a body would expect, and what is built:

- The deputy chair is named when the session is created (optional) and is part of the signed definition.  It is an
  active account holding the chair role, cleared for the session's classification, and nobody else in the session:
  not its chair, a department's reviewer, a custodian or a clerk of it — whoever judges the chair's conflict and
  may take the chair's place must stand outside the matter as a party.  The deputy reads the session's content
  from the start (they may have to chair it), but can do nothing else until the chair's recusal is approved.
- The chair asks with a statement (``chair.recuse``, the statement sealed under the content key) while the session
  is collecting or sealed — before the opinions are opened; once every holder has released their round key the
  request comes too late (as for a custodian), and so does an approval.
- Only the named deputy decides (``chair.recusal.decide``: approve, or refuse with a written reason sealed under
  the content key).  An entry by anyone else, or a second decision, has no effect (:mod:`app.facts` replays it).
- When approved the deputy becomes the acting chair for the rest of the session: they reveal, state the position
  last, decide, open new rounds and decide other recusals; everything the chair signs they sign.  The recused chair
  loses content access like any recused participant (their copies of the content key are deleted in the approving
  transaction) but still releases their layer of the current round's reveal key — sealed to the acting chair —
  exactly as a custodian does; it shows them nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, Refused
from app.i18n import tr
from app.opinion_form import real_text
from models import Account, AuditEntry, ReviewSession

REQUEST = "chair.recuse"
DECIDE = "chair.recusal.decide"


@dataclass
class ChairRecusal:
    """The chair's requests and the deputy's decisions, from the signed log (others' entries ignored)."""

    chair: str
    deputy: str | None
    requests: dict[int, dict[str, Any]] = field(default_factory=dict)  # round → {statement, at, decision}
    approved_seq: int | None = None  # the deputy's approving entry: the deputy acts from there on

    @property
    def approved(self) -> bool:
        return self.approved_seq is not None

    @property
    def acting(self) -> str:
        return self.deputy if self.approved and self.deputy else self.chair

    def acting_at(self, seq: int) -> str:
        """Who acted as chair when entry ``seq`` was written."""
        if self.approved_seq is not None and self.deputy and seq > self.approved_seq:
            return self.deputy
        return self.chair

    def pending(self, round_number: int) -> bool:
        req = self.requests.get(round_number)
        return req is not None and req["decision"] is None


def replay(chair: str, deputy: str | None, entries: list[tuple[int, str, str, dict[str, Any], str]]) -> ChairRecusal:
    """``entries``: (seq, action, actor, details, time) of the session's chair-recusal entries, in order."""
    out = ChairRecusal(chair, deputy)
    if deputy is None:
        return out
    released: set[int] = set()  # rounds in which a holder released their key (to the chair)
    sealed: set[int] = set()  # rounds sealed so far (a release signed before that released nothing)
    current = 0  # the round open at this point of the log
    for seq, action, actor, d, at in entries:
        number = d.get("round")
        if not isinstance(number, int):
            continue
        if action in ("session.open", "session.round"):
            current = number
        elif action in ("session.sealed", "session.close"):
            sealed.add(number)
        elif action == "reveal.release" and number in sealed:
            released.add(number)
        elif action == REQUEST and actor == chair and out.approved_seq is None and number not in out.requests:
            if number != current:  # asked ahead for a later round (or for an earlier one): as app.facts, no effect
                continue
            out.requests[number] = {"statement": str(d.get("statement", "")), "at": at, "decision": None}
        elif action == DECIDE and actor == deputy and out.pending(number):
            approved = d.get("approved") is True
            if approved and number in released:
                continue  # after a release to the chair: without effect (app.facts reports it)
            out.requests[number]["decision"] = {
                "approved": approved,
                "reason": str(d.get("reason", "")),
                "by": actor,
                "at": at,
            }
            if approved:
                out.approved_seq = seq
    return out


def ledger(db: Session, session: ReviewSession) -> ChairRecusal:
    chair_row = db.get(Account, session.chair_id)
    chair = chair_row.name if chair_row is not None else ""
    if session.deputy_id is None:  # most sessions: one row read, no log scan
        return ChairRecusal(chair, None)
    deputy_row = db.get(Account, session.deputy_id)
    deputy = deputy_row.name if deputy_row is not None else None
    if deputy is None:
        return ChairRecusal(chair, None)
    rows = db.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.object == f"session:{session.id}",
            AuditEntry.action.in_(
                (REQUEST, DECIDE, "reveal.release", "session.sealed", "session.close", "session.open", "session.round")
            ),
        )
        .order_by(AuditEntry.seq)
    )
    # Only a release by one of the session's custodians voids a later approval (as in app.facts): a
    # ``reveal.release`` signed by any other account has no effect and must not undo the chair's recusal.
    names = dict(db.execute(select(Account.id, Account.name)).all())
    custodians = {names.get(c.account_id) for c in session.custodians}
    entries = []
    for e in rows:
        if e.action == "reveal.release" and e.actor not in custodians:
            continue
        try:
            d = json.loads(e.details)
        except ValueError:
            continue
        if isinstance(d, dict):
            entries.append((e.seq, e.action, e.actor, d, e.ts.isoformat()))
    return replay(chair, deputy, entries)


def acting_id(db: Session, session: ReviewSession) -> int:
    """The account acting as chair now: the deputy once the chair's recusal was approved, else the chair."""
    if session.deputy_id is None:
        return session.chair_id
    return session.deputy_id if ledger(db, session).approved else session.chair_id


def chair_recused(db: Session, session: ReviewSession) -> bool:
    return session.deputy_id is not None and ledger(db, session).approved


def _holders_released(db: Session, session: ReviewSession, round_number: int) -> list[str]:
    from app.sessions import custodian_recusal

    names = {a.id: a.name for a in db.scalars(select(Account))}
    return [
        n
        for c in session.custodians
        if custodian_recusal.released(db, session, round_number, n := names.get(c.account_id, ""))
    ]


def request(ctx: AccountContext, session_id: int, statement: str) -> dict[str, Any]:
    """The chair asks to be recused, with a statement sealed under the content key; the deputy decides."""
    from app.sessions import content
    from app.sessions.common import COLLECTING, SEALED, load, require_round, require_status

    if len(real_text(statement)) < 4:
        raise InvalidInput(tr("Describe the conflict of interest in a few words."))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        if session.chair_id != ctx.account_id:
            raise NotPermitted(tr("Only the chair of this session may do this."))
        if session.deputy_id is None:
            raise Refused(
                tr(
                    "This session names no deputy chair, who alone may decide the chair's recusal. Withdraw the "
                    "session and create it again naming a deputy chair."
                )
            )
        require_status(session, COLLECTING, SEALED)
        rnd = require_round(db, session)
        led = ledger(db, session)
        if led.approved:
            raise Refused(tr("Your recusal was already approved; the deputy chair acts as chair."))
        if rnd.number in led.requests:
            raise Refused(tr("You have already asked to be recused in this round."))
        if _holders_released(db, session, rnd.number):
            raise Refused(
                tr(
                    "A custodian has already released their key to you for round {round}; a recusal now would come "
                    "after the fact."
                ).format(round=rnd.number)
            )
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        sealed = ""
        if key is not None:
            label = f"chair-recusal:{rnd.number}"
            sealed = content.seal_text(key, ctx.store.slots.store_id, session.id, label, statement.strip()).hex()
        audit.append(db, ctx.actor, REQUEST, f"session:{session.id}", {"round": rnd.number, "statement": sealed})
        return {"session": session.id, "round": rnd.number, "chair": ctx.name, "requested": True}


def decide(ctx: AccountContext, session_id: int, approve: bool, reason: str = "") -> dict[str, Any]:
    """The deputy chair approves (and from then on acts as chair) or refuses with a written reason."""
    from app import registry
    from app.permissions import Role
    from app.sessions import content, recusal_common
    from app.sessions.common import COLLECTING, SEALED, load, require_round, require_status

    reason = reason.strip()
    if not approve and len(real_text(reason)) < 4:
        raise InvalidInput(tr("Refusing a recusal needs a written reason (at least a few words)."))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        if session.deputy_id is None or session.deputy_id != ctx.account_id:
            raise NotPermitted(tr("Only the deputy chair named on this session decides the chair's recusal."))
        registry.catch_up(db, ctx.registry)
        if Role.CHAIR.value not in ctx.registry.roles_of(ctx.name):
            raise NotPermitted(tr("The deputy chair must hold the chair role."))
        require_status(session, COLLECTING, SEALED)
        rnd = require_round(db, session)
        led = ledger(db, session)
        if not led.pending(rnd.number):
            raise Refused(
                tr("{name} has no recusal request awaiting a decision in round {round}.").format(
                    name=led.chair, round=rnd.number
                )
            )
        if approve and _holders_released(db, session, rnd.number):
            raise Refused(tr("A custodian has already released their key to the chair for this round."))
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        details = {"round": rnd.number, "chair": led.chair, "approved": approve}
        label = f"chair-recusal-decision:{rnd.number}"
        recusal_common.record_decision(db, ctx, session, key, DECIDE, details, label, reason, led.chair)
        return {
            "session": session.id,
            "round": rnd.number,
            "chair": led.chair,
            "approved": approve,
            "acting_chair": ctx.name if approve else led.chair,
        }


def rows(db: Session, ctx: AccountContext, session: ReviewSession, key: bytes | None) -> list[dict[str, Any]]:
    """The chair's requests with the deputy's decisions, shaped like the reviewers' rows."""
    from app.sessions import recusal_common

    led = ledger(db, session)
    return [
        recusal_common.request_row(
            ctx,
            session,
            key,
            v,
            (f"chair-recusal:{number}", f"chair-recusal-decision:{number}"),
            {"round": number, "department": None, "chair": True, "reviewer": led.chair},
            led.deputy,
        )
        for number, v in sorted(led.requests.items())
    ]
