"""Crash suite: SIGKILL every writing command at a random moment, then check nothing acknowledged was lost.

    python -m tests.suites.crash --kills 1000 [--seed N]

Each kill runs on a fresh copy of a demo store.  Afterwards: the store opens
(finishing or rolling back a half-done slot change), its integrity checks pass,
`audit verify` is ok, every change the command acknowledged (exit 0 before the
kill) is present, and every account that was acknowledged signs in.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.suites.common import ADMIN, AUDITOR, PASS, allow_fast_kdf, copy_store, demo_store, popen, suite_env

REASONING = "经审查，现有材料足以支持初步核实的处置意见，建议依规依纪开展初步核实工作。"


@dataclass
class Command:
    name: str
    user: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    actions: tuple[str, ...] = ()


def commands(workdir: Path, i: int) -> list[Command]:
    return [
        Command(
            "user add",
            ADMIN,
            ["user", "add", "新人", "--role", "reviewer"],
            {"HUISHEN_NEW_PASSPHRASE": "newcomer-pass"},
            ("account.add",),
        ),
        Command(
            "user passwd",
            "孙记录",
            ["user", "passwd"],
            {"HUISHEN_NEW_PASSPHRASE": "changed-pass-1"},
            ("account.passwd",),
        ),
        Command(
            "opinion seal",
            "吴二",
            ["opinion", "seal", "4", "--position", "初步核实", "--reasoning", REASONING, "--no-conflict"],
            {},
            ("opinion.seal",),
        ),
        Command("backup", ADMIN, ["backup", "--out", str(workdir / f"backup-{i}.zip")], {}, ("backup.create",)),
    ]


@dataclass
class Figures:
    kills: int = 0
    acknowledged: int = 0
    finished_before_kill: int = 0
    recovered_messages: int = 0
    losses: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    per_command: dict[str, int] = field(default_factory=dict)


def _check(store: Path, cmd: Command, acknowledged: bool, figures: Figures, label: str) -> None:
    from app import accounts, auditlog, backup
    from app.errors import HuishenError, UnknownAccount, WrongPassphrase

    try:
        admin = accounts.open_account(store, ADMIN, PASS)
    except HuishenError as exc:
        figures.damaged.append(f"{label}: the store does not open: {exc.message}")
        return
    try:
        figures.recovered_messages += sum("interrupted" in w for w in admin.warnings)
        problems = backup.check_store_integrity(store, admin.store.db_key)
        if problems:
            figures.damaged.append(f"{label}: integrity: {problems[:2]}")
    finally:
        admin.close()
    auditor = accounts.open_account(store, AUDITOR, PASS)
    try:
        report = auditlog.verify_chain(auditor)
        if not report.ok:
            figures.damaged.append(f"{label}: audit verify: {report.problem or report.problems[:2]}")
        actions = {(e["actor"], e["action"]) for e in auditlog.list_entries(auditor)}
    finally:
        auditor.close()
    if acknowledged:
        for action in cmd.actions:
            if (cmd.user, action) not in actions:
                figures.losses.append(f"{label}: acknowledged but no {action} by {cmd.user} in the log")
    if cmd.name == "user add":
        try:
            accounts.open_account(store, "新人", "newcomer-pass").close()
        except UnknownAccount:
            if acknowledged:
                figures.losses.append(f"{label}: acknowledged account cannot sign in")
        except HuishenError as exc:
            figures.damaged.append(f"{label}: new account half-made: {exc.message}")
    if cmd.name == "user passwd":
        opened = []
        for candidate in ("changed-pass-1", PASS):
            try:
                accounts.open_account(store, cmd.user, candidate).close()
                opened.append(candidate)
            except WrongPassphrase:
                pass
        if acknowledged and opened != ["changed-pass-1"]:
            figures.losses.append(f"{label}: acknowledged passphrase change lost ({opened})")
        if not opened:
            figures.damaged.append(f"{label}: neither passphrase opens")


def measure(base: Path, workdir: Path) -> dict[str, float]:
    """How long each command takes when left alone (and that it succeeds)."""
    durations = {}
    for cmd in commands(workdir, 0):
        store = copy_store(base, workdir / "measure")
        start = time.monotonic()
        proc = popen(
            "--store", str(store), "--user", cmd.user, *cmd.argv, env=suite_env(HUISHEN_PASSPHRASE=PASS, **cmd.env)
        )
        _out, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd.name} fails without a kill: {err}")
        durations[cmd.name] = time.monotonic() - start
    return durations


def run(kills: int, seed: int, quiet: bool = False) -> Figures:
    allow_fast_kdf()
    rng = random.Random(seed)
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="huishen-crash-") as tmp:
        workdir = Path(tmp)
        base = demo_store(workdir / "base")
        durations = measure(base, workdir)
        for i in range(kills):
            cmd = commands(workdir, i)[i % 4]
            store = copy_store(base, workdir / "store")
            proc = popen(
                "--store", str(store), "--user", cmd.user, *cmd.argv, env=suite_env(HUISHEN_PASSPHRASE=PASS, **cmd.env)
            )
            time.sleep(rng.uniform(0.05, durations[cmd.name] * 1.1))
            acknowledged = False
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.communicate()
            if proc.returncode == 0:
                acknowledged = True
                figures.finished_before_kill += 1
            elif proc.returncode not in (-signal.SIGKILL,):
                figures.damaged.append(f"kill {i} ({cmd.name}): exit {proc.returncode} before the kill")
            figures.kills += 1
            figures.acknowledged += acknowledged
            figures.per_command[cmd.name] = figures.per_command.get(cmd.name, 0) + 1
            _check(store, cmd, acknowledged, figures, f"kill {i} ({cmd.name})")
            if not quiet and (i + 1) % 25 == 0:
                print(f"  … {i + 1} kills, {len(figures.losses)} losses, {len(figures.damaged)} damaged", flush=True)
    return figures


def report(figures: Figures) -> str:
    lines = [
        f"crash-test: {figures.kills} SIGKILLs ({', '.join(f'{k}: {v}' for k, v in sorted(figures.per_command.items()))})",
        f"  acknowledged before the kill: {figures.acknowledged}; half-done changes finished/rolled back at next unlock: "
        f"{figures.recovered_messages}",
        f"  losses: {len(figures.losses)}; damaged or inconsistent stores: {len(figures.damaged)}",
    ]
    lines += [f"  LOSS {x}" for x in figures.losses] + [f"  DAMAGE {x}" for x in figures.damaged]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    print(f"crash-test: seed {args.seed}", flush=True)
    figures = run(args.kills, args.seed)
    print(report(figures))
    return 0 if not figures.losses and not figures.damaged else 1


if __name__ == "__main__":
    sys.exit(main())
