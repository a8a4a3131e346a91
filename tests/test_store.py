"""The encrypted store from an attacker's and a clumsy user's side: every refusal changes nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import accounts, keyslots, store
from app.attempts import Attempts, delay_after
from app.context import AccountContext
from app.errors import LockedOut, StoreUnavailable, UnknownAccount, WrongPassphrase
from tests.conftest import ADMIN, ADMIN_PASS, file_hashes


def _closed_store(admin: AccountContext) -> Path:
    directory = admin.store.directory
    admin.close()
    return directory


def test_store_has_no_plaintext(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], "案件审理室", "reviewer-pass")
    directory = _closed_store(admin)
    for path in directory.iterdir():
        data = path.read_bytes()
        if path.name == keyslots.SLOT_FILE:
            continue  # names only; secrets are wrapped
        assert b"SQLite format 3" not in data[:16]
        for needle in ("案件审理室", "accounts", "audit_entries", "CREATE TABLE", "reviewer"):
            assert needle.encode() not in data, (path.name, needle)


def test_any_account_opens_and_keys_are_per_account(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    directory = _closed_store(admin)
    ctx = accounts.open_account(directory, "张三", "reviewer-pass")
    # The role waits for the security officer (三员分立); the account can sign in meanwhile.
    assert ctx.name == "张三" and ctx.roles == set()
    assert any("security officer" in w for w in ctx.warnings)
    ctx.close()
    slots = keyslots.load(directory)
    a = slots.unlock(ADMIN, ADMIN_PASS)
    b = slots.unlock("张三", "reviewer-pass")
    assert a.db_key == b.db_key
    assert a.account_key != b.account_key


def test_swapped_slots_do_not_open(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    directory = _closed_store(admin)
    slots = keyslots.load(directory)
    slots.slots[ADMIN] = keyslots.Slot(ADMIN, slots.slots["张三"].kdf, slots.slots["张三"].wrapped)
    with pytest.raises(WrongPassphrase):
        slots.unlock(ADMIN, "reviewer-pass")


@pytest.mark.parametrize(
    ("name", "passphrase", "error"),
    [(ADMIN, "wrong-passphrase", WrongPassphrase), ("nobody", ADMIN_PASS, UnknownAccount)],
)
def test_refused_unlock_changes_nothing(admin: AccountContext, name: str, passphrase: str, error: type) -> None:
    directory = _closed_store(admin)
    before = file_hashes(directory)
    with pytest.raises(error):
        accounts.open_account(directory, name, passphrase)
    after = file_hashes(directory)
    after.pop("attempts.json", None)
    assert after == before


def _damage(directory: Path, how: str) -> None:
    db = directory / store.DB_FILE
    slots = directory / keyslots.SLOT_FILE
    if how == "missing-slots":
        slots.unlink()
    elif how == "damaged-slots":
        slots.write_text('{"format": "huishen-keyslots", "version": 1, "slots": {', "utf-8")
    elif how == "plain-sqlite":
        db.unlink()
        for extra in directory.glob("huishen.db-*"):
            extra.unlink()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    elif how == "truncated":
        with db.open("r+b") as handle:
            handle.truncate(700)
    elif how == "foreign-file":
        db.write_bytes(os.urandom(8192))
    elif how == "other-store":
        other = directory.parent / "other"
        accounts.init_store(other, ADMIN, ADMIN_PASS).close()
        for extra in directory.glob("huishen.db*"):
            extra.unlink()
        shutil.copy(other / store.DB_FILE, db)


@pytest.mark.parametrize(
    "how", ["missing-slots", "damaged-slots", "plain-sqlite", "truncated", "foreign-file", "other-store"]
)
def test_damaged_store_is_refused_without_writing(admin: AccountContext, how: str) -> None:
    directory = _closed_store(admin)
    # checkpoint the WAL so the database is one self-contained file
    _damage(directory, how)
    before = file_hashes(directory)
    with pytest.raises(StoreUnavailable) as info:
        accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert "\n" not in info.value.message
    assert file_hashes(directory) == before


def test_init_refuses_existing_store(admin: AccountContext) -> None:
    directory = _closed_store(admin)
    before = file_hashes(directory)
    with pytest.raises(StoreUnavailable):
        accounts.init_store(directory, "另一个", "another-harbor-pass-9")
    assert file_hashes(directory) == before


def test_growing_delay_after_failures(admin: AccountContext) -> None:
    directory = _closed_store(admin)
    now = [1000.0]
    attempts = Attempts(directory, clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            accounts.open_account(directory, ADMIN, "wrong-passphrase", attempts)
    before = file_hashes(directory)
    # locked now: even the right passphrase waits, and nothing is written
    with pytest.raises(LockedOut) as info:
        accounts.open_account(directory, ADMIN, ADMIN_PASS, attempts)
    assert info.value.retry_after == pytest.approx(delay_after(3))
    assert file_hashes(directory) == before
    now[0] += delay_after(3) + 0.1
    with pytest.raises(WrongPassphrase):
        accounts.open_account(directory, ADMIN, "wrong-passphrase", attempts)
    assert delay_after(4) > delay_after(3) > 0
    now[0] += delay_after(4) + 0.1
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS, attempts)
    try:
        with ctx.store.transaction() as db:
            from sqlalchemy import select

            from models import AuditEntry

            last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == "account.unlock"
        assert '"failed_attempts_before":4' in last.details
    finally:
        ctx.close()
    assert attempts.failures(ADMIN) == 0


def test_passphrase_change_rewrites_only_the_slot(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    directory = admin.store.directory
    before = keyslots.load(directory).slots
    accounts.change_passphrase(admin, "a-new-passphrase")
    directory = _closed_store(admin)
    after = keyslots.load(directory).slots
    assert after["张三"] == before["张三"]
    assert after[ADMIN].wrapped != before[ADMIN].wrapped
    assert after[ADMIN].kdf.salt != before[ADMIN].kdf.salt
    assert not list(directory.glob(".*tmp*"))
    with pytest.raises(WrongPassphrase):
        accounts.open_account(directory, ADMIN, ADMIN_PASS)
    accounts.open_account(directory, ADMIN, "a-new-passphrase").close()


def test_wal_and_full_sync(admin: AccountContext) -> None:
    with admin.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_slot_with_absurd_kdf_cost_is_refused_as_damaged(admin: AccountContext) -> None:
    import json

    directory = _closed_store(admin)
    path = directory / keyslots.SLOT_FILE
    data = json.loads(path.read_text("utf-8"))
    data["slots"][ADMIN]["kdf"]["n"] = 2**24
    path.write_text(json.dumps(data), "utf-8")
    before = file_hashes(directory)
    with pytest.raises(StoreUnavailable, match="damaged"):
        accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert file_hashes(directory) == before
