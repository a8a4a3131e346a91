"""Ordered, recoverable changes that touch both the key-slot file and the database.

One rule for every such change (account creation, slot re-issue, passphrase change):

1. take the store's lock (the directory; before any database transaction, never after);
2. write the new slot with a ``pending`` record — the change id, the identity it
   registers, the slot it replaces;
3. commit the database change with its signed audit entry;
4. clear the ``pending`` record (or, if step 3 failed, put the old slot back).

A crash between 2 and 4 leaves a pending slot and no process holding the lock.
The next unlock (:func:`recover`) looks the change up in the signed log and
finishes it (the entry is there) or rolls it back (it is not), and says so.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import select

from app import keyslots, registry
from app.i18n import tr
from app.keyslots import Pending, Slot
from app.registry import Registry
from app.store import Store
from models import AuditEntry

T = TypeVar("T")


def new_change_id() -> str:
    """A fresh id naming one change in both the slot file and its audit entry."""
    return uuid.uuid4().hex


def _committed(st: Store, reg: Registry, name: str, pending: Pending) -> bool:
    """Whether the database change of ``pending`` is in the signed log (read under the lock)."""
    with st.transaction() as db:
        registry.catch_up(db, reg)
        if pending.op in ("add", "reissue"):
            record = reg.account(name)
            # A re-issued key may await the security officer's authorisation: registered all the same.
            return record is not None and pending.fingerprint in (reg.key_of(name), record.pending_key)
        for entry in db.scalars(
            select(AuditEntry).where(AuditEntry.action == "account.passwd", AuditEntry.object == f"account:{name}")
        ):
            try:
                if json.loads(entry.details).get("change") == pending.change:
                    return entry.seq <= reg.seq  # verified by the replay, not just present
            except (ValueError, AttributeError):
                continue
    return False


def _label(op: str) -> str:
    labels = {"add": tr("account creation"), "passwd": tr("passphrase change"), "reissue": tr("slot re-issue")}
    return labels.get(op, op)


def recover(st: Store, reg: Registry) -> list[str]:
    """Finish or roll back every half-done slot change; returns one message per change (for the user)."""
    if reg.broken is not None:
        return []
    messages: list[str] = []
    with keyslots.locked(st.directory):
        slots = keyslots.load(st.directory)
        pending = [(name, slot) for name, slot in slots.slots.items() if slot.pending is not None]
        if not pending:
            return []
        for name, slot in pending:
            change = slot.pending
            assert change is not None
            op = _label(change.op)
            if _committed(st, reg, name, change):
                slots.slots[name] = replace(slot, pending=None)
                messages.append(
                    tr("An interrupted change of {name}'s key slot ({op}) was completed.").format(name=name, op=op)
                )
            elif change.op == "add":
                del slots.slots[name]
                messages.append(
                    tr(
                        "The creation of account {name} was interrupted before it was recorded; it was undone. "
                        "Add the account again."
                    ).format(name=name)
                )
            else:
                if change.previous is None:  # there was no usable slot before either
                    del slots.slots[name]
                    messages.append(
                        tr(
                            "An interrupted change of {name}'s key slot ({op}) was not recorded; it was undone. "
                            "Make the change again."
                        ).format(name=name, op=op)
                    )
                    continue
                try:
                    slots.slots[name] = keyslots.parse_slot(slots.store_id, name, change.previous)
                except (ValueError, KeyError, TypeError):
                    del slots.slots[name]
                    messages.append(
                        tr(
                            "An interrupted change of {name}'s key slot ({op}) was not recorded, and the previous "
                            "slot is damaged; ask the administrator to re-issue it."
                        ).format(name=name, op=op)
                    )
                    continue
                messages.append(
                    tr(
                        "An interrupted change of {name}'s key slot ({op}) was not recorded; the previous slot "
                        "(and passphrase) is back. Make the change again."
                    ).format(name=name, op=op)
                )
        keyslots.save(st.directory, slots)
        st.slots = slots
    return messages


@contextlib.contextmanager
def slot_change(st: Store) -> Iterator[None]:
    """Hold the store's lock for a whole slot + database change (step 1)."""
    with keyslots.locked(st.directory):
        yield


def apply(st: Store, slot: Slot, previous: Slot | None, commit: Callable[[], T]) -> T:
    """Steps 2–4 for ``slot`` (which carries its pending record); call inside :func:`slot_change`.

    ``previous`` is the slot it replaces (None for a new account).  If ``commit``
    fails, the previous slot is put back (or the new one removed) and the error re-raised.
    """
    st.slots = keyslots.put(st.directory, slot)
    try:
        result = commit()
    except BaseException:
        with contextlib.suppress(Exception):
            if previous is None:
                st.slots = keyslots.remove(st.directory, slot.account)
            else:
                st.slots = keyslots.put(st.directory, previous)
        raise
    st.slots = keyslots.put(st.directory, replace(slot, pending=None))
    return result


def pending_for(op: str, change: str, fingerprint: str | None, previous: Slot | None, store_id: str) -> Pending:
    """The pending record of a change."""
    return Pending(change, op, fingerprint, previous.to_json(store_id) if previous is not None else None)
