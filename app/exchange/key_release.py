"""Key releases (custodian at another workstation → chair): a round's private key, sealed to the chair.

On the custodian's store, ``export key-release REQUEST`` answers an imported reveal request: the one-time
round key it names leaves the custodian's wrapping only here, sealed (HPKE) to the chair's registered key,
in a file signed by the custodian and bound to that request's seal board by its digest.  The store records
the release in a signed ``exchange.export`` entry and never releases that key for another board.

On the chair's store the import accepts the release only from the enrolled remote custodian of that
session, for its current sealed round, for the key that round spent, and for the board the chair signed in a
reveal request and that the round still shows; it stores the sealed key and appends a ``reveal.remote`` entry
embedding the custodian's signed file (checked by app/facts.py through app/sessions/remote_release.py).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app import audit
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.exchange import cards, container, ids, ledger, reveal_request, schema, statements
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.registry_model import Registry
from app.sessions import content, holder_keys, remote_release, seal_board
from app.sessions.common import SEALED, load, require_chair, require_round
from app.sessions.reveal import _release_info
from models import AuditEntry, HolderKey, ReviewSession

TYPE = container.KEY_RELEASE


def _request(ctx: AccountContext, request_id: str) -> tuple[container.Document, dict[str, Any]]:
    """The reveal request this store imported under ``request_id`` (the chair's signed document, re-checked)."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        row = db.execute(
            select(AuditEntry.actor, AuditEntry.details).where(
                AuditEntry.object == ledger.file_object(request_id.strip()),
                AuditEntry.action == ledger.IMPORT_ACTION,
            )
        ).first()
        if row is None or row[0] != ctx.name:
            raise ExchangeRefused(
                "not-permitted",
                tr("No reveal request {id} was imported by you; import the chair's file first.").format(id=request_id),
            )
        details = json.loads(row[1])
        doc = container.signed_document(details["signed"].encode("utf-8"), bytes.fromhex(details["signature"]))
        require(doc.type == container.REVEAL_REQUEST, "the file is not a reveal request")
        ledger.trusted_sender(reg, doc)
    return doc, details


def export(ctx: AccountContext, request_id: str) -> tuple[bytes, dict[str, Any]]:
    """This custodian's round key for the request's round, sealed to its chair and bound to its board."""
    ctx.require(Operation.REVEAL_SHARE)
    doc, details = _request(ctx, request_id)
    name, board, keys = reveal_request.check(doc)
    digest, board_digest = keys[ctx.fingerprint], seal_board.digest(board)
    chair_fp = doc.sender["fingerprint"]
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        chair = reg.foreign[chair_fp]
        if _my_boards(reg, ctx.name, digest) - {board_digest}:
            raise ExchangeRefused(
                "replay",
                tr(
                    "This round key was released already for another seal board; it is never released for "
                    "two. Nothing was written."
                ),
            )
        key = db.scalars(
            select(HolderKey).where(HolderKey.digest == digest, HolderKey.holder_id == ctx.account_id)
        ).first()
        if key is None:
            raise ExchangeRefused("not-permitted", tr("The round key the request names is not yours."))
        private = holder_keys.release(ctx.store.slots.store_id, ctx.name, ctx.account_key, key)
        sealed = provider().seal(
            chair.kem_public, private, _release_info(name.store, name.session, name.round, digest, chair_fp)
        )
        body = {"round": str(name), "board": board_digest, "key": digest, "sealed": sealed.hex()}
        data = container.build(TYPE, cards.sender_of(ctx), [(chair_fp, chair.kem_public)], body, file_id)
        record = {"to": [chair_fp], "key": digest, "board": board_digest, "round": str(name)}
        ledger.record_export(db, ctx, TYPE, file_id, {**record, "file": provider().hash(data).hex()}, data=data)
        ledger.fresh_registry(db, ctx)  # this program's registry knows the release from now on, whatever the rows say
    return data, {"type": TYPE, "file": file_id, "round": str(name), "to": chair.name}


def _my_boards(reg: Registry, me: str, digest: str) -> set[str]:
    """The seal boards this custodian's key was released for, as the verified log says (an export row deleted
    or edited after this account's registry fed it changes nothing)."""
    return reg.released.get((me, digest), set())


def check(doc: container.Document) -> tuple[ids.RoundName, str, str, bytes]:
    body = schema.fields(doc.body, {"round", "board", "key", "sealed"}, "the key release")
    name = ids.parse_round(body["round"])
    board = schema.hexbytes(body["board"], "the board", 32).hex()
    key = schema.hexbytes(body["key"], "the key", 32).hex()
    sealed = schema.hexbytes(body["sealed"], "the sealed key", limit=8192)
    return name, board, key, sealed


def import_release(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a remote custodian's release on the chair's store (every refusal before anything is written)."""
    ctx.require(Operation.SESSION_REVEAL)
    ledger.require_recipient(ctx, doc)
    name, board, digest, sealed = check(doc)
    store_id = ctx.store.slots.store_id
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "round": str(name)}
    other = ExchangeRefused(
        "other-session",
        tr("The file belongs to another session ({got}); nothing was imported.").format(got=name.session_name),
    )
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        sender = ledger.trusted_sender(reg, doc)
        member = reg.member_of(sender.fingerprint)
        if name.store != store_id or db.get(ReviewSession, name.session) is None:
            raise other
        session = load(db, name.session, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        custodians = {c.account_id for c in session.custodians}
        rnd = require_round(db, session)
        ids.require_round(name, ids.RoundName(store_id, session.id, rnd.number))
        keys = [k for k in holder_keys.round_keys(db, rnd) if k.layer and k.holder_id in custodians]
        key = next((k for k in keys if member is not None and _name(db, k.holder_id) == member), None)
        if member is None or key is None:
            raise ExchangeRefused(
                "not-permitted",
                tr("{name} holds no reveal key of this session; nothing was imported.").format(name=sender.name),
            )
        if key.released is not None:
            if key.released == sealed:
                return {**out, "imported": False, "already": True}
            raise ExchangeRefused(
                "replay", tr("{name} released this round's key before; nothing was imported.").format(name=member)
            )
        if key.digest != digest:
            raise ExchangeRefused(
                "other-session", tr("The release is of another round key than this round's; nothing was imported.")
            )
        if session.status != SEALED:
            raise ExchangeRefused("other-session", tr("The round is not sealed; nothing was imported."))
        current = seal_board.digest(seal_board.board(db, session, rnd, store_id))
        if board != current or current not in reveal_request.recorded_boards(db, ctx.name, session.id, rnd.number):
            raise ExchangeRefused(
                "other-board",
                tr(
                    "The release is bound to a seal board that is not the one recorded for this round; "
                    "nothing was imported."
                ),
            )
        try:
            provider().open(
                ctx.keys.kem.private, sealed, _release_info(store_id, session.id, rnd.number, digest, ctx.fingerprint)
            )
        except InvalidData as exc:
            raise ExchangeRefused("altered", tr("The released key does not open; nothing was imported.")) from exc
        key.released, key.released_to = sealed, ctx.fingerprint
        details = {
            "round": rnd.number,
            "key": digest,
            "to": ctx.fingerprint,
            "sealed": content.sealed_digest(sealed),
            "member": member,
            "board": board,
            **statements.embed(doc),
        }
        audit.append(db, ctx.actor, remote_release.ACTION, f"session:{session.id}", details)
    return {**out, "imported": True, "already": False, "member": member}


def _name(db: Any, account_id: int) -> str:
    from models import Account

    row = db.get(Account, account_id)
    return row.name if row is not None else ""
