"""The "waiting for" list of a seal board (issue 10): what is still missing before the next step.

For a sealed round with per-holder keys: each custodian whose key release has not arrived — released in
their own session here, or, for a custodian at another workstation, by a key-release file the chair imports
(``remote``: the chair sends them the reveal request).  Names only, no content.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.registry import Registry
from app.sessions import holder_keys
from app.sessions.common import COLLECTING, SEALED, account_names, round_state
from models import ReviewSession, Round


def waiting_for(db: Session, reg: Registry, session: ReviewSession, rnd: Round) -> list[dict[str, Any]]:
    names = account_names(db)
    out = _envelopes_and_receipts(db, reg, session, rnd, names)
    if session.status != SEALED:
        return out
    for key in holder_keys.round_keys(db, rnd):
        if key.layer and key.released is None:
            name = names.get(key.holder_id, "")
            out.append({"what": "key-release", "who": name, "remote": reg.is_remote(name)})
    return out


def _envelopes_and_receipts(
    db: Session, reg: Registry, session: ReviewSession, rnd: Round, names: dict[int, str]
) -> list[dict[str, Any]]:
    """Envelopes still missing (collecting), and receipts not yet sent for remote reviewers' envelopes."""
    from app.exchange import receipts

    state = round_state(db, rnd)
    out = []
    if session.status == COLLECTING:
        for p in session.participants:
            if p.id not in state.done():
                name = state.substitutes.get(p.id, names.get(p.reviewer_id, ""))
                out.append({"what": "envelope", "who": name, "remote": reg.is_remote(name)})
    chair = names.get(session.chair_id, "")
    sent = receipts.acknowledged(db, chair, session.id, rnd.number)
    for envelope in state.envelopes.values():
        name = names.get(envelope.author_id, "")
        if reg.is_remote(name) and envelope.commitment not in sent:
            out.append({"what": "receipt", "who": name, "remote": True})
    return out
