"""An insider plants a second row for a round that exists (issue 16 review): the database's UNIQUE constraints are
dropped by rebuilding the tables, the round is copied with its holder keys and key shares, and the sealed
envelope is moved into the copy.  The signed-facts check kept rounds by number, so the copy hid the original:
the board showed and the next seal was accepted.  Now a round recorded twice is tampering: shown nowhere, no
seal accepted, nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from app.facts import Tampered
from app.sessions import views
from tests import insider
from tests.cast import Cast, raw_db

PLANTED = 999


def _copy_rows(conn: Any, table: str, where: str, args: tuple[Any, ...], change: dict[str, Any]) -> int:
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    rows = conn.execute(f"SELECT * FROM {table} WHERE {where}", args).fetchall()
    for row in rows:
        values = {**dict(zip(columns, row, strict=True)), **change}
        if "id" not in change:
            values["id"] = values["id"] + 10_000
        marks = ", ".join("?" * len(columns))
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [values[c] for c in columns])
    return len(rows)


@pytest.mark.parametrize("move_envelopes", [True, False])
def test_a_round_recorded_twice_is_tampering(cast: Cast, move_envelopes: bool) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    views.board(cast("乙"), sid)  # 乙's program checked the session (the verdict is remembered)
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in ("rounds", "holder_keys", "reveal_shares"):
            insider.loosen(conn, table)
        (round_id,) = conn.execute("SELECT id FROM rounds WHERE session_id = ?", (sid,)).fetchone()
        assert _copy_rows(conn, "rounds", "id = ?", (round_id,), {"id": PLANTED}) == 1
        assert _copy_rows(conn, "holder_keys", "round_id = ?", (round_id,), {"round_id": PLANTED}) >= 2
        _copy_rows(conn, "reveal_shares", "round_id = ?", (round_id,), {"round_id": PLANTED})
        if move_envelopes:
            conn.execute("UPDATE envelopes SET round_id = ? WHERE round_id = ?", (PLANTED, round_id))
        envelopes = conn.execute("SELECT id, round_id FROM envelopes ORDER BY id").fetchall()
        entries = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    for attempt in (lambda: views.board(cast("乙"), sid), lambda: cast.seal(sid, "乙")):
        with pytest.raises(Tampered, match="round 1 is recorded twice"):
            attempt()
    cast.close()
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT id, round_id FROM envelopes ORDER BY id").fetchall() == envelopes
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == entries
