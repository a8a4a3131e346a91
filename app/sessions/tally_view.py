"""A revealed round's tally computed from its opened envelopes, and the chair's and round's particulars shown with it.

Moved out of app.sessions.views (issue 16: modules under ~400 lines); views re-exports these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import deadlines, policy, quorum
from app.i18n import tr
from app.opinion_form import OpinionForm
from app.sessions.common import item_options_of, round_state
from app.sessions.listing import _iso
from app.tally import Vote, near_duplicates, tally_item
from models import Department, ReviewSession, Round

if TYPE_CHECKING:
    from app.registry_model import Registry


def chair_info(db: Session, session: ReviewSession) -> dict[str, Any]:
    """The deputy chair named on the session, and who acts as chair (the deputy once the chair is recused)."""
    from app.sessions import deputy

    led = deputy.ledger(db, session)
    pending = any(v["decision"] is None for v in led.requests.values())
    return {
        "deputy": led.deputy,
        "acting_chair": led.acting,
        "chair_recused": led.approved,
        "chair_recusal": "approved" if led.approved else "requested" if pending else None,
    }


def compute_tally(
    db: Session,
    session: ReviewSession,
    rnd: Round,
    rows: list[dict[str, Any]],
    basis: dict[str, Any] | None = None,
    reg: Registry | None = None,
) -> dict[str, Any]:
    """The tally of one revealed round from its opened envelopes (no permission check, no audit); with the
    recorded decision's ``basis``, dissent is counted against the options it adopted; with ``reg`` (the reader's
    registry) the similarity threshold is the one it verified (app.policy)."""
    adopted = (basis or {}).get("adopted", {})
    pol = policy.load(db, reg)
    state = round_state(db, rnd)
    departments = dict(db.execute(select(Department.id, Department.name)).all())
    dept_of = {
        p.id: departments[p.department_id]
        if p.department_id in departments
        else db.get_one(Department, p.department_id).name  # raises as before
        for p in session.participants
    }
    recused = sorted(dept_of[pid] for pid in state.recused())
    members = [dept_of[p.id] for p in session.participants if p.id not in state.recused()]
    valid = [r for r in rows if r["valid"] and not r["is_chair"]]
    rejected = sorted(r["department"] for r in rows if not r["valid"])
    absent = sorted(set(members) - {r["department"] for r in rows})
    chair_row = next((r for r in rows if r["is_chair"] and r["valid"]), None)
    items = []
    for item in session.items:
        key = str(item.number)
        votes = [Vote(r["department"], r["opinion"]["positions"][key], r["opinion"]["reasoning"]) for r in valid]
        chair_vote = (
            Vote(tr("chair"), chair_row["opinion"]["positions"][key], chair_row["opinion"]["reasoning"], is_chair=True)
            if chair_row
            else None
        )
        t = tally_item(
            item.number,
            session.rule,
            item_options_of(session)[item.number],
            members,
            votes,
            chair_vote,
            session.chair_counts,
            recused,
            absent,
            rejected,
            adopted.get(key),
        )
        items.append(
            {
                "item": item.number,
                "text": item.text,
                "counts": t.counts,
                "expected": t.expected,
                "cast": t.cast,
                "outcome": t.outcome,
                "passed_option": t.passed_option,
                "leading": t.leading,
                "dissent": [
                    {"department": v.voter, "position": v.position, "reasoning": v.reasoning, "is_chair": v.is_chair}
                    for v in t.dissent
                ],
                "chair_position": (
                    {"position": chair_vote.position, "reasoning": chair_vote.reasoning} if chair_vote else None
                ),
                "preliminary": t.preliminary,
                "notes": [
                    {
                        "department": r["department"] or tr("chair"),
                        "position": r["opinion"]["positions"][key],
                        "note": note,
                    }
                    for r in valid + ([chair_row] if chair_row else [])
                    if (note := r["opinion"].get("position_notes", {}).get(key))
                ],
                "needed": quorum.votes_needed(session.rule, t.expected),
                "decided_option": t.decided_option,
                "departs": basis is not None and item.number in basis.get("departs", []),
                "split": t.split,
            }
        )
    texts = {r["department"]: OpinionForm.from_document(r["opinion"]).full_text() for r in valid}
    similar = near_duplicates(texts, pol.similarity_threshold_percent / 100)
    return {
        "session": session.id,
        "ref": session.ref_number,
        "round": rnd.number,
        "rule": session.rule,
        "chair_counts": session.chair_counts,
        "final": chair_row is not None or not session.chair_counts,
        "items": items,
        "recused": recused,
        "absent": absent,
        "rejected": rejected,
        "near_duplicates": [{"a": a, "b": b, "percent": pct} for a, b, pct in similar],
        "chair_stated": chair_row is not None,
        "attendance": lifecycle_attendance(session, state),
        "late": deadlines.late_departments(rows, session.deadline),
        "deadline": _iso(session.deadline),
        "round_info": round_info(rnd),
        "decision": (
            {"reason": basis.get("reason", ""), "departs": basis.get("departs", []), "adopted": adopted}
            if basis is not None
            else None
        ),
    }


def round_info(rnd: Round) -> dict[str, Any]:
    """When a round opened and closed, and why (new round, early close)."""
    return {
        "number": rnd.number,
        "opened_at": _iso(rnd.opened_at),
        "reason": rnd.opened_reason,
        "closed_at": _iso(rnd.closed_at),
        "close_reason": rnd.close_reason,
        "revealed_at": _iso(rnd.revealed_at),
    }


def lifecycle_attendance(session: ReviewSession, state: Any) -> dict[str, Any]:
    from app.sessions.lifecycle import attendance_of

    return attendance_of(session, state)
