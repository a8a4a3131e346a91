"""What an insider with the database key does to the store's rows, for the attack tests: rebuild a table without
its constraints, copy a row, look ids up, count what a refusal must leave unchanged."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from tests.cast import Cast, raw_db


def loosen(conn: Any, table: str) -> None:
    """Rebuild ``table`` without its UNIQUE and NOT NULL constraints (what an insider with the database key can do)."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    loose = re.sub(r",\s*(CONSTRAINT \w+ )?UNIQUE \([^)]*\)", "", sql)
    loose = re.sub(r"\bUNIQUE\b|\bNOT NULL\b", "", loose).replace(
        f"CREATE TABLE {table}", f"CREATE TABLE {table}_loose", 1
    )
    assert loose != sql
    conn.execute(loose)
    conn.execute(f"INSERT INTO {table}_loose SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_loose RENAME TO {table}")


def copy_row(conn: Any, table: str, row_id: int, change: dict[str, Any]) -> None:
    """A copy of one row with ``change`` made (a new id unless ``change`` names one)."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    values = {**dict(zip(columns, row, strict=True)), **change}
    if "id" not in change:
        values["id"] = None
    marks = ", ".join("?" * len(columns))
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [values[c] for c in columns])


def account_id(conn: Any, name: str) -> int:
    return int(conn.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()[0])


def round_id(conn: Any, sid: int) -> int:
    return int(conn.execute("SELECT max(id) FROM rounds WHERE session_id = ?", (sid,)).fetchone()[0])


def counts(cast: Cast, key: bytes) -> tuple[int, int, int]:
    """Envelopes, audit entries and recusals in the store."""
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT count(*) FROM envelopes").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0],
            conn.execute("SELECT count(*) FROM recusals").fetchone()[0],
        )


def json_hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir() if p.suffix == ".json"}


def checked_by_the_next(cast: Cast, n: int = 3) -> tuple[int, bytes]:
    """A session of ``n`` departments where 甲 sealed and 乙's program checked it (its verdict remembered): the
    session and the database key."""
    from app.sessions import views

    sid = cast.open(n=n)
    cast.seal(sid, "甲")
    views.board(cast("乙"), sid)
    return sid, cast("主持人").store.db_key
