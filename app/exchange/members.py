"""Remote members (issue 10): identities of other stores that take part in this store's sessions.

The administrator *enrols* a registered, trusted identity of another workstation — one whose card was
imported with its fingerprint read aloud (and, under the two-person rule, authorised by the security
officer) — as a remote custodian or reviewer of this store, under a name of this store.  The signed
``exchange.enrol`` entry names that identity's fingerprint; from it the registry (app/registry.py) makes an
account whose only key is exactly that identity's registered key, never what a row says.  The account row
and an identity row holding the public keys only (no wrapped private half, no key slot) let sessions name
the member with the existing foreign keys; the member can never sign in here and signs no entry of this
log.  What a remote member states reaches this store only inside an exchange file signed by that identity,
embedded in the importing account's entry (:mod:`app.exchange.statements`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app import audit
from app.account_names import check_name, department_row
from app.context import AccountContext
from app.exchange import ledger
from app.exchange.foreign import ENROL_ACTION, MEMBER_ROLES
from app.exchange.schema import ExchangeRefused
from app.i18n import tr
from app.permissions import Operation
from models import Account, AccountRole, Identity

# What an identity row of a remote member holds instead of a wrapped private key: nothing.
NO_PRIVATE = b""


def enrol(ctx: AccountContext, who: str, name: str | None = None) -> dict[str, Any]:
    """Enrol the registered identity ``who`` (name or fingerprint) as a remote member called ``name`` here."""
    ctx.require(Operation.ACCOUNT_ADD)
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
        record = ledger.find_foreign(reg, who, None)
        local = check_name((name or record.name).strip(), tr("account"))
        roles = sorted(record.roles & MEMBER_ROLES)
        if not roles:
            raise ExchangeRefused(
                "not-permitted",
                tr("{name} is registered neither as a custodian nor as a reviewer; nothing was enrolled.").format(
                    name=record.name
                ),
            )
        already = reg.member_of(record.fingerprint)
        if already is not None:
            return {"account": already, "fingerprint": record.fingerprint, "roles": roles, "already": True}
        if local in reg.accounts or db.scalars(select(Account).where(Account.name == local)).first() is not None:
            raise ExchangeRefused(
                "not-permitted",
                tr("An account named {name} exists already; enrol under another name (--as NAME).").format(name=local),
            )
        dept = department_row(db, record.department)
        account = Account(name=local, department=dept, role_rows=[AccountRole(role=r) for r in roles])
        db.add(account)
        db.flush()
        db.add(
            Identity(
                account_id=account.id,
                sign_public=record.sign_public,
                kem_public=record.kem_public,
                wrapped_private=NO_PRIVATE,
                fingerprint=record.fingerprint,
            )
        )
        details = {
            "fingerprint": record.fingerprint,
            "name": record.name,
            "store": record.store,
            "roles": roles,
            "department": record.department,
        }
        audit.append(db, ctx.actor, ENROL_ACTION, f"account:{local}", details)
        ledger.fresh_registry(db, ctx)
    return {"account": local, "fingerprint": record.fingerprint, "roles": roles, "already": False}


def members(ctx: AccountContext) -> list[dict[str, Any]]:
    """The remote members of this store, as the signed log states them."""
    with ctx.store.transaction() as db:
        reg = ledger.fresh_registry(db, ctx)
    out = []
    for name, rec in sorted(reg.accounts.items()):
        if rec.remote is None:
            continue
        record = reg.foreign.get(rec.remote)
        out.append(
            {
                "account": name,
                "fingerprint": rec.remote,
                "roles": sorted(rec.roles),
                "department": rec.department,
                "store": record.store if record else None,
                "active": not rec.disabled,
            }
        )
    return out
