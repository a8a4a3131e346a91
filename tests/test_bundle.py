"""The offline bundle's verifier (resources/bundle/install.sh --verify) and its lock file.

Each test builds a tiny bundle the way build.sh does — a sha256sum manifest of every file, signed with Ed25519 —
and runs the real installer script on it.  A bundle that was modified, truncated, added to or not signed, or
signed by another key, is refused with exit status 1 and a message that says so; nothing is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_DIR = ROOT / "resources" / "bundle"
INSTALL = BUNDLE_DIR / "install.sh"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="the verifier needs openssl")


def _pem(key: ed25519.Ed25519PrivateKey, path: Path) -> Path:
    path.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return path


def _sign(bundle: Path, key: ed25519.Ed25519PrivateKey) -> None:
    """Write MANIFEST.sha256 (sha256sum format, sorted paths) and its raw Ed25519 signature, as build.sh does."""
    files = sorted(
        str(p.relative_to(bundle))
        for p in bundle.rglob("*")
        if p.is_file() and p.name not in ("MANIFEST.sha256", "MANIFEST.sha256.sig")
    )
    manifest = "".join(f"{hashlib.sha256((bundle / f).read_bytes()).hexdigest()}  {f}\n" for f in files).encode()
    (bundle / "MANIFEST.sha256").write_bytes(manifest)
    (bundle / "MANIFEST.sha256.sig").write_bytes(key.sign(manifest))


@pytest.fixture
def release_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


@pytest.fixture
def bundle(tmp_path: Path, release_key: ed25519.Ed25519PrivateKey) -> Path:
    b = tmp_path / "huishen-1.0-linux-x86_64"
    (b / "app" / "app").mkdir(parents=True)
    (b / "wheelhouse").mkdir()
    shutil.copy(INSTALL, b / "install.sh")
    (b / "bundle.env").write_text("NAME=huishen\nVERSION=1.0\nARCH=x86_64\n")
    (b / "app" / "main.py").write_text("print('会审')\n" * 50)
    (b / "app" / "app" / "__init__.py").write_text('"""Huishen."""\n')
    (b / "wheelhouse" / "pkg-1.0-py3-none-any.whl").write_bytes(os.urandom(256 * 1024))
    _sign(b, release_key)
    return b


def verify(bundle: Path, key: Path | None, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the real verifier; the prefix is a temporary directory so no pinned key of this machine interferes."""
    args = ["bash", str(bundle / "install.sh"), "--verify", "--bundle", str(bundle)]
    args += ["--prefix", str(bundle.parent / "prefix")]
    if key is not None:
        args += ["--key", str(key)]
    return subprocess.run([*args, *extra], capture_output=True, text=True, timeout=60)


def refused(result: subprocess.CompletedProcess[str], status: int, needle: str) -> None:
    assert result.returncode == status, result.stdout + result.stderr
    assert needle in result.stderr, result.stderr
    assert "Bundle verified" not in result.stdout


def test_intact_bundle_verifies(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    result = verify(bundle, _pem(release_key, tmp_path / "org.pem"))
    assert result.returncode == 0, result.stderr
    assert "Bundle verified: signature good, 5 files intact" in result.stdout
    # The administrator compares this with the fingerprint the organisation publishes.
    der = release_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert hashlib.sha256(der).hexdigest() in result.stdout


def test_modified_file_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    main = bundle / "app" / "main.py"
    main.write_text(main.read_text().replace("会审", "会签", 1))  # same length, other content
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "(modified or truncated): app/main.py: FAILED")


def test_truncated_file_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    wheel = bundle / "wheelhouse" / "pkg-1.0-py3-none-any.whl"
    wheel.write_bytes(wheel.read_bytes()[:1000])
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "modified or truncated")


def test_truncated_tarball_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    archive = tmp_path / "bundle.tar"
    subprocess.run(["tar", "-C", str(tmp_path), "--sort=name", "-cf", str(archive), bundle.name], check=True)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    out = tmp_path / "extracted"
    out.mkdir()
    subprocess.run(["tar", "-C", str(out), "-xf", str(archive)], capture_output=True)  # tar complains; go on
    extracted = out / bundle.name
    assert (extracted / "install.sh").exists()
    result = verify(extracted, _pem(release_key, tmp_path / "org.pem"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "verification failed" in result.stderr


def test_missing_file_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    (bundle / "app" / "app" / "__init__.py").unlink()
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "files missing (truncated bundle?)")


def test_added_file_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    (bundle / "wheelhouse" / "evil-1.0-py3-none-any.whl").write_bytes(b"PK")
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "not in the manifest: wheelhouse/evil")


def test_symlink_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    (bundle / "app" / "link").symlink_to("/etc/passwd")
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "symbolic link")


def test_unsigned_bundle_is_refused(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    (bundle / "MANIFEST.sha256.sig").unlink()
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "unsigned bundle")


def test_bundle_without_manifest_is_refused(
    bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path
) -> None:
    (bundle / "MANIFEST.sha256").unlink()
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "MANIFEST.sha256 is missing")


def test_manifest_edited_to_match_is_refused(
    bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path
) -> None:
    """Changing a file and its manifest line, keeping the old signature: the signature no longer verifies."""
    main = bundle / "app" / "main.py"
    old = hashlib.sha256(main.read_bytes()).hexdigest()
    main.write_text("import os; os.system('id')\n")
    manifest = bundle / "MANIFEST.sha256"
    manifest.write_text(manifest.read_text().replace(old, hashlib.sha256(main.read_bytes()).hexdigest()))
    refused(verify(bundle, _pem(release_key, tmp_path / "org.pem")), 1, "signature does not verify")


def test_bundle_signed_by_another_key_is_refused(bundle: Path, tmp_path: Path) -> None:
    """Someone re-signs a changed bundle with their own key: refused against the organisation's key."""
    (bundle / "app" / "main.py").write_text("print('changed')\n")
    _sign(bundle, ed25519.Ed25519PrivateKey.generate())
    organisation = _pem(ed25519.Ed25519PrivateKey.generate(), tmp_path / "org.pem")
    refused(verify(bundle, organisation), 1, "signature does not verify")


def test_no_key_is_refused(bundle: Path) -> None:
    refused(verify(bundle, None), 2, "No release key given")


def test_key_of_another_kind_is_refused(bundle: Path, tmp_path: Path) -> None:
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key()
    pem = tmp_path / "p256.pem"
    pem.write_bytes(p256.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    refused(verify(bundle, pem), 2, "is not an Ed25519 public key")


def test_pinned_key_is_used_and_a_different_key_refused(
    bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path
) -> None:
    pinned = bundle.parent / "prefix" / "etc" / "release-key.pub.pem"
    pinned.parent.mkdir(parents=True)
    _pem(release_key, pinned)
    assert verify(bundle, None).returncode == 0  # the key pinned by the first installation
    other = ed25519.Ed25519PrivateKey.generate()
    _sign(bundle, other)
    refused(verify(bundle, _pem(other, tmp_path / "new.pem")), 2, "differs from the release key pinned")
    assert verify(bundle, tmp_path / "new.pem", "--replace-key").returncode == 0


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="needs dpkg")
def test_check_system_names_missing_packages(bundle: Path) -> None:
    (bundle / "debian-packages.txt").write_text("# comment\ncoreutils\nhuishen-no-such-package\n")
    result = subprocess.run(
        ["bash", str(bundle / "install.sh"), "--check-system"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "apt-get install huishen-no-such-package\n" in result.stderr
    assert "coreutils" not in result.stderr


def _locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {name: (version, hashes)}."""
    text = (BUNDLE_DIR / "requirements.lock").read_text()
    locked: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        m = re.match(r"([A-Za-z0-9._-]+)==([^\s\\]+)", block)
        if m:
            locked[canonicalize_name(m[1])] = (m[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return locked


def test_lock_pins_every_dependency_with_hashes() -> None:
    """After pyproject.toml changes, resources/bundle/lock.sh must be run: a stale lock fails here."""
    locked = _locked()
    assert all(hashes for _version, hashes in locked.values())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for line in project:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is not in requirements.lock (run resources/bundle/lock.sh)"
        assert req.specifier.contains(locked[name][0]), f"locked {req.name}=={locked[name][0]} is not {req}"
    assert "pip" in locked  # the installer runs pip from its wheel
    assert "pyside6" not in locked  # the meta-package would pull WebEngine


def test_truncated_installer_runs_nothing(bundle: Path, release_key: ed25519.Ed25519PrivateKey, tmp_path: Path) -> None:
    """The installer is one function read to its end before it runs: cut short, it does nothing at all."""
    script = bundle / "install.sh"
    script.write_bytes(script.read_bytes()[: script.stat().st_size * 2 // 3])
    result = verify(bundle, _pem(release_key, tmp_path / "org.pem"))
    assert result.returncode != 0
    assert result.stdout == ""
    assert not (bundle.parent / "prefix").exists()


def test_key_from_inside_the_bundle_is_refused(bundle: Path, tmp_path: Path) -> None:
    """Whoever made a bundle can put their own key in it: the key must come from elsewhere."""
    forger = ed25519.Ed25519PrivateKey.generate()
    _pem(forger, bundle / "release-key.pub.pem")
    _sign(bundle, forger)
    refused(verify(bundle, bundle / "release-key.pub.pem"), 2, "must come from outside the bundle")
