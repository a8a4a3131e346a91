"""The key-slot file: one slot per account, each wrapping the store's secrets.

A slot holds the random database key and the account's own key (which wraps
that account's identity private keys), AES-GCM-wrapped under a key derived
from the account's passphrase.  Any valid account opens the store; adding or
removing an account rewrites this file only, never the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.crypto import InvalidData, KdfParams, provider
from app.errors import StoreUnavailable, UnknownAccount, WrongPassphrase
from app.fsutil import write_atomic
from app.i18n import tr

SLOT_FILE = "keyslots.json"
FORMAT = "huishen-keyslots"
VERSION = 1
MAX_SIZE = 4 * 1024 * 1024


@dataclass(frozen=True)
class SlotSecrets:
    """What a slot protects: the database key and the account key."""

    db_key: bytes
    account_key: bytes


@dataclass(frozen=True)
class Slot:
    """One account's slot as stored (nothing secret in the clear)."""

    account: str
    kdf: KdfParams
    wrapped: bytes
    # Opaque, authenticated blob owned by app.anchor (the pinned registry genesis and the
    # newest audit head this account has seen); encrypted under the account key.
    anchor: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kdf": self.kdf.to_json(), "wrapped": self.wrapped.hex()}
        if self.anchor is not None:
            data["anchor"] = self.anchor.hex()
        return data


@dataclass
class KeySlots:
    """The whole key-slot file."""

    store_id: str
    slots: dict[str, Slot]

    def aad(self, account: str) -> bytes:
        """Binds a slot to this store and this account, so slots cannot be swapped."""
        return f"{FORMAT}/{VERSION}|{self.store_id}|{account}".encode()

    def get(self, account: str) -> Slot:
        """The slot of ``account``; :class:`UnknownAccount` if there is none."""
        slot = self.slots.get(account)
        if slot is None:
            raise UnknownAccount(tr("Unknown account: {name}. Check the account name.").format(name=account))
        return slot

    def unlock(self, account: str, passphrase: str) -> SlotSecrets:
        """Unwrap ``account``'s slot; :class:`WrongPassphrase` if the passphrase is wrong."""
        slot = self.get(account)
        crypto = provider()
        try:
            key = crypto.derive(passphrase, slot.kdf)
        except ValueError as exc:
            raise StoreUnavailable(
                tr("The key slot of {name} is damaged (unknown key derivation).").format(name=account)
            ) from exc
        try:
            payload = crypto.unwrap(key, slot.wrapped, self.aad(account))
        except InvalidData as exc:
            raise WrongPassphrase(
                tr("Wrong passphrase for {name}. Check the passphrase and try again.").format(name=account)
            ) from exc
        if len(payload) != 64:
            raise StoreUnavailable(tr("The key slot of {name} is damaged.").format(name=account))
        return SlotSecrets(payload[:32], payload[32:])

    def issue(self, account: str, passphrase: str, secrets: SlotSecrets) -> None:
        """Create or replace the slot of ``account`` (in memory; call :func:`save`)."""
        crypto = provider()
        params = crypto.new_kdf_params()
        key = crypto.derive(passphrase, params)
        wrapped = crypto.wrap(key, secrets.db_key + secrets.account_key, self.aad(account))
        old = self.slots.get(account)
        self.slots[account] = Slot(account, params, wrapped, old.anchor if old is not None else None)

    def set_anchor(self, account: str, anchor: bytes | None) -> None:
        """Replace the anchor blob of ``account``'s slot (in memory; call :func:`save`)."""
        slot = self.get(account)
        self.slots[account] = Slot(slot.account, slot.kdf, slot.wrapped, anchor)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "slots": {name: slot.to_json() for name, slot in sorted(self.slots.items())},
        }
        return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def load(directory: Path) -> KeySlots:
    """Read the key-slot file of the store in ``directory``; never writes."""
    path = directory / SLOT_FILE
    damaged = tr("The key-slot file {path} is damaged; restore it from a backup.").format(path=path)
    try:
        if path.stat().st_size > MAX_SIZE:
            raise StoreUnavailable(damaged)
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreUnavailable(
            tr("The key-slot file {path} is missing; restore it from a backup.").format(path=path)
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise StoreUnavailable(damaged)
        slots = {}
        for name, item in data["slots"].items():
            anchor = bytes.fromhex(item["anchor"]) if item.get("anchor") is not None else None
            slots[str(name)] = Slot(str(name), KdfParams.from_json(item["kdf"]), bytes.fromhex(item["wrapped"]), anchor)
        return KeySlots(str(data["store_id"]), slots)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise StoreUnavailable(damaged) from exc


def save(directory: Path, slots: KeySlots) -> None:
    """Write the key-slot file atomically."""
    write_atomic(directory / SLOT_FILE, slots.to_bytes())


def update_anchor(directory: Path, account: str, anchor: bytes | None) -> None:
    """Re-read the slot file and replace only ``account``'s anchor blob."""
    slots = load(directory)
    slots.set_anchor(account, anchor)
    save(directory, slots)
