"""Attacks on the seal that reads nothing after the board (issue 16: app/facts_cache.py tests first whether anything
was written since the board's verdict, then takes the session with its items, participants and custodians, the
log's head and the policy in force from what the board's check read, app/facts_carried.py).

The insider holds the database key and writes with their own SQLCipher connection after 乙's board was shown: each
edit must send the seal back to the full check and refuse exactly as a program without the cache does, with nothing
written.  And the registry moved on by another path, two sessions on one connection, a seal after a refused one,
a caller changing what it was handed: none may reuse more than what is still the database's."""

from __future__ import annotations

from typing import Any

import pytest

from app import audit, facts_cache, policy
from app.errors import Refused
from app.sessions import views
from tests import insider
from tests.cast import Cast, raw_db
from tests.sql_count import statements


def _boarded(cast: Cast) -> tuple[int, bytes]:
    """A policy the security officer set; 甲 sealed; the insider dropped the store's triggers (before the board);
    then 乙's board was shown: its verdict, the session, the head and the policy remembered."""
    policy.set_value(cast("保密员"), "min_reasoning_chars", 20)
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True):
        pass
    views.board(cast("乙"), sid)
    return sid, key


def _pid(c: Any, sid: int, reviewer: str) -> int:
    row = c.execute(
        "SELECT id FROM participants WHERE session_id = ? AND reviewer_id = ?", (sid, insider.account_id(c, reviewer))
    ).fetchone()
    return int(row[0])


def _first(c: Any, table: str, sid: int) -> int:
    return int(c.execute(f"SELECT min(id) FROM {table} WHERE session_id = ?", (sid,)).fetchone()[0])


def _other_department(c: Any, sid: int) -> int:
    used = "SELECT department_id FROM participants WHERE session_id = ?"
    return int(c.execute(f"SELECT min(id) FROM departments WHERE id NOT IN ({used})", (sid,)).fetchone()[0])


def _plant_after_head(c: Any) -> None:
    columns = [r[1] for r in c.execute("PRAGMA table_info(audit_entries)")]
    row = dict(zip(columns, c.execute("SELECT * FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone(), strict=True))
    row.update(seq=row["seq"] + 1, prev_hash=row["hash"], action="session.sealed")
    c.execute(
        f"INSERT INTO audit_entries ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", list(row.values())
    )


_HEAD = "(SELECT max(seq) FROM audit_entries)"
EDITS: dict[str, Any] = {
    "session: title changed": lambda c, sid: c.execute(
        "UPDATE review_sessions SET title = '改过' WHERE id = ?", (sid,)
    ),
    "session: status set to sealed": lambda c, sid: c.execute(
        "UPDATE review_sessions SET status = 'sealed' WHERE id = ?", (sid,)
    ),
    "session: options changed": lambda c, sid: c.execute(
        "UPDATE review_sessions SET options = replace(options, '初步核实', '予以了结') WHERE id = ?", (sid,)
    ),
    "session: deleted": lambda c, sid: c.execute("DELETE FROM review_sessions WHERE id = ?", (sid,)),
    "item: text changed": lambda c, sid: c.execute(
        "UPDATE session_items SET text = '改过' WHERE session_id = ?", (sid,)
    ),
    "item: planted": lambda c, sid: insider.copy_row(
        c, "session_items", _first(c, "session_items", sid), {"number": 9}
    ),
    "item: deleted": lambda c, sid: c.execute("DELETE FROM session_items WHERE session_id = ?", (sid,)),
    "participant: 乙's moved to 丁": lambda c, sid: c.execute(
        "UPDATE participants SET reviewer_id = ? WHERE id = ?", (insider.account_id(c, "丁"), _pid(c, sid, "乙"))
    ),
    "participant: planted": lambda c, sid: insider.copy_row(
        c, "participants", _pid(c, sid, "丙"), {"department_id": _other_department(c, sid)}
    ),
    "participant: 丙's deleted": lambda c, sid: c.execute(
        "DELETE FROM participants WHERE id = ?", (_pid(c, sid, "丙"),)
    ),
    "custodian: deleted": lambda c, sid: c.execute("DELETE FROM custodians WHERE session_id = ?", (sid,)),
    "custodian: planted": lambda c, sid: insider.copy_row(
        c, "custodians", _first(c, "custodians", sid), {"account_id": insider.account_id(c, "审计员")}
    ),
    "custodian: another account": lambda c, sid: c.execute(
        "UPDATE custodians SET account_id = ? WHERE session_id = ?", (insider.account_id(c, "审计员"), sid)
    ),
    "log: the head entry edited": lambda c, sid: c.execute(
        f"UPDATE audit_entries SET details = replace(details, '}}', ',\"x\":1}}') WHERE seq = {_HEAD}"
    ),
    "log: the head entry deleted": lambda c, sid: c.execute(f"DELETE FROM audit_entries WHERE seq = {_HEAD}"),
    "log: an entry planted after the head": lambda c, sid: _plant_after_head(c),
    "policy: the policy.set entry edited": lambda c, sid: c.execute(
        "UPDATE audit_entries SET details = replace(details, '20', '25') WHERE action = 'policy.set'"
    ),
    "policy: the policy.set entry deleted": lambda c, sid: c.execute(
        "DELETE FROM audit_entries WHERE action = 'policy.set'"
    ),
}


def _refusal(cast: Cast, sid: int) -> Refused:
    with pytest.raises(Refused) as refused:
        cast.seal(sid, "乙")
    return refused.value


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_row_written_after_the_board_is_refused_as_without_the_cache(
    cast: Cast, edit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The insider edits, plants or deletes the session row, an item, a participant, a custodian, the log's head
    or a policy entry after 乙's board: the seal reads again (the session first) and refuses, nothing written —
    with the very refusal a program that remembers nothing gives."""
    sid, key = _boarded(cast)
    with raw_db(cast.directory, key) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in ("session_items", "participants", "custodians"):
            insider.loosen(conn, table)
        EDITS[edit](conn, sid)
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    with statements(cast("乙")) as seen:
        cached = _refusal(cast, sid)
    assert any(s.startswith("SELECT review_sessions.") for s in seen), "the remembered session was used"
    assert insider.counts(cast, key) == before and insider.json_hashes(cast.directory) == files
    monkeypatch.setattr(facts_cache, "_state", lambda *_a: None)  # nothing remembered, nothing reused
    uncached = _refusal(cast, sid)
    assert (type(cached), str(cached)) == (type(uncached), str(uncached))
    assert insider.counts(cast, key) == before


def test_with_nothing_written_the_seal_reads_nothing(cast: Cast) -> None:
    """The control: the same store, no edit — the seal's only statement before its writes is the test itself, and
    the session matches its signed facts afterwards (the chair's full check), the log verifies."""
    sid, key = _boarded(cast)
    with statements(cast("乙")) as seen:
        assert not cast.seal(sid, "乙")["session_sealed"]
    assert seen[0] == "PRAGMA data_version" and not [s for s in seen if s.startswith("SELECT")], seen
    assert len(seen) == 5, seen
    views.board(cast("主持人"), sid)
    with cast("主持人").store.transaction() as db:
        assert audit.verify(db).ok


def test_a_policy_too_strict_for_the_form_refuses_as_read(cast: Cast) -> None:
    """The policy handed with the verdict is the one in force: a form it refuses is refused without reading it."""
    policy.set_value(cast("保密员"), "min_reasoning_chars", 500)
    sid = cast.open(n=3)
    views.board(cast("乙"), sid)
    with statements(cast("乙")) as seen, pytest.raises(Refused):
        cast.seal(sid, "乙")
    assert not [s for s in seen if s.startswith("SELECT")], seen
