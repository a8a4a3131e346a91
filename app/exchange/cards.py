"""Identity cards: an account's public keys, name, department and workstation, self-signed, unencrypted.

A card is trusted only when the administrator of the receiving store confirms its fingerprint, read aloud
by its owner (digit groups), and registers it in a signed ``exchange.register`` entry.
"""

from __future__ import annotations

from typing import Any

from app import audit
from app.context import AccountContext
from app.exchange import container, ids, ledger, schema
from app.exchange.foreign import AUTHORISE_ACTION, REGISTER_ACTION, REVOKE_ACTION, ROLES, ForeignRecord
from app.exchange.schema import ExchangeRefused, require
from app.i18n import tr
from app.identity import fingerprint_of
from app.permissions import Operation

_FIELDS = {"name", "department", "roles", "store", "workstation", "fingerprint", "sign_public", "kem_public"}
SIGN_PUBLIC = 32
KEM_PUBLIC = 1216


def sender_of(ctx: AccountContext) -> container.Sender:
    return container.Sender(ctx.name, ctx.fingerprint, ctx.store.slots.store_id, ctx.keys.sign.private)


def export(ctx: AccountContext) -> tuple[bytes, dict[str, Any]]:
    """This account's card (any active account may export its own)."""
    reg = ctx.registry
    rec = reg.account(ctx.name)
    body = {
        "name": ctx.name,
        "department": rec.department if rec is not None else None,
        "roles": sorted(reg.roles_of(ctx.name)),
        "store": ctx.store.slots.store_id,
        "workstation": reg.workstation or "",
        "fingerprint": ctx.fingerprint,
        "sign_public": ctx.keys.sign.public.hex(),
        "kem_public": ctx.keys.kem.public.hex(),
    }
    data = container.build(container.IDENTITY_CARD, sender_of(ctx), [], body)
    return data, {"type": container.IDENTITY_CARD, "name": ctx.name, "fingerprint": ctx.fingerprint}


def check(doc: container.Document) -> ForeignRecord:
    """The identity a card states, once its content is well-formed and its self-signature holds."""
    body = schema.fields(doc.body, _FIELDS, "the identity card")
    name = schema.text(body["name"], "the name", 100)
    department = schema.optional_text(body["department"], "the department")
    roles = schema.listed(body["roles"], "the roles", 0, len(ROLES), lambda v, w: schema.text(v, w, 32))
    require(set(roles) <= ROLES and roles == sorted(set(roles)), "unknown or repeated roles")
    store = ids.store(body["store"], "the store")
    workstation = schema.text(body["workstation"], "the workstation", 64, empty=True)
    fp = schema.fingerprint(body["fingerprint"], "the fingerprint")
    sign = schema.hexbytes(body["sign_public"], "the signing key", SIGN_PUBLIC)
    kem = schema.hexbytes(body["kem_public"], "the encryption key", KEM_PUBLIC)
    sender = doc.sender
    require(fingerprint_of(sign, kem) == fp, "the fingerprint does not match the keys")
    require((sender["fingerprint"], sender["name"], sender["store"]) == (fp, name, store), "the sender is not the card")
    if not doc.signed_by(sign):
        raise ExchangeRefused("altered", tr("The file was altered or is incomplete; nothing was imported."))
    return ForeignRecord(name, department, frozenset(roles), store, workstation, fp, sign, kem, 0)


def _digits(text: str) -> str:
    return "".join(c for c in text if c in "0123456789")


def import_card(ctx: AccountContext, doc: container.Document, confirm: str | None) -> dict[str, Any]:
    """Register the card's identity (administrator only), once its fingerprint is confirmed."""
    ctx.require(Operation.ACCOUNT_ADD)
    record = check(doc)
    out = {"type": doc.type, "file": doc.file_id, "name": record.name, "fingerprint": record.fingerprint}
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        if record.store == ctx.store.slots.store_id or record.fingerprint in reg.owner:
            raise ExchangeRefused(
                "own-store", tr("This identity card is of this workstation's own store; nothing was imported.")
            )
        known = reg.foreign.get(record.fingerprint)
        if known is not None and known.revoked:
            raise ExchangeRefused(
                "untrusted-sender",
                tr("This identity was revoked on this workstation and cannot be registered again."),
            )
        if known is not None:
            return {**out, "imported": False, "already": True}
        if confirm is None or len(_digits(confirm)) != 30:
            raise ExchangeRefused(
                "fingerprint",
                tr(
                    "An identity card is trusted only with its fingerprint confirmed: ask {name} to read out the "
                    'fingerprint shown on their workstation, then give it with --fingerprint "12345 67890 …". '
                    "Nothing was imported."
                ).format(name=record.name),
            )
        if _digits(confirm) != _digits(record.fingerprint):
            raise ExchangeRefused(
                "fingerprint",
                tr(
                    "The fingerprint you gave is not the card's: this card may not be {name}'s. Nothing was imported."
                ).format(name=record.name),
            )
        details = {**record.details(), "file": doc.digest}
        audit.append(db, ctx.actor, REGISTER_ACTION, ledger.file_object(doc.file_id), details)
        ledger.fresh_registry(db, ctx)
        awaiting = not ctx.registry.foreign[record.fingerprint].trusted(ctx.registry.two_person)
    return {
        **out,
        "imported": True,
        "already": False,
        "roles": sorted(record.roles),
        "store": record.store,
        "awaiting_authorisation": awaiting,
    }


def registered(ctx: AccountContext) -> list[dict[str, Any]]:
    """The identities of other workstations registered here (revoked ones marked)."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
    out = []
    for record in sorted(reg.foreign.values(), key=lambda r: r.seq):
        item = {k: v for k, v in record.details().items() if k not in ("sign_public", "kem_public")}
        out.append(
            {
                **item,
                "revoked": record.revoked,
                "authorised": record.authorised,
                "trusted": record.trusted(reg.two_person),
                "registered_at_entry": record.seq,
            }
        )
    return out


def revoke(ctx: AccountContext, who: str, reason: str) -> dict[str, Any]:
    """The administrator stops trusting a registered identity (a lost or compromised key): a signed entry."""
    ctx.require(Operation.ACCOUNT_DISABLE)
    reason = schema.text(reason.strip(), "the reason", 500) if reason.strip() else ""
    if not reason:
        raise ExchangeRefused("malformed", tr("Give the reason for the revocation (--reason)."))
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        record = ledger.find_foreign(reg, who, None, trusted=False)
        audit.append(
            db,
            ctx.actor,
            REVOKE_ACTION,
            f"foreign:{record.fingerprint}",
            {"fingerprint": record.fingerprint, "name": record.name, "reason": reason},
        )
        member = ledger.fresh_registry(db, ctx).member_of(record.fingerprint)
        if member is not None:  # its remote member is disabled (the registry says so; the row follows)
            from sqlalchemy import select

            from models import Account

            for row in db.scalars(select(Account).where(Account.name == member)):
                row.disabled = True
    return {"name": record.name, "fingerprint": record.fingerprint, "revoked": True}


def authorise(ctx: AccountContext, who: str) -> dict[str, Any]:
    """The security officer countersigns the administrator's registration of another workstation's identity."""
    ctx.require(Operation.ACCOUNT_AUTHORISE)
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        record = ledger.find_foreign(reg, who, None, trusted=False)
        if record.authorised:
            return {"name": record.name, "fingerprint": record.fingerprint, "authorised": True, "already": True}
        audit.append(
            db,
            ctx.actor,
            AUTHORISE_ACTION,
            f"foreign:{record.fingerprint}",
            {"fingerprint": record.fingerprint, "name": record.name, "roles": sorted(record.roles)},
        )
        ledger.fresh_registry(db, ctx)
    return {"name": record.name, "fingerprint": record.fingerprint, "authorised": True, "already": False}
