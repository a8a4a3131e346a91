"""Reveal requests (chair → custodians at other workstations): the signed seal board of a sealed round.

The chair's store exports, for a sealed round, the seal board (:mod:`app.sessions.seal_board`) and, for each
remote custodian, which of their one-time round keys the round spent; it records the board's digest in its
signed ``exchange.export`` entry — the board a key release must be bound to.  The custodian's store imports
the request only from a registered chair, naming a key it sent to that very chair, and records it (with the
chair's signed document embedded) so that ``export key-release`` can answer it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, ids, ledger, schema, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.sessions import holder_keys, seal_board
from app.sessions.common import SEALED, account_names, load, require_chair, require_round, require_status
from models import AuditEntry

TYPE = container.REVEAL_REQUEST


def export(ctx: AccountContext, session_id: int) -> tuple[bytes, dict[str, Any]]:
    """The reveal request of the session's sealed round, to its custodians at other workstations."""
    store_id = ctx.store.slots.store_id
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, SEALED)
        rnd = require_round(db, session)
        reg = ctx.registry
        names = account_names(db)
        remote = {}
        for key in holder_keys.round_keys(db, rnd):
            rec = reg.account(names.get(key.holder_id, ""))
            if key.layer and rec is not None and rec.remote is not None and key.released is None:
                remote[rec.remote] = key.digest
        if not remote:
            raise ExchangeRefused(
                "not-permitted",
                tr("No custodian at another workstation still has to release a key for this round."),
            )
        board = seal_board.board(db, session, rnd, store_id)
        body = {"round": board["round"], "board": board, "keys": sorted([fp, d] for fp, d in remote.items())}
        recipients = [(fp, reg.kem_public(fp) or b"") for fp in sorted(remote)]
        data = container.build(TYPE, cards.sender_of(ctx), recipients, body, file_id)
        details = {
            "session": session.id,
            "round": rnd.number,
            "board": seal_board.digest(board),
            "to": sorted(remote),
            "file": provider().hash(data).hex(),
        }
        ledger.record_export(db, ctx, TYPE, file_id, details, data=data)
    return data, {"type": TYPE, "file": file_id, "round": board["round"], "to": sorted(remote)}


def recorded_boards(db: Session, chair: str, session_id: int, round_number: int) -> set[str]:
    """The board digests the chair signed in reveal requests for that round (their own export entries)."""
    out = set()
    rows = db.execute(select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.EXPORT_ACTION))
    for actor, details in rows:
        try:
            d = json.loads(details)
        except ValueError:
            continue
        if (
            actor == chair
            and isinstance(d, dict)
            and d.get("type") == TYPE
            and d.get("session") == session_id
            and d.get("round") == round_number
        ):
            out.add(str(d.get("board")))
    return out


def _pair(value: Any, what: str) -> list[str]:
    require(isinstance(value, list) and len(value) == 2, f"{what} is not a pair")
    return [schema.text(value[0], what, 200), schema.hexbytes(value[1], what, 32).hex()]


def check(doc: container.Document) -> tuple[ids.RoundName, dict[str, Any], dict[str, str]]:
    """The round, the board and fingerprint → key digest, once the request is well-formed."""
    body = schema.fields(doc.body, {"round", "board", "keys"}, "the reveal request")
    name = ids.parse_round(body["round"])
    require(name.store == doc.sender["store"], "the round is not of the sender's store")
    board = schema.fields(body["board"], {"round", "envelopes", "recused", "absent"}, "the seal board")
    require(board["round"] == body["round"], "the board is of another round")
    schema.listed(board["envelopes"], "the envelopes", 0, 200, _pair)
    for part in ("recused", "absent"):
        schema.listed(board[part], f"the {part}", 0, 200, lambda v, w: schema.text(v, w, 200))
    keys = schema.listed(body["keys"], "the keys", 1, container.MAX_RECIPIENTS, _pair)
    for fp, _digest in keys:
        schema.fingerprint(fp, "a custodian")
    require(len({fp for fp, _d in keys}) == len(keys), "a custodian appears twice")
    return name, board, {fp: d for fp, d in keys}


def sent_to(db: Session, me: str, chair_fp: str) -> set[str]:
    """The key digests this custodian sent to that chair in key batches (their own export entries)."""
    out: set[str] = set()
    for actor, details in db.execute(
        select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.EXPORT_ACTION)
    ):
        try:
            d = json.loads(details)
        except ValueError:
            continue
        if actor == me and isinstance(d, dict) and d.get("type") == container.KEY_BATCH and chair_fp in d.get("to", []):
            out.update(str(k) for k in d.get("keys", []))
    return out


def import_request(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a chair's reveal request on this custodian's store (only a key this custodian sent that chair)."""
    ctx.require(Operation.REVEAL_SHARE)
    ledger.require_recipient(ctx, doc)
    name, board, keys = check(doc)
    mine = keys.get(ctx.fingerprint)
    if mine is None:
        raise ExchangeRefused(
            "wrong-recipient", tr("The reveal request names no round key of yours; nothing was imported.")
        )
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(name)}
    with ctx.store.transaction() as db:
        sender = ledger.trusted_sender(ledger.fresh_registry(db, ctx), doc)
        if "chair" not in sender.roles:
            raise ExchangeRefused(
                "not-permitted",
                tr("{name} is not registered as a chair; their reveal request is refused.").format(name=sender.name),
            )
        if ledger.already_imported(db, doc.file_id):
            return {**out, "imported": False, "already": True}
        if mine not in sent_to(db, ctx.name, sender.fingerprint):
            raise ExchangeRefused(
                "not-permitted",
                tr("The reveal request names a round key you never sent to {name}; nothing was imported.").format(
                    name=sender.name
                ),
            )
        details = {**statements.embed(doc), "round": str(name), "board": seal_board.digest(board), "key": mine}
        ledger.record_import(db, ctx, doc, details)
    return {**out, "imported": True, "already": False}
