"""The default profile: Ed25519, HPKE ML-KEM-768+X25519 / HKDF-SHA256 / AES-256-GCM, Scrypt."""

from __future__ import annotations

import functools
import hashlib
import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.crypto.interface import InvalidData, KdfParams, KeyPair

# Scrypt n=2^18, r=8 costs ~1 s and 256 MiB (KeePassXC's convention; issue 16 item 4): the cost of new
# slots unless the security officer's policy ``kdf_cost_log2`` asks for more.  Slots made at the older
# default (2^17) still open and are re-wrapped at the new cost at their next sign-in (app.kdf_upgrade).
SCRYPT_LOG2N = 18
SCRYPT_COST = {"n": 2**SCRYPT_LOG2N, "r": 8, "p": 1}
MIN_SCRYPT_LOG2N = 17
# The test KDF is the real one shifted down by this many powers of two (2^18 -> 2^10), so a policy or a
# re-wrap can be exercised by the suite at a cheap cost.
FAST_SHIFT = 8
# For the test suite only; the cost is recorded in every slot, so a store made
# this way is recognisable.  The environment variable alone does nothing: it is
# honoured only after a test-only module (tests/fastkdf, not installed) called
# allow_fast_kdf_for_tests(), so an installed program never makes nor accepts
# such slots (app.keyslots refuses slots below min_kdf_n()).
FAST_SCRYPT_COST = {"n": 2 ** (SCRYPT_LOG2N - FAST_SHIFT), "r": 8, "p": 1}
FAST_KDF_ENV = "HUISHEN_INSECURE_FAST_KDF"
_fast_kdf_allowed = False


def allow_fast_kdf_for_tests() -> None:
    """Let ``HUISHEN_INSECURE_FAST_KDF=1`` take effect in this process (called by test code only)."""
    global _fast_kdf_allowed
    _fast_kdf_allowed = True


def fast_kdf() -> bool:
    """Whether this process makes (and accepts) the cheap test KDF."""
    return _fast_kdf_allowed and os.environ.get(FAST_KDF_ENV) == "1"


def min_kdf_n() -> int:
    """The lowest Scrypt cost a slot may have to be accepted when read."""
    return 1 << (MIN_SCRYPT_LOG2N - FAST_SHIFT if fast_kdf() else MIN_SCRYPT_LOG2N)


def target_n(log2n: int | None = None) -> int:
    """The Scrypt cost of a new slot: ``2**log2n`` (the policy's; the default when None)."""
    exponent = SCRYPT_LOG2N if log2n is None else log2n
    return 1 << (exponent - FAST_SHIFT if fast_kdf() else exponent)


_MLKEM_SEED = 64
_X25519 = 32
_NONCE = 12


@functools.lru_cache(maxsize=4096)
def _ed25519_public(public: bytes) -> ed25519.Ed25519PublicKey:
    """A public key parsed once per identity (verifying a long log re-uses the few keys that signed it).
    An invalid key raises ValueError, which is not cached."""
    return ed25519.Ed25519PublicKey.from_public_bytes(public)


def _hybrid_private(private: bytes) -> hpke.MLKEM768X25519PrivateKey:
    return hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.from_seed_bytes(private[:_MLKEM_SEED]),
        x25519.X25519PrivateKey.from_private_bytes(private[_MLKEM_SEED:]),
    )


class _Prepared(bytes):
    """A hybrid private key's bytes with the parsed key attached (ML-KEM expansion costs ~0.5 ms)."""

    key: hpke.MLKEM768X25519PrivateKey


_VERIFIED: set[bytes] = set()
_VERIFIED_MAX = 100_000


def verified_key(public: bytes, signature: bytes, data: bytes) -> bytes:
    """The digest under which a verified (key, signature, bytes) is remembered."""
    return hashlib.sha256(b"%d|%d|" % (len(public), len(signature)) + public + signature + data).digest()


def was_verified(public: bytes, signature: bytes, data: bytes) -> bool:
    """Whether this process already verified exactly this (key, signature, bytes): a lookup, never a verification
    (so a caller holding several candidate keys can find the one that signed without a failed verification)."""
    return verified_key(public, signature, data) in _VERIFIED


def remember_verified(keys: set[bytes] | list[bytes]) -> None:
    """Signatures verified elsewhere (by :mod:`app.crypto.batch_verify`'s worker processes) under the same rule."""
    _VERIFIED.update(keys)


def forget_verified(keys: set[bytes] | list[bytes]) -> None:
    _VERIFIED.difference_update(keys)


def _suite() -> hpke.Suite:
    return hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class DefaultProvider:
    """Vetted primitives from the ``cryptography`` package; nothing home-made."""

    name = "default-pq-hybrid-v1"

    def random(self, n: int) -> bytes:
        return os.urandom(n)

    def hash(self, data: bytes) -> bytes:
        return hashlib.sha256(data).digest()

    def new_kdf_params(self, log2n: int | None = None) -> KdfParams:
        cost = dict(FAST_SCRYPT_COST if fast_kdf() else SCRYPT_COST)
        cost["n"] = target_n(log2n)
        return KdfParams("scrypt", os.urandom(16), cost)

    def derive(self, passphrase: str, params: KdfParams) -> bytes:
        if params.algorithm != "scrypt" or set(params.cost) != {"n", "r", "p"}:
            raise ValueError(f"unsupported KDF {params.algorithm}")
        n, r, p = params.cost["n"], params.cost["r"], params.cost["p"]
        # A tampered slot must not make an unlock allocate without bound (n=2^20, r=8 is 1 GiB).
        if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 16 or not 1 <= p <= 4:
            raise ValueError("KDF cost out of range")
        kdf = Scrypt(salt=params.salt, length=32, n=n, r=r, p=p)
        return kdf.derive(passphrase.encode("utf-8"))

    def subkey(self, master: bytes, label: str) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label.encode("utf-8"))
        return hkdf.derive(master)

    def wrap(self, key: bytes, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)

    def unwrap(self, key: bytes, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < _NONCE + 16:
            raise InvalidData("wrapped data too short")
        try:
            return AESGCM(key).decrypt(blob[:_NONCE], blob[_NONCE:], aad)
        except InvalidTag as exc:
            raise InvalidData("wrapped data does not verify") from exc

    def new_signing_key(self) -> KeyPair:
        key = ed25519.Ed25519PrivateKey.generate()
        return KeyPair(key.private_bytes_raw(), key.public_key().public_bytes_raw())

    def sign(self, private: bytes, data: bytes) -> bytes:
        return ed25519.Ed25519PrivateKey.from_private_bytes(private).sign(data)

    def verify(self, public: bytes, signature: bytes, data: bytes) -> bool:
        # A signature this process already verified (the same key, signature and bytes) is not verified again:
        # a session's facts are re-checked at every load.  Only successes are kept, under a digest of all three.
        memo = verified_key(public, signature, data)
        if memo in _VERIFIED:
            return True
        try:
            _ed25519_public(bytes(public)).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED.add(memo)
        return True

    def new_encryption_key(self) -> KeyPair:
        kem = mlkem.MLKEM768PrivateKey.generate()
        dh = x25519.X25519PrivateKey.generate()
        private = kem.private_bytes_raw() + dh.private_bytes_raw()
        public = kem.public_key().public_bytes_raw() + dh.public_key().public_bytes_raw()
        return KeyPair(private, public)

    def seal(self, public: bytes, plaintext: bytes, info: bytes) -> bytes:
        try:
            recipient = hpke.MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(public[:-_X25519]),
                x25519.X25519PublicKey.from_public_bytes(public[-_X25519:]),
            )
        except ValueError as exc:
            raise InvalidData("not a hybrid public key") from exc
        return _suite().encrypt(plaintext, recipient, info=info)

    def prepared_private(self, private: bytes) -> bytes:
        """The same private key, parsed once: pass it to :meth:`open` for many ciphertexts (a reveal)."""
        if len(private) != _MLKEM_SEED + _X25519:
            return private  # refused by open() as before
        prepared = _Prepared(private)
        prepared.key = _hybrid_private(private)
        return prepared

    def open(self, private: bytes, ciphertext: bytes, info: bytes) -> bytes:
        if len(private) != _MLKEM_SEED + _X25519:
            raise InvalidData("not a hybrid private key")
        key = private.key if isinstance(private, _Prepared) else _hybrid_private(private)
        try:
            return _suite().decrypt(ciphertext, key, info=info)
        except (InvalidTag, ValueError) as exc:
            raise InvalidData("sealed data does not open") from exc
