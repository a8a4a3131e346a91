"""n-of-n XOR secret splitting: every share is needed; any n-1 shares reveal nothing."""

from __future__ import annotations

import os
from functools import reduce


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def split(secret: bytes, n: int) -> list[bytes]:
    """``n`` shares whose XOR is ``secret`` (n-1 uniformly random, the last completes it)."""
    if n < 1:
        raise ValueError("need at least one share")
    shares = [os.urandom(len(secret)) for _ in range(n - 1)]
    shares.append(reduce(_xor, shares, secret))
    return shares


def combine(shares: list[bytes]) -> bytes:
    """The secret from all of its shares."""
    if not shares:
        raise ValueError("no shares")
    return reduce(_xor, shares[1:], shares[0])
