"""The command line as a clerk's script uses it: a separate process, exit statuses, --json.

Each store is made by a separate process (``cli_store``); the longer scripts then run ``main.main`` in process
(the same parsing and exit statuses, without a Python start per command)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import file_hashes, run_cli, run_cli_in_process

ADMIN = "管理员"
A_PASS = {"HUISHEN_PASSPHRASE": "admin-pass-1"}


@pytest.fixture
def cli_store(tmp_path: Path) -> Path:
    store = tmp_path / "demo-store"
    r = run_cli("--store", str(store), "init", "--admin", ADMIN, env={"HUISHEN_NEW_PASSPHRASE": "admin-pass-1"})
    assert r.returncode == 0, r.stderr
    return store


def test_init_whoami_user_add_audit_verify(cli_store: Path, tmp_path: Path) -> None:
    s = str(cli_store)
    r = run_cli_in_process("--store", s, "--user", ADMIN, "--json", "whoami", env=A_PASS)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["account"] == ADMIN and info["roles"] == ["administrator"]
    assert len(info["fingerprint"].split()) == 6

    r = run_cli_in_process(
        "--store",
        s,
        "--user",
        ADMIN,
        "user",
        "add",
        "审计员",
        "--role",
        "auditor",
        env={**A_PASS, "HUISHEN_NEW_PASSPHRASE": "auditor-pass-1"},
    )
    assert r.returncode == 0, r.stderr
    # passphrase from a file, options after the command
    pfile = tmp_path / "p.txt"
    pfile.write_text("auditor-pass-1\n", "utf-8")
    r = run_cli_in_process("audit", "verify", "--store", s, "--user", "审计员", "--passphrase-file", str(pfile))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok: 2 entries"
    r = run_cli_in_process(
        "--store",
        s,
        "--user",
        "审计员",
        "--json",
        "audit",
        "list",
        env={"HUISHEN_PASSPHRASE": "auditor-pass-1"},
    )
    entries = json.loads(r.stdout)
    assert [(e["seq"], e["action"], e["actor"]) for e in entries] == [
        (1, "store.init", ADMIN),
        (2, "account.add", ADMIN),
    ]
    assert entries[1]["details"]["roles"] == ["auditor"]
    # a page back by key: the entries before a sequence number, newest last, at most --limit of them
    env = {"HUISHEN_PASSPHRASE": "auditor-pass-1"}
    r = run_cli_in_process(
        "--store", s, "--user", "审计员", "--json", "audit", "list", "--before", "3", "--limit", "1", env=env
    )
    assert r.returncode == 0, r.stderr
    assert [e["seq"] for e in json.loads(r.stdout)] == [2]
    r = run_cli_in_process("--store", s, "--user", "审计员", "--json", "audit", "list", "--before", "2", env=env)
    assert [e["seq"] for e in json.loads(r.stdout)] == [1]


def test_chinese_messages_by_default(cli_store: Path) -> None:
    r = run_cli(
        "--store",
        str(cli_store),
        "--user",
        ADMIN,
        "whoami",
        env={"HUISHEN_PASSPHRASE": "wrong-pass", "HUISHEN_LANG": ""},
    )
    assert r.returncode == 2
    assert "口令错误" in r.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--user", ADMIN, "whoami"], {"HUISHEN_PASSPHRASE": "wrong-pass"}),
        (["--user", "nobody", "whoami"], A_PASS),
        (
            ["--user", ADMIN, "user", "add", "x", "--role", "emperor"],
            {**A_PASS, "HUISHEN_NEW_PASSPHRASE": "pppppppp1"},
        ),
        (
            ["--user", ADMIN, "user", "add", "x", "--role", "reviewer"],
            {**A_PASS, "HUISHEN_NEW_PASSPHRASE": "short"},
        ),
        (["--user", ADMIN, "audit", "list"], A_PASS),
        (["--user", ADMIN, "audit", "list", "--since", "yesterday"], A_PASS),
        (["--user", ADMIN, "no-such-command"], A_PASS),
        (["--user", ADMIN, "whoami"], {}),
        (["init", "--admin", "又一个"], {"HUISHEN_NEW_PASSPHRASE": "admin-pass-2"}),
    ],
)
def test_refusals_exit_2_and_change_nothing(cli_store: Path, args: list[str], env: dict[str, str]) -> None:
    before = file_hashes(cli_store)
    r = run_cli("--store", str(cli_store), *args, env=env, stdin="")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert r.stderr.strip() and len(r.stderr.strip().splitlines()) <= 2
    after = file_hashes(cli_store)
    after.pop("attempts.json", None)
    assert after == before


@pytest.mark.parametrize("damage", ["plain", "truncated", "missing-slots"])
def test_damaged_store_exit_2(cli_store: Path, damage: str) -> None:
    db = cli_store / "huishen.db"
    if damage == "plain":
        db.unlink()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE x (y)")
        con.commit()
        con.close()
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1000])
    else:
        (cli_store / "keyslots.json").unlink()
    before = file_hashes(cli_store)
    r = run_cli("--store", str(cli_store), "--user", ADMIN, "--json", "whoami", env=A_PASS)
    assert r.returncode == 2
    assert json.loads(r.stdout)["status"] == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert file_hashes(cli_store) == before


def test_passwd_then_old_passphrase_fails(cli_store: Path) -> None:
    s = str(cli_store)
    r = run_cli(
        "--store",
        s,
        "--user",
        ADMIN,
        "user",
        "passwd",
        env={**A_PASS, "HUISHEN_NEW_PASSPHRASE": "new-admin-pass"},
    )
    assert r.returncode == 0, r.stderr
    assert run_cli("--store", s, "--user", ADMIN, "whoami", env=A_PASS).returncode == 2
    assert (
        run_cli("--store", s, "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": "new-admin-pass"}).returncode == 0
    )


def test_internal_error_hides_traceback_unless_debug(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import parse, run

    def buggy(_args: object, _out: object) -> int:
        raise RuntimeError("a bug")

    for debug in (False, True):
        args = parse(["whoami"] + (["--debug"] if debug else []))
        args.func = buggy
        assert run(args) == 3
        err = capsys.readouterr().err
        assert "Internal error (RuntimeError)" in err
        assert ("Traceback" in err) is debug


def test_attempts_file_as_a_directory_is_a_clear_refusal(cli_store: Path) -> None:
    (cli_store / "attempts.json").mkdir()
    before = file_hashes(cli_store)
    r = run_cli("--store", str(cli_store), "--user", ADMIN, "whoami", env={"HUISHEN_PASSPHRASE": "wrong-pass"})
    assert r.returncode == 2 and "record of failed sign-ins" in r.stderr and "Traceback" not in r.stderr
    assert file_hashes(cli_store) == before


def test_window_without_display_says_so(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--store", str(tmp_path / "s")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 2 and "No display" in r.stderr and "Traceback" not in r.stderr


def test_audit_verify_exits_1_naming_the_tampered_entry(cli_store: Path) -> None:
    from app import keyslots
    from tests.cast import raw_db

    s = str(cli_store)
    r = run_cli_in_process(
        "--store",
        s,
        "--user",
        ADMIN,
        "user",
        "add",
        "审计员",
        "--role",
        "auditor",
        env={**A_PASS, "HUISHEN_NEW_PASSPHRASE": "auditor-pass-1"},
    )
    assert r.returncode == 0
    for other in ("甲", "乙"):
        r = run_cli_in_process(
            "--store",
            s,
            "--user",
            ADMIN,
            "user",
            "add",
            other,
            "--role",
            "reviewer",
            env={**A_PASS, "HUISHEN_NEW_PASSPHRASE": "reviewer-pass-1"},
        )
        assert r.returncode == 0
    key = keyslots.load(cli_store).unlock(ADMIN, "admin-pass-1").db_key
    audit_env = {"HUISHEN_PASSPHRASE": "auditor-pass-1"}

    def tamper(sql: str) -> None:
        with raw_db(cli_store, key, drop_triggers=True) as conn:
            conn.execute(sql)

    tamper("""UPDATE audit_entries SET details = '{"roles":["administrator"]}' WHERE seq = 3""")
    r = run_cli_in_process("--store", s, "--user", "审计员", "--json", "audit", "verify", env=audit_env)
    assert r.returncode == 1 and json.loads(r.stdout)["broken_seq"] == 3
    tamper("DELETE FROM audit_entries WHERE seq = 2")
    r = run_cli_in_process("--store", s, "--user", "审计员", "audit", "verify", env=audit_env)
    assert r.returncode == 1 and "entry 2" in r.stdout


def test_user_disable_needs_a_reason_and_records_it(cli_store: Path) -> None:
    s = str(cli_store)
    add = {**A_PASS, "HUISHEN_NEW_PASSPHRASE": "auditor-pass-1"}
    assert (
        run_cli_in_process(
            "--store", s, "--user", ADMIN, "user", "add", "审计员", "--role", "auditor", env=add
        ).returncode
        == 0
    )
    before = file_hashes(cli_store)
    r = run_cli_in_process("--store", s, "--user", ADMIN, "user", "disable", "审计员", env=A_PASS)
    assert r.returncode == 2 and "--reason" in r.stderr
    r = run_cli_in_process("--store", s, "--user", ADMIN, "user", "disable", "审计员", "--reason", "  ", env=A_PASS)
    assert r.returncode == 2, r.stderr
    assert "原因" in r.stderr or "reason" in r.stderr
    assert file_hashes(cli_store) == before
    r = run_cli_in_process(
        "--store", s, "--user", ADMIN, "--json", "user", "disable", "审计员", "--reason", "调离", env=A_PASS
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"account": "审计员", "disabled": True, "reason": "调离"}
    r = run_cli_in_process("--store", s, "--user", "审计员", "whoami", env={"HUISHEN_PASSPHRASE": "auditor-pass-1"})
    assert r.returncode == 2
    r = run_cli_in_process("--store", s, "--user", ADMIN, "user", "enable", "审计员", env=A_PASS)
    assert r.returncode == 0, r.stderr
    r = run_cli_in_process(
        "--store", s, "--user", "审计员", "--json", "audit", "list", env={"HUISHEN_PASSPHRASE": "auditor-pass-1"}
    )
    entries = [e for e in json.loads(r.stdout) if e["object"] == "account:审计员"]
    assert [(e["action"], e["details"]) for e in entries[-2:]] == [
        ("account.disable", {"reason": "调离"}),
        ("account.enable", {}),
    ]
