"""Exporting a dossier (DECIDED → ARCHIVED) and verifying one."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app import audit, certs
from app.context import AccountContext
from app.crypto import provider
from app.dossier import data as dossier_data
from app.dossier import layout
from app.dossier.verify import Report, verify_against_store, verify_pdf
from app.errors import InvalidInput
from app.fsutil import write_atomic
from app.i18n import tr
from app.permissions import Operation
from app.sessions.common import ARCHIVED, DECIDED, load

Progress = Callable[[int, int], None]


def build(
    ctx: AccountContext, session_id: int, progress: Progress | None = None, retention: str | None = None
) -> tuple[bytes, dict[str, Any]]:
    """The signed PDF of a decided session and its manifest (nothing written)."""
    from app import gc_policy

    with gc_policy.held():  # a full collection mid-way walked the whole process: a third of the export
        return _build(ctx, session_id, progress, retention)


def _build(
    ctx: AccountContext, session_id: int, progress: Progress | None, retention: str | None
) -> tuple[bytes, dict[str, Any]]:
    from app.dossier import signing

    step = progress or (lambda done, total: None)
    step(0, 3)
    content = dossier_data.collect(ctx, session_id, retention)
    step(1, 3)
    pdf = layout.render(content)
    step(2, 3)
    manifest = dossier_data.manifest(content)
    from app.dossier import longterm

    material = certs.signing_material(ctx)
    signed = signing.sign(pdf, manifest, material, content.get("signature_slot"), longterm.material(ctx))
    step(3, 3)
    return signed, manifest


def export(
    ctx: AccountContext,
    session_id: int,
    out: Path,
    overwrite: bool = False,
    progress: Progress | None = None,
    retention: str | None = None,
) -> dict[str, Any]:
    """Write the signed dossier to ``out``; the session becomes ARCHIVED and the file's hash is recorded."""
    ctx.require(Operation.DOSSIER_EXPORT)
    if out.exists() and not overwrite:
        raise InvalidInput(tr("{path} already exists; choose another file name.").format(path=out))
    if not out.parent.is_dir():
        raise InvalidInput(tr("The folder {path} does not exist.").format(path=out.parent))
    signed, manifest = build(ctx, session_id, progress, retention)
    digest = provider().hash(signed).hex()
    write_atomic(out, signed)
    try:
        with ctx.store.transaction() as db:
            session = load(db, session_id, ctx)
            if session.status == DECIDED:
                session.status = ARCHIVED
            audit.append(
                db,
                ctx.actor,
                "dossier.export",
                f"session:{session_id}",
                {
                    "sha256": digest,
                    "copy": manifest["copy"],
                    "bytes": len(signed),
                    "archival_code": manifest["archive"]["archival_code"],
                    "retention": manifest["archive"]["retention"],
                    "pages": manifest["archive"]["pages"],
                },
            )
    except BaseException:
        os.unlink(out)
        raise
    return {
        "session": session_id,
        "file": str(out),
        "sha256": digest,
        "copy": manifest["copy"],
        "bytes": len(signed),
        "status": ARCHIVED,
        "archival_code": manifest["archive"]["archival_code"],
        "retention": manifest["archive"]["retention"],
        "pages": manifest["archive"]["pages"],
    }


def preview(ctx: AccountContext, session_id: int, retention: str | None = None) -> bytes:
    """The dossier as it would be exported, unsigned, marked 预览稿 — 未归档 on every page; nothing archived,
    no 份号 used (reading the opinions is recorded as any reading is)."""
    content = dossier_data.collect(ctx, session_id, retention)
    content["preview"] = True
    content["copy_number"] = "预览稿"
    return layout.render(content)


def record_print(ctx: AccountContext, session_id: int, copies: int) -> list[str]:
    """Reserve and record one 份号 per printed copy (before printing); the numbers, in order."""
    from app.dossier import printing

    return printing.reserve_copies(ctx, session_id, copies)


def verify(
    path: Path,
    trust_pems: list[bytes],
    ctx: AccountContext | None = None,
    at: datetime | None = None,
    crl_files: list[bytes] | None = None,
) -> Report:
    """Check a dossier file; with ``ctx``, also against that store (and with its CA as a trust root).
    ``at`` sets the verifying clock (a drill: will the file still verify in 30 years?); ``crl_files`` are current
    revocation lists of the CA (PEM or DER, exported by the security officer with 'cert crl --out')."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.dossier import revocation

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(tr("Cannot read {path}.").format(path=path)) from exc
    roots: list[bytes] = []
    for pem in trust_pems:
        try:
            roots += [c.public_bytes(Encoding.DER) for c in x509.load_pem_x509_certificates(pem)]
        except ValueError as exc:
            raise InvalidInput(tr("A --trust file is not a PEM certificate.")) from exc
    if ctx is not None:
        ctx.require(Operation.DOSSIER_VERIFY)
        with ctx.store.transaction() as db:
            roots += certs.trust_roots_der(db, certs.fresh_registry(db, ctx))
    report = verify_pdf(data, roots, at, store_follows=ctx is not None, crls=revocation.load(crl_files or []))
    if report.ok and ctx is not None:
        verify_against_store(ctx, report)
    return report


def refresh(ctx: AccountContext, path: Path, out: Path | None = None) -> dict[str, Any]:
    """Archive maintenance: add a document timestamp (and fresh revocation data) to a dossier that verifies;
    written atomically over the file (or to ``out``), recorded in the audit log."""
    from app.dossier import longterm

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(tr("Cannot read {path}.").format(path=path)) from exc
    with ctx.store.transaction() as db:
        roots = certs.trust_roots_der(db, certs.fresh_registry(db, ctx))
    before = verify_pdf(data, roots)
    if not before.ok:
        raise InvalidInput(
            tr("The dossier does not verify, so it is not refreshed: {reason}").format(reason=before.failure)
        )
    refreshed = longterm.refresh(ctx, data)
    target = out or path
    write_atomic(target, refreshed)
    manifest = before.manifest or {}
    digest = provider().hash(refreshed).hex()
    with ctx.store.transaction() as db:
        audit.append(
            db,
            ctx.actor,
            "dossier.export",
            f"session:{manifest.get('session')}",
            {
                "refresh": True,
                "sha256": digest,
                "refreshed_from": provider().hash(data).hex(),  # walks back to the clerk's export (verify)
                "bytes": len(refreshed),
                "copy": manifest.get("copy"),
            },
        )
    return {"file": str(target), "sha256": digest, "bytes": len(refreshed), "session": manifest.get("session")}
