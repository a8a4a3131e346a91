"""Creating a store and unlocking an account: the context every other service works in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, grants, identity, registry, store, trust
from app.account_names import check_name, check_passphrase
from app.attempts import Attempts
from app.context import AccountContext
from app.errors import NotPermitted, Refused, StoreUnavailable
from app.i18n import tr
from app.permissions import Operation, Role
from app.registry import Registry
from models import Account, AccountRole, Identity


def build_context(
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
        ctx = build_context(st, db, admin, secrets.account_key, genesis_registry(admin_name, row, ws_row))
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
                "quorum_era": True,  # sessions of this store are held to attendance quorums (app.facts_quorum)
            },
        )
        ctx.registry = registry.replay(db)
    st.slots.issue(admin_name, passphrase, secrets)
    trust.pin(st.slots, admin_name, secrets.account_key, ctx.registry)
    st.save_slots()
    return ctx


def genesis_registry(admin: str, admin_row: Identity, ws_row: Identity) -> Registry:
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
            ctx = build_context(st, db, account, unlocked.secrets.account_key, reg)
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
            from app import policy

            kdf_log2 = policy.load(db).kdf_cost_log2
        if established.anchor is None:
            # An older store: pin what this account finds now (trust on first use), recorded above.
            trust.pin(st.slots, name, unlocked.secrets.account_key, reg)
            store_slots_update(st, name)
        if any(slot.pending is not None for slot in st.slots.slots.values()):
            from app import recovery

            ctx.warnings.extend(recovery.recover(st, reg))
        from app.kdf_upgrade import rewrap_at_sign_in

        # A slot made at an older, cheaper KDF cost is wrapped again at the cost in force (issue 16 item 4).
        rewrap_at_sign_in(st, name, passphrase, unlocked.secrets, kdf_log2, ctx.warnings)
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
    return {
        "account": ctx.name,
        "roles": sorted(ctx.roles),
        "department": ctx.department,
        "fingerprint": ctx.fingerprint,
        "workstation_fingerprint": ctx.registry.workstation or "",  # as the signed genesis entry names it
        "store": str(ctx.store.directory),
        "store_id": ctx.store.slots.store_id,
    }
