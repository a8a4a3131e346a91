"""Key batches: a custodian's one-time round public keys, sent to chairs on other workstations.

The custodian's workstation issues a fresh batch (``keys.issue``), records in a signed ``exchange.export``
entry that those keys left for the named chair (so they are never spent on a round of this store), and
seals the file to the chair's registered identity key.  A batch goes to exactly one chair (attack review:
one batch sent to two chairs let both stores spend the same one-time key); a batch addressed to several chairs
is refused at import and its keys count for nothing.  A chair's workstation imports it only from a
registered custodian, addressed to that chair, and records the keys in a signed ``exchange.import`` entry.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AccountContext
from app.crypto import provider
from app.exchange import cards, container, ledger, schema
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.permissions import Operation
from app.registry import Registry
from app.sessions import holder_keys
from models import AuditEntry, HolderKey

MAX_KEYS = 100


def export(ctx: AccountContext, to: list[str], count: int = holder_keys.BATCH) -> tuple[bytes, dict[str, Any]]:
    """A new batch of ``count`` round keys of this custodian, for the chairs named in ``to``."""
    ctx.require(Operation.REVEAL_SHARE)
    if not to or len(to) > container.MAX_RECIPIENTS:
        raise ExchangeRefused("wrong-recipient", tr("Name the chair to send the key batch to (--to)."))
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        chairs = {r.fingerprint: r for r in (ledger.find_foreign(reg, who, "chair") for who in to)}
    if len(chairs) != 1:
        raise ExchangeRefused("wrong-recipient", one_chair())
    issued = [str(d) for d in holder_keys.issue_batch(ctx, count)["keys"]]
    file_id = container.new_id()
    with ctx.store.transaction() as db:
        rows = {k.digest: k for k in db.scalars(select(HolderKey).where(HolderKey.digest.in_(issued)))}
        body = {"custodian": ctx.name, "keys": [{"digest": d, "public": rows[d].kem_public.hex()} for d in issued]}
        recipients = [(fp, r.kem_public) for fp, r in chairs.items()]
        data = container.build(container.KEY_BATCH, cards.sender_of(ctx), recipients, body, file_id)
        digest = provider().hash(data).hex()
        ledger.record_export(
            db, ctx, container.KEY_BATCH, file_id, {"to": sorted(chairs), "keys": issued, "file": digest}, data=data
        )
    return data, {"type": container.KEY_BATCH, "file": file_id, "keys": len(issued), "to": sorted(chairs)}


def one_chair() -> str:
    return tr(
        "A key batch goes to one chair only: export one batch for each chair (--to once), so that no round key "
        "can be spent on two chairs' rounds; nothing was written."
    )


def _key(value: Any, what: str) -> tuple[str, bytes]:
    item = schema.fields(value, {"digest", "public"}, what)
    digest = schema.hexbytes(item["digest"], "a key digest", 32).hex()
    public = schema.hexbytes(item["public"], "a round key", cards.KEM_PUBLIC)
    require(holder_keys.key_digest(public) == digest, "a round key does not match its digest")
    return digest, public


def check(doc: container.Document) -> list[tuple[str, bytes]]:
    """The batch's keys (digest, public key), once the body is well-formed."""
    body = schema.fields(doc.body, {"custodian", "keys"}, "the key batch")
    require(body["custodian"] == doc.sender["name"], "the custodian is not the sender")
    keys = schema.listed(body["keys"], "the keys", 1, MAX_KEYS, _key)
    require(len({d for d, _p in keys}) == len(keys), "a key appears twice")
    return keys


def imported_keys(db: Session, reg: Registry) -> dict[str, list[tuple[str, bytes]]]:
    """Custodian fingerprint → the round keys imported from them (digest, public), from the signed log.

    Each import entry carries the custodian's signed document itself: it counts only if that signature
    holds under the custodian's registered key, the custodian is registered as one, and the entry's
    signer was one of the file's recipients.  An account of this store cannot plant keys in a
    custodian's name, however it signs its entry.
    """
    out: dict[str, list[tuple[str, bytes]]] = {}
    rows = db.execute(select(AuditEntry.actor, AuditEntry.details).where(AuditEntry.action == ledger.IMPORT_ACTION))
    for actor, details in rows:
        try:
            d = json.loads(details)
            if d.get("type") != container.KEY_BATCH:
                continue
            doc = container.signed_document(d["signed"].encode("utf-8"), bytes.fromhex(d["signature"]))
            record = reg.foreign.get(doc.sender["fingerprint"])
            account = reg.account(actor)
            if (
                record is None
                or len(doc.recipients) != 1  # a batch to several chairs: its keys could be spent twice
                or not record.trusted(reg.two_person)
                or "custodian" not in record.roles
                or not doc.signed_by(record.sign_public)
                or account is None
                or not set(doc.recipients) & (account.keys | account.retired)
            ):
                continue
            out.setdefault(record.fingerprint, []).extend(check(doc))
        except (ValueError, TypeError, KeyError, AttributeError, ExchangeRefused):
            continue
    return out


def require_one_chair(doc: container.Document) -> None:
    """Refuse a batch addressed to several chairs: its keys could be spent on two chairs' rounds."""
    if len(doc.recipients) != 1:
        raise ExchangeRefused(
            "wrong-recipient",
            tr(
                "The key batch is addressed to several chairs, so its keys could be spent on two chairs' rounds; "
                "ask the custodian for a batch for you alone. Nothing was imported."
            ),
        )


def import_batch(ctx: AccountContext, doc: container.Document) -> dict[str, Any]:
    """Record a custodian's batch in this chair's store (only from a registered custodian, to this chair)."""
    ctx.require(Operation.SESSION_CREATE)
    ledger.require_recipient(ctx, doc)
    require_one_chair(doc)
    keys = check(doc)
    out = {"type": doc.type, "file": doc.file_id, "from": doc.sender["name"], "keys": len(keys)}
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        sender = ledger.trusted_sender(reg, doc)
        if "custodian" not in sender.roles:
            raise ExchangeRefused(
                "not-permitted",
                tr("{name} is not registered as a custodian; their key batch is refused.").format(name=sender.name),
            )
        if ledger.already_imported(db, doc.file_id):
            return {**out, "imported": False, "already": True}
        known = {d for batch in imported_keys(db, reg).values() for d, _p in batch}
        new = [d for d, _p in keys if d not in known]
        if not new:
            return {**out, "imported": False, "already": True}
        if len(new) != len(keys):
            raise ExchangeRefused(
                "replay", tr("The key batch repeats round keys imported before; nothing was imported.")
            )
        ledger.record_import(
            db, ctx, doc, {"signed": doc.signed.decode("utf-8"), "signature": doc.signature.hex(), "keys": len(keys)}
        )
    return {**out, "imported": True, "already": False}
