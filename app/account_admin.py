"""The administrator's account services: add, list, disable/enable, re-issue a slot; the chair's directory."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import select

from app import audit, identity, policy, registry, trust
from app.account_names import (
    account_row,
    check_name,
    check_passphrase,
    check_reason,
    department_row,
    min_score,
)
from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.keyslots import SlotSecrets
from app.permissions import Operation, Role, parse_roles
from models import Account, AccountRole, Department, Identity
from models.base import utcnow


def add_account(
    ctx: AccountContext, name: str, roles: list[str], department: str | None, passphrase: str
) -> dict[str, Any]:
    """Create an account with its own identity and key slot (administrator only)."""
    ctx.require(Operation.ACCOUNT_ADD)
    name = check_name(name, tr("account"))
    role_set = parse_roles(roles)
    check_passphrase(passphrase, min_score(ctx), name)
    from app import keyslots, recovery

    st = ctx.store
    account_key = os.urandom(32)
    keys = identity.generate()
    exists = InvalidInput(tr("An account named {name} already exists.").format(name=name))
    with recovery.slot_change(st):
        current = keyslots.load(st.directory)
        if name in current.names():
            raise exists
        with st.transaction() as db:
            if db.scalars(select(Account).where(Account.name == name)).first() is not None:
                raise exists
        slot = current.make(
            name,
            passphrase,
            SlotSecrets(st.db_key, account_key),
            recovery.pending_for("add", recovery.new_change_id(), keys.fingerprint, None, current.store_id),
            log2n=policy.current(ctx).kdf_cost_log2,
        )
        current.slots[name] = slot
        trust.pin(current, name, account_key, ctx.registry)
        slot = current.slots[name]

        def commit() -> tuple[Identity, Department | None]:
            with st.transaction() as db:
                dept = department_row(db, department)
                account = Account(
                    name=name,
                    department=dept,
                    role_rows=[AccountRole(role=r.value) for r in sorted(role_set)],
                )
                db.add(account)
                db.flush()
                row = identity.store_identity(db, account.id, keys, account_key)
                audit.append(
                    db,
                    ctx.actor,
                    "account.add",
                    f"account:{name}",
                    {
                        "roles": sorted(r.value for r in role_set),
                        "department": dept.name if dept else None,
                        "registers": [row.fingerprint],
                    },
                )
                registry.catch_up(db, ctx.registry)
                return row, dept

        row, dept = recovery.apply(st, slot, None, commit)
    return {
        "account": name,
        "roles": sorted(r.value for r in role_set),
        "fingerprint": row.fingerprint,
        "department": dept.name if dept else None,
    }


def list_accounts(ctx: AccountContext) -> list[dict[str, Any]]:
    """Every account with roles, department, state and fingerprint (no session content)."""
    ctx.require(Operation.ACCOUNT_LIST)
    with ctx.store.transaction() as db:
        rows = []
        for account in db.scalars(select(Account).order_by(Account.id)):
            ident = db.scalars(
                select(Identity).where(Identity.account_id == account.id).order_by(Identity.id.desc())
            ).first()
            record = ctx.registry.account(account.name)
            rows.append(
                {
                    "account": account.name,
                    "roles": sorted(account.roles),
                    "department": account.department.name if account.department else None,
                    "disabled": account.disabled,
                    "fingerprint": ident.fingerprint if ident else None,
                    "awaiting_authorisation": bool(record and record.awaiting),
                }
            )
    return rows


def set_disabled(ctx: AccountContext, name: str, disabled: bool, reason: str) -> None:
    """Disable (or re-enable) an account; its slot stays, but it can no longer unlock (administrator).

    Disabling needs a reason, recorded in the signed audit entry; enabling records one if given.
    """
    ctx.require(Operation.ACCOUNT_DISABLE)
    if name == ctx.name:
        raise InvalidInput(tr("You cannot disable your own account."))
    details: dict[str, Any] = {}
    if disabled or reason.strip():
        details["reason"] = check_reason(reason)
    with ctx.store.transaction() as db:
        account = db.scalars(select(Account).where(Account.name == name)).first()
        if account is None:
            raise InvalidInput(tr("No account named {name}.").format(name=name))
        account.disabled = disabled
        audit.append(db, ctx.actor, "account.disable" if disabled else "account.enable", f"account:{name}", details)


def reissue_slot(ctx: AccountContext, name: str, passphrase: str) -> dict[str, Any]:
    """Reset a forgotten passphrase (administrator): a new slot, a new account key and a new identity.

    The administrator never learns the old account key, so the old identity is
    retired, not recovered: what the account sealed stays verifiable, but its
    personal read-back copies no longer open.  Refused while the account holds a
    share of an unrevealed reveal key, which the new identity could not open.
    """
    from app import keyslots, recovery

    ctx.require(Operation.ACCOUNT_REISSUE_SLOT)
    if ctx.registry.is_remote(name):
        raise InvalidInput(tr("{name} is a member at another workstation and has no key slot here.").format(name=name))
    check_passphrase(passphrase, min_score(ctx), name)
    if name == ctx.name:
        raise InvalidInput(tr("Change your own passphrase with 'user passwd'."))
    st = ctx.store
    account_key = os.urandom(32)
    keys = identity.generate()
    with recovery.slot_change(st):
        current = keyslots.load(st.directory)
        previous = current.slots.get(name)
        slot = current.make(
            name,
            passphrase,
            SlotSecrets(st.db_key, account_key),
            recovery.pending_for("reissue", recovery.new_change_id(), keys.fingerprint, previous, current.store_id),
            log2n=policy.current(ctx).kdf_cost_log2,
        )
        # The new slot's anchor (under the new account key): the log as this program verified it.
        current.slots[name] = slot
        trust.pin(current, name, account_key, ctx.registry)
        slot = current.slots[name]
        row = recovery.apply(st, slot, previous, lambda: _reissue_in_db(ctx, name, keys, account_key))
    return {"account": name, "fingerprint": row.fingerprint}


def _reissue_in_db(ctx: AccountContext, name: str, keys: identity.IdentityKeys, account_key: bytes) -> Identity:
    from models import HolderKey, RevealShare, Round

    with ctx.store.transaction() as db:
        # The one row of that name (a planted copy found first hid the round keys the account still holds)
        account = account_row(db, name)
        if account is None:
            raise InvalidInput(tr("No account named {name}.").format(name=name))
        pending: Any = db.scalars(
            select(RevealShare)
            .join(Round, RevealShare.round_id == Round.id)
            .where(RevealShare.holder_id == account.id, Round.revealed_at.is_(None))
        ).first()
        if pending is None:
            pending = db.scalars(
                select(HolderKey)
                .join(Round, HolderKey.round_id == Round.id)
                .where(HolderKey.holder_id == account.id, Round.revealed_at.is_(None))
            ).first()
        if pending is not None:
            raise Refused(
                tr(
                    "{name} holds a share of a reveal key that is still needed; reset the passphrase "
                    "after that session is revealed."
                ).format(name=name)
            )
        # Unused round keys are wrapped by the old account key, which nobody will hold again.
        for unused in db.scalars(
            select(HolderKey).where(HolderKey.holder_id == account.id, HolderKey.round_id.is_(None))
        ):
            db.delete(unused)
        old = identity.current(db, account.id)
        old.retired_at = utcnow()
        row = identity.store_identity(db, account.id, keys, account_key)
        audit.append(
            db,
            ctx.actor,
            "account.reissue",
            f"account:{name}",
            {"registers": [row.fingerprint], "retired": old.fingerprint},
        )
        registry.catch_up(db, ctx.registry)
    return row


def directory(ctx: AccountContext) -> dict[str, Any]:
    """Who can take part in a session: departments with their reviewers, chairs, custodians (chair only)."""
    ctx.require(Operation.SESSION_CREATE)
    with ctx.store.transaction() as db:
        reg = registry.catch_up(db, ctx.registry)  # roles as the signed log gives them (what create accepts)
        accounts = list(db.scalars(select(Account).order_by(Account.id)))
        roles = {a.id: reg.roles_of(a.name) for a in accounts}  # none for a disabled account
        people = [a for a in accounts if roles[a.id]]
        departments = list(db.scalars(select(Department).order_by(Department.id)))
    return {
        "departments": [
            {
                "name": d.name,
                "reviewers": [
                    a.name
                    for a in people
                    if Role.REVIEWER.value in roles[a.id] and getattr(reg.account(a.name), "department", None) == d.name
                ],
            }
            for d in departments
        ],
        "chairs": [a.name for a in people if Role.CHAIR.value in roles[a.id]],
        "custodians": [a.name for a in people if Role.CUSTODIAN.value in roles[a.id]],
        "clerks": [a.name for a in people if Role.CLERK.value in roles[a.id]],
    }
