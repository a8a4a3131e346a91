"""The crypto-provider interface (DESIGN.md §5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class KeyPair:
    """Raw private and public key bytes of one key pair."""

    private: bytes
    public: bytes


@dataclass(frozen=True)
class KdfParams:
    """Parameters of a passphrase KDF, recorded beside what it protects."""

    algorithm: str
    salt: bytes
    cost: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form (salt as hex)."""
        return {"algorithm": self.algorithm, "salt": self.salt.hex(), **self.cost}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """Parse the form written by :meth:`to_json`; raises ``ValueError`` if malformed."""
        algorithm = str(data["algorithm"])
        salt = bytes.fromhex(str(data["salt"]))
        cost = {k: int(v) for k, v in data.items() if k not in ("algorithm", "salt")}
        return cls(algorithm, salt, cost)


class CryptoProvider(Protocol):
    """What Huishen needs from cryptography, and nothing more."""

    name: str

    def random(self, n: int) -> bytes:
        """``n`` bytes from the operating system's CSPRNG."""

    def hash(self, data: bytes) -> bytes:
        """A 32-byte collision-resistant hash."""

    def new_kdf_params(self, log2n: int | None = None) -> KdfParams:
        """Fresh parameters (new salt) for deriving a key from a passphrase, at cost ``2**log2n`` (default if None)."""

    def derive(self, passphrase: str, params: KdfParams) -> bytes:
        """A 32-byte key from a passphrase; raises ``ValueError`` for unknown params."""

    def subkey(self, master: bytes, label: str) -> bytes:
        """A 32-byte key for one purpose, derived from a master key."""

    def wrap(self, key: bytes, plaintext: bytes, aad: bytes) -> bytes:
        """Authenticated symmetric encryption (nonce included in the output)."""

    def unwrap(self, key: bytes, blob: bytes, aad: bytes) -> bytes:
        """Inverse of :meth:`wrap`; raises ``app.crypto.InvalidData`` on any tampering."""

    def new_signing_key(self) -> KeyPair:
        """A new signature key pair."""

    def sign(self, private: bytes, data: bytes) -> bytes:
        """A signature over ``data``."""

    def verify(self, public: bytes, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is valid for ``data`` under ``public``."""

    def new_encryption_key(self) -> KeyPair:
        """A new (post-quantum hybrid) encryption key pair."""

    def seal(self, public: bytes, plaintext: bytes, info: bytes) -> bytes:
        """Public-key encryption to ``public`` with ``info`` bound in."""

    def prepared_private(self, private: bytes) -> bytes:
        """``private``, parsed once for opening many ciphertexts (still usable wherever the bytes are)."""

    def open(self, private: bytes, ciphertext: bytes, info: bytes) -> bytes:
        """Inverse of :meth:`seal`; raises ``app.crypto.InvalidData`` on failure."""


class InvalidData(Exception):
    """Ciphertext, wrapped key or signature input that does not verify."""
