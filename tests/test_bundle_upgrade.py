"""Upgrading and downgrading between bundles, at the store: a store that is behind is backed up before it is
migrated; a store written by a newer program is refused plainly, with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from app import accounts, keyslots, migrate
from app.context import AccountContext
from app.errors import StoreUnavailable
from app.store import PLAIN_SQLITE_HEADER
from tests.cast import raw_db
from tests.conftest import ADMIN, ADMIN_PASS, file_hashes, run_cli

GOLDEN = Path(__file__).parent / "data" / "store-v0001"


def _revision(db: Path, db_key: bytes) -> str:
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_older_store_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    store = tmp_path / "old"
    shutil.copytree(GOLDEN, store)
    slots_before = (store / keyslots.SLOT_FILE).read_bytes()
    db_key = keyslots.load(store).unlock("管理员", "golden-admin-1").db_key
    assert not (store / migrate.BACKUP_DIR).exists()

    accounts.open_account(store, "管理员", "golden-admin-1").close()

    (backup,) = (store / migrate.BACKUP_DIR).iterdir()
    assert backup.name.endswith("-schema-0001")
    assert (backup / keyslots.SLOT_FILE).read_bytes() == slots_before
    assert (backup / "huishen.db").read_bytes()[:16] != PLAIN_SQLITE_HEADER  # still encrypted
    assert _revision(backup / "huishen.db", db_key) == "0001"
    assert _revision(store / "huishen.db", db_key) == migrate.head_revision()
    assert backup.stat().st_mode & 0o077 == 0
    # The backup is a store of its own: the old accounts open it (and this program migrates that copy).
    copy = tmp_path / "restored"
    shutil.copytree(backup, copy)
    accounts.open_account(copy, "张三", "golden-reviewer-1").close()

    accounts.open_account(store, "管理员", "golden-admin-1").close()
    assert len(list((store / migrate.BACKUP_DIR).iterdir())) == 1  # at head: no second backup


def test_store_at_head_is_not_backed_up(admin: AccountContext, store_dir: Path) -> None:
    admin.close()
    accounts.open_account(store_dir, ADMIN, ADMIN_PASS).close()
    assert not (store_dir / migrate.BACKUP_DIR).exists()


def _from_newer_program(ctx: AccountContext) -> None:
    """What a newer Huishen leaves behind: a schema revision this program has never heard of."""
    ctx.close()
    with raw_db(ctx.store.directory, ctx.store.db_key) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9001'")


def test_store_of_a_newer_program_is_refused_and_left_alone(admin: AccountContext, store_dir: Path) -> None:
    _from_newer_program(admin)
    before = file_hashes(store_dir)
    with pytest.raises(StoreUnavailable, match=r"newer version of Huishen \(schema 9001\)"):
        accounts.open_account(store_dir, ADMIN, ADMIN_PASS)
    after = file_hashes(store_dir)
    for name in ("huishen.db", keyslots.SLOT_FILE):
        assert after[name] == before[name]
    wal = store_dir / "huishen.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # opening in WAL mode wrote no page
    assert not (store_dir / migrate.BACKUP_DIR).exists()


def test_cli_refuses_a_newer_store_in_one_line(admin: AccountContext, store_dir: Path) -> None:
    _from_newer_program(admin)
    r = run_cli("--store", str(store_dir), "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": ADMIN_PASS})
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "Internal error" not in r.stderr
    assert "newer version of Huishen (schema 9001)" in r.stderr
    assert f"knows schemas up to {migrate.head_revision()}" in r.stderr


def test_store_that_cannot_be_backed_up_is_not_migrated(tmp_path: Path) -> None:
    store = tmp_path / "old"
    shutil.copytree(GOLDEN, store)
    (store / migrate.BACKUP_DIR).write_text("not a directory")  # stands for a full or read-only disk
    db_key = keyslots.load(store).unlock("管理员", "golden-admin-1").db_key
    with pytest.raises(StoreUnavailable, match="could not be backed up before its upgrade"):
        accounts.open_account(store, "管理员", "golden-admin-1")
    assert _revision(store / "huishen.db", db_key) == "0001"
