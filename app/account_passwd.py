"""Changing one's own passphrase (and, the first time, one's keys)."""

from __future__ import annotations

import os
from typing import Any

from app import audit, identity, policy, registry, trust
from app.account_names import check_passphrase, min_score
from app.context import AccountContext
from app.errors import Refused
from app.i18n import tr
from app.keyslots import SlotSecrets
from app.permissions import Operation
from models.base import utcnow


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
    check_passphrase(new_passphrase, min_score(ctx), ctx.name)
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
            log2n=policy.current(ctx).kdf_cost_log2,
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
