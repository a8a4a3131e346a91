"""Receipts (chair → reviewers at other workstations): the chair's signed acknowledgement of each envelope.

``export receipt SESSION`` on the chair's store acknowledges every envelope of the current round that came
from a reviewer at another workstation — department, commitment, seal time — in one file signed by the chair
and sealed to those reviewers, and records which commitments it acknowledged.  A reviewer's store imports it
only from a registered chair, only if the commitment it acknowledges for that reviewer is the one that store
sealed for that round; the import entry (the chair's signed document embedded) is the reviewer's proof of
delivery.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, envelope_file, ids, ledger, schema, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.sessions.common import account_names, load, require_chair, require_round, round_state
from models import AuditEntry, Department

TYPE = container.RECEIPT


def remote_envelopes(db: Session, ctx: AccountContext, session: Any, rnd: Any) -> list[list[Any]]:
    """[fingerprint, department, commitment, sealed at] of the round's envelopes from remote reviewers."""
    names = account_names(db)
    out = []
    for pid, envelope in round_state(db, rnd).envelopes.items():
        rec = ctx.registry.account(names.get(envelope.author_id, ""))
        participant = next((p for p in session.participants if p.id == pid), None)
        if rec is not None and rec.remote is not None and participant is not None:
            dept = db.get_one(Department, participant.department_id).name
            out.append([rec.remote, dept, envelope.commitment, envelope.sealed_at.isoformat()])
    return sorted(out)


def acknowledged(db: Session, chair: str, session_id: int, round_number: int) -> set[str]:
    """The commitments the chair acknowledged in receipts for that round (their own export entries)."""
    out: set[str] = set()
    for actor, details in db.execute(
        select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.EXPORT_ACTION)
    ):
        d = json.loads(details)
        if actor == chair and isinstance(d, dict) and d.get("type") == TYPE and d.get("session") == session_id:
            if d.get("round") == round_number:
                out.update(str(c) for c in d.get("commitments", []))
    return out


def export(ctx: AccountContext, session_id: int) -> tuple[bytes, dict[str, Any]]:
    """The receipt for the current round's envelopes of reviewers at other workstations."""
    store_id = ctx.store.slots.store_id
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_CREATE)
        rnd = require_round(db, session)
        received = remote_envelopes(db, ctx, session, rnd)
        if not received:
            raise ExchangeRefused(
                "not-permitted", tr("No envelope of a reviewer at another workstation was imported in this round.")
            )
        name = str(ids.RoundName(store_id, session.id, rnd.number))
        body = {"round": name, "received": received}
        fps = sorted({str(r[0]) for r in received})
        recipients = [(fp, ctx.registry.kem_public(fp) or b"") for fp in fps]
        data = container.build(TYPE, cards.sender_of(ctx), recipients, body, file_id)
        details = {"session": session.id, "round": rnd.number, "to": fps, "commitments": [r[2] for r in received]}
        ledger.record_export(db, ctx, TYPE, file_id, {**details, "file": provider().hash(data).hex()}, data=data)
    return data, {"type": TYPE, "file": file_id, "round": name, "to": fps}


def _entry(value: Any, what: str) -> list[str]:
    require(isinstance(value, list) and len(value) == 4, f"{what} is not an acknowledgement")
    return [
        schema.fingerprint(value[0], what),
        schema.text(value[1], what, 200),
        schema.hexbytes(value[2], what, 32).hex(),
        schema.text(value[3], what, 40),
    ]


def import_receipt(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record the chair's acknowledgement of this reviewer's envelope (it must be the commitment sealed here)."""
    ctx.require(Operation.OPINION_SEAL)
    ledger.require_recipient(ctx, doc)
    body = schema.fields(doc.body, {"round", "received"}, "the receipt")
    name = ids.parse_round(body["round"])
    received = schema.listed(body["received"], "the acknowledgements", 1, 200, _entry)
    mine = [r for r in received if r[0] == ctx.fingerprint]
    if not mine:
        raise ExchangeRefused("wrong-recipient", tr("The receipt acknowledges no envelope of yours."))
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(name)}
    with ctx.store.transaction() as db:
        sender = ledger.trusted_sender(ledger.fresh_registry(db, ctx), doc)
        if "chair" not in sender.roles or name.store != sender.store:
            raise ExchangeRefused("not-permitted", tr("{name} is not registered as a chair.").format(name=sender.name))
        if ledger.already_imported(db, doc.file_id):
            return {**out, "imported": False, "already": True}
        sealed = {d.get("commitment") for d in envelope_file.my_envelopes(db, ctx.name) if d.get("round") == str(name)}
        if mine[0][2] not in sealed:
            raise ExchangeRefused(
                "other-session",
                tr("The receipt acknowledges an envelope you did not seal for {round}; nothing was imported.").format(
                    round=str(name)
                ),
            )
        ledger.record_import(db, ctx, doc, {**statements.embed(doc), "round": str(name), "commitment": mine[0][2]})
    return {**out, "imported": True, "already": False, "commitment": mine[0][2]}
