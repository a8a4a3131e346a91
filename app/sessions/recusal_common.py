"""The steps a custodian's recusal (:mod:`app.sessions.custodian_recusal`, decided by the chair) and the chair's
own (:mod:`app.sessions.deputy`, decided by the deputy chair) share: the signed decision with its reason sealed
under the content key, and the request's row as the recusal list shows it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.context import AccountContext
from app.sessions import content
from models import ReviewSession


def record_decision(
    db: Session,
    ctx: AccountContext,
    session: ReviewSession,
    key: bytes | None,
    action: str,
    details: dict[str, Any],
    label: str,
    reason: str,
    recused: str,
) -> None:
    """Append the decision ``action`` (``details`` + the reason sealed under ``label``); an approval revokes the
    recused person's copies of the content key in the same transaction."""
    sealed = ""
    if reason and key is not None:
        sealed = content.seal_text(key, ctx.store.slots.store_id, session.id, label, reason).hex()
    audit.append(db, ctx.actor, action, f"session:{session.id}", {**details, "reason": sealed})
    if details["approved"]:
        content.revoke(db, session.id, [recused])


def request_row(
    ctx: AccountContext,
    session: ReviewSession,
    key: bytes | None,
    request: dict[str, Any],
    labels: tuple[str, str],
    head: dict[str, Any],
    substitute: str | None,
) -> dict[str, Any]:
    """A request and its decision, shaped like a reviewer's row: ``head`` (round, department, who), the statement
    and reason opened with the content key (``labels``: the statement's, the decision's), ``substitute`` once
    approved."""
    store_id = ctx.store.slots.store_id
    statement = None
    if key is not None and request["statement"]:
        statement = str(content.open_text(key, store_id, session.id, labels[0], bytes.fromhex(request["statement"])))
    decision = request["decision"]
    reason: str | None = ""
    if decision is not None and decision["reason"]:
        reason = None
        if key is not None:
            reason = str(content.open_text(key, store_id, session.id, labels[1], bytes.fromhex(decision["reason"])))
    return {
        **head,
        "statement": statement,
        "state": "requested" if decision is None else "approved" if decision["approved"] else "refused",
        "substitute": substitute if decision is not None and decision["approved"] else None,
        "reason": reason,
        "decided_by": decision["by"] if decision else None,
        "decided_at": decision["at"] if decision else None,
    }
