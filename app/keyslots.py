"""The key-slot file: one slot per account, each wrapping the store's secrets.

A slot holds the random database key and the account's own key (which wraps
that account's identity private keys), AES-GCM-wrapped under a key derived
from the account's passphrase.  Any valid account opens the store.

Robustness rules (issue 15, issue 8 item 6):

- every write takes the store's slot lock, re-reads the file and changes only
  the one slot it means to change (:func:`put`), so two programs never undo
  each other's changes;
- one damaged slot is isolated: the others still open, and unlocking the
  damaged one says so instead of counting a wrong passphrase (each slot
  carries a checksum of its own fields, so damage is told from a wrong
  passphrase before any key is derived);
- a slot below the minimum KDF cost is refused when read;
- a slot written ahead of its database change carries a ``pending`` record
  (the change id, the fingerprint it registers, the slot it replaces) until
  the change is committed; :mod:`app.recovery` finishes or rolls it back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.canonical import canonical_json
from app.crypto import InvalidData, KdfParams, provider
from app.errors import StoreUnavailable, UnknownAccount, WrongPassphrase
from app.fsutil import FileError, file_lock, read_regular, write_atomic
from app.i18n import tr

SLOT_FILE = "keyslots.json"
FORMAT = "huishen-keyslots"
VERSION = 1
MAX_SIZE = 4 * 1024 * 1024
MAX_DEPTH = 8
WRAPPED_SIZE = 12 + 64 + 16
MIN_SALT = 16


@dataclass(frozen=True)
class SlotSecrets:
    """What a slot protects: the database key and the account key."""

    db_key: bytes
    account_key: bytes


@dataclass(frozen=True)
class Pending:
    """A slot written ahead of its database change (add, passwd, reissue), until that change commits."""

    change: str
    op: str
    fingerprint: str | None = None
    previous: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"change": self.change, "op": self.op, "fingerprint": self.fingerprint, "previous": self.previous}

    @classmethod
    def from_json(cls, data: Any) -> Pending:
        if not isinstance(data, dict) or data.get("op") not in ("add", "passwd", "reissue"):
            raise ValueError("bad pending record")
        previous = data.get("previous")
        if previous is not None and not isinstance(previous, dict):
            raise ValueError("bad previous slot")
        fp = data.get("fingerprint")
        return cls(str(data["change"]), str(data["op"]), str(fp) if fp is not None else None, previous)


@dataclass(frozen=True)
class Slot:
    """One account's slot as stored (nothing secret in the clear)."""

    account: str
    kdf: KdfParams
    wrapped: bytes
    # Opaque, authenticated blob owned by app.anchor (the pinned registry genesis and the
    # newest audit head this account has seen); encrypted under the account key.
    anchor: bytes | None = None
    pending: Pending | None = None
    # The checksum read from the file (None for a slot made in memory or an older file).
    check: str | None = None

    def fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kdf": self.kdf.to_json(), "wrapped": self.wrapped.hex()}
        if self.anchor is not None:
            data["anchor"] = self.anchor.hex()
        if self.pending is not None:
            data["pending"] = self.pending.to_json()
        return data

    def to_json(self, store_id: str = "") -> dict[str, Any]:
        data = self.fields()
        data["check"] = checksum(store_id, self.account, data)
        return data


@dataclass(frozen=True)
class DamagedSlot:
    """A slot entry that does not parse: kept as it was, refused when used, harmless to the others."""

    account: str
    raw: Any
    reason: str


def checksum(store_id: str, account: str, fields: dict[str, Any]) -> str:
    """A plain (unkeyed) checksum binding a slot's fields to its store and account: tells damage apart."""
    body = {k: v for k, v in fields.items() if k != "check"}
    return hashlib.sha256(canonical_json({"store": store_id, "account": account, "slot": body})).hexdigest()[:32]


def _damaged(name: str) -> StoreUnavailable:
    return StoreUnavailable(
        tr(
            "The key slot of {name} is damaged; this account cannot sign in until the administrator re-issues it. "
            "Other accounts are not affected."
        ).format(name=name)
    )


def _min_n() -> int:
    from app.crypto.default import min_kdf_n

    return min_kdf_n()


def parse_slot(store_id: str, name: str, item: Any) -> Slot:
    if not isinstance(item, dict):
        raise ValueError("slot is not an object")
    kdf = KdfParams.from_json(item["kdf"])
    wrapped = bytes.fromhex(str(item["wrapped"]))
    anchor = bytes.fromhex(str(item["anchor"])) if item.get("anchor") is not None else None
    pending = Pending.from_json(item["pending"]) if item.get("pending") is not None else None
    check = item.get("check")
    if check is not None and check != checksum(store_id, name, item):
        raise ValueError("checksum mismatch")
    if len(wrapped) != WRAPPED_SIZE or len(kdf.salt) < MIN_SALT:
        raise ValueError("wrong sizes")
    return Slot(name, kdf, wrapped, anchor, pending, str(check) if check is not None else None)


@dataclass
class KeySlots:
    """The whole key-slot file."""

    store_id: str
    slots: dict[str, Slot]
    damaged: dict[str, DamagedSlot] | None = None

    def aad(self, account: str) -> bytes:
        """Binds a slot to this store and this account, so slots cannot be swapped."""
        return f"{FORMAT}/{VERSION}|{self.store_id}|{account}".encode()

    def names(self) -> list[str]:
        """Every account with a slot, damaged ones included."""
        return sorted(set(self.slots) | set(self.damaged or {}))

    def get(self, account: str) -> Slot:
        """The slot of ``account``; :class:`UnknownAccount` if there is none, refused if it is damaged."""
        slot = self.slots.get(account)
        if slot is None:
            if self.damaged and account in self.damaged:
                raise _damaged(account)
            raise UnknownAccount(tr("Unknown account: {name}. Check the account name.").format(name=account))
        return slot

    def check_usable(self, account: str) -> Slot:
        """The slot of ``account`` if it can be tried at all (not damaged, not below the minimum KDF cost)."""
        slot = self.get(account)
        if slot.kdf.algorithm != "scrypt" or int(slot.kdf.cost.get("n", 0)) < _min_n():
            raise StoreUnavailable(
                tr(
                    "The key slot of {name} uses a key derivation weaker than allowed; it is refused. "
                    "Ask the administrator to re-issue it."
                ).format(name=account)
            )
        return slot

    def _unwrap(self, account: str, slot: Slot, passphrase: str) -> SlotSecrets:
        crypto = provider()
        try:
            key = crypto.derive(passphrase, slot.kdf)
        except ValueError as exc:
            raise _damaged(account) from exc
        try:
            payload = crypto.unwrap(key, slot.wrapped, self.aad(account))
        except InvalidData as exc:
            raise WrongPassphrase(
                tr("Wrong passphrase for {name}. Check the passphrase and try again.").format(name=account)
            ) from exc
        if len(payload) != 64:
            raise _damaged(account)
        return SlotSecrets(payload[:32], payload[32:])

    def unlock(self, account: str, passphrase: str) -> SlotSecrets:
        """Unwrap ``account``'s slot; :class:`WrongPassphrase` only if the passphrase is wrong.

        While a change of this slot is pending, the slot it replaces still opens too.
        """
        slot = self.check_usable(account)
        try:
            return self._unwrap(account, slot, passphrase)
        except WrongPassphrase:
            previous = slot.pending.previous if slot.pending is not None else None
            if previous is None:
                raise
            try:
                old = parse_slot(self.store_id, account, previous)
            except (ValueError, KeyError, TypeError) as exc:
                raise _damaged(account) from exc
            if int(old.kdf.cost.get("n", 0)) < _min_n():
                raise
            return self._unwrap(account, old, passphrase)

    def make(
        self,
        account: str,
        passphrase: str,
        secrets: SlotSecrets,
        pending: Pending | None = None,
        log2n: int | None = None,
    ) -> Slot:
        """A new slot for ``account`` (keeping its anchor) at KDF cost ``2**log2n``; nothing is stored."""
        crypto = provider()
        params = crypto.new_kdf_params(log2n)
        key = crypto.derive(passphrase, params)
        wrapped = crypto.wrap(key, secrets.db_key + secrets.account_key, self.aad(account))
        old = self.slots.get(account)
        return Slot(account, params, wrapped, old.anchor if old is not None else None, pending)

    def issue(self, account: str, passphrase: str, secrets: SlotSecrets, log2n: int | None = None) -> None:
        """Create or replace the slot of ``account`` (in memory; call :func:`put` or :func:`save`)."""
        self.slots[account] = self.make(account, passphrase, secrets, log2n=log2n)
        if self.damaged:
            self.damaged.pop(account, None)

    def set_anchor(self, account: str, anchor: bytes | None) -> None:
        """Replace the anchor blob of ``account``'s slot (in memory; call :func:`save`)."""
        slot = self.get(account)
        self.slots[account] = replace(slot, anchor=anchor)

    def to_bytes(self) -> bytes:
        entries: dict[str, Any] = {name: d.raw for name, d in (self.damaged or {}).items()}
        entries.update({name: slot.to_json(self.store_id) for name, slot in self.slots.items()})
        data = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "slots": dict(sorted(entries.items())),
        }
        return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def _depth(value: Any, limit: int) -> bool:
    """Whether ``value`` nests at most ``limit`` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def parse(raw: bytes, path: Path) -> KeySlots:
    """The slot file's contents; a damaged entry is set aside, a damaged file refused."""
    damaged = tr("The key-slot file {path} is damaged; restore it from a backup.").format(path=path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise StoreUnavailable(damaged) from exc
    if (
        not isinstance(data, dict)
        or not _depth(data, MAX_DEPTH)
        or data.get("format") != FORMAT
        or data.get("version") != VERSION
        or not isinstance(data.get("store_id"), str)
        or not isinstance(data.get("slots"), dict)
    ):
        raise StoreUnavailable(damaged)
    store_id = data["store_id"]
    slots: dict[str, Slot] = {}
    bad: dict[str, DamagedSlot] = {}
    for name, item in data["slots"].items():
        try:
            slots[name] = parse_slot(store_id, name, item)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            bad[name] = DamagedSlot(name, item, str(exc))
    return KeySlots(store_id, slots, bad)


def load(directory: Path) -> KeySlots:
    """Read the key-slot file of the store in ``directory``; never writes, never blocks on a FIFO."""
    path = directory / SLOT_FILE
    try:
        raw = read_regular(path, MAX_SIZE, tr("The key-slot file"))
    except FileError as exc:
        if not path.exists() and not path.is_symlink():
            raise StoreUnavailable(
                tr("The key-slot file {path} is missing; restore it from a backup.").format(path=path)
            ) from exc
        raise
    return parse(raw, path)


def save(directory: Path, slots: KeySlots) -> None:
    """Write the whole key-slot file atomically (a new store; everything else uses :func:`put`)."""
    write_atomic(directory / SLOT_FILE, slots.to_bytes())


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the store's lock (the directory itself, across processes; reentrant in one)."""
    with file_lock(directory):
        yield


def update(directory: Path, change: Callable[[KeySlots], None]) -> KeySlots:
    """Under the slot lock: re-read the file, apply ``change``, write it back atomically."""
    with locked(directory):
        slots = load(directory)
        change(slots)
        save(directory, slots)
        return slots


def put(directory: Path, slot: Slot) -> KeySlots:
    """Write ``slot`` (only that account's) into the file, re-read under the lock."""

    def change(slots: KeySlots) -> None:
        slots.slots[slot.account] = slot
        if slots.damaged:
            slots.damaged.pop(slot.account, None)

    return update(directory, change)


def remove(directory: Path, account: str) -> KeySlots:
    """Remove ``account``'s slot (a rolled-back account creation), re-read under the lock."""

    def change(slots: KeySlots) -> None:
        slots.slots.pop(account, None)
        if slots.damaged:
            slots.damaged.pop(account, None)

    return update(directory, change)


def update_anchor(directory: Path, account: str, anchor: bytes | None) -> None:
    """Re-read the slot file under the lock and replace only ``account``'s anchor blob."""
    update(directory, lambda slots: slots.set_anchor(account, anchor))
