"""Disk-full sweep: every writing command on a store whose file system has N KB left, for a range of N.

    python -m tests.suites.diskfull [--max-kb 512] [--step-kb 16]

Needs root (a small tmpfs is mounted for the store).  Each run must end in
exit 0, or exit 2 saying the disk is full (never "Internal error", never
"does not belong"); after freeing the space the store opens, audit verify is
ok, and an acknowledged change is present.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tests.suites.common import ADMIN, AUDITOR, PASS, allow_fast_kdf, copy_store, demo_store, popen, suite_env
from tests.suites.crash import REASONING


@contextlib.contextmanager
def tmpfs(path: Path, size_kb: int) -> Iterator[None]:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _fill(directory: Path, leave_kb: int) -> Path:
    filler = directory / "filler"
    info = os.statvfs(directory)
    free = info.f_bavail * info.f_frsize
    size = max(0, free - leave_kb * 1024)
    with filler.open("wb") as handle:
        with contextlib.suppress(OSError):
            handle.write(b"\0" * size)
    return filler


def run(max_kb: int, step_kb: int) -> int:
    allow_fast_kdf()
    from app import accounts, auditlog

    figures: Counter[str] = Counter()
    wrong: list[str] = []
    with tempfile.TemporaryDirectory(prefix="huishen-full-") as tmp:
        base = demo_store(Path(tmp) / "base")
        size_kb = sum(p.stat().st_size for p in base.iterdir()) // 1024 + max_kb + 2048
        mount = Path(tmp) / "mnt"
        commands = [
            ("user add", ADMIN, ["user", "add", "新人", "--role", "reviewer"], "account.add"),
            ("user passwd", "孙记录", ["user", "passwd"], "account.passwd"),
            (
                "opinion seal",
                "吴二",
                ["opinion", "seal", "4", "--position", "初步核实", "--reasoning", REASONING, "--no-conflict"],
                "opinion.seal",
            ),
            ("backup", ADMIN, ["backup", "--out", str(mount / "b.zip")], "backup.create"),
        ]
        for leave in range(0, max_kb + 1, step_kb):
            for name, user, argv, action in commands:
                with tmpfs(mount, size_kb):
                    store = copy_store(base, mount / "store")
                    filler = _fill(mount, leave)
                    env = suite_env(HUISHEN_PASSPHRASE=PASS, HUISHEN_NEW_PASSPHRASE="changed-pass-1")
                    proc = popen("--store", str(store), "--user", user, *argv, env=env)
                    _out, err = proc.communicate(timeout=300)
                    label = f"{name} with {leave} KB free"
                    if proc.returncode == 0:
                        figures["ok"] += 1
                    elif proc.returncode == 2 and "disk is full" in err:
                        figures["disk full, said so"] += 1
                    else:
                        wrong.append(f"{label}: exit {proc.returncode}: {err.strip()[:160]}")
                    filler.unlink()
                    try:
                        probe = user if name != "user passwd" else ADMIN
                        accounts.open_account(store, probe, PASS).close()
                        auditor = accounts.open_account(store, AUDITOR, PASS)
                        try:
                            if not auditlog.verify_chain(auditor).ok:
                                wrong.append(f"{label}: audit verify fails afterwards")
                            acts = {(e["actor"], e["action"]) for e in auditlog.list_entries(auditor)}
                        finally:
                            auditor.close()
                        if proc.returncode == 0 and (user, action) not in acts:
                            wrong.append(f"{label}: acknowledged but not in the log")
                        if name == "user add" and proc.returncode == 0:
                            accounts.open_account(store, "新人", "changed-pass-1").close()
                        if name == "user passwd":
                            accounts.open_account(
                                store, user, "changed-pass-1" if proc.returncode == 0 else PASS
                            ).close()
                    except Exception as exc:  # noqa: BLE001 - any failure here is a finding
                        wrong.append(f"{label}: afterwards: {type(exc).__name__}: {getattr(exc, 'message', exc)}")
    runs = sum(figures.values()) + len(wrong)
    print(f"disk-full sweep: {runs} runs (0 to {max_kb} KB free, step {step_kb}); {dict(figures)}; wrong: {len(wrong)}")
    for line in wrong:
        print(f"  WRONG {line}")
    return 0 if not wrong else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-kb", type=int, default=512)
    parser.add_argument("--step-kb", type=int, default=16)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("disk-full sweep: needs root (mounts a small tmpfs); skipped")
        return 0
    return run(args.max_kb, args.step_kb)


if __name__ == "__main__":
    sys.exit(main())
