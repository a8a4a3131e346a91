"""What this store imported and exported, and whom it trusts: all read from the signed log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, fsutil, registry
from app.context import AccountContext
from app.exchange import container
from app.exchange.foreign import REGISTER_ACTION, ForeignRecord
from app.exchange.schema import ExchangeRefused
from app.fsutil import UnsafeFile, read_regular
from app.i18n import tr
from app.registry import Registry
from models import AuditEntry

IMPORT_ACTION = "exchange.import"
EXPORT_ACTION = "exchange.export"


def read(path: Path) -> bytes:
    """The file's bytes: a regular file of at most :data:`container.MAX_FILE` bytes, read without blocking."""
    try:
        return read_regular(path, container.MAX_FILE, tr("The exchange file"))
    except UnsafeFile as exc:
        try:
            oversized = os.stat(path).st_size > container.MAX_FILE
        except OSError:
            oversized = False
        raise ExchangeRefused("oversized" if oversized else "malformed", exc.message) from exc


def fresh_registry(db: Session, ctx: AccountContext) -> Registry:
    """The registry as of now (entries this program appended since the unlock included); a log that no longer
    follows what the registry verified (an entry removed, changed or planted) is a refusal."""
    try:
        ctx.registry = registry.catch_up(db, ctx.registry)
    except registry.RegistryBroken as exc:
        raise exc.refusal() from exc
    return ctx.registry


def file_object(file_id: str) -> str:
    return f"file:{file_id}"


def already_imported(db: Session, file_id: str) -> bool:
    """Whether a file with this id was imported (or registered) here before."""
    row = db.scalars(
        select(AuditEntry.seq).where(
            AuditEntry.object == file_object(file_id), AuditEntry.action.in_((IMPORT_ACTION, REGISTER_ACTION))
        )
    ).first()
    return row is not None


def record_import(db: Session, ctx: AccountContext, doc: container.Document, details: dict[str, Any]) -> None:
    """The signed entry of one import: which file (id and digest), from whom, and what it brought."""
    base = {"type": doc.type, "from": doc.sender["fingerprint"], "file": doc.digest}
    audit.append(db, ctx.actor, IMPORT_ACTION, file_object(doc.file_id), {**base, **details})


@dataclass
class Destination:
    """Where the file of an export made inside :func:`writing_to` goes, and whether it was written."""

    path: Path
    written: bool = False


_DESTINATION: ContextVar[Destination | None] = ContextVar("huishen_export_destination", default=None)


@contextmanager
def writing_to(path: Path) -> Iterator[Destination]:
    """Exports made inside write their file to ``path`` inside their own transaction, before it commits: a write
    that fails (a full disk) leaves no export entry, and a transaction that fails after the write removes the file
    — the store never records an export whose file does not exist (attack review: a reviewer's envelope could
    otherwise never be exported again).  An export with no entry (an identity card) is written by the caller."""
    destination = Destination(path)
    token = _DESTINATION.set(destination)
    try:
        yield destination
    except BaseException:
        if destination.written:
            path.unlink(missing_ok=True)
        raise
    finally:
        _DESTINATION.reset(token)


def record_export(
    db: Session, ctx: AccountContext, kind: str, file_id: str, details: dict[str, Any], data: bytes | None = None
) -> None:
    """The signed export entry; with ``data`` inside :func:`writing_to`, the file is written here too (atomically,
    before the entry's transaction commits)."""
    audit.append(db, ctx.actor, EXPORT_ACTION, file_object(file_id), {"type": kind, **details})
    destination = _DESTINATION.get()
    if destination is not None and data is not None and not destination.written:
        db.flush()  # the entry is valid before its file exists
        fsutil.write_atomic(destination.path, data)
        destination.written = True


def trusted_sender(reg: Registry, doc: container.Document) -> ForeignRecord:
    """The registered identity that signed ``doc``; refuses an unknown sender or a signature that fails."""
    sender = doc.sender
    record = reg.foreign.get(sender["fingerprint"])
    if record is None:
        raise ExchangeRefused(
            "untrusted-sender",
            tr(
                "The sender {name} ({fingerprint}) is not registered on this workstation; the administrator "
                "imports their identity card first. Nothing was imported."
            ).format(name=sender["name"], fingerprint=sender["fingerprint"]),
        )
    if record.revoked:
        raise ExchangeRefused(
            "untrusted-sender",
            tr("The identity of {name} ({fingerprint}) was revoked on this workstation; nothing was imported.").format(
                name=sender["name"], fingerprint=sender["fingerprint"]
            ),
        )
    if not record.trusted(reg.two_person):
        raise ExchangeRefused(
            "untrusted-sender",
            tr(
                "The registration of {name} ({fingerprint}) awaits the security officer's authorisation "
                "('huishen exchange authorise'); nothing was imported."
            ).format(name=sender["name"], fingerprint=sender["fingerprint"]),
        )
    if record.store != sender["store"] or record.name != sender["name"]:
        raise ExchangeRefused(
            "untrusted-sender",
            tr("The file names its sender differently from the registered identity; nothing was imported."),
        )
    if not doc.signed_by(record.sign_public):
        raise ExchangeRefused("altered", tr("The file was altered or is incomplete; nothing was imported."))
    return record


def require_recipient(ctx: AccountContext, doc: container.Document) -> None:
    if ctx.fingerprint not in doc.recipients:
        raise ExchangeRefused(
            "wrong-recipient",
            tr("The file is not addressed to you (it cannot be opened with your key); nothing was imported."),
        )


def find_foreign(reg: Registry, who: str, role: str | None, trusted: bool = True) -> ForeignRecord:
    """A registered identity of another store by fingerprint or by name (which must be unambiguous)."""
    digits = "".join(c for c in who if c.isdigit())
    matches = [
        r
        for r in reg.foreign.values()
        if not r.revoked and r.name == who or (len(digits) == 30 and r.fingerprint.replace(" ", "") == digits)
    ]
    if not matches:
        raise ExchangeRefused(
            "untrusted-sender",
            tr("{name} is not a registered identity of another workstation; import their identity card first.").format(
                name=who
            ),
        )
    if len(matches) > 1:
        raise ExchangeRefused(
            "untrusted-sender",
            tr("Several registered identities are called {name}; give the fingerprint instead.").format(name=who),
        )
    if trusted and not matches[0].trusted(reg.two_person):
        raise ExchangeRefused(
            "untrusted-sender",
            tr("The registration of {name} awaits the security officer's authorisation.").format(name=who),
        )
    if role is not None and role not in matches[0].roles:
        raise ExchangeRefused(
            "not-permitted",
            tr("{name} is not registered with the role this file needs ({role}).").format(name=who, role=role),
        )
    return matches[0]
