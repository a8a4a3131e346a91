"""Re-wrap a key slot at the KDF cost in force, at its next sign-in (issue 16 item 4).

A slot made at an older, cheaper Scrypt cost (2^17 before 2026-11, or below the
security officer's ``kdf_cost_log2``) is wrapped again, with a new salt, at the
cost in force, the first time its account signs in: only then is the passphrase
at hand.  The secrets it wraps do not change, so no database change goes with it.

Atomic: the new slot is written with the whole slot file's atomic replace
(:func:`app.fsutil.write_atomic`, under the store's slot lock, the file re-read
first), so a crash or a full disk leaves either the old slot or the new one, both
of which open with the same passphrase.  The new wrapping is checked to open
before it is written.  A slot changed meanwhile by another program (a new
passphrase, a pending change) is left alone.  A failure costs a warning, never
the sign-in.
"""

from __future__ import annotations

from dataclasses import replace

from app import keyslots
from app.crypto import InvalidData, provider
from app.errors import Refused
from app.i18n import tr
from app.keyslots import KeySlots, Slot, SlotSecrets
from app.store import Store


class _Changed(Exception):
    """The slot on disk is no longer the one this sign-in opened."""


def needs_rewrap(slot: Slot, log2n: int | None) -> bool:
    """Whether ``slot`` is below the cost in force (and not in the middle of another change)."""
    from app.crypto.default import target_n

    if slot.pending is not None or slot.kdf.algorithm != "scrypt":
        return False
    return int(slot.kdf.cost.get("n", 0)) < target_n(log2n)


def rewrap(st: Store, name: str, passphrase: str, secrets: SlotSecrets, log2n: int | None) -> bool:
    """Re-wrap ``name``'s slot at cost ``2**log2n`` if it is cheaper; True if it was rewritten.

    Raises :class:`Refused` (the slot file could not be written); the old slot then still holds.
    """
    opened = st.slots.get(name)
    if not needs_rewrap(opened, log2n):
        return False
    crypto = provider()
    params = crypto.new_kdf_params(log2n)
    key = crypto.derive(passphrase, params)
    payload = secrets.db_key + secrets.account_key
    aad = st.slots.aad(name)
    wrapped = crypto.wrap(key, payload, aad)
    try:
        if crypto.unwrap(key, wrapped, aad) != payload:
            return False
    except InvalidData:
        return False

    def change(slots: KeySlots) -> None:
        current = slots.slots.get(name)
        if current is None or current.kdf != opened.kdf or current.wrapped != opened.wrapped or current.pending:
            raise _Changed
        # Only the wrapping changes: the anchor (under the unchanged account key) is kept as it is on disk.
        slots.slots[name] = replace(current, kdf=params, wrapped=wrapped, check=None)

    try:
        st.slots = keyslots.update(st.directory, change)
    except _Changed:
        return False
    return True


def rewrap_at_sign_in(
    st: Store, name: str, passphrase: str, secrets: SlotSecrets, log2n: int | None, warnings: list[str]
) -> bool:
    """:func:`rewrap`, a failure reported as a warning (the sign-in goes on with the old slot)."""
    try:
        return rewrap(st, name, passphrase, secrets, log2n)
    except Refused as exc:
        warnings.append(
            tr(
                "Your key slot could not be strengthened to the current key-derivation cost ({problem}); it still "
                "opens as before and will be strengthened at the next sign-in."
            ).format(problem=exc.message)
        )
        return False
