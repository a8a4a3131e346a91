"""The crypto provider: the one place that touches cryptographic primitives.

Everything else calls :func:`provider` and the small interface of
:class:`CryptoProvider` (seal, open, sign, verify, hash, derive, wrap), so a
national-algorithm profile or a hardware module can replace the default.
"""

from __future__ import annotations

from app.crypto.interface import CryptoProvider, InvalidData, KdfParams, KeyPair

_provider: CryptoProvider | None = None


def provider() -> CryptoProvider:
    """The crypto provider in use (made at first use: the unlock window's first paint needs no cryptography)."""
    global _provider
    if _provider is None:
        from app.crypto.default import DefaultProvider

        _provider = DefaultProvider()
    return _provider


__all__ = ["CryptoProvider", "InvalidData", "KdfParams", "KeyPair", "provider"]
