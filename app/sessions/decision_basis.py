"""The decision tied to the tally (issue 14 item 2).

The chair's decision names, item by item, the option it adopts.  Where that differs from the option the rule
passed, or where no majority formed, the chair must give a written reason; the adopted options and the reason
(the decision's *basis*) are sealed under the content key and signed with the decision (app.facts checks them).
Where no majority formed the chair may defer — withdraw or open a new round — even after stating a position.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.opinion_form import real_text
from app.sessions import content
from app.sessions.common import options_of
from app.tally import ADVISORY_OUTCOME, NO_MAJORITY
from models import Decision, ReviewSession, Round

BASIS_LABEL = "decision-basis"


def round_tally(db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round) -> dict[str, Any]:
    """The tally of ``rnd`` as the chair sees it (no audit entry: the chair's own act reads it)."""
    from app.sessions import views

    return views.compute_tally(db, session, rnd, views._opinions(db, ctx, session, rnd), reg=ctx.registry)


def no_majority_items(tally: dict[str, Any]) -> list[int]:
    return [i["item"] for i in tally["items"] if i["outcome"] == NO_MAJORITY]


def departures(tally: dict[str, Any], adopted: dict[str, str]) -> list[int]:
    """Items whose adopted option is not the one the rule passed (or where no majority formed)."""
    out = []
    for item in tally["items"]:
        if item["outcome"] == ADVISORY_OUTCOME:
            continue
        if item["outcome"] == NO_MAJORITY or adopted.get(str(item["item"])) != item["passed_option"]:
            out.append(item["item"])
    return out


def make_basis(
    session: ReviewSession, tally: dict[str, Any], adopted: dict[str, str] | None, reason: str
) -> dict[str, Any]:
    """The basis of a decision: the options adopted (by default what the rule passed, else the chair's position),
    the items departing from the tally, and the reason — refused when a departure has no written reason."""
    options = options_of(session)
    chosen: dict[str, str] = {}
    for item in tally["items"]:
        key = str(item["item"])
        given = (adopted or {}).get(key)
        if given is None:
            given = item["passed_option"] or (item["chair_position"] or {}).get("position")
        if given not in options:
            raise InvalidInput(
                tr("Item {item}: '{option}' is not an option of this session ({options}).").format(
                    item=key, option=given, options="、".join(options)
                )
            )
        chosen[key] = str(given)
    departs = departures(tally, chosen)
    reason = reason.strip()
    if departs and len(real_text(reason)) < 4:
        split = no_majority_items(tally)
        raise Refused(
            tr(
                "The decision departs from the tally on item(s) {items}{split}: give a written reason "
                "(--reason) — it is signed with the decision and shown in the tally and the dossier."
            ).format(
                items=", ".join(str(i) for i in departs),
                split=tr(" (no majority formed)") if split else "",
            )
        )
    return {"adopted": chosen, "departs": departs, "no_majority": no_majority_items(tally), "reason": reason}


def store_basis(
    key: bytes | None, store_id: str, session_id: int, basis: dict[str, Any]
) -> tuple[str | None, bytes | None]:
    """(basis in clear, sealed basis): sealed under the content key when the session has one."""
    if key is not None:
        return None, content.seal_text(key, store_id, session_id, BASIS_LABEL, basis)
    return json.dumps(basis, ensure_ascii=False, sort_keys=True), None


def read_basis(key: bytes | None, store_id: str, session_id: int, decision: Decision | None) -> dict[str, Any] | None:
    """The basis of a recorded decision (None for decisions before schema 0005 or without the key)."""
    if decision is None:
        return None
    if decision.sealed_basis is not None:
        if key is None:
            return None
        value = content.open_text(key, store_id, session_id, BASIS_LABEL, decision.sealed_basis)
        return dict(value) if isinstance(value, dict) else None
    if decision.basis:
        value = json.loads(decision.basis)
        return dict(value) if isinstance(value, dict) else None
    return None


def require_may_defer(db: Session, ctx: AccountContext, session: ReviewSession, rnd: Round) -> None:
    """After the chair's position, deferring (new round, withdrawal) is open only where no majority formed."""
    if not no_majority_items(round_tally(db, ctx, session, rnd)):
        raise Refused(tr("The chair has already stated a position in this round; record the decision instead."))
