"""Need to know and the recused count for the session list, in its SQL query (issue 16 item 5; issue 14).

Before, the list loaded every listed session as an ORM object (with its items, participants, custodians) to
ask :func:`app.sessions.views._may_see`.  Here the same rule is a condition of the one list query:

- clearance: the classifications present in the store that the account is cleared for (decided in Python by
  :func:`app.sessions.access.cleared`, the very rule, then ``IN (...)`` in SQL — an unknown marking stays
  refused);
- a part in the session: chair, deputy chair, reviewer, custodian, or a clerk named in ``options.clerks`` (any
  clerk when the session names none).  Only a session whose sole link is being named a substitute (a signed entry of the
  chair, confirmed by the ledger) is still confirmed by loading it, as before.

The recused count follows :meth:`app.sessions.common.RoundState.recused`: a conflict counts once it is approved
(or was declared before recusal decisions existed) and no substitute took the department's place; a pending
request does not.  The SQL counts declared conflicts; only the sessions with a recusal request in the log are
recounted from their round's state.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from app.context import AccountContext
from app.permissions import Role
from app.sessions import access
from models import AuditEntry, Custodian, Participant, ReviewSession, Round


def cleared_classifications(db: Session, ctx: AccountContext) -> list[str]:
    """The classifications present in the store that ``ctx`` is cleared for."""
    present = db.scalars(select(ReviewSession.classification).distinct())
    return [c for c in present if access.cleared(ctx.registry, ctx.name, c)]


def direct_part(ctx: AccountContext) -> ColumnElement[bool]:
    """SQL: the account is the session's chair, one of its reviewers or custodians, or a clerk it names."""
    conditions: list[ColumnElement[bool]] = [
        ReviewSession.chair_id == ctx.account_id,
        ReviewSession.deputy_id == ctx.account_id,  # the deputy chair named on the session
        exists().where(Participant.session_id == ReviewSession.id, Participant.reviewer_id == ctx.account_id),
        exists().where(Custodian.session_id == ReviewSession.id, Custodian.account_id == ctx.account_id),
    ]
    if Role.CLERK.value in ctx.roles:
        named = func.json_each(ReviewSession.options, "$.clerks").table_valued("value")
        conditions.append(
            or_(
                # no list of clerks (a session from before clerks were named): every clerk
                func.coalesce(func.json_type(ReviewSession.options, "$.clerks"), "") != "array",
                exists(select(1).select_from(named).where(cast(named.c.value, String) == ctx.name)),
            )
        )
    return or_(*conditions)


def substitute_candidate(ctx: AccountContext) -> ColumnElement[bool]:
    """SQL: a signed recusal decision of the session names this account as a substitute (to be confirmed)."""
    return ReviewSession.id.in_(
        select(cast(func.substr(AuditEntry.object, 9), Integer)).where(
            AuditEntry.action == "recusal.decide",
            AuditEntry.details.like(f'%"substitute":{json.dumps(ctx.name, ensure_ascii=False)}%'),
        )
    )


def restrict(ctx: AccountContext, db: Session, query: Any) -> Any:
    """``query`` (the list's) narrowed to what ``ctx`` may see, with a last column: the part is direct."""
    direct = direct_part(ctx)
    query = query.where(ReviewSession.classification.in_(cleared_classifications(db, ctx)))
    if Role.CLERK.value in ctx.roles:  # the non-clerk's query is already narrowed to its parts (views._visible)
        parts = [direct, substitute_candidate(ctx)] if Role.REVIEWER.value in ctx.roles else [direct]
        query = query.where(or_(*parts))
    return query.add_columns(direct.label("direct"))


def confirm_indirect(db: Session, ctx: AccountContext, rows: Sequence[Any]) -> list[Any]:
    """Rows whose only link is a substitute naming are kept if the session confirms it (as before)."""
    from app.sessions.views import _may_see

    indirect = [r[0] for r in rows if not r[-1]]
    seen: set[int] = set()
    for start in range(0, len(indirect), 500):
        chunk = indirect[start : start + 500]
        seen |= {s.id for s in db.scalars(select(ReviewSession).where(ReviewSession.id.in_(chunk))) if _may_see(ctx, s)}
    return [r for r in rows if r[-1] or r[0] in seen]


def recused_counts(db: Session, rows: list[Any], column: int) -> dict[int, int]:
    """For listed sessions with declared conflicts and a recusal request in the log: the count of departments
    really out of the latest round (a pending or refused request, or one replaced by a substitute, is not)."""
    from app.sessions.common import round_state

    counted = {r[0] for r in rows if r[column]}
    if not counted:
        return {}
    requested: set[int] = set()
    entries = db.execute(
        select(AuditEntry.object, AuditEntry.details).where(
            AuditEntry.action == "opinion.recuse", AuditEntry.details.like('%"request"%')
        )
    )
    for obj, details in entries:
        kind, _, sid = str(obj).partition(":")
        if kind != "session" or not sid.isdigit() or int(sid) not in counted:
            continue
        try:
            if json.loads(details).get("request") is True:
                requested.add(int(sid))
        except (ValueError, AttributeError):
            continue
    out: dict[int, int] = {}
    for session_id in sorted(requested):
        rnd = db.scalars(select(Round).where(Round.session_id == session_id).order_by(Round.id.desc())).first()
        if rnd is not None:
            out[session_id] = len(round_state(db, rnd).recused())
    return out
