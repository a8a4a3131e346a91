"""Backup and restore through the real command line, and attacks on the backup file."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from app import demo
from app.canonical import canonical_json
from app.crypto import provider
from tests.conftest import file_hashes, run_cli

PASS = {"HUISHEN_PASSPHRASE": demo.PASSPHRASE}


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("backup")
    store = base / "demo"
    r = run_cli("--store", str(store), "demo")
    assert r.returncode == 0, r.stderr
    out = base / "demo.huishen-backup"
    r = run_cli("--store", str(store), "--user", "管理员", "backup", "--out", str(out), env=PASS)
    assert r.returncode == 0, r.stderr
    assert "verified" in r.stdout
    return store, out


def test_backup_destroy_restore_round_trips_with_audit_verify_ok(
    demo_backup: tuple[Path, Path], tmp_path: Path
) -> None:
    store, out = demo_backup
    original = tmp_path / "original"
    shutil.copytree(store, original)
    r = run_cli("--store", str(original), "--user", "审计员", "--json", "audit", "list", env=PASS)
    actions = [e["action"] for e in json.loads(r.stdout)]
    assert actions[-1] == "backup.create"  # the backup is in the log of the store it came from
    shutil.rmtree(original)  # destroyed
    r = run_cli("--store", str(original), "--user", "审计员", "restore", str(out), env=PASS)
    assert r.returncode == 0, r.stderr
    r = run_cli("--store", str(original), "--user", "审计员", "audit", "verify", env=PASS)
    assert r.returncode == 0 and r.stdout.startswith("ok"), r.stdout + r.stderr
    r = run_cli("--store", str(original), "--user", "审计员", "--json", "audit", "list", env=PASS)
    entries = json.loads(r.stdout)
    assert entries[-1]["action"] == "store.restore" and entries[-1]["actor"] == "审计员"
    r = run_cli("--store", str(original), "--user", "王主持", "--json", "session", "list", env=PASS)
    assert r.returncode == 0 and json.loads(r.stdout), r.stderr  # the sessions are back


def test_restore_refuses_to_overwrite(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    _store, out = demo_backup
    target = tmp_path / "busy"
    target.mkdir()
    (target / "something").write_text("keep me")
    r = run_cli("--store", str(target), "--user", "审计员", "restore", str(out), env=PASS)
    assert r.returncode == 2 and "not empty" in r.stderr
    assert (target / "something").read_text() == "keep me" and len(list(target.iterdir())) == 1


def test_backup_never_inside_the_store_nor_over_a_file(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    store, out = demo_backup
    before = file_hashes(store)
    r = run_cli("--store", str(store), "--user", "管理员", "backup", "--out", str(store / "b.zip"), env=PASS)
    assert r.returncode == 2 and "inside the store directory" in r.stderr
    r = run_cli("--store", str(store), "--user", "管理员", "backup", "--out", str(out), env=PASS)
    assert r.returncode == 2 and "already exists" in r.stderr
    assert file_hashes(store) == before


def _rewrite(source: Path, target: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, change.get(name, src.read(name)))


def _refused_restore(backup: Path, tmp_path: Path, needle: str) -> None:
    target = tmp_path / "restored"
    r = run_cli("--store", str(target), "--user", "审计员", "restore", str(backup), env=PASS)
    assert r.returncode in (1, 2), r.stderr
    assert needle in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restored")]  # no half-restored leftovers


def test_a_flipped_byte_in_the_database_is_refused_before_restoring(
    demo_backup: tuple[Path, Path], tmp_path: Path
) -> None:
    _store, out = demo_backup
    with zipfile.ZipFile(out) as z:
        db = bytearray(z.read("huishen.db"))
    db[5000] ^= 1
    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, {"huishen.db": bytes(db)})
    _refused_restore(bad, tmp_path, "changed after the backup was signed")


def test_a_re_signed_manifest_with_an_insiders_own_key_is_refused(
    demo_backup: tuple[Path, Path], tmp_path: Path
) -> None:
    """An insider swaps the database (hashes fixed up) and signs the manifest with a key of their own."""
    _store, out = demo_backup
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
        db = bytearray(z.read("huishen.db"))
    import hashlib

    db[5000] ^= 1
    manifest["files"]["huishen.db"]["sha256"] = hashlib.sha256(bytes(db)).hexdigest()
    crypto = provider()
    key = crypto.new_signing_key()
    manifest["sign_public"] = key.public.hex()
    body = canonical_json(manifest)
    signature = crypto.sign(key.private, b"huishen-backup/1|" + body)
    bad = tmp_path / "forged.zip"
    _rewrite(out, bad, {"huishen.db": bytes(db), "manifest.json": body, "manifest.sig": signature})
    _refused_restore(bad, tmp_path, "integrity check")


def test_a_manifest_signed_by_an_unregistered_key_is_refused(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    _store, out = demo_backup
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
    crypto = provider()
    key = crypto.new_signing_key()
    manifest["sign_public"] = key.public.hex()
    body = canonical_json(manifest)
    bad = tmp_path / "unregistered.zip"
    _rewrite(out, bad, {"manifest.json": body, "manifest.sig": crypto.sign(key.private, b"huishen-backup/1|" + body)})
    _refused_restore(bad, tmp_path, "not signed by a key registered")


def test_garbage_and_wrong_passphrase_are_refused(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    _store, out = demo_backup
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _refused_restore(junk, tmp_path, "not a valid Huishen backup")
    target = tmp_path / "restored"
    r = run_cli(
        "--store", str(target), "--user", "审计员", "restore", str(out), env={"HUISHEN_PASSPHRASE": "nope-nope"}
    )
    assert r.returncode == 2 and "Wrong passphrase" in r.stderr and not target.exists()
