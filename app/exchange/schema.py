"""Strict checks of exchange-file content: exact field sets, bounded sizes and depth, no floats.

Every failure raises :class:`ExchangeRefused` with the reason ``malformed``; nothing here trusts a value
it has not checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from app.errors import Refused
from app.i18n import tr

MAX_DEPTH = 6
MAX_TEXT = 500
FINGERPRINT = re.compile(r"[0-9]{5}( [0-9]{5}){5}")
HEX = re.compile(r"[0-9a-f]*")

# Why an import was refused; each is named in the message and, under --json, as "reason".
REASONS = (
    "malformed",
    "version",
    "oversized",
    "altered",
    "untrusted-sender",
    "wrong-recipient",
    "wrong-type",
    "fingerprint",
    "replay",
    "not-permitted",
    "own-store",
    "other-session",
    "other-board",
    "other-result",
)


class ExchangeRefused(Refused):
    """An exchange file refused; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def malformed(what: str) -> ExchangeRefused:
    return ExchangeRefused("malformed", tr("The file is malformed ({what}); nothing was imported.").format(what=what))


def require(condition: bool, what: str) -> None:
    if not condition:
        raise malformed(what)


def loads(raw: bytes) -> Any:
    """Parse canonical JSON strictly: valid UTF-8, no duplicate keys, no floats or NaN, bounded depth,
    and byte-for-byte the canonical form (so one document has exactly one encoding)."""
    from app.canonical import canonical_json

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            require(key not in out, "a field appears twice")
            out[key] = value
        return out

    def no_float(_text: str) -> Any:
        raise malformed("a number with a fraction")

    try:
        value = json.loads(raw.decode("utf-8"), object_pairs_hook=pairs, parse_float=no_float, parse_constant=no_float)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise malformed("not canonical JSON") from exc
    depth(value)
    try:
        require(canonical_json(value) == raw, "not in canonical form")
    except (TypeError, ValueError) as exc:
        raise malformed("not canonical JSON") from exc
    return value


def depth(value: Any, level: int = 0) -> None:
    require(level <= MAX_DEPTH, "nested too deeply")
    if isinstance(value, dict):
        for item in value.values():
            depth(item, level + 1)
    elif isinstance(value, list):
        for item in value:
            depth(item, level + 1)


def fields(value: Any, required: set[str], what: str, optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``value`` as an object with exactly the ``required`` fields (and perhaps some ``optional`` ones)."""
    require(isinstance(value, dict), f"{what} is not an object")
    keys = set(value)
    require(required <= keys and keys <= required | optional, f"{what} has missing or unknown fields")
    return dict(value)


def text(value: Any, what: str, limit: int = MAX_TEXT, empty: bool = False) -> str:
    require(isinstance(value, str) and (empty or value != "") and len(value) <= limit, f"{what} is not a text")
    assert isinstance(value, str)
    require(all(c >= " " or c in "\n\t" for c in value), f"{what} has control characters")
    return value


def optional_text(value: Any, what: str) -> str | None:
    return None if value is None else text(value, what)


def integer(value: Any, what: str, low: int, high: int) -> int:
    require(type(value) is int and low <= value <= high, f"{what} is out of range")
    assert isinstance(value, int)
    return value


def fingerprint(value: Any, what: str) -> str:
    require(isinstance(value, str) and FINGERPRINT.fullmatch(value) is not None, f"{what} is not a fingerprint")
    assert isinstance(value, str)
    return value


def hexbytes(value: Any, what: str, size: int | None = None, limit: int = 4096) -> bytes:
    require(isinstance(value, str) and len(value) % 2 == 0 and HEX.fullmatch(value) is not None, f"{what} is not hex")
    assert isinstance(value, str)
    data = bytes.fromhex(value)
    require(len(data) == size if size is not None else 0 < len(data) <= limit, f"{what} has the wrong length")
    return data


def listed(value: Any, what: str, low: int, high: int, item: Callable[[Any, str], Any]) -> list[Any]:
    require(isinstance(value, list) and low <= len(value) <= high, f"{what} has a wrong number of entries")
    assert isinstance(value, list)
    return [item(v, what) for v in value]
