"""Clearance levels (涉密人员定级): the security officer sets each account's level, a signed registry fact.

The level lives only in the signed log (``account.clearance``, replayed by :mod:`app.registry`): an insider
who rewrites a table changes nothing; a forged entry does not verify.  The levels and their use are in
:mod:`app.sessions.access`.
"""

from __future__ import annotations

from typing import Any

from app import audit, registry
from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import SYSTEM_ROLES, Operation
from app.sessions.access import LEVELS, clearance_of


def set_clearance(ctx: AccountContext, name: str, level: str) -> dict[str, Any]:
    """Set ``name``'s clearance (security officer); recorded and signed."""
    ctx.require(Operation.ACCOUNT_AUTHORISE)
    level = level.strip()
    if level not in LEVELS:
        raise InvalidInput(
            tr("Unknown clearance level '{level}'. Levels: {levels}.").format(level=level, levels=", ".join(LEVELS))
        )
    with ctx.store.transaction() as db:
        try:
            registry.catch_up(db, ctx.registry)
        except registry.RegistryBroken as exc:
            raise Refused(
                tr(
                    "The audit log no longer verifies ({problem}); nothing was shown or changed. Tell the auditor."
                ).format(problem=exc.message)
            ) from exc
        rec = ctx.registry.account(name)
        if rec is None:
            raise InvalidInput(tr("No account named {name}.").format(name=name))
        if name == ctx.name:
            raise InvalidInput(tr("You cannot set your own clearance."))
        if rec.roles & {r.value for r in SYSTEM_ROLES} or rec.requested & {r.value for r in SYSTEM_ROLES}:
            raise InvalidInput(
                tr("{name} holds a 三员 role and reads no session content; it needs no clearance.").format(name=name)
            )
        before = clearance_of(ctx.registry, name)
        audit.append(db, ctx.actor, "account.clearance", f"account:{name}", {"level": level, "was": before})
        registry.catch_up(db, ctx.registry)
    return {"account": name, "clearance": level, "was": before}


def clearances(ctx: AccountContext) -> list[dict[str, Any]]:
    """Every content account with its clearance, as the signed log says (security officer, administrator)."""
    ctx.require(Operation.ACCOUNT_LIST)
    system = {r.value for r in SYSTEM_ROLES}
    return [
        {"account": name, "roles": sorted(rec.requested or rec.roles), "clearance": clearance_of(ctx.registry, name)}
        for name, rec in sorted(ctx.registry.accounts.items())
        if not (rec.requested | rec.roles) & system and not rec.disabled
    ]
