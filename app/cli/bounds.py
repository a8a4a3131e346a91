"""Arguments bounded before any command runs: valid UTF-8, numbers and dates in a sane range.

A refusal here is a usage error (exit 2) and happens before the store is touched.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from app.i18n import tr

# SQLite integers are signed 64-bit; nothing Huishen counts comes near this.
MAX_INT = 2**63 - 1
MAX_NUMBERED = 10_000
MIN_YEAR = 2000
MAX_YEAR = 2199
DATE_OPTIONS = ("deadline", "since", "until")
NUMBERED_OPTIONS = ("position", "position_note")
# Files a command reads whole: a regular file, at most this many bytes (checked before any reading).
FILE_OPTIONS = {"reasoning_file": 1024 * 1024, "file": 256 * 1024 * 1024, "new_passphrase_file": 64 * 1024}


def invalid_utf8(argv: list[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps such bytes as lone surrogates) or holds a NUL."""
    for arg in argv:
        if "\x00" in arg or any("\ud800" <= c <= "\udfff" for c in arg):
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


def _check_int(name: str, value: int) -> str | None:
    if not -MAX_INT <= value <= MAX_INT:
        return tr("The number given for {option} is out of range.").format(option=name)
    return None


def _check_numbered(name: str, value: str) -> str | None:
    head, sep, _tail = value.partition("=")
    head = head.strip()
    if sep and head.isdigit() and (not head.isascii() or not 0 < int(head) <= MAX_NUMBERED):
        return tr("'{value}' for {option}: the number before '=' must be 1 to {max} in digits 0-9.").format(
            value=value, option=name, max=MAX_NUMBERED
        )
    return None


def _check_date(name: str, text: str) -> str | None:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None  # the command itself explains the format
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return tr("The date for {option} must lie between the years {first} and {last}.").format(
            option=name, first=MIN_YEAR, last=MAX_YEAR
        )
    return None


def _check_file(path: str, limit: int) -> str | None:
    from pathlib import Path

    from app.errors import Refused
    from app.fsutil import check_input_file

    try:
        check_input_file(Path(path), limit, tr("The file"))
    except Refused as exc:
        return exc.message
    return None


def check(args: argparse.Namespace) -> str | None:
    """A message for the first out-of-range argument, or None when all are in range."""
    for name, value in sorted(vars(args).items()):
        option = "--" + name.replace("_", "-")
        values = value if isinstance(value, list) else [value]
        for item in values:
            problem = None
            if isinstance(item, int) and not isinstance(item, bool):
                problem = _check_int(option, item)
            elif isinstance(item, str):
                if name in NUMBERED_OPTIONS:
                    problem = _check_numbered(option, item)
                elif name in DATE_OPTIONS:
                    problem = _check_date(option, item)
                elif name in FILE_OPTIONS:
                    problem = _check_file(item, FILE_OPTIONS[name])
            if problem:
                return problem
    return None
