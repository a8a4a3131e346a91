"""Attacks on the remembered facts verdict (app/facts_cache.py) that go past SQLite: the insider writes the
database file's pages in place, with no SQLite connection committing anything.

``PRAGMA data_version`` moves only when a connection commits through the write-ahead log, and ``total_changes``
counts only this connection's statements; in WAL mode SQLite never looks at the database file's own change
counter, so a page written into huishen.db directly moves neither.  The program's connection keeps the pages it
read in its page cache (8 MB) and reads any other page from the file as it is now: a page it dropped (a large
store: reading other sessions, the session list) or never read shows the insider's edit, while the verdict made
before the edit is still reused.  The insider makes the edit on a copy with their own SQLCipher connection (the
database key) and writes the pages that changed back into the store's file, in place — or over a frame of the
write-ahead log; or, writing nothing but four bytes of the wal-index (huishen.db-shm), has SQLite read an older
committed version of a page.  Each time 乙's program sealed and signed an opinion for 丙's department (三室) on the
swapped reviewers the full check refuses; now the seal checks in full and is refused, nothing written."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from app import facts_cache
from app.errors import Refused
from app.facts import Tampered
from app.sessions import views
from tests import insider
from tests.cast import Cast, raw_db
from tests.sql_count import statements


def _participant(conn: Any, sid: int, reviewer: str) -> tuple[int, int]:
    rid = insider.account_id(conn, reviewer)
    row = conn.execute("SELECT id FROM participants WHERE session_id = ? AND reviewer_id = ?", (sid, rid)).fetchone()
    return int(row[0]), rid


def _swap_reviewers(conn: Any, sid: int) -> None:
    """乙 is recorded as the reviewer of 丙's department, and 丙 of 乙's (rows the signed definition disowns)."""
    (p_b, b), (p_c, c) = _participant(conn, sid, "乙"), _participant(conn, sid, "丙")
    conn.execute("UPDATE participants SET reviewer_id = -1 WHERE id = ?", (p_b,))
    conn.execute("UPDATE participants SET reviewer_id = ? WHERE id = ?", (b, p_c))
    conn.execute("UPDATE participants SET reviewer_id = ? WHERE id = ?", (c, p_b))


def _edit_pages_in_place(directory: Path, key: bytes, sid: int) -> None:
    """The edit made on a copy of the store, and the copy's changed pages written over the store's file."""
    db = directory / "huishen.db"
    wal = directory / "huishen.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # every page is in the database file (checkpointed before)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "huishen.db"
        shutil.copyfile(db, copy)
        conn = sqlcipher3.connect(str(copy))
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        _swap_reviewers(conn, sid)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        old, new = db.read_bytes(), copy.read_bytes()
    assert len(old) == len(new)
    changed = [i for i in range(0, len(old), size) if old[i : i + size] != new[i : i + size]]
    assert changed
    with db.open("r+b") as handle:
        for offset in changed:
            handle.seek(offset)
            handle.write(new[offset : offset + size])


def _edit_wal_frames_in_place(directory: Path, key: bytes, sid: int, log: Path | None = None) -> None:
    """The edit made on a copy of the store, and each changed page written over the page data of its newest frame
    in the store's write-ahead log (frame headers and checksums kept: SQLite checks those only when it recovers
    the log, never when it reads a page), so neither the log's size nor its wal-index moves; ``log``: the log file
    by another name."""
    db, wal = directory / "huishen.db", log or directory / "huishen.db-wal"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "huishen.db"
        shutil.copyfile(db, copy)
        shutil.copyfile(wal, Path(tmp) / "huishen.db-wal")
        conn = sqlcipher3.connect(str(copy))
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        old = copy.read_bytes()
        _swap_reviewers(conn, sid)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        new = copy.read_bytes()
    changed = {i // size + 1: new[i : i + size] for i in range(0, len(new), size) if old[i : i + size] != new[i : i + size]}
    log = bytearray(wal.read_bytes())
    newest: dict[int, int] = {}
    for offset in range(32, len(log) - 24 - size + 1, 24 + size):
        newest[int.from_bytes(log[offset : offset + 4], "big")] = offset
    assert changed and set(changed) <= set(newest), (sorted(changed), sorted(newest))
    with wal.open("r+b") as handle:
        for page, image in changed.items():
            handle.seek(newest[page] + 24)
            handle.write(image)


def _page_cache_dropped(cast: Cast, name: str) -> None:
    """The program's connection no longer holds the pages (what reading more than its 8 MB cache does on a large
    store); the facts cache, in the connection's info, still holds the verdict."""
    with cast(name).store.engine.connect() as conn:
        assert conn.connection.info.get("huishen_facts_cache"), "the board's verdict is remembered on this connection"
        conn.exec_driver_sql("PRAGMA shrink_memory")


def test_pages_written_into_the_file_after_the_board_send_the_seal_to_the_full_check(cast: Cast) -> None:
    """After 乙's board (its verdict remembered), the insider writes pages into huishen.db directly: 乙 becomes the
    reviewer of 丙's department in the rows.  Neither data_version nor total_changes moves; reused, the verdict let
    乙's program seal — and sign — an opinion for 丙's department.  The seal must check the session in full, which
    refuses the swapped reviewers, with nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True):
        pass
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    views.board(cast("乙"), sid)
    _edit_pages_in_place(cast.directory, key, sid)
    _page_cache_dropped(cast, "乙")
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value  # before the fix: sealed and signed for 丙's 三室
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files


def test_without_the_file_edit_the_seal_reuses_the_verdict(cast: Cast) -> None:
    """The control: the same steps without the edit — the remembered verdict and its rows are reused (no round read
    again) and the seal goes through."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True):
        pass
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    views.board(cast("乙"), sid)
    _page_cache_dropped(cast, "乙")
    with statements(cast("乙")) as seen:
        assert not cast.seal(sid, "乙")["session_sealed"]
    assert not [s for s in seen if s.startswith("SELECT rounds.")], seen


def test_a_frame_of_the_log_rewritten_after_the_board_sends_the_seal_to_the_full_check(cast: Cast) -> None:
    """The same edit written into the write-ahead log instead: the insider's last commit before the board rewrote
    the participants' page (unchanged) into a frame of the log; after the board they overwrite that frame's page
    with the swapped reviewers.  Refused by the full check, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE participants SET reviewer_id = reviewer_id WHERE session_id = ?", (sid,))
    views.board(cast("乙"), sid)
    _edit_wal_frames_in_place(cast.directory, key, sid)
    _page_cache_dropped(cast, "乙")
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files


def test_the_wal_index_pointed_at_an_older_page_after_the_board_sends_the_seal_to_the_full_check(cast: Cast) -> None:
    """Before the board the insider committed the swap, checkpointed it into huishen.db, and committed the rows
    back as they were (that page's newest version now in the log): 乙's board checks the rows as signed.  After
    the board they write four bytes into huishen.db-shm, the count of frames checkpointed set to the log's end:
    SQLite then reads every page from huishen.db alone — the swapped reviewers — with neither file written and
    neither counter moved.  Refused by the full check, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _swap_reviewers(conn, sid)
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    with raw_db(cast.directory, key) as conn:
        _swap_reviewers(conn, sid)  # swapped back: as signed
    # Counted before the board (which writes nothing): a connection opened after it would change the log's change
    # time (SQLite gives the file its owner again), sending the seal to the full check whatever the fix.
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    views.board(cast("乙"), sid)
    with (cast.directory / "huishen.db-shm").open("r+b") as shm:
        frames = struct.unpack_from("<I", shm.read(20), 16)[0]  # the first header's mxFrame
        assert frames > 0
        shm.seek(96)  # WalCkptInfo.nBackfill
        shm.write(struct.pack("<I", frames))
    _page_cache_dropped(cast, "乙")
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files


_WRITER = """
import sys, sqlcipher3
conn = sqlcipher3.connect(sys.argv[1], timeout=0.3, isolation_level=None)
conn.execute(sys.argv[2])
try:
    conn.execute("BEGIN IMMEDIATE")
except sqlcipher3.OperationalError as exc:
    print(exc)
"""


def test_reading_the_wal_index_keeps_sqlite_s_locks(cast: Cast) -> None:
    """The cache reads huishen.db-shm itself: closing a descriptor of that file would drop this process's POSIX locks
    on it, SQLite's write lock among them, and another process could write during our transaction (a write lost).
    Inside a transaction, after the cache read the wal-index (twice: the first read opens it), another process is
    still refused the write lock."""
    ctx = cast("乙")
    path = str(cast.directory / "huishen.db")
    pragma = f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\""
    with ctx.store.transaction() as db:
        db.connection()  # BEGIN IMMEDIATE: the write lock held
        assert facts_cache._files(path) is not None
        assert facts_cache._files(path) is not None
        other = subprocess.run([sys.executable, "-c", _WRITER, path, pragma], capture_output=True, text=True)
        assert "database is locked" in other.stdout, (other.stdout, other.stderr)


def test_wal_index_descriptors_of_closed_stores_are_let_go(cast: Cast) -> None:
    """The descriptor kept per wal-index is closed once SQLite removed that file (its store's last connection
    closed): a program opening store after store (the tests) does not hold one for each."""
    sid = cast.open(n=2)
    views.board(cast("甲"), sid)  # the check remembered: the store's wal-index is read by a kept descriptor
    assert facts_cache._INDEX_FDS
    cast.close()  # the last connection: SQLite removes huishen.db-shm
    assert not (cast.directory / "huishen.db-shm").exists()
    views.board(cast("甲"), sid)  # a new wal-index file: its descriptor opened, the removed file's closed
    assert facts_cache._INDEX_FDS
    assert all(os.fstat(fd).st_nlink > 0 for fd in facts_cache._INDEX_FDS.values())


def _swap_wal_index_name(directory: Path, keep: Path) -> Path:
    """huishen.db-shm renamed over by a copy of itself, the file SQLite maps kept under another name (a hard link):
    SQLite in this program goes on reading pages by the file it mapped, the name now gives the copy."""
    shm = directory / "huishen.db-shm"
    mapped = keep / "mapped-shm"
    os.link(shm, mapped)
    copy = directory / "copy-shm"
    shutil.copyfile(shm, copy)
    os.replace(copy, shm)
    return mapped


def test_the_wal_index_edited_under_another_name_after_the_board_sends_the_seal_to_the_full_check(
    cast: Cast, tmp_path: Path
) -> None:
    """As above, but before the board the insider renames a copy of huishen.db-shm over it, the file SQLite maps
    kept by a hard link elsewhere; after the board they write the four bytes into that file, under its other name.
    The name the cache read the wal-index by gives the copy, unchanged; SQLite reads every page from huishen.db
    alone — the swapped reviewers.  Refused by the full check, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _swap_reviewers(conn, sid)
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    with raw_db(cast.directory, key) as conn:
        _swap_reviewers(conn, sid)  # swapped back: as signed
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    mapped = _swap_wal_index_name(cast.directory, tmp_path)
    views.board(cast("乙"), sid)
    with mapped.open("r+b") as shm:
        frames = struct.unpack_from("<I", shm.read(20), 16)[0]
        assert frames > 0
        shm.seek(96)  # WalCkptInfo.nBackfill
        shm.write(struct.pack("<I", frames))
    with cast("乙").store.engine.connect() as conn:  # (nothing was remembered: the mapped file is not the named one)
        assert not conn.connection.info.get("huishen_facts_cache")
        conn.exec_driver_sql("PRAGMA shrink_memory")
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files


def test_the_wal_index_renamed_over_after_the_board_sends_the_seal_to_the_full_check(
    cast: Cast, tmp_path: Path
) -> None:
    """The same swap made after the board, then the four bytes: refused by the full check, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _swap_reviewers(conn, sid)
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    with raw_db(cast.directory, key) as conn:
        _swap_reviewers(conn, sid)
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    views.board(cast("乙"), sid)
    mapped = _swap_wal_index_name(cast.directory, tmp_path)
    with mapped.open("r+b") as shm:
        frames = struct.unpack_from("<I", shm.read(20), 16)[0]
        shm.seek(96)
        shm.write(struct.pack("<I", frames))
    _page_cache_dropped(cast, "乙")
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files



@pytest.mark.parametrize("when", ["before a second board", "after the boards"])
def test_the_log_edited_under_another_name_sends_the_seal_to_the_full_check(
    cast: Cast, tmp_path: Path, when: str
) -> None:
    """As above, but the insider renames a copy of huishen.db-wal over it, the log 乙's connection has open kept by
    a hard link elsewhere, and overwrites the frame in that file under its other name: the name the cache stats
    gives the untouched copy, SQLite reads (and writes) the log it opened.  Refused by the full check, nothing
    written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE participants SET reviewer_id = reviewer_id WHERE session_id = ?", (sid,))
    views.board(cast("乙"), sid)  # 乙's connection has the log open
    # Counted before the swap: a connection opened after it gives the log's copy its owner again (its change time).
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    wal = cast.directory / "huishen.db-wal"
    opened = tmp_path / "opened-wal"

    def swap() -> None:
        os.link(wal, opened)
        shutil.copyfile(wal, cast.directory / "copy-wal")
        os.replace(cast.directory / "copy-wal", wal)

    if when == "before a second board":
        swap()
    views.board(cast("乙"), sid)
    if when == "after the boards":
        swap()
    _edit_wal_frames_in_place(cast.directory, key, sid, opened)
    with cast("乙").store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA shrink_memory")
    log = opened.read_bytes()
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files
    assert opened.read_bytes() == log  # nothing written into the log SQLite writes to either
