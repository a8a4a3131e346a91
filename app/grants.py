"""Two people to grant content (三员分立; issue "Insider-proof secrecy", item 4).

The administrator creates accounts and re-issues forgotten passphrases, but a role
that reaches session content (chair, custodian, clerk, reviewer) takes effect only
when the security officer authorises exactly those roles for exactly that identity
key — a signed ``account.authorise`` entry the registry replays
(:mod:`app.registry`).  A key the administrator re-issued is likewise unusable
until authorised.  The security officer compares the fingerprint with the person
in front of them (read aloud) before authorising.
"""

from __future__ import annotations

from typing import Any

from app import audit, registry
from app.context import AccountContext
from app.errors import InvalidInput, NotPermitted
from app.i18n import tr
from app.permissions import Operation
from app.registry import Registry


def require_usable_key(reg: Registry, name: str) -> None:
    """Refuse a sign-in whose identity key was re-issued and is not yet authorised (it could sign nothing)."""
    rec = reg.account(name)
    if rec is not None and rec.pending_key is not None:
        raise NotPermitted(
            tr(
                "The key of {name} was re-issued by the administrator and awaits the security officer's "
                "authorisation; ask the security officer to authorise it (fingerprint {fp}), then sign in again."
            ).format(name=name, fp=rec.pending_key)
        )


def warnings(reg: Registry, name: str) -> list[str]:
    """What the account should be told at sign-in (roles still awaiting the security officer)."""
    rec = reg.account(name)
    if rec is None or not rec.requested - rec.roles:
        return []
    return [
        tr(
            "The roles of {name} ({roles}) take effect once the security officer authorises them. "
            "First replace the passphrase the administrator gave you (修改本人口令 / 'huishen user passwd'); "
            "until then this account can do nothing else."
        ).format(name=name, roles=", ".join(sorted(rec.requested - rec.roles)))
    ]


def pending(ctx: AccountContext) -> list[dict[str, Any]]:
    """Accounts with roles or a re-issued key awaiting authorisation, as the signed log says."""
    ctx.require(Operation.ACCOUNT_LIST)
    out = []
    for name, rec in sorted(ctx.registry.accounts.items()):
        if rec.awaiting and not rec.disabled:
            out.append(
                {
                    "account": name,
                    "roles": sorted(rec.requested),
                    "department": rec.department,
                    "fingerprint": rec.pending_key or rec.current,
                    "reissued": rec.pending_key is not None,
                    "own_passphrase": rec.own_passphrase,
                }
            )
    return out


def authorise(ctx: AccountContext, name: str, fingerprint: str | None = None) -> dict[str, Any]:
    """The security officer's countersignature (optionally checking the fingerprint the person read aloud)."""
    ctx.require(Operation.ACCOUNT_AUTHORISE)
    rec = ctx.registry.account(name)
    if rec is None:
        raise InvalidInput(tr("No account named {name}.").format(name=name))
    if name == ctx.name:
        raise InvalidInput(tr("You cannot authorise your own account."))
    if not rec.awaiting:
        raise InvalidInput(tr("Nothing of {name} awaits authorisation.").format(name=name))
    if rec.pending_key is None and not rec.own_passphrase:
        raise InvalidInput(
            tr(
                "{name} still has the passphrase the administrator gave; ask {name} to sign in and change it "
                "(修改本人口令, or 'huishen user passwd'), then authorise."
            ).format(name=name)
        )
    key = rec.pending_key or rec.current
    if fingerprint is not None and " ".join(fingerprint.split()) != key:
        raise InvalidInput(
            tr("The fingerprint given is not that of {name}'s key ({fp}); nothing was authorised.").format(
                name=name, fp=key
            )
        )
    details = {"roles": sorted(rec.requested), "key": key}
    with ctx.store.transaction() as db:
        audit.append(db, ctx.actor, "account.authorise", f"account:{name}", details)
        registry.catch_up(db, ctx.registry)
    return {"account": name, **details}
