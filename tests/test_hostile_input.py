"""Hostile input through the real command line: refused clearly (exit 2), nothing changed, never exit 3 or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, file_hashes, run_cli

ADMIN = "管理员"
A_PASS = {"HUISHEN_PASSPHRASE": "admin-pass-1"}


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("hostile") / "store"
    r = run_cli("--store", str(store), "init", "--admin", ADMIN, env={"HUISHEN_NEW_PASSPHRASE": "admin-pass-1"})
    assert r.returncode == 0, r.stderr
    return store


def _refused(r: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Internal error" not in r.stderr
    for needle in needles:
        assert needle in r.stderr, r.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["session", "show", str(2**63)],
        ["session", "show", str(-(2**64))],
        ["opinion", "draft", "1", "--position", "²=同意"],
        ["opinion", "draft", "1", "--position", "99999999999999999999999=同意"],
        ["audit", "list", "--since", "0001-01-01"],
        ["audit", "list", "--since", "9999-12-31T23:59:59"],
    ],
)
def test_out_of_range_arguments_are_usage_errors(cli_store: Path, argv: list[str]) -> None:
    before = file_hashes(cli_store)
    r = run_cli("--store", str(cli_store), "--user", ADMIN, *argv, env=A_PASS)
    _refused(r)
    assert file_hashes(cli_store) == before


def test_invalid_utf8_argument_is_refused(cli_store: Path) -> None:
    before = file_hashes(cli_store)
    env = dict(os.environ, **A_PASS)
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--store", str(cli_store), "--user", ADMIN, "user", "add", b"\xff\xfe"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert r.returncode == 2 and b"not valid UTF-8" in r.stderr and b"Traceback" not in r.stderr
    assert file_hashes(cli_store) == before


@pytest.mark.parametrize("target", ["huishen.db", "keyslots.json", "."])
def test_export_never_writes_into_the_store(cli_store: Path, target: str) -> None:
    before = file_hashes(cli_store)
    out = cli_store / target
    r = run_cli("--store", str(cli_store), "--user", ADMIN, "dossier", "export", "1", "--out", str(out), "--force")
    _refused(r, "inside the store directory")
    assert file_hashes(cli_store) == before


def test_export_never_writes_onto_a_device_a_directory_or_a_fifo(cli_store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for out, needle in (("/dev/null", "not a regular file"), (str(tmp_path), "is a directory"), (str(fifo), "pipe")):
        r = run_cli("--store", str(cli_store), "--user", ADMIN, "dossier", "export", "1", "--out", out, "--force")
        _refused(r, needle)
    assert Path("/dev/null").is_char_device()


def test_export_through_a_symlink_into_the_store_is_refused(cli_store: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.pdf"
    link.symlink_to(cli_store / "huishen.db")
    before = file_hashes(cli_store)
    r = run_cli("--store", str(cli_store), "--user", ADMIN, "dossier", "export", "1", "--out", str(link), "--force")
    _refused(r, "inside the store directory")
    assert file_hashes(cli_store) == before


def test_verify_of_a_fifo_or_a_device_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        r = run_cli("dossier", "verify", path, "--no-store")
        _refused(r, "not a regular file")


def test_passphrase_file_that_is_a_fifo_is_refused(cli_store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    env = {k: v for k, v in os.environ.items() if k != "HUISHEN_PASSPHRASE"}
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--store", str(cli_store), "--user", ADMIN]
        + ["--passphrase-file", str(fifo), "whoami"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    _refused(r, "not a regular file")


def test_a_closed_stdout_is_not_an_internal_error(cli_store: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = dict(os.environ, **A_PASS)
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--store", str(cli_store), "--user", ADMIN, "--json", "whoami"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(write_end)
    assert r.returncode == 2 and b"Internal error" not in r.stderr and b"Traceback" not in r.stderr


def test_a_nul_in_an_argument_is_a_usage_error_found_by_the_fuzzer(cli_store: Path) -> None:
    """Found by 'make fuzz': a NUL made os.open raise ValueError, which escaped as a bug."""
    from tests.suites.fuzz import run_cli_in_process

    assert run_cli_in_process(["--store", str(cli_store), "dossier", "verify", "\x00"]) == 2
    assert run_cli_in_process(["--store", str(cli_store), "--user", ADMIN, "whoami", "--passphrase-file", "a\x00"]) == 2
