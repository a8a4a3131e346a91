"""Passphrase strength (issue "Insider-proof secrecy", item 6): more than a length.

The estimate is zxcvbn's (dictionaries of common passwords, names and words,
keyboard patterns, repeats, sequences and dates); the security officer sets the
minimum score (policy ``passphrase_min_score``, 0–4, default 3).  Whitespace-only
passphrases and a passphrase containing the account's own name are refused outright.
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

from app.errors import InvalidInput
from app.i18n import tr

MIN_LENGTH = 8
MAX_LENGTH = 1024
DEFAULT_MIN_SCORE = 3
_ESTIMATE_CHARS = 72  # zxcvbn's own limit; longer passphrases are judged by their first 72 characters


def score(passphrase: str, names: Iterable[str] = ()) -> int:
    """zxcvbn's 0 (trivial) … 4 (very strong)."""
    return int(zxcvbn(passphrase[:_ESTIMATE_CHARS], user_inputs=[n for n in names if n])["score"])


def check(passphrase: str, min_score: int = DEFAULT_MIN_SCORE, names: Iterable[str] = ()) -> None:
    """Refuse a passphrase that is too short, blank or too easy to guess, saying what to do instead."""
    if len(passphrase) < MIN_LENGTH:
        raise InvalidInput(tr("The passphrase must be at least {n} characters long.").format(n=MIN_LENGTH))
    if len(passphrase) > MAX_LENGTH:
        raise InvalidInput(tr("The passphrase may be at most {n} characters long.").format(n=MAX_LENGTH))
    if not passphrase.strip():
        raise InvalidInput(tr("The passphrase may not consist of spaces only."))
    names = [n for n in names if n]
    if any(len(n) >= 3 and n.lower() in passphrase.lower() for n in names):
        raise InvalidInput(tr("The passphrase may not contain the account's name."))
    got = score(passphrase, names)
    if got < min_score:
        raise InvalidInput(
            tr(
                "This passphrase is too easy to guess (strength {score} of 4; the security policy asks for {min}). "
                "Avoid common passwords, names, dates, repeated characters and keyboard runs; "
                "several unrelated words with digits or signs are strong and easy to remember."
            ).format(score=got, min=min_score)
        )
