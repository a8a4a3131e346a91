"""Right diagnosis, always: each failure its own message (exit 2), nothing changed, never counted wrongly.

Run as root, so permission and read-only cases use a real read-only bind mount
(skipped where mounting is not allowed) or an injected error.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from app import accounts, attempts, fsutil, keyslots, store
from app.context import AccountContext
from app.crypto import default as crypto_default
from app.errors import Refused, StoreUnavailable, WrongPassphrase
from tests.conftest import ADMIN, ADMIN_PASS, file_hashes, run_cli


def _closed(admin: AccountContext) -> Path:
    directory = admin.store.directory
    admin.close()
    return directory


@pytest.fixture
def two(admin: AccountContext) -> Path:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    return _closed(admin)


def _edit_slot(directory: Path, name: str, **fields: object) -> None:
    path = directory / keyslots.SLOT_FILE
    data = json.loads(path.read_text("utf-8"))
    slot = data["slots"][name]
    for key, value in fields.items():
        if key.startswith("kdf_"):
            slot["kdf"][key[4:]] = value
        else:
            slot[key] = value
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        {"wrapped": "00" * 40},  # short key
        {"kdf_salt": ""},  # empty salt
        {"kdf_n": 2**30},  # absurd cost
        {"check": "0" * 32},  # any bit changed
        {"wrapped": "zz"},  # not hex
    ],
)
def test_a_damaged_slot_is_isolated_and_never_counted(two: Path, damage: dict[str, object]) -> None:
    _edit_slot(two, "张三", **damage)
    before = file_hashes(two)
    for _ in range(5):
        with pytest.raises(StoreUnavailable, match="key slot of 张三 is damaged") as info:
            accounts.open_account(two, "张三", "reviewer-pass")
        assert not isinstance(info.value, WrongPassphrase)
    assert file_hashes(two) == before  # no failed sign-in recorded
    assert attempts.Attempts(two).failures("张三") == 0
    ctx = accounts.open_account(two, ADMIN, ADMIN_PASS)  # everyone else signs in
    ctx.close()
    # And the administrator's later writes keep the damaged entry as it was, not lose it.
    assert "张三" in keyslots.load(two).names()


def test_a_changed_store_id_is_damage_not_a_wrong_passphrase(two: Path) -> None:
    path = two / keyslots.SLOT_FILE
    data = json.loads(path.read_text("utf-8"))
    data["store_id"] = "00000000-0000-0000-0000-000000000000"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(StoreUnavailable, match="is damaged"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)
    assert attempts.Attempts(two).failures(ADMIN) == 0


def test_a_wrong_passphrase_is_still_a_wrong_passphrase_and_counted(two: Path) -> None:
    with pytest.raises(WrongPassphrase):
        accounts.open_account(two, "张三", "not-the-pass")
    assert attempts.Attempts(two).failures("张三") == 1


def test_a_weak_slot_is_refused_by_a_program_without_the_test_switch(two: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(crypto_default, "_fast_kdf_allowed", False)
    with pytest.raises(StoreUnavailable, match="weaker than allowed"):
        accounts.open_account(two, "张三", "reviewer-pass")
    assert attempts.Attempts(two).failures("张三") == 0


def test_the_fast_kdf_variable_alone_does_not_weaken_an_installed_program(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # no test-only module
    env.update({"HUISHEN_INSECURE_FAST_KDF": "1", "HUISHEN_NEW_PASSPHRASE": "admin-pass-1", "HUISHEN_LANG": "en"})
    from tests.conftest import ROOT

    r = subprocess.run(
        [os.sys.executable, str(ROOT / "main.py"), "--store", str(tmp_path / "s"), "init", "--admin", ADMIN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    slot = json.loads((tmp_path / "s" / keyslots.SLOT_FILE).read_text("utf-8"))["slots"][ADMIN]
    assert slot["kdf"]["n"] >= crypto_default.SCRYPT_COST["n"]


def test_keyslots_as_a_fifo_or_deep_json_is_refused_without_hanging(two: Path) -> None:
    path = two / keyslots.SLOT_FILE
    saved = path.read_bytes()
    path.unlink()
    os.mkfifo(path)
    start = time.monotonic()
    with pytest.raises(Refused, match="not a regular file"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)
    assert time.monotonic() - start < 5
    path.unlink()
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(StoreUnavailable, match="key-slot file .* is damaged"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)
    path.write_bytes(saved)


@pytest.mark.parametrize(
    "content", [b"not json", b"[1,2]", b'{"\\u7ba1\\u7406\\u5458": 5}', b'{"\\u7ba1\\u7406\\u5458": {"failures": "x"}}']
)
def test_a_damaged_attempts_file_has_its_own_message(two: Path, content: bytes) -> None:
    (two / attempts.ATTEMPTS_FILE).write_bytes(content)
    before = file_hashes(two)
    with pytest.raises(StoreUnavailable, match="record of failed sign-ins .* is damaged"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)
    assert file_hashes(two) == before


def test_another_accounts_bad_attempts_entry_does_not_block_me(two: Path) -> None:
    (two / attempts.ATTEMPTS_FILE).write_text(json.dumps({"张三": "garbage"}), "utf-8")
    ctx = accounts.open_account(two, ADMIN, ADMIN_PASS)
    ctx.close()


def test_attempts_fifo_does_not_hang(two: Path) -> None:
    os.mkfifo(two / attempts.ATTEMPTS_FILE)
    with pytest.raises(StoreUnavailable, match="record of failed sign-ins"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)


def test_parallel_failures_are_all_counted(two: Path) -> None:
    threads = [threading.Thread(target=lambda: attempts.Attempts(two).record_failure("张三")) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert attempts.Attempts(two).failures("张三") == 8


def test_disk_full_while_writing_a_file_keeps_the_old_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "f"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(fsutil.FileError, match="disk is full"):
        fsutil.write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_a_locked_database_waits_then_says_busy(two: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = accounts.open_account(two, ADMIN, ADMIN_PASS)
    other = sqlcipher3.connect(str(two / store.DB_FILE), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\"")
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store, "BUSY_DEADLINE", 0.5)
    monkeypatch.setattr(store.begin_immediate, "__defaults__", (0.5,))
    try:
        with pytest.raises(store.StoreBusy, match="busy with another Huishen program"):
            accounts.add_account(ctx, "李四", ["reviewer"], None, "reviewer-pass")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "李四" not in keyslots.load(two).names()
    accounts.add_account(ctx, "李四", ["reviewer"], None, "reviewer-pass")  # and once free, it works
    ctx.close()


def test_a_lock_released_in_time_is_waited_for(two: Path) -> None:
    ctx = accounts.open_account(two, ADMIN, ADMIN_PASS)
    other = sqlcipher3.connect(str(two / store.DB_FILE), isolation_level=None, check_same_thread=False)
    other.execute(f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\"")
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(1.0, lambda: other.execute("ROLLBACK"))
    timer.start()
    accounts.add_account(ctx, "李四", ["reviewer"], None, "reviewer-pass")
    timer.join()
    other.close()
    ctx.close()


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """Make ``directory`` read-only with a bind mount (root may write anything otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("needs root for a read-only bind mount")
    r = subprocess.run(["mount", "--bind", str(directory), str(directory)], capture_output=True, check=False)
    if r.returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        r = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(directory)], capture_output=True, check=False, text=True
        )
        if r.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield
    finally:
        subprocess.run(["umount", str(directory)], check=False)


def test_a_read_only_store_says_read_only(two: Path) -> None:
    before = file_hashes(two)
    with read_only(two):
        r = run_cli("--store", str(two), "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": ADMIN_PASS})
        assert r.returncode == 2, r.stderr
        assert "read-only file system" in r.stderr and "does not belong" not in r.stderr
        r = run_cli("--store", str(two), "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": "wrong"})
        assert r.returncode == 2 and "read-only" in r.stderr
    assert file_hashes(two) == before


def test_permission_denied_on_the_database_is_named(two: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = store._connect_raw

    def denied(*_a: object, **_k: object) -> None:
        raise sqlcipher3.OperationalError("unable to open database file")

    monkeypatch.setattr(store, "_connect_raw", denied)
    with pytest.raises(Refused, match="Permission denied"):
        accounts.open_account(two, ADMIN, ADMIN_PASS)
    monkeypatch.setattr(store, "_connect_raw", real)


def test_a_full_disk_after_the_command_is_a_warning_not_a_false_refusal(two: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = accounts.open_account(two, ADMIN, ADMIN_PASS)
    accounts.add_account(ctx, "李四", ["reviewer"], None, "reviewer-pass")  # done and committed
    monkeypatch.setattr(os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    accounts.remember_head(ctx)  # the anchor cannot be written: says so, raises nothing
    monkeypatch.undo()
    assert any("could not be kept in your key slot" in w and "disk is full" in w for w in ctx.warnings)
    ctx.close()
    accounts.open_account(two, "李四", "reviewer-pass").close()
