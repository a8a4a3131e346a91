"""Account services: create a store, unlock, who am I, add/disable accounts, passphrases."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, grants, identity, registry, store, trust
from app import passphrase as passphrase_policy
from app.attempts import Attempts
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted, Refused, StoreUnavailable
from app.i18n import tr
from app.keyslots import SlotSecrets
from app.permissions import Operation, Role, parse_roles
from app.registry import Registry
from models import Account, AccountRole, Department, Identity
from models.base import utcnow

MIN_PASSPHRASE = passphrase_policy.MIN_LENGTH
WORKSTATION = "workstation"


def check_name(name: str, what: str) -> str:
    """A clean account or department name: trimmed, printable, 1–100 characters, no '=' or '/'."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > 100:
        raise InvalidInput(tr("The {what} name must be 1 to 100 characters long.").format(what=what))
    if any(unicodedata.category(c).startswith("C") or c in "=/\\" for c in name):
        raise InvalidInput(
            tr("The {what} name may not contain control characters, '=', '/' or '\\'.").format(what=what)
        )
    if name.lower() == WORKSTATION:
        raise InvalidInput(tr("'{name}' is reserved; choose another name.").format(name=name))
    return name


def check_passphrase(passphrase: str, min_score: int = passphrase_policy.DEFAULT_MIN_SCORE, name: str = "") -> None:
    """Refuse passphrases too short, blank or too easy to guess (app.passphrase)."""
    passphrase_policy.check(passphrase, min_score, [name])


def _min_score(ctx: AccountContext) -> int:
    from app import policy

    with ctx.store.transaction() as db:
        return policy.load(db).passphrase_min_score


def _department(db: Session, name: str | None) -> Department | None:
    if not name:
        return None
    name = check_name(name, tr("department"))
    dept = db.scalars(select(Department).where(Department.name == name)).first()
    if dept is None:
        dept = Department(name=name)
        db.add(dept)
        db.flush()
    return dept


def _context(
    st: store.Store, db: Session, account: Account, account_key: bytes, reg: Registry | None = None
) -> AccountContext:
    """The unlocked account; roles, department and key come from the signed registry, never the tables."""
    if reg is None:
        reg = registry.replay(db)
    record = reg.account(account.name)
    fp = reg.key_of(account.name)
    if (record is None or fp is None) and reg.broken is not None and Role.AUDITOR.value in account.roles:
        # The log is broken before this account's registration: it may still read and verify
        # the log (nothing an insider with the database key could not read anyway), and nothing else.
        fallback = identity.current(db, account.id)
        return AccountContext(
            store=st,
            account_id=account.id,
            name=account.name,
            roles=frozenset({Role.AUDITOR.value}),
            department=None,
            keys=identity.unwrap(fallback, account_key),
            identity_id=fallback.id,
            account_key=account_key,
            registry=reg,
        )
    if record is None or fp is None:
        raise StoreUnavailable(
            tr("The account {name} is not registered in the signed audit log; the store was tampered with.").format(
                name=account.name
            )
        )
    row = db.scalars(select(Identity).where(Identity.account_id == account.id, Identity.fingerprint == fp)).first()
    if row is None or identity.fingerprint_of(row.sign_public, row.kem_public) != fp:
        raise StoreUnavailable(
            tr("The registered identity key of {name} is missing from the store; the store was tampered with.").format(
                name=account.name
            )
        )
    keys = identity.unwrap(row, account_key)
    return AccountContext(
        store=st,
        account_id=account.id,
        name=account.name,
        roles=record.roles,
        department=record.department,
        keys=keys,
        identity_id=row.id,
        account_key=account_key,
        registry=reg,
    )


def init_store(directory: Path, admin_name: str, passphrase: str) -> AccountContext:
    """Create a store with its workstation identity and first account, the administrator."""
    admin_name = check_name(admin_name, tr("account"))
    check_passphrase(passphrase, name=admin_name)
    st, secrets = store.create(directory)
    with st.transaction() as db:
        ws_keys = identity.generate()
        ws_row = identity.store_identity(db, None, ws_keys, identity.workstation_wrapping_key(secrets.db_key))
        admin = Account(name=admin_name, role_rows=[AccountRole(role=Role.ADMINISTRATOR.value)])
        db.add(admin)
        db.flush()
        keys = identity.generate()
        row = identity.store_identity(db, admin.id, keys, secrets.account_key)
        ctx = _context(st, db, admin, secrets.account_key, _genesis_registry(admin_name, row, ws_row))
        audit.append(
            db,
            ctx.actor,
            "store.init",
            f"store:{st.slots.store_id}",
            {
                "administrator": admin_name,
                "registers": [row.fingerprint, ws_row.fingerprint],
                "workstation": ws_row.fingerprint,
                "two_person": True,
            },
        )
        ctx.registry = registry.replay(db)
    st.slots.issue(admin_name, passphrase, secrets)
    trust.pin(st.slots, admin_name, secrets.account_key, ctx.registry)
    st.save_slots()
    return ctx


def _genesis_registry(admin: str, admin_row: Identity, ws_row: Identity) -> Registry:
    """The registry the genesis entry is about to create (so the administrator can sign it)."""
    reg = Registry()
    reg.accounts[admin] = registry.AccountRecord(
        admin, frozenset({Role.ADMINISTRATOR.value}), None, {admin_row.fingerprint}, current=admin_row.fingerprint
    )
    reg.owner[admin_row.fingerprint] = admin
    reg.workstation = ws_row.fingerprint
    reg.two_person = True
    return reg


def store_slots_update(st: store.Store, name: str) -> None:
    """Write ``name``'s anchor blob (already set in memory) into the slot file."""
    from app import keyslots

    keyslots.update_anchor(st.directory, name, st.slots.get(name).anchor)


def remember_head(ctx: AccountContext) -> None:
    """Advance this account's anchor to the log head its program verified (after a command, at lock and exit)."""
    from app import keyslots

    try:
        # The store's lock first, then the database (the one order every slot change follows).
        with keyslots.locked(ctx.store.directory), ctx.store.transaction() as db:
            trust.remember(
                db, ctx.store.slots, ctx.store.directory, ctx.name, ctx.account_key, ctx.registry, ctx.warnings
            )
    except registry.RegistryBroken as exc:
        ctx.warnings.append(exc.message)
    except Refused as exc:
        # The command itself is done; only its bookkeeping in the slot failed (disk full, busy…).
        ctx.warnings.append(
            tr(
                "The newest log head could not be kept in your key slot ({problem}); it will be at the next command."
            ).format(problem=exc.message)
        )


def open_account(
    directory: Path,
    name: str,
    passphrase: str,
    attempts: Attempts | None = None,
    record_unlock: bool = False,
) -> AccountContext:
    """Unlock the store as ``name``; failed unlocks are counted and audited at the next success.

    ``record_unlock`` also audits the unlock itself (the desktop's sign-in); a
    one-shot command does not, so a command that is then refused changes nothing.
    """
    unlocked = store.unlock(directory, name, passphrase, attempts)
    st = unlocked.store
    try:
        with st.transaction() as db:
            account = db.scalars(select(Account).where(Account.name == name)).first()
            if account is None:
                raise StoreUnavailable(
                    tr("The key slot of {name} has no account in the database; the store is inconsistent.").format(
                        name=name
                    )
                )
            established = trust.establish(db, st.slots, name, unlocked.secrets.account_key)
            reg = established.registry
            if reg.account(name) is not None and not reg.is_active(name):
                raise NotPermitted(tr("The account {name} is disabled. Ask the administrator.").format(name=name))
            grants.require_usable_key(reg, name)
            ctx = _context(st, db, account, unlocked.secrets.account_key, reg)
            ctx.warnings = established.warnings
            details: dict[str, Any] = {}
            if established.anchor is None:
                details["anchored"] = {"genesis": reg.genesis, "seq": reg.seq}
                if established.anchor_missing:
                    details["anchor_missing"] = True  # the auditor sees it in the log, and verify names it
            if unlocked.failed_attempts:
                details["failed_attempts_before"] = unlocked.failed_attempts
            if details or record_unlock:
                audit.append(db, ctx.actor, "account.unlock", f"account:{name}", details)
            if established.anchor is None and not reg.broken:
                from app.reanchor import reanchor_legacy_sessions

                reanchor_legacy_sessions(db, ctx)
            if not reg.two_person and not reg.broken:
                # An older store: from here on, roles that reach content need the security officer too.
                audit.append(db, ctx.actor, "store.two_person", f"store:{st.slots.store_id}", {})
            registry.catch_up(db, reg)
            ctx.warnings.extend(grants.warnings(reg, name))
        if established.anchor is None:
            # An older store: pin what this account finds now (trust on first use), recorded above.
            trust.pin(st.slots, name, unlocked.secrets.account_key, reg)
            store_slots_update(st, name)
        if any(slot.pending is not None for slot in st.slots.slots.values()):
            from app import recovery

            ctx.warnings.extend(recovery.recover(st, reg))
        if record_unlock:
            # A custodian's sign-in keeps a few one-time round keys ready, made in their own session.
            from app.sessions import holder_keys

            holder_keys.top_up(ctx)
    except BaseException:
        st.close()
        raise
    return ctx


def whoami(ctx: AccountContext) -> dict[str, Any]:
    """The account's name, roles, department and identity fingerprint."""
    ctx.require(Operation.VIEW_OWN_ACCOUNT)
    with ctx.store.transaction() as db:
        ws = identity.current(db, None)
    return {
        "account": ctx.name,
        "roles": sorted(ctx.roles),
        "department": ctx.department,
        "fingerprint": ctx.fingerprint,
        "workstation_fingerprint": ws.fingerprint,
        "store": str(ctx.store.directory),
        "store_id": ctx.store.slots.store_id,
    }


def add_account(
    ctx: AccountContext, name: str, roles: list[str], department: str | None, passphrase: str
) -> dict[str, Any]:
    """Create an account with its own identity and key slot (administrator only)."""
    ctx.require(Operation.ACCOUNT_ADD)
    name = check_name(name, tr("account"))
    role_set = parse_roles(roles)
    check_passphrase(passphrase, _min_score(ctx), name)
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
        )
        current.slots[name] = slot
        trust.pin(current, name, account_key, ctx.registry)
        slot = current.slots[name]

        def commit() -> tuple[Identity, Department | None]:
            with st.transaction() as db:
                dept = _department(db, department)
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


def _replaces_keys(record: registry.AccountRecord | None) -> bool:
    """Whether this passphrase change is the account's first own one (then its keys are replaced too)."""
    return record is not None and not record.own_passphrase


def change_passphrase(ctx: AccountContext, new_passphrase: str) -> None:
    """Rewrite only this account's slot under a new passphrase (atomically, recoverably).

    The first change of an account the administrator created also replaces its account key and identity
    with ones made here, in the person's own session: the administrator's program made the first ones and
    may have kept them (issue "Insider-proof secrecy", 三员分立).
    """
    from app import keyslots, recovery

    ctx.require(Operation.CHANGE_OWN_PASSPHRASE)
    check_passphrase(new_passphrase, _min_score(ctx), ctx.name)
    st = ctx.store
    unlocked_with = st.slots.get(ctx.name).wrapped
    rekey = _replaces_keys(ctx.registry.account(ctx.name))
    account_key = os.urandom(32) if rekey else ctx.account_key
    keys = identity.generate() if rekey else None
    with recovery.slot_change(st):
        current = keyslots.load(st.directory)
        previous = current.get(ctx.name)
        if previous.wrapped != unlocked_with:
            # Another program changed this passphrase since this one signed in: never undo it silently.
            raise Refused(
                tr(
                    "The passphrase of {name} was changed by another program after you signed in; nothing was "
                    "changed. Sign in again with the current passphrase."
                ).format(name=ctx.name)
            )
        change = recovery.new_change_id()
        slot = current.make(
            ctx.name,
            new_passphrase,
            SlotSecrets(st.db_key, account_key),
            recovery.pending_for("passwd", change, None, previous, current.store_id),
        )
        if rekey:
            current.slots[ctx.name] = slot
            trust.pin(current, ctx.name, account_key, ctx.registry)
            slot = current.slots[ctx.name]

        def commit() -> int | None:
            with st.transaction() as db:
                details: dict[str, Any] = {"change": change}
                new_id = None
                if keys is not None:
                    old = identity.current(db, ctx.account_id)
                    row = identity.store_identity(db, ctx.account_id, keys, account_key)
                    old.retired_at = utcnow()
                    details.update({"registers": [row.fingerprint], "retired": old.fingerprint})
                    new_id = row.id
                audit.append(db, ctx.actor, "account.passwd", f"account:{ctx.name}", details)
                registry.catch_up(db, ctx.registry)
                return new_id

        new_id = recovery.apply(st, slot, previous, commit)
    if keys is not None and new_id is not None:
        ctx.account_key, ctx.keys, ctx.identity_id = account_key, keys, new_id


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


def set_disabled(ctx: AccountContext, name: str, disabled: bool) -> None:
    """Disable (or re-enable) an account; its slot stays, but it can no longer unlock (administrator)."""
    ctx.require(Operation.ACCOUNT_DISABLE)
    if name == ctx.name:
        raise InvalidInput(tr("You cannot disable your own account."))
    with ctx.store.transaction() as db:
        account = db.scalars(select(Account).where(Account.name == name)).first()
        if account is None:
            raise InvalidInput(tr("No account named {name}.").format(name=name))
        account.disabled = disabled
        audit.append(db, ctx.actor, "account.disable" if disabled else "account.enable", f"account:{name}")


def reissue_slot(ctx: AccountContext, name: str, passphrase: str) -> dict[str, Any]:
    """Reset a forgotten passphrase (administrator): a new slot, a new account key and a new identity.

    The administrator never learns the old account key, so the old identity is
    retired, not recovered: what the account sealed stays verifiable, but its
    personal read-back copies no longer open.  Refused while the account holds a
    share of an unrevealed reveal key, which the new identity could not open.
    """
    from app import keyslots, recovery

    ctx.require(Operation.ACCOUNT_REISSUE_SLOT)
    check_passphrase(passphrase, _min_score(ctx), name)
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
        account = db.scalars(select(Account).where(Account.name == name)).first()
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
        people = [a for a in db.scalars(select(Account).order_by(Account.id)) if not a.disabled]
        departments = list(db.scalars(select(Department).order_by(Department.id)))
    return {
        "departments": [
            {
                "name": d.name,
                "reviewers": [a.name for a in people if a.department_id == d.id and Role.REVIEWER.value in a.roles],
            }
            for d in departments
        ],
        "chairs": [a.name for a in people if Role.CHAIR.value in a.roles],
        "custodians": [a.name for a in people if Role.CUSTODIAN.value in a.roles],
        "clerks": [a.name for a in people if Role.CLERK.value in a.roles],
    }
