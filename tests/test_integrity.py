"""Integrity on open: a damaged database is found at unlock (before anything is written into it), by
`audit verify` (every page's HMAC), and a lost write-ahead log is reported against the account's own head."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from app import accounts, auditlog, store
from app.context import AccountContext
from app.errors import HuishenError, StoreUnavailable
from tests.conftest import ADMIN, ADMIN_PASS, file_hashes, run_cli


def _flip(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x10]))


@pytest.fixture
def populated(admin: AccountContext) -> Path:
    for i in range(6):
        accounts.add_account(admin, f"审{i}", ["reviewer"], f"部门{i}", "reviewer-pass")
    directory = admin.store.directory
    admin.close()
    return directory


@pytest.mark.parametrize("seed", range(8))
def test_a_flipped_byte_is_refused_at_unlock_and_nothing_is_written(populated: Path, seed: int) -> None:
    db = populated / store.DB_FILE
    offset = random.Random(seed).randrange(1024, db.stat().st_size)
    _flip(db, offset)
    before = file_hashes(populated)
    with pytest.raises(StoreUnavailable, match="damaged"):
        accounts.open_account(populated, ADMIN, ADMIN_PASS)
    after = file_hashes(populated)
    # A read-only look at a WAL database leaves an empty log and its index behind; nothing else changes.
    assert (populated / (store.DB_FILE + "-wal")).stat().st_size == 0
    assert {k: v for k, v in after.items() if not k.endswith(("-wal", "-shm"))} == before


def test_audit_verify_checks_every_page(populated: Path) -> None:
    accounts.add_account(accounts.open_account(populated, ADMIN, ADMIN_PASS), "审计", ["auditor"], None, "auditor-pass")
    ctx = accounts.open_account(populated, "审计", "auditor-pass")
    try:
        assert auditlog.verify_chain(ctx).ok
        db = populated / store.DB_FILE
        _flip(db, db.stat().st_size - 100)  # the last page, read by nothing else in a verify
        try:
            report = auditlog.verify_chain(ctx)
        except HuishenError as exc:  # the damaged page was met while reading the log: also a detection
            assert "damaged" in exc.message
        else:
            assert not report.ok
            assert any("cipher_integrity_check" in p for p in report.problems)
    finally:
        ctx.close()


def test_a_lost_write_ahead_log_is_reported_at_unlock(populated: Path, tmp_path: Path) -> None:
    saved = tmp_path / "before.db"
    shutil.copy(populated / store.DB_FILE, saved)
    r = run_cli(
        "--store",
        str(populated),
        "--user",
        ADMIN,
        "user",
        "add",
        "新人",
        "--role",
        "reviewer",
        env={"HUISHEN_PASSPHRASE": ADMIN_PASS, "HUISHEN_NEW_PASSPHRASE": "newcomer-pass"},
    )
    assert r.returncode == 0, r.stderr
    # The acknowledged change lived only in the -wal that is now lost.
    shutil.copy(saved, populated / store.DB_FILE)
    for suffix in ("-wal", "-shm"):
        (populated / (store.DB_FILE + suffix)).unlink(missing_ok=True)
    r = run_cli("--store", str(populated), "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": ADMIN_PASS})
    assert "are missing" in r.stderr, r.stderr
