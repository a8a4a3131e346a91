"""Verifying a dossier from the file alone, and against the store that made it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from sqlalchemy import select

from app import audit
from app.context import AccountContext
from app.dossier.signing import read_manifest
from app.i18n import tr
from app.permissions import Operation
from app.sessions.opinions import commitment_fingerprint
from models import AuditEntry, Decision, Envelope, Identity, Round

# pyHanko logs the details of a failed difference analysis with a traceback; the report says it plainly.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko").propagate = False


@dataclass
class Report:
    """Checks passed, and the first failure (the dossier is good only when there is none)."""

    checks: list[str] = field(default_factory=list)
    failure: str | None = None
    manifest: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": self.checks,
            "failure": self.failure,
            "session": (self.manifest or {}).get("session"),
            "ref": (self.manifest or {}).get("ref"),
        }


class _Fail(Exception):
    pass


def verify_pdf(data: bytes, trust_roots_der: list[bytes]) -> Report:
    """The signature: intact, valid, covering the entire file, chained to a trust root; and the manifest."""
    report = Report()
    try:
        _check_pdf(data, trust_roots_der, report)
    except _Fail as exc:
        report.failure = str(exc)
    except Exception as exc:  # a damaged file may break the parser anywhere: that is a failed check
        report.failure = tr("The file is not a readable signed PDF ({kind}).").format(kind=type(exc).__name__)
    return report


def _check_pdf(data: bytes, roots: list[bytes], report: Report) -> None:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not roots:
        raise _Fail(tr("No trust root given: use --trust CA.pem (or verify on the workstation that made it)."))
    reader = PdfFileReader(BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if len(signatures) != 1:
        raise _Fail(tr("Expected exactly one signature, found {n}.").format(n=len(signatures)))
    context = ValidationContext(trust_roots=[x509.Certificate.load(d) for d in roots], allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[0], context)
    except SignatureValidationError as exc:
        raise _Fail(tr("The signature does not validate ({error}).").format(error=exc)) from exc
    if not status.intact or not status.valid:
        raise _Fail(tr("The signature does not match the content: the file was changed after signing."))
    report.checks.append(tr("signature intact and valid"))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise _Fail(tr("The signature does not cover the entire file: something was appended after signing."))
    report.checks.append(tr("signature covers the entire file"))
    if not status.trusted:
        raise _Fail(tr("The signing certificate does not chain to the given trust roots."))
    report.checks.append(tr("certificate chains to a trust root"))
    manifest = read_manifest(reader)
    if manifest is None or manifest.get("format") != "huishen-dossier":
        raise _Fail(tr("The verification manifest is missing."))
    report.manifest = manifest
    report.checks.append(tr("manifest present (session {ref})").format(ref=manifest.get("ref")))


def _decision_text(db: Any, ctx: AccountContext, decision: Decision) -> str | None:
    """The stored decision text, if this account may read it (the auditor may not)."""
    from app.errors import NotPermitted
    from app.sessions import content, views
    from models import ReviewSession

    key = None
    session = db.get(ReviewSession, decision.session_id)
    if decision.sealed_text is not None and session is not None:
        try:
            key = views.reader_key(db, ctx, session)
        except NotPermitted:
            key = None
    return content.decision_text(key, ctx.store.slots.store_id, decision.session_id, decision)


def verify_against_store(ctx: AccountContext, report: Report) -> None:
    """Every fingerprint and the audit-chain head in the dossier match this store."""
    ctx.require(Operation.DOSSIER_VERIFY)
    manifest = report.manifest or {}
    try:
        with ctx.store.transaction() as db:
            if manifest.get("store") != ctx.store.slots.store_id:
                raise _Fail(tr("The dossier was made by another store ({store}).").format(store=manifest.get("store")))
            rnd = db.scalars(
                select(Round).where(Round.session_id == manifest["session"], Round.number == manifest["round"])
            ).first()
            if rnd is None:
                raise _Fail(tr("The store has no round {round} of session {session}.").format(**manifest))
            stored = {e.commitment: e for e in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id))}
            listed = {e["commitment"] for e in manifest["envelopes"]}
            if listed != set(stored):
                raise _Fail(tr("The sealed opinions listed in the dossier differ from those in the store."))
            for item in manifest["envelopes"]:
                signer = db.get_one(Identity, stored[item["commitment"]].signer_identity_id)
                if signer.fingerprint != item["signer_fingerprint"]:
                    raise _Fail(
                        tr("Signer fingerprint of {who} does not match the store.").format(
                            who=item["department"] or "chair"
                        )
                    )
            report.checks.append(tr("{n} commitment and signer fingerprints match the store").format(n=len(listed)))
            for entry in manifest["audit"]:
                row = db.get(AuditEntry, entry["seq"])
                if row is None or row.hash != entry["hash"]:
                    raise _Fail(
                        tr("Audit entry {seq} in the dossier does not match the store.").format(seq=entry["seq"])
                    )
            head = db.get(AuditEntry, manifest["chain_head"]["seq"])
            if head is None or head.hash != manifest["chain_head"]["hash"]:
                raise _Fail(tr("The audit-chain head printed in the dossier does not match the store."))
            report.checks.append(tr("audit entries and chain head match the store"))
            decision = db.scalars(select(Decision).where(Decision.session_id == manifest["session"])).first()
            from app.crypto import provider

            if decision is None:
                raise _Fail(tr("The decision in the dossier does not match the store."))
            text = _decision_text(db, ctx, decision)
            if text is not None and provider().hash(text.encode()).hex() != manifest["decision_sha256"]:
                raise _Fail(tr("The decision in the dossier does not match the store."))
            if text is not None:
                report.checks.append(tr("decision matches the store"))
            else:
                report.checks.append(
                    tr("the decision is sealed in the store for its readers; its signed record is checked below")
                )
            chain = audit.verify(db)
            if chain.broken_seq is not None:
                raise _Fail(tr("The store's audit chain is broken at entry {seq}.").format(seq=chain.broken_seq))
            if chain.problems:
                raise _Fail(tr("The store's signed facts do not verify: {problem}").format(problem=chain.problems[0]))
            report.checks.append(tr("audit chain of the store verifies ({n} entries)").format(n=chain.count))
    except _Fail as exc:
        report.failure = str(exc)
    except (KeyError, TypeError) as exc:
        report.failure = tr("The manifest is malformed ({kind}).").format(kind=type(exc).__name__)


__all__ = ["Report", "commitment_fingerprint", "verify_against_store", "verify_pdf"]
