"""Need to know (知悉范围): clearance levels, the clerks assigned to a session, recused participants.

- Every account carries a clearance level that only the security officer sets, as a signed registry fact
  (``account.clearance``, replayed by :mod:`app.registry`); an account without one is cleared for 非密 only.
  A session cannot include an account cleared below its classification, and nobody cleared below it reads
  anything of it (particulars, board, opinions, tally, dossier).
- A clerk (who also reads statistics) sees only the sessions they are named on at creation; the names are
  part of the signed session definition (``options.clerks``).  Sessions created before clerks were named
  keep the former rule (every clerk), recorded as such in their definition by the absence of the list.
- A participant whose recusal took effect no longer reads the session's content.

Each refusal is recorded in the audit log (``access.refused``) in a transaction of its own.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.context import AccountContext
from app.errors import AuditedRefusal
from app.i18n import tr
from app.permissions import Role
from app.registry import Registry
from models import Recusal, ReviewSession, Round

# 保密法 levels in order; 非密 (and 内部, not a state secret) need no clearance.
LEVELS = ("非密", "秘密", "机密", "绝密")
_RANK = {"": 0, "非密": 0, "内部": 0, "秘密": 1, "机密": 2, "绝密": 3}


def rank(level: str) -> int:
    """The level's rank; an unknown level ranks above every clearance (fail closed)."""
    return _RANK.get(level.strip(), len(LEVELS))


def clearance_of(reg: Registry, name: str) -> str:
    """The level the signed log says ``name`` is cleared for ("非密" when never set)."""
    rec = reg.account(name)
    return (rec.clearance if rec is not None and rec.clearance else "") or "非密"


def cleared(reg: Registry, name: str, classification: str) -> bool:
    return rank(clearance_of(reg, name)) >= rank(classification)


def assigned_clerks(session: ReviewSession) -> list[str] | None:
    """The clerks named on the session (None: a session from before clerks were named — every clerk)."""
    clerks = json.loads(session.options).get("clerks")
    return [str(c) for c in clerks] if isinstance(clerks, list) else None


def definition_clerks(definition: dict[str, Any]) -> list[str] | None:
    clerks = definition.get("options", {}).get("clerks")
    return [str(c) for c in clerks] if isinstance(clerks, list) else None


def is_assigned_clerk(ctx: AccountContext, session: ReviewSession) -> bool:
    if Role.CLERK.value not in ctx.roles:
        return False
    clerks = assigned_clerks(session)
    return clerks is None or ctx.name in clerks


def recused_participant(db: Session, ctx: AccountContext, session: ReviewSession) -> bool:
    """Whether this account reviews for a department whose recusal took effect (approved) in a round of the session."""
    mine = [p.id for p in session.participants if p.reviewer_id == ctx.account_id]
    if not mine and ctx.account_id == session.chair_id and session.deputy_id is not None:
        from app.sessions import deputy

        return deputy.chair_recused(db, session)
    if not mine:
        from app.sessions import custodian_recusal

        is_custodian = ctx.account_id in {c.account_id for c in session.custodians}
        return is_custodian and custodian_recusal.recused(db, ctx, session)
    from app.sessions import recusal_decisions

    led = recusal_decisions.ledger(db, session)
    recusals = db.execute(
        select(Recusal, Round.number)
        .join(Round, Recusal.round_id == Round.id)
        .where(Round.session_id == session.id, Recusal.participant_id.in_(mine), Recusal.has_conflict.is_(True))
    ).all()
    return any(recusal_decisions.in_effect(led, number, rec) for rec, number in recusals)


def _refuse(ctx: AccountContext, session: ReviewSession, reason: str, message: str) -> AuditedRefusal:
    session_id = session.id

    def record(db: Session) -> None:
        audit.append(db, ctx.actor, "access.refused", f"session:{session_id}", {"reason": reason})

    return AuditedRefusal(message, record)


def require_cleared(ctx: AccountContext, session: ReviewSession) -> None:
    """Refuse (and record) an account cleared below the session's classification."""
    if not cleared(ctx.registry, ctx.name, session.classification):
        raise _refuse(
            ctx,
            session,
            "clearance",
            tr(
                "This session is classified {level}; your account is cleared for {clearance} only. Nothing was "
                "shown. The security officer sets clearance levels."
            ).format(level=session.classification, clearance=clearance_of(ctx.registry, ctx.name)),
        )


def require_not_clerk_elsewhere(ctx: AccountContext, session: ReviewSession) -> None:
    """Refuse (and record) a clerk who is not assigned to the session (and has no other part in it)."""
    raise _refuse(
        ctx,
        session,
        "not_assigned",
        tr("You are not assigned to this session (need to know); the chair names its clerks when creating it."),
    )


def require_content_access(db: Session, ctx: AccountContext, session: ReviewSession) -> None:
    """Refuse (and record) reading the session's content: clearance, and a recusal that took effect."""
    require_cleared(ctx, session)
    if recused_participant(db, ctx, session):
        raise _refuse(
            ctx,
            session,
            "recused",
            tr(
                "Your department's recusal in this session took effect: you no longer read its content "
                "(opinions, tally, decision, dossier)."
            ),
        )


def check_members(reg: Registry, classification: str, names: list[str]) -> None:
    """At creation: every person named on the session must be cleared for its classification."""
    from app.errors import InvalidInput

    below = [f"{n}（{clearance_of(reg, n)}）" for n in dict.fromkeys(names) if not cleared(reg, n, classification)]
    if below:
        raise InvalidInput(
            tr(
                "A {level} session cannot include accounts cleared below it: {names}. The security officer "
                "sets clearance levels."
            ).format(level=classification, names="、".join(below))
        )


def substitutes_of(db: Session, session: ReviewSession) -> set[str]:
    """The substitute reviewers the chair named in signed recusal decisions."""
    from app.sessions import recusal_decisions

    return recusal_decisions.ledger(db, session).substitutes()


def recused_names(db: Session, session: ReviewSession) -> set[str]:
    """Every account whose recusal in this session took effect (reviewers, custodians, the chair): no reader copy
    of the content key is made for them, and theirs were deleted when the recusal was approved."""
    from app.sessions import custodian_recusal, recusal_decisions
    from models import Account, Participant

    out: set[str] = set()
    led = recusal_decisions.ledger(db, session)
    recusals = db.execute(
        select(Recusal, Round.number)
        .join(Round, Recusal.round_id == Round.id)
        .where(Round.session_id == session.id, Recusal.has_conflict.is_(True))
    ).all()
    for rec, number in recusals:
        if recusal_decisions.in_effect(led, number, rec):
            participant = db.get(Participant, rec.participant_id)
            account = db.get(Account, participant.reviewer_id) if participant is not None else None
            if account is not None:
                out.add(account.name)
    for (_round, name), v in custodian_recusal.state(db, session).items():
        if v["decision"] is not None and v["decision"]["approved"]:
            out.add(name)
    if session.deputy_id is not None:
        from app.sessions import deputy

        chair_led = deputy.ledger(db, session)
        if chair_led.approved:
            out.add(chair_led.chair)
    return out


def readable_by(reg: Registry, name: str, definition: dict[str, Any], substitutes: set[str] | None = None) -> bool:
    """Whether ``name`` may hold a reader copy of the content key (clearance; clerks: only those assigned)."""
    if not cleared(reg, name, str(definition.get("classification", ""))):
        return False
    rec = reg.account(name)
    named = {
        definition.get("chair"),
        definition.get("deputy"),
        *definition.get("custodians", []),
        *(p[2] for p in definition.get("participants", [])),
    }
    named |= substitutes or set()
    if name in named:
        return True
    clerks = definition_clerks(definition)
    is_clerk = rec is not None and Role.CLERK.value in rec.roles
    return is_clerk and (clerks is None or name in clerks)
