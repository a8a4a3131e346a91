"""Encrypted, signed backups of a whole store, and restoring one into an empty directory.

A backup is a zip (stored, not compressed: the database is encrypted) of

- ``huishen.db``: a consistent online copy made with ``sqlcipher_export`` (one
  statement, so one snapshot), still encrypted under the store's database key;
- ``keyslots.json``: the key slots as they were at that moment (copied under the
  store's lock, so no slot + database change is half-done in the copy);
- ``manifest.json``: store id, the account that made it and its identity key,
  the audit head copied, and the SHA-256 and size of both files;
- ``manifest.sig``: the account's Ed25519 signature over the manifest.

The database is checked (``cipher_integrity_check``, ``quick_check``) before
it is copied, and the written file is read back and verified (hashes,
signature, the copy opens and checks) before the backup is recorded in the log.
Restoring verifies all of that again — and that the signing key is registered
for that account in the copy's own signed log — before anything is put in
place, refuses to overwrite anything, and records the restore in the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from app import audit, keyslots, store
from app.canonical import canonical_json
from app.context import AccountContext
from app.crypto import provider
from app.errors import InvalidInput, Refused, StoreUnavailable, VerificationFailed
from app.fsutil import FileError, StoreBusy, check_input_file, check_output_path
from app.i18n import tr
from app.permissions import Operation
from models.base import utcnow

FORMAT = "huishen-backup"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_BACKUP = 64 * 1024**3
MAX_MANIFEST = 64 * 1024
_SIGN_DOMAIN = b"huishen-backup/1|"
_CHECK_ERRORS = (Refused, VerificationFailed)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def integrity_problems(conn: Any) -> list[str]:
    """Every page's HMAC (``cipher_integrity_check``) and the b-tree structure (``quick_check``)."""
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    quick = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    if quick != ["ok"]:
        problems.extend(quick)
    return problems


def check_store_integrity(directory: Path, db_key: bytes) -> list[str]:
    """Integrity problems of the store's database (empty when sound); reads only."""
    try:
        conn = store._connect_raw(directory / store.DB_FILE, db_key, read_only=True)
        try:
            return integrity_problems(conn)
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        known = store.diagnose(exc, directory)
        if known is not None and (isinstance(known, StoreBusy) or not isinstance(known, StoreUnavailable)):
            raise known from exc  # busy, disk, permission: not a verdict on the data
        return [str(exc)]


def _damaged_db(problems: list[str]) -> StoreUnavailable:
    return StoreUnavailable(
        tr("The database fails its integrity check ({problem}); restore the store from a backup.").format(
            problem="; ".join(problems[:3])
        )
    )


def _export(directory: Path, db_key: bytes, target: Path) -> None:
    conn = store._connect_raw(directory / store.DB_FILE, db_key, read_only=False)
    try:
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{db_key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('backup')")
        conn.execute("DETACH DATABASE backup")
    finally:
        conn.close()


@dataclass(frozen=True)
class Verified:
    """A backup whose manifest, signature and file hashes check out (its files extracted to ``workdir``)."""

    manifest: dict[str, Any]
    workdir: Path


def create(ctx: AccountContext, out: Path) -> dict[str, Any]:
    """Write a signed, verified backup of the whole store to ``out`` (never inside the store; administrator)."""
    ctx.require(Operation.STORE_BACKUP)
    st = ctx.store
    check_output_path(out, st.directory)
    if out.exists():
        raise InvalidInput(tr("{path} already exists; choose a new file name.").format(path=out))
    problems = check_store_integrity(st.directory, st.db_key)
    if problems:
        raise _damaged_db(problems)
    with tempfile.TemporaryDirectory(prefix=".huishen-backup-", dir=out.parent) as tmp:
        work = Path(tmp)
        db_copy = work / store.DB_FILE
        try:
            with keyslots.locked(st.directory):
                slots_raw = (st.directory / keyslots.SLOT_FILE).read_bytes()
                with st.transaction() as db:
                    from sqlalchemy import select

                    from models import AuditEntry

                    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
                    head = (last.seq, last.hash) if last is not None else (0, audit.GENESIS)
                # Taken after the head was read and under the lock: the copy holds at least that head.
                _export(st.directory, st.db_key, db_copy)
        except OSError as exc:
            raise FileError(exc, out) from exc
        except sqlcipher3.DatabaseError as exc:
            known = store.diagnose(exc, out.parent)
            raise (known or exc) from exc
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": st.slots.store_id,
            "created": utcnow().isoformat().replace("+00:00", "Z"),
            "account": ctx.name,
            "fingerprint": ctx.fingerprint,
            "sign_public": ctx.keys.sign.public.hex(),
            "audit_seq": head[0],
            "audit_head": head[1],
            "files": {
                store.DB_FILE: {"sha256": _sha256_file(db_copy), "size": db_copy.stat().st_size},
                keyslots.SLOT_FILE: {"sha256": hashlib.sha256(slots_raw).hexdigest(), "size": len(slots_raw)},
            },
        }
        body = canonical_json(manifest)
        signature = provider().sign(ctx.keys.sign.private, _SIGN_DOMAIN + body)
        partial = work / "backup.zip"
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr(MANIFEST, body)
                archive.writestr(SIGNATURE, signature)
                archive.write(db_copy, store.DB_FILE)
                archive.writestr(keyslots.SLOT_FILE, slots_raw)
            os.chmod(partial, 0o600)
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.link(partial, out)  # never replaces a file that appeared meanwhile
            dir_fd = os.open(out.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except FileExistsError as exc:
            raise InvalidInput(tr("{path} already exists; choose a new file name.").format(path=out)) from exc
        except OSError as exc:
            raise FileError(exc, out) from exc
    try:
        with tempfile.TemporaryDirectory(prefix=".huishen-check-", dir=out.parent) as tmp:
            checked = verify_file(out, Path(tmp))
            _open_check(checked, st.db_key)
    except _CHECK_ERRORS as exc:
        with contextlib.suppress(OSError):
            out.unlink()
        raise VerificationFailed(
            tr("The backup written to {path} does not verify ({problem}); it was removed.").format(
                path=out, problem=getattr(exc, "message", str(exc))
            )
        ) from exc
    digest = _sha256_file(out)
    with st.transaction() as db:
        audit.append(
            db, ctx.actor, "backup.create", f"store:{st.slots.store_id}", {"sha256": digest, "audit_seq": head[0]}
        )
    return {"file": str(out), "sha256": digest, "audit_seq": head[0], "size": out.stat().st_size}


def _bad(path: Path, why: str) -> VerificationFailed:
    return VerificationFailed(tr("{path} is not a valid Huishen backup: {why}.").format(path=path, why=why))


def verify_file(path: Path, workdir: Path) -> Verified:
    """Check a backup's structure, manifest signature and file hashes; extract its files into ``workdir``."""
    check_input_file(path, MAX_BACKUP, tr("The backup"))
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(archive.namelist())
            if names != sorted([MANIFEST, SIGNATURE, store.DB_FILE, keyslots.SLOT_FILE]):
                raise _bad(path, tr("unexpected contents"))
            infos = {info.filename: info for info in archive.infolist()}
            if infos[MANIFEST].file_size > MAX_MANIFEST or infos[SIGNATURE].file_size > 1024:
                raise _bad(path, tr("manifest too large"))
            body = archive.read(MANIFEST)
            signature = archive.read(SIGNATURE)
            manifest = json.loads(body.decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise _bad(path, tr("unknown format"))
            if canonical_json(manifest) != body:
                raise _bad(path, tr("the manifest is not in canonical form"))
            public = bytes.fromhex(str(manifest["sign_public"]))
            if not provider().verify(public, signature, _SIGN_DOMAIN + body):
                raise _bad(path, tr("the manifest signature does not verify"))
            for name in (store.DB_FILE, keyslots.SLOT_FILE):
                expected = manifest["files"][name]
                if infos[name].file_size != int(expected["size"]) or infos[name].file_size > path.stat().st_size:
                    raise _bad(path, tr("{name} has the wrong size").format(name=name))
                target = workdir / name
                digest = hashlib.sha256()
                with archive.open(name) as source, target.open("wb") as sink:
                    for chunk in iter(lambda src=source: src.read(1 << 20), b""):  # type: ignore[misc]
                        digest.update(chunk)
                        sink.write(chunk)
                if digest.hexdigest() != expected["sha256"]:
                    raise _bad(path, tr("{name} was changed after the backup was signed").format(name=name))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise _bad(path, tr("damaged or not a backup")) from exc
    except OSError as exc:
        raise FileError(exc, path) from exc
    return Verified(manifest, workdir)


def _open_check(checked: Verified, db_key: bytes) -> None:
    conn = store._connect_raw(checked.workdir / store.DB_FILE, db_key, read_only=True)
    try:
        problems = integrity_problems(conn)
        row = conn.execute(
            "SELECT hash FROM audit_entries WHERE seq = ?", (int(checked.manifest["audit_seq"]),)
        ).fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise _damaged_db([str(exc)]) from exc
    finally:
        conn.close()
    if problems:
        raise _damaged_db(problems)
    if int(checked.manifest["audit_seq"]) and (row is None or row[0] != checked.manifest["audit_head"]):
        raise VerificationFailed(tr("The backup's database does not hold the audit head its manifest names."))


def restore(backup: Path, target: Path, name: str, passphrase: str) -> dict[str, Any]:
    """Restore ``backup`` into the new directory ``target`` as account ``name``; refuses to overwrite anything."""
    from app import accounts

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput(
            tr("{path} already exists and is not empty; restore into a new directory.").format(path=target)
        )
    if not target.parent.is_dir():
        raise InvalidInput(tr("The directory of {path} does not exist.").format(path=target))
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    try:
        os.chmod(work, 0o700)
        checked = verify_file(backup, work)
        slots = keyslots.load(work)
        if slots.store_id != checked.manifest["store_id"]:
            raise _bad(backup, tr("the key slots belong to another store"))
        secrets = slots.unlock(name, passphrase)
        _open_check(checked, secrets.db_key)
        ctx = accounts.open_account(work, name, passphrase)
        try:
            signer = str(checked.manifest["account"])
            fp = str(checked.manifest["fingerprint"])
            keys = ctx.registry.public_keys.get(fp)
            if ctx.registry.owner.get(fp) != signer or keys is None or keys[0].hex() != checked.manifest["sign_public"]:
                raise _bad(backup, tr("it was not signed by a key registered in its own audit log"))
            with ctx.store.transaction() as db:
                audit.append(
                    db,
                    ctx.actor,
                    "store.restore",
                    f"store:{slots.store_id}",
                    {
                        "backup_sha256": _sha256_file(backup),
                        "backup_created": checked.manifest["created"],
                        "backup_audit_seq": checked.manifest["audit_seq"],
                        "backup_by": signer,
                    },
                )
            warnings = list(ctx.warnings)
        finally:
            ctx.close()
        for leftover in work.glob(".*.tmp-*"):
            leftover.unlink()
        if target.exists():
            target.rmdir()
        os.rename(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return {
        "store": str(target),
        "store_id": slots.store_id,
        "backup_created": checked.manifest["created"],
        "audit_seq": checked.manifest["audit_seq"],
        "warnings": warnings,
    }
