"""Multi-file changes (slot + database) killed half-way, failing half-way, or racing: never an account
without keys, never an unrecorded passphrase, never a silently undone change."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app import accounts, audit, keyslots
from app.context import AccountContext
from app.errors import HuishenError, Refused, UnknownAccount, WrongPassphrase
from tests.conftest import ADMIN, ADMIN_PASS, ROOT, file_hashes

# A child process that makes one change and dies (os._exit, like SIGKILL: no cleanup) at a chosen point.
_CHILD = """
import os, sys
from app import accounts, audit, keyslots
store, op, when = sys.argv[1], sys.argv[2], sys.argv[3]
ctx = accounts.open_account(__import__("pathlib").Path(store), {admin!r}, {password!r})
if when == "before-commit":
    real = audit.append
    def dying(*a, **k):
        os._exit(9)
    audit.append = dying
else:
    real_put = keyslots.put
    calls = []
    def put(directory, slot):
        calls.append(slot)
        if len(calls) == 2:  # the second write clears the pending record: die just before it
            os._exit(9)
        return real_put(directory, slot)
    keyslots.put = put
if op == "add":
    accounts.add_account(ctx, "张三", ["reviewer"], None, "reviewer-pass")
elif op == "passwd":
    accounts.change_passphrase(ctx, "new-admin-pass")
else:
    accounts.reissue_slot(ctx, "张三", "reissued-pass")
os._exit(0)
"""


def _die_during(directory: Path, op: str, when: str) -> None:
    code = _CHILD.format(admin=ADMIN, password=ADMIN_PASS if op != "reissue-new" else ADMIN_PASS)
    r = subprocess.run(
        [sys.executable, "-c", code, str(directory), op, when],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == 9, r.stderr


def _closed(admin: AccountContext) -> Path:
    directory = admin.store.directory
    admin.close()
    return directory


def test_add_killed_before_commit_is_undone_and_can_be_repeated(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "add", "before-commit")
    assert keyslots.load(directory).get("张三").pending is not None  # the slot was written first
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert any("creation of account 张三 was interrupted" in w and "undone" in w for w in ctx.warnings)
    with pytest.raises(UnknownAccount):
        keyslots.load(directory).get("张三")
    accounts.add_account(ctx, "张三", ["reviewer"], None, "reviewer-pass")  # not "already exists"
    ctx.close()
    ctx = accounts.open_account(directory, "张三", "reviewer-pass")
    # Signed in; the reviewer role itself waits for the security officer (三员分立).
    assert ctx.registry.account("张三").requested == {"reviewer"}  # type: ignore[union-attr]
    assert not [w for w in ctx.warnings if "security officer" not in w]
    ctx.close()


def test_add_killed_after_commit_is_completed_and_signs_in(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "add", "after-commit")
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert any("张三" in w and "was completed" in w for w in ctx.warnings)
    ctx.close()
    assert keyslots.load(directory).get("张三").pending is None
    ctx = accounts.open_account(directory, "张三", "reviewer-pass")
    assert ctx.registry.account("张三").requested == {"reviewer"}  # type: ignore[union-attr]
    ctx.close()


def test_the_new_account_itself_finishes_its_interrupted_creation(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "add", "after-commit")
    ctx = accounts.open_account(directory, "张三", "reviewer-pass")
    assert any("was completed" in w for w in ctx.warnings)
    ctx.close()


def test_passwd_killed_before_its_audit_entry_is_rolled_back(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "passwd", "before-commit")
    # The new passphrase opens the written slot once; the unlock finds no audit entry and rolls back.
    ctx = accounts.open_account(directory, ADMIN, "new-admin-pass")
    assert any("previous slot (and passphrase) is back" in w for w in ctx.warnings)
    ctx.close()
    with pytest.raises(WrongPassphrase):
        keyslots.load(directory).unlock(ADMIN, "new-admin-pass")
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert not ctx.warnings
    ctx.close()


def test_passwd_killed_before_its_audit_entry_old_passphrase_still_opens(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "passwd", "before-commit")
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert any("is back" in w for w in ctx.warnings)
    ctx.close()


def test_passwd_killed_after_its_audit_entry_is_kept(admin: AccountContext) -> None:
    directory = _closed(admin)
    _die_during(directory, "passwd", "after-commit")
    ctx = accounts.open_account(directory, ADMIN, "new-admin-pass")
    assert any("was completed" in w for w in ctx.warnings)
    ctx.close()
    with pytest.raises(WrongPassphrase):
        keyslots.load(directory).unlock(ADMIN, ADMIN_PASS)


def test_reissue_killed_before_commit_keeps_the_old_slot(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    directory = _closed(admin)
    _die_during(directory, "reissue", "before-commit")
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert any("张三" in w and "is back" in w for w in ctx.warnings)
    ctx.close()
    ctx = accounts.open_account(directory, "张三", "reviewer-pass")
    ctx.close()


def test_reissue_killed_after_commit_opens_with_the_new_passphrase(admin: AccountContext) -> None:
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    directory = _closed(admin)
    _die_during(directory, "reissue", "after-commit")
    ctx = accounts.open_account(directory, "张三", "reissued-pass")
    assert any("was completed" in w for w in ctx.warnings)
    ctx.close()


def _disk_full(*_a: object, **_k: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_add_on_a_full_disk_leaves_no_account_and_no_slot(admin: AccountContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    directory = admin.store.directory
    before = file_hashes(directory)
    import sqlcipher3
    from sqlalchemy.exc import OperationalError

    def full(*_a: object, **_k: object) -> None:
        raise OperationalError("INSERT", {}, sqlcipher3.OperationalError("database or disk is full"))

    monkeypatch.setattr(audit, "append", full)
    with pytest.raises(Refused, match="disk is full"):
        accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")
    monkeypatch.undo()
    after = file_hashes(directory)
    assert after["keyslots.json"] == before["keyslots.json"]
    accounts.add_account(admin, "张三", ["reviewer"], None, "reviewer-pass")


def test_passwd_when_the_slot_cannot_be_written_changes_nothing(admin: AccountContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    directory = admin.store.directory
    before = file_hashes(directory)
    monkeypatch.setattr(os, "fsync", _disk_full)
    with pytest.raises(Refused, match="disk is full"):
        accounts.change_passphrase(admin, "new-admin-pass")
    monkeypatch.undo()
    admin.close()
    assert file_hashes(directory)["keyslots.json"] == before["keyslots.json"]
    ctx = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    assert not ctx.warnings
    ctx.close()


def test_passwd_whose_audit_entry_fails_restores_the_old_passphrase(admin: AccountContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fail(*_a: object, **_k: object) -> None:
        raise Refused("the audit append failed")

    monkeypatch.setattr(audit, "append", fail)
    with pytest.raises(Refused):
        accounts.change_passphrase(admin, "new-admin-pass")
    monkeypatch.undo()
    directory = _closed(admin)
    keyslots.load(directory).unlock(ADMIN, ADMIN_PASS)
    with pytest.raises(WrongPassphrase):
        keyslots.load(directory).unlock(ADMIN, "new-admin-pass")


def test_a_stale_passwd_is_refused_not_silently_undoing_another(admin: AccountContext) -> None:
    directory = admin.store.directory
    other = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    accounts.change_passphrase(other, "first-new-pass")
    other.close()
    with pytest.raises(Refused, match="changed by another program"):
        accounts.change_passphrase(admin, "second-new-pass")
    keyslots.load(directory).unlock(ADMIN, "first-new-pass")


def test_parallel_adds_from_two_threads_keep_both_slots(admin: AccountContext) -> None:
    directory = admin.store.directory
    other = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    errors: list[BaseException] = []

    def add(ctx: AccountContext, name: str) -> None:
        try:
            accounts.add_account(ctx, name, ["reviewer"], None, "reviewer-pass")
        except HuishenError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(c, n)) for c, n in ((admin, "甲"), (other, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert not errors
    names = keyslots.load(directory).names()
    assert {"甲", "乙", ADMIN} <= set(names)
    data = json.loads((directory / "keyslots.json").read_text("utf-8"))
    assert all("pending" not in slot for slot in data["slots"].values())


def test_a_stale_copy_never_removes_an_account_added_meanwhile(admin: AccountContext) -> None:
    """Issue 8: the window wrote its stale copy of keyslots.json and an account added by the CLI vanished."""
    directory = admin.store.directory
    stale = admin.store.slots  # what this program read at sign-in
    cli = accounts.open_account(directory, ADMIN, ADMIN_PASS)
    accounts.add_account(cli, "张三", ["reviewer"], None, "reviewer-pass")
    cli.close()
    assert "张三" not in stale.slots
    accounts.change_passphrase(admin, "new-admin-pass")  # writes from the program with the stale copy
    accounts.remember_head(admin)
    admin.close()
    accounts.open_account(directory, "张三", "reviewer-pass").close()
    accounts.open_account(directory, ADMIN, "new-admin-pass").close()


def test_a_slot_re_wrapped_at_a_trivial_cost_is_refused_and_not_counted(admin: AccountContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 8: a user could re-wrap their own slot at n=2; the program now refuses such a slot when reading it."""
    from dataclasses import replace

    from app.crypto import KdfParams, provider

    directory = admin.store.directory
    slots = keyslots.load(directory)
    secrets = slots.unlock(ADMIN, ADMIN_PASS)
    crypto = provider()
    params = KdfParams("scrypt", os.urandom(16), {"n": 2, "r": 1, "p": 1})
    wrapped = crypto.wrap(crypto.derive("weak-pass-1", params), secrets.db_key + secrets.account_key, slots.aad(ADMIN))
    keyslots.put(directory, replace(slots.get(ADMIN), kdf=params, wrapped=wrapped))
    admin.close()
    with pytest.raises(Refused, match="weaker than allowed"):
        accounts.open_account(directory, ADMIN, "weak-pass-1")
    from app.attempts import Attempts

    assert Attempts(directory).failures(ADMIN) == 0
