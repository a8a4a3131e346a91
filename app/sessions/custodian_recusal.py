"""A custodian's recusal (监督员回避), decided by the chair.

A custodian holds a layer of every round's reveal key: the key-holder model stays as it is.  A custodian
whose recusal the chair approved loses access to the session's content (as a recused reviewer does) but
still releases their layer at the reveal — the release seals their key to the chair and shows the custodian
nothing.  Replacing a holder would mean re-keying the round; a custodian who cannot take part at all is
handled by withdrawing and recreating the session.  A request is refused once the custodian has released
their key for the round (the recusal would come after the fact), and so is an approval after a release.

Signed facts: the request is the custodian's ``custodian.recuse`` entry (statement sealed under the content
key), the decision the chair's ``recusal.decide`` entry naming the ``custodian``; :mod:`app.facts_recusal`
checks both.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, Refused
from app.i18n import tr
from app.opinion_form import real_text
from app.permissions import Operation
from app.sessions import content, recusal_common
from app.sessions.common import COLLECTING, SEALED, account_names, load, require_chair, require_round, require_status
from models import AuditEntry, ReviewSession


def _entries(db: Session, session: ReviewSession, *actions: str) -> list[tuple[AuditEntry, dict[str, Any]]]:
    rows = db.scalars(
        select(AuditEntry)
        .where(AuditEntry.object == f"session:{session.id}", AuditEntry.action.in_(actions))
        .order_by(AuditEntry.seq)
    )
    out = []
    for entry in rows:
        try:
            d = json.loads(entry.details)
        except ValueError:
            continue
        if isinstance(d, dict):
            out.append((entry, d))
    return out


def released(db: Session, session: ReviewSession, round_number: int, name: str) -> bool:
    """Whether ``name`` released their key for the round (their signed ``reveal.release``, made once the round
    was sealed: an entry signed while it was collecting released nothing and counts for nothing, as in app.facts)."""
    sealed_at = None
    for e, d in _entries(db, session, "session.sealed", "session.close", "reveal.release"):
        if e.action != "reveal.release":
            if d.get("round") == round_number and sealed_at is None:
                sealed_at = e.seq
        elif sealed_at is not None and e.actor == name and d.get("round") == round_number:
            return True
    return False


def state(db: Session, session: ReviewSession) -> dict[tuple[int, str], dict[str, Any]]:
    """(round, custodian) → {"statement": sealed hex, "decision": None | {approved, reason, by, at}}."""
    from app.sessions import deputy

    acting = deputy.ledger(db, session)
    custodians = set(account_names(db).get(c.account_id) for c in session.custodians)
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for entry, d in _entries(db, session, "custodian.recuse", "recusal.decide"):
        if entry.action == "custodian.recuse" and entry.actor in custodians and isinstance(d.get("round"), int):
            out.setdefault((d["round"], entry.actor), {"statement": str(d.get("statement", "")), "decision": None})
        elif entry.action == "recusal.decide" and entry.actor == acting.acting_at(entry.seq) and "custodian" in d:
            pending = out.get((d.get("round"), d.get("custodian")))  # type: ignore[arg-type]
            if pending is not None and pending["decision"] is None:
                pending["decision"] = {
                    "approved": d.get("approved") is True,
                    "reason": str(d.get("reason", "")),
                    "by": entry.actor,
                    "at": entry.ts.isoformat(),
                }
    return out


def recused(db: Session, ctx: AccountContext, session: ReviewSession) -> bool:
    """Whether this account is a custodian of the session whose recusal the chair approved."""
    return any(
        name == ctx.name and v["decision"] is not None and v["decision"]["approved"]
        for (_r, name), v in state(db, session).items()
    )


def request(ctx: AccountContext, session_id: int, statement: str) -> dict[str, Any]:
    """The custodian asks to be recused, with a statement (sealed under the content key)."""
    ctx.require(Operation.REVEAL_SHARE)
    if len(real_text(statement)) < 4:
        raise InvalidInput(tr("Describe the conflict of interest in a few words."))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        if ctx.account_id not in {c.account_id for c in session.custodians}:
            raise NotPermitted(tr("You hold no reveal key of this session."))
        require_status(session, COLLECTING, SEALED)
        rnd = require_round(db, session)
        if released(db, session, rnd.number, ctx.name):
            raise Refused(
                tr(
                    "You have already released your key for round {round}; a recusal now would come after the fact."
                ).format(round=rnd.number)
            )
        if (rnd.number, ctx.name) in state(db, session):
            raise Refused(tr("You have already asked to be recused in this round."))
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        sealed = ""
        if key is not None:
            label = f"custodian-recusal:{rnd.number}:{ctx.name}"
            sealed = content.seal_text(key, ctx.store.slots.store_id, session.id, label, statement.strip()).hex()
        audit.append(
            db, ctx.actor, "custodian.recuse", f"session:{session.id}", {"round": rnd.number, "statement": sealed}
        )
        return {"session": session.id, "round": rnd.number, "custodian": ctx.name, "requested": True}


def decide(ctx: AccountContext, session_id: int, custodian: str, approve: bool, reason: str = "") -> dict[str, Any]:
    """The chair approves (the custodian keeps releasing, and no longer reads content) or refuses with a reason."""
    reason = reason.strip()
    if not approve and len(real_text(reason)) < 4:
        raise InvalidInput(tr("Refusing a recusal needs a written reason (at least a few words)."))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, COLLECTING, SEALED)
        rnd = require_round(db, session)
        pending = state(db, session).get((rnd.number, custodian))
        if pending is None or pending["decision"] is not None:
            raise Refused(
                tr("{name} has no recusal request awaiting a decision in round {round}.").format(
                    name=custodian, round=rnd.number
                )
            )
        if approve and released(db, session, rnd.number, custodian):
            raise Refused(tr("{name} has already released their key for this round.").format(name=custodian))
        key = content.key_for(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        details = {"round": rnd.number, "custodian": custodian, "approved": approve}
        label = f"custodian-decision:{rnd.number}:{custodian}"
        recusal_common.record_decision(db, ctx, session, key, "recusal.decide", details, label, reason, custodian)
        return {"session": session.id, "round": rnd.number, "custodian": custodian, "approved": approve}


def rows(db: Session, ctx: AccountContext, session: ReviewSession, key: bytes | None) -> list[dict[str, Any]]:
    """The custodians' requests with decisions, shaped like the reviewers' rows (department None)."""
    return [
        recusal_common.request_row(
            ctx,
            session,
            key,
            v,
            (f"custodian-recusal:{number}:{name}", f"custodian-decision:{number}:{name}"),
            {"round": number, "department": None, "custodian": True, "reviewer": name},
            None,
        )
        for (number, name), v in sorted(state(db, session).items())
    ]
