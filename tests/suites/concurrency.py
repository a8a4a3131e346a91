"""Concurrency suite: rounds of parallel CLI writers against one store; no lost update, no exit 3.

    python -m tests.suites.concurrency --rounds 10

Each round, on a fresh copy of a demo store, starts at once: four account
additions, three passphrase changes, two seals of the same session and a
backup.  Afterwards every acknowledged change must be there (accounts sign in
with their passphrases, entries in the verified log).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.suites.common import PASS, allow_fast_kdf, copy_store, demo_store, popen, suite_env
from tests.suites.crash import REASONING

Job = tuple[str, str, list[str], str]


def jobs(out_dir: Path, tag: str) -> list[Job]:
    made: list[Job] = []
    for i in range(4):
        argv = ["--user", "管理员", "user", "add", f"并发{tag}{i}", "--role", "reviewer"]
        made.append(("add", f"并发{tag}{i}", argv, f"pass-{i}-xyz"))
    for name in ("孙记录", "保密员", "赵监督"):
        made.append(("passwd", name, ["--user", name, "user", "passwd"], f"new-{i}-harbor-pass"))
    for name in ("吴二", "郑三"):
        argv = ["--user", name, "opinion", "seal", "4", "--position", "初步核实", "--reasoning", REASONING]
        made.append(("seal", name, [*argv, "--no-conflict"], ""))
    made.append(("backup", "管理员", ["--user", "管理员", "backup", "--out", str(out_dir / f"b{tag}.zip")], ""))
    return made


def one_round(store: Path, out_dir: Path, tag: str) -> tuple[list[int], list[str]]:
    """Run the writers at once; returns their exit statuses and every problem found afterwards."""
    from app import accounts, auditlog
    from app.errors import HuishenError

    todo = jobs(out_dir, tag)
    procs = [
        popen("--store", str(store), *argv, env=suite_env(HUISHEN_PASSPHRASE=PASS, HUISHEN_NEW_PASSPHRASE=new))
        for _kind, _name, argv, new in todo
    ]
    results = [(p.wait(timeout=600), p.communicate()[1]) for p in procs]
    problems = [
        f"{kind} {name}: exit {code}: {err.strip()[:200]}"
        for (kind, name, _a, _n), (code, err) in zip(todo, results, strict=True)
        if code != 0
    ]
    for (kind, name, _argv, new), (code, _err) in zip(todo, results, strict=True):
        if kind in ("add", "passwd") and code == 0:
            try:
                accounts.open_account(store, name, new).close()
            except HuishenError as exc:
                problems.append(f"{kind} {name} acknowledged but lost: {exc.message}")
    auditor = accounts.open_account(store, "审计员", PASS)
    try:
        if not auditlog.verify_chain(auditor).ok:
            problems.append("audit verify fails")
        actions = [(e["actor"], e["action"]) for e in auditlog.list_entries(auditor)]
    finally:
        auditor.close()
    expected = {"passwd": "account.passwd", "seal": "opinion.seal", "backup": "backup.create"}
    for (kind, name, _argv, _new), (code, _err) in zip(todo, results, strict=True):
        if code == 0 and kind in expected and (name, expected[kind]) not in actions:
            problems.append(f"{kind} {name} acknowledged but not in the log")
    return [code for code, _err in results], problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    allow_fast_kdf()
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="huishen-conc-") as tmp:
        base = demo_store(Path(tmp) / "base")
        for r in range(args.rounds):
            store = copy_store(base, Path(tmp) / "store")
            codes, found = one_round(store, Path(tmp), str(r))
            statuses.update(codes)
            problems += [f"round {r}: {p}" for p in found]
    writers = sum(statuses.values())
    print(
        f"concurrency: {args.rounds} rounds, {writers} parallel writers; exit statuses {dict(sorted(statuses.items()))}; "
        f"exit 3: {statuses[3]}; lost or wrong: {len(problems)}"
    )
    for p in problems:
        print(f"  PROBLEM {p}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
