"""Triggers and views this program did not make (issue 8, found at stop 21).

The store's own triggers only refuse (``BEFORE UPDATE|DELETE … BEGIN SELECT RAISE(ABORT, '…'); END``): an insider
may drop them, which the signed facts make harmless.  A trigger that *does* something — writes a row, or ignores
one of ours — would run inside our own transactions, between two of our statements, and could change what a seal
reads after its first write even though the facts check before it passed.  The full facts check therefore refuses
a store holding any trigger that is not of the refusing shape, whatever its name — and any view: the store has
none, and a view standing in for a table could compute what it returns from our own writes of the moment.

A table can act by itself too, as SQLite runs it inside our statements: a conflict clause (``ON CONFLICT REPLACE``
deletes the row an insert of ours collides with — a deletion ``total_changes`` does not count — and ``IGNORE`` drops
our row in silence) and a foreign key action (``ON DELETE|UPDATE``: the store turns foreign keys on) write rows
between two of our statements as a trigger would; a virtual table computes its rows.  The store's own tables have
none of these (found attacking the dossier's one-transaction collection: a read record deleting the decision's
entry): such a table is foreign as well.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

_REFUSING = re.compile(
    r"CREATE TRIGGER \w+ BEFORE (?:UPDATE(?: OF \w+)?|DELETE) ON \w+ "
    r"(?:WHEN [^;]*? )?BEGIN SELECT RAISE\(ABORT, '[^']*'\); END",
)


# What a table's definition may not hold: it would act inside our statements (module docstring); a comment, which
# could stand between ON and CONFLICT; a collation, under which our lookups would match other rows than we ask.
_ACTING_TABLE = re.compile(
    r"\bON\s+(?:CONFLICT|DELETE|UPDATE)\b|^\s*CREATE\s+VIRTUAL\b|/\*|--|\bCOLLATE\b", re.IGNORECASE
)


def foreign_triggers(db: Session) -> list[str]:
    """The names of the triggers, views and acting tables in the store that only an outsider to this program could
    have made.  Every row of the schema is read, whatever its type says: SQLite compiles a row's SQL by what it
    says, and loads a row typed 'Trigger' (written with ``PRAGMA writable_schema``) as a trigger all the same."""
    rows = db.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
    return [name for kind, name, sql in rows if _foreign(str(kind).lower(), " ".join((sql or "").split()))]


def _foreign(kind: str, sql: str) -> bool:
    statement = " ".join(sql.upper().split(" ")[:4])
    if kind == "index" and (not sql or statement.startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))):
        return False  # an index computes nothing we read (a constraint's own index has no SQL)
    if kind == "table" and statement.startswith("CREATE TABLE"):
        return _ACTING_TABLE.search(sql) is not None
    if kind == "trigger":
        return not _REFUSING.fullmatch(sql)
    return True  # a view, or a row whose type and SQL disagree
