"""Each account's anchor: the genesis it trusts and the newest log head it has seen.

The anchor lives inside the account's own slot, encrypted and authenticated
under a key derived from the account key (which only that account's
passphrase unwraps).  An insider holding the database key cannot forge it:

- the genesis hash pins entry 1 — the administrator's identity and so the root
  of the whole registry; a re-signed log with another genesis is refused;
- the head (sequence number and hash) exposes a log cut back below what this
  account saw, and lets the next unlock check the entries up to it by their
  hash links alone (they were verified by this account's own program).

What it cannot expose: every file of the store restored together to an older
state (slots included).  Dossiers and exchange files carry the chain head of
their time for that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.canonical import canonical_json
from app.crypto import InvalidData, provider
from app.keyslots import KeySlots

_LABEL = "huishen/anchor/1"


@dataclass(frozen=True)
class Anchor:
    genesis: str
    seq: int
    head: str


def _aad(store_id: str, account: str) -> bytes:
    return f"huishen-anchor/1|{store_id}|{account}".encode()


def seal(store_id: str, account: str, account_key: bytes, anchor: Anchor) -> bytes:
    """The encrypted anchor blob for ``account``'s slot."""
    crypto = provider()
    data = canonical_json({"genesis": anchor.genesis, "seq": anchor.seq, "head": anchor.head})
    return crypto.wrap(crypto.subkey(account_key, _LABEL), data, _aad(store_id, account))


class AnchorDamaged(Exception):
    """The anchor blob does not open with this account's key: it was replaced or damaged."""


def read(slots: KeySlots, account: str, account_key: bytes) -> Anchor | None:
    """The anchor in ``account``'s slot, None when the slot has none yet (older stores)."""
    blob = slots.get(account).anchor
    if blob is None:
        return None
    crypto = provider()
    try:
        data = json.loads(crypto.unwrap(crypto.subkey(account_key, _LABEL), blob, _aad(slots.store_id, account)))
        return Anchor(str(data["genesis"]), int(data["seq"]), str(data["head"]))
    except (InvalidData, ValueError, KeyError, TypeError) as exc:
        raise AnchorDamaged(account) from exc
