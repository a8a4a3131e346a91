"""What the suites share: a demo store made once, the CLI as a subprocess, in-process checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from app import demo

ROOT = Path(__file__).resolve().parents[2]
FASTKDF = str(ROOT / "tests" / "fastkdf")
PASS = demo.PASSPHRASE
ADMIN = "管理员"
AUDITOR = "审计员"


def suite_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI child: English messages, the test-only cheap KDF, no stray secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUISHEN_")}
    env.update(
        {
            "HUISHEN_INSECURE_FAST_KDF": "1",
            "HUISHEN_LANG": "en",
            "PYTHONPATH": os.pathsep.join(p for p in (FASTKDF, os.environ.get("PYTHONPATH")) if p),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    env.update(extra)
    return env


def allow_fast_kdf() -> None:
    """This process (a suite, test-only code) may use and accept the cheap test KDF."""
    os.environ["HUISHEN_INSECURE_FAST_KDF"] = "1"
    from app.crypto.default import allow_fast_kdf_for_tests

    allow_fast_kdf_for_tests()


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env or suite_env(),
        timeout=timeout,
        check=False,
    )


def popen(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def demo_store(directory: Path) -> Path:
    """A demo store (every session state, every role; passphrase ``PASS``)."""
    r = cli("--store", str(directory), "demo")
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return directory


def copy_store(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target
