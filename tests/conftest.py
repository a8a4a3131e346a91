"""Shared fixtures.  Tests run headless, in English messages unless a test says otherwise,
with a cheap KDF (recorded in each slot) so the suite stays fast."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HUISHEN_INSECURE_FAST_KDF"] = "1"
# The switch takes effect only where test code allows it: here, and in CLI subprocesses through
# tests/fastkdf/sitecustomize.py (an installed program has neither).
_FASTKDF_DIR = str(Path(__file__).resolve().parent / "fastkdf")
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_FASTKDF_DIR, os.environ.get("PYTHONPATH")) if p)
os.environ["HUISHEN_LANG"] = "en"
for _var in ("HUISHEN_PASSPHRASE", "HUISHEN_NEW_PASSPHRASE", "HUISHEN_USER", "HUISHEN_STORE"):
    os.environ.pop(_var, None)

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

# One QApplication for the whole run, made before any code installs translators on a bare QCoreApplication.
_QAPP = QApplication.instance() or QApplication([])

from app import accounts  # noqa: E402
from app.crypto.default import allow_fast_kdf_for_tests  # noqa: E402

allow_fast_kdf_for_tests()
from app.context import AccountContext  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ADMIN = "管理员"
ADMIN_PASS = "admin-pass-1"


def file_hashes(directory: Path) -> dict[str, str]:
    """SHA-256 of every file in ``directory`` (to prove a refusal changed nothing)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def admin(store_dir: Path) -> Iterator[AccountContext]:
    ctx = accounts.init_store(store_dir, ADMIN, ADMIN_PASS)
    yield ctx
    ctx.close()


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a separate process, as a clerk's script would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
        check=False,
    )


def run_cli_in_process(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``main.main(ARGS)`` in this process, as :func:`run_cli` runs it in its own (same parsing, same exit
    statuses, output captured), without the ~1 s of a Python start and imports per command."""
    import contextlib
    import io

    import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    saved_stdin = sys.stdin
    os.environ.update(env or {})
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main.main(list(args))
            except SystemExit as exc:  # argparse's usage errors and --help
                status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    finally:
        sys.stdin = saved_stdin
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return subprocess.CompletedProcess(["main.main", *args], status, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def cast_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cast's store, made once per run (~1.3 s: a store, twelve accounts, grants, a key batch)."""
    from tests.cast import make_cast

    directory = tmp_path_factory.mktemp("cast-template") / "cast-store"
    make_cast(directory).close()
    return directory


@pytest.fixture
def cast(tmp_path: Path, cast_template: Path) -> Iterator[Any]:
    """A fresh copy of the cast's store for each test (its files as make_cast leaves them)."""
    import shutil

    from tests.cast import Cast

    directory = tmp_path / "cast-store"
    shutil.copytree(cast_template, directory)
    c = Cast(directory)
    yield c
    c.close()


@pytest.fixture
def legacy_cast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A cast whose log an older version could have written: no identity replaced at the first passphrase
    change (the tests strip what older versions did not sign and re-sign the log with each account's key)."""
    from app import account_passwd
    from tests.cast import make_cast

    monkeypatch.setattr(account_passwd, "_replaces_keys", lambda record: False)
    c = make_cast(tmp_path / "cast-store")
    monkeypatch.undo()
    yield c
    c.close()
