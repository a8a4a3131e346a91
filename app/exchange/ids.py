"""Global names of sessions and rounds, so that files from different stores can never be confused.

A session is named by its chair's store id and its number in that store: ``<store>/<session>``, a round by
``<store>/<session>/<round>``.  Both parts are already signed facts — the store id is the object of the
store's genesis entry and is written into every session's signed definition, the number is the object of
every entry about the session — so no new column (and no migration) is needed, and nobody can rename a
session without breaking its signatures.  Files that belong to a round carry its global name; an
importer compares it with the round it expects, and refuses another session's file or an older round's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.exchange.schema import ExchangeRefused, require, text
from app.i18n import tr

_STORE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


@dataclass(frozen=True, order=True)
class RoundName:
    """One round of one session of one store."""

    store: str
    session: int
    round: int

    def __str__(self) -> str:
        return f"{self.store}/{self.session}/{self.round}"

    @property
    def session_name(self) -> str:
        return f"{self.store}/{self.session}"


def store(value: object, what: str) -> str:
    """A store id (a lowercase UUID, as every store is given at creation)."""
    require(isinstance(value, str) and _STORE.fullmatch(value) is not None, f"{what} is not a store id")
    assert isinstance(value, str)
    return value


def session_name(store_id: str, session_id: int) -> str:
    return f"{store_id}/{session_id}"


def parse_round(value: object) -> RoundName:
    """A round's global name from a file, strictly: a store id and two positive numbers, nothing else."""
    parts = text(value, "the round", 64).split("/")
    require(len(parts) == 3, "the round is not store/session/round")
    store, session, number = parts
    require(_STORE.fullmatch(store) is not None, "the round's store")
    require(_NUMBER.fullmatch(session) is not None and _NUMBER.fullmatch(number) is not None, "the round's numbers")
    return RoundName(store, int(session), int(number))


def require_round(got: RoundName, expected: RoundName) -> None:
    """Refuse a file of another store or session, or of another round than the one it must belong to."""
    if got.session_name != expected.session_name:
        raise ExchangeRefused(
            "other-session",
            tr("The file belongs to another session ({got}), not {expected}; nothing was imported.").format(
                got=got.session_name, expected=expected.session_name
            ),
        )
    if got.round < expected.round:
        raise ExchangeRefused(
            "replay",
            tr("The file is of round {got}, older than the current round {expected}; nothing was imported.").format(
                got=got.round, expected=expected.round
            ),
        )
    if got.round != expected.round:
        raise ExchangeRefused(
            "other-session",
            tr("The file is of round {got}, which has not been opened here; nothing was imported.").format(
                got=got.round
            ),
        )
