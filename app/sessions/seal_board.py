"""The seal board of a sealed round (issue 10): every envelope's commitment, the recusals and the absentees.

It is what the chair signs in a reveal request and what each custodian's key release is bound to (by its
digest): a custodian at another workstation releases their round key for exactly this board, so a chair
cannot reuse a release after envelopes were swapped.  Departments are named by name, the round globally.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import facts
from app.exchange import ids
from app.sessions.common import round_state
from models import Department, ReviewSession, Round


def board(db: Session, session: ReviewSession, rnd: Round, store_id: str) -> dict[str, Any]:
    """The board of ``rnd`` (canonical: every list sorted)."""
    state = round_state(db, rnd)
    depts = {p.id: db.get_one(Department, p.department_id).name for p in session.participants}
    recused = state.recused()
    return {
        "round": str(ids.RoundName(store_id, session.id, rnd.number)),
        "envelopes": sorted([depts[pid], e.commitment] for pid, e in state.envelopes.items() if pid in depts),
        "recused": sorted(depts[pid] for pid in recused if pid in depts),
        "absent": sorted(name for pid, name in depts.items() if pid not in state.envelopes and pid not in recused),
    }


def digest(value: dict[str, Any]) -> str:
    return facts.digest(value)


def round_digest(db: Session, session: ReviewSession, number: int, store_id: str) -> str | None:
    """The digest of round ``number``'s board as its rows stand: what a remote custodian's key release must be
    bound to for the facts check and the reveal to count it (None: no such round)."""
    rnd = db.scalars(select(Round).where(Round.session_id == session.id, Round.number == number)).first()
    return None if rnd is None else digest(board(db, session, rnd, store_id))
