"""Fingerprints as digit groups that can be read aloud over a telephone."""

from __future__ import annotations

import hashlib

GROUPS = 6
DIGITS = 5


def fingerprint(*parts: bytes) -> str:
    """Six groups of five digits derived from SHA-256 of the parts (length-prefixed)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(4, "big"))
        h.update(part)
    digest = h.digest()
    groups = []
    for i in range(GROUPS):
        chunk = int.from_bytes(digest[i * 5 : i * 5 + 5], "big")
        groups.append(f"{chunk % 10**DIGITS:0{DIGITS}d}")
    return " ".join(groups)


def short(fp: str) -> str:
    """The first two groups, for tight places such as the seal board."""
    return " ".join(fp.split(" ")[:2])
