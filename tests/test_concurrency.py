"""Parallel CLI writers against one store (account adds, passphrase changes, seals, backups at once):
no lost update, no exit 3; each prints what it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.suites.common import PASS, demo_store, popen, suite_env
from tests.suites.crash import REASONING


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_store(tmp_path_factory.mktemp("concurrency") / "demo")


def test_parallel_writers_lose_nothing(demo: Path, tmp_path: Path) -> None:
    from app import accounts, auditlog
    from tests.suites.common import allow_fast_kdf

    allow_fast_kdf()
    s = str(demo)
    jobs = []
    for i in range(4):
        jobs.append(
            ("add", f"并发{i}", ["--user", "管理员", "user", "add", f"并发{i}", "--role", "reviewer"], f"pass-{i}-xyz")
        )
    for name in ("孙记录", "保密员"):
        jobs.append(("passwd", name, ["--user", name, "user", "passwd"], f"new-{name}-pass"))
    for name in ("吴二", "郑三"):
        argv = ["--user", name, "opinion", "seal", "4", "--position", "初步核实", "--reasoning", REASONING]
        jobs.append(("seal", name, [*argv, "--no-conflict"], ""))
    jobs.append(("backup", "管理员", ["--user", "管理员", "backup", "--out", str(tmp_path / "b.zip")], ""))
    procs = [
        popen("--store", s, *argv, env=suite_env(HUISHEN_PASSPHRASE=PASS, HUISHEN_NEW_PASSPHRASE=new))
        for _kind, _name, argv, new in jobs
    ]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    statuses = [code for code, _err in results]
    print(f"concurrency: {len(jobs)} parallel writers, exit statuses {statuses}")
    assert 3 not in statuses, results
    assert statuses == [0] * len(jobs), results
    for kind, name, _argv, new in jobs:
        if kind in ("add", "passwd"):
            accounts.open_account(demo, name, new).close()  # every acknowledged change is there
    auditor = accounts.open_account(demo, "审计员", PASS)
    try:
        assert auditlog.verify_chain(auditor).ok
        actions = [(e["actor"], e["action"]) for e in auditlog.list_entries(auditor)]
    finally:
        auditor.close()
    for kind, name, _argv, _new in jobs:
        expected = {
            "add": ("管理员", "account.add"),
            "passwd": (name, "account.passwd"),
            "seal": (name, "opinion.seal"),
        }
        if kind in expected:
            assert expected[kind] in actions
    assert actions.count(("管理员", "account.add")) >= 4
