"""Trust at unlock: the registry replayed from the log, checked against this account's anchor."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app import anchor, keyslots, registry
from app.errors import StoreUnavailable
from app.i18n import tr
from app.keyslots import KeySlots
from app.registry import Registry


@dataclass
class Established:
    registry: Registry
    warnings: list[str] = field(default_factory=list)
    anchor: anchor.Anchor | None = None
    # The slot had an anchor (the log shows it) and it is gone: the key-slot file was altered.
    anchor_missing: bool = False


def establish(db: Session, slots: KeySlots, name: str, account_key: bytes) -> Established:
    """Replay the signed log for ``name``; refuse a log whose genesis is not the one this account pinned.

    A log cut back below the head this account saw, or changed up to it, is
    reported as a warning (the account may still sign in, so the auditor can
    look); the anchor is then not advanced, so the warning stays until resolved.
    """
    try:
        pinned = anchor.read(slots, name, account_key)
    except anchor.AnchorDamaged as exc:
        raise StoreUnavailable(
            tr("The trust anchor in the key slot of {name} does not open: the slot was replaced or damaged.").format(
                name=name
            )
        ) from exc
    warnings: list[str] = []
    checked = (pinned.seq, pinned.head) if pinned is not None else None
    try:
        reg = registry.replay(db, checked_until=checked, tolerate=True)
        if reg.broken is not None and checked is not None and reg.broken.seq <= checked[0]:
            # Changed at or below what this account verified: name it, replaying everything in full.
            warnings.append(reg.broken.message)
            reg = registry.replay(db, tolerate=True)
    except registry.RegistryBroken as exc:
        if pinned is not None:
            raise StoreUnavailable(_genesis_message(name)) from exc
        raise StoreUnavailable(
            tr(
                "The audit log of this store does not verify ({problem}); it cannot be trusted. Tell the auditor."
            ).format(problem=exc.message)
        ) from exc
    if reg.broken is not None and reg.broken.message not in warnings:
        warnings.append(reg.broken.message)
    missing = pinned is None and _was_anchored(db, reg, name)
    if missing:
        warnings.append(
            tr(
                "The trust anchor of {name}'s key slot is missing, though this account had one: the key-slot file "
                "was altered, and entries this account saw may have been cut from the log. Tell the auditor."
            ).format(name=name)
        )
    if pinned is not None:
        if reg.genesis != pinned.genesis:
            raise StoreUnavailable(_genesis_message(name))
        if reg.seq < pinned.seq:
            warnings.append(
                tr("Audit entries {first} to {last} are missing: this account saw the log up to entry {last}.").format(
                    first=reg.seq + 1, last=pinned.seq
                )
            )
    return Established(reg, warnings, pinned, missing)


def _was_anchored(db: Session, reg: Registry, name: str) -> bool:
    """Whether the signed log shows this account's slot carried an anchor (so a missing one was removed)."""
    import json

    from sqlalchemy import select

    from models import AuditEntry

    if reg.genesis_two_person and reg.account(name) is not None:
        return True  # stores of this version pin every slot when it is issued
    rows = db.scalars(select(AuditEntry.details).where(AuditEntry.actor == name, AuditEntry.action == "account.unlock"))
    for details in rows:
        try:
            if "anchored" in json.loads(details):
                return True
        except (TypeError, ValueError):
            continue
    return False


def _genesis_message(name: str) -> str:
    return tr(
        "The audit log of this store does not start with the genesis entry {name}'s key slot was made "
        "for: the log or the store was replaced. Tell the auditor."
    ).format(name=name)


def pin(slots: KeySlots, name: str, account_key: bytes, reg: Registry) -> None:
    """Put an anchor for ``reg``'s genesis and head into ``name``'s slot (in memory; the caller saves)."""
    blob = anchor.seal(slots.store_id, name, account_key, anchor.Anchor(reg.genesis, reg.seq, reg.head))
    slots.set_anchor(name, blob)


def remember(
    db: Session, slots: KeySlots, directory: object, name: str, account_key: bytes, reg: Registry, warnings: list[str]
) -> None:
    """Advance ``name``'s anchor to the newest head its program has verified (at lock, exit, after a command).

    Writes only when the head moved, and never while a warning stands.
    """
    from pathlib import Path

    if warnings:
        return
    registry.catch_up(db, reg)
    try:
        current = anchor.read(slots, name, account_key)
    except anchor.AnchorDamaged:
        return
    if current is not None and (current.seq, current.head) == (reg.seq, reg.head):
        return
    blob = anchor.seal(slots.store_id, name, account_key, anchor.Anchor(reg.genesis, reg.seq, reg.head))
    slots.set_anchor(name, blob)
    keyslots.update_anchor(Path(str(directory)), name, blob)
