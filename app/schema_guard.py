"""Triggers and views this program did not make (issue 8, found at stop 21).

The store's own triggers only refuse (``BEFORE UPDATE|DELETE … BEGIN SELECT RAISE(ABORT, '…'); END``): an insider
may drop them, which the signed facts make harmless.  A trigger that *does* something — writes a row, or ignores
one of ours — would run inside our own transactions, between two of our statements, and could change what a seal
reads after its first write even though the facts check before it passed.  The full facts check therefore refuses
a store holding any trigger that is not of the refusing shape, whatever its name — and any view: the store has
none, and a view standing in for a table could compute what it returns from our own writes of the moment.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

_REFUSING = re.compile(
    r"CREATE TRIGGER \w+ BEFORE (?:UPDATE(?: OF \w+)?|DELETE) ON \w+ "
    r"(?:WHEN [^;]*? )?BEGIN SELECT RAISE\(ABORT, '[^']*'\); END",
)


def foreign_triggers(db: Session) -> list[str]:
    """The names of the triggers (and views) in the store that only an outsider to this program could have made."""
    rows = db.execute(text("SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"))
    return [
        name for kind, name, sql in rows if kind == "view" or not _REFUSING.fullmatch(" ".join((sql or "").split()))
    ]
