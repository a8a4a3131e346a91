"""Re-anchoring sessions made before facts were signed (stores older than schema 0004).

Their log entries record what happened but not the digest of each row.  At the
first unlock after the upgrade, the unlocking account records, in one signed
``store.reanchor`` entry per such session, the digests of the rows as they are
then; from that point on the rows are checked like any other.  The entry says
who re-anchored and when, so an auditor can see that these sessions' earlier
rows were taken on trust at that moment.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, facts
from app.context import AccountContext
from models import Account, Decision, Envelope, Recusal, RevealedOpinion, ReviewSession, Round


def _legacy(entries: list[Any]) -> bool:
    if not entries or entries[0].action != "session.create":
        return False
    if any(e.action == "store.reanchor" for e in entries):
        return False
    return "definition" not in json.loads(entries[0].details)


def _facts(db: Session, ctx: AccountContext, session: ReviewSession, entries: list[Any]) -> dict[str, Any]:
    store_id = ctx.store.slots.store_id
    names = facts.definition_of(db, session, store_id)
    by_dept = {dept: pid for pid, dept, _rev in names["participants"]}
    rounds = {r.number: r for r in db.scalars(select(Round).where(Round.session_id == session.id))}
    accounts = dict(db.execute(select(Account.id, Account.name)).all())
    out: dict[str, Any] = {
        "definition": facts.digest(names),
        "rounds": {str(n): facts.digest(facts.round_fact(db, r)) for n, r in rounds.items()},
        "envelopes": {},
        "recusals": {},
        "revealed": {},
    }
    round_no = 0
    for entry in entries:
        d = json.loads(entry.details)
        if entry.action in ("session.open", "session.round"):
            round_no += 1
        rnd = rounds.get(round_no)
        if rnd is None:
            continue
        if entry.action in ("opinion.seal", "chair.position"):
            chair = entry.action == "chair.position"
            pid = None if chair else by_dept.get(d.get("department"))
            for env in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id)):
                if env.is_chair if chair else env.participant_id == pid:
                    author = accounts.get(env.author_id, "")
                    fp = facts.signer_fingerprint(db, env)
                    out["envelopes"][str(entry.seq)] = facts.digest(facts.envelope_fact(env, author, fp, round_no))
        if entry.action in ("opinion.seal", "opinion.recuse"):
            pid = by_dept.get(d.get("department"))
            for rec in db.scalars(select(Recusal).where(Recusal.round_id == rnd.id, Recusal.participant_id == pid)):
                out["recusals"][str(entry.seq)] = facts.digest(facts.recusal_fact(rec, round_no))
    for env, revealed in db.execute(
        select(Envelope, RevealedOpinion)
        .join(RevealedOpinion, RevealedOpinion.envelope_id == Envelope.id)
        .join(Round, Envelope.round_id == Round.id)
        .where(Round.session_id == session.id)
    ).all():
        if revealed.valid and revealed.salt is None:
            out["revealed"][str(env.id)] = facts.content_hash(revealed.content or "")
    decision = db.scalars(select(Decision).where(Decision.session_id == session.id)).first()
    if decision is not None:
        rnd = db.get(Round, decision.round_id)
        by = accounts.get(decision.decided_by, "")
        out["decision"] = facts.digest(facts.decision_fact(decision, by, rnd.number if rnd else 0))
    return out


def reanchor_legacy_sessions(db: Session, ctx: AccountContext) -> int:
    """Record a ``store.reanchor`` entry for each session made before signed facts; returns how many."""
    done = 0
    for session in db.scalars(select(ReviewSession).order_by(ReviewSession.id)):
        entries = facts.session_entries(db, session.id)
        if not _legacy(entries):
            continue
        audit.append(
            db,
            ctx.actor,
            "store.reanchor",
            f"session:{session.id}",
            {"facts": _facts(db, ctx, session, entries), "reason": "signed facts introduced (schema 0004)"},
        )
        done += 1
    return done
