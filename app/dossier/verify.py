"""Verifying a dossier from the file alone, and against the store that made it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from app.context import AccountContext
from app.dossier.signing import read_manifest
from app.i18n import tr
from app.sessions.opinions import commitment_fingerprint

# pyHanko logs the details of a failed difference analysis with a traceback; the report says it plainly.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko").propagate = False


@dataclass
class Report:
    """Checks passed, and the first failure (the dossier is good only when there is none)."""

    checks: list[str] = field(default_factory=list)
    failure: str | None = None
    manifest: dict[str, Any] | None = None
    maintenance: str | None = None  # when an archive timestamp needs renewing (not a failure)
    decision_signer: str | None = None  # fingerprint of the key the manifest's decision is signed with
    signer_cert: bytes | None = None  # the signing certificate (DER)
    sha256: str | None = None  # of the whole file
    revocation: Any = None  # revocation.Revocation: which revocation lists the verdict relied on
    notices: list[str] = field(default_factory=list)  # what the verdict does not cover, said plainly
    store_checked: bool = False

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
            "maintenance": self.maintenance,
            "notices": self.notices,
            "revocation": self.revocation.to_json(self.store_checked) if self.revocation is not None else None,
        }


class _Fail(Exception):
    pass


def verify_pdf(
    data: bytes,
    trust_roots_der: list[bytes],
    at: datetime | None = None,
    store_follows: bool = False,
    crls: list[Any] | None = None,
) -> Report:
    """The signature: intact, valid, covering the entire file (or followed only by archive timestamps and
    validation data), chained to a trust root — validated at the time its timestamp proves when it has one
    (so it verifies after the signing certificate expired); and the manifest. ``at`` is the verifying clock.
    ``store_follows``: the store will check the decision's signer against its registry (a chair who changed keys
    between stating a position and deciding is then accepted). ``crls``: current revocation lists of the CA
    (``--crl``); a certificate they revoke is refused unless the store follows (its log decides)."""
    report = Report()
    try:
        _check_pdf(data, trust_roots_der, report, at or datetime.now(UTC), store_follows, crls or [])
    except _Fail as exc:
        report.failure = str(exc)
    except Exception as exc:  # a damaged file may break the parser anywhere: that is a failed check
        report.failure = tr("The file is not a readable signed PDF ({kind}).").format(kind=type(exc).__name__)
    return report


def _token_time(signer_info: Any, signed: bool = False) -> datetime | None:
    """The time an RFC 3161 token attached to ``signer_info`` proves (signature timestamp), or None."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    for token in extract_tst_data_iter(signer_info, signed=signed):
        value = token["encap_content_info"]["content"].parsed["gen_time"].native
        return value if isinstance(value, datetime) else None
    return None


def _stamp_time(stamp: Any) -> datetime:
    value = stamp.signed_data["encap_content_info"]["content"].parsed["gen_time"].native
    assert isinstance(value, datetime)
    return value


def _context(reader: Any, roots: list[bytes], moment: datetime | None, clock: datetime | None = None) -> Any:
    from asn1crypto import x509
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError
    from pyhanko_certvalidator import ValidationContext

    kwargs: dict[str, Any] = {"trust_roots": [x509.Certificate.load(d) for d in roots], "allow_fetching": False}
    if moment is not None:  # point-in-time validation with the revocation data the file carries (B-LT)
        kwargs.update(moment=moment, revocation_mode="hard-fail")
    elif clock is not None:
        kwargs.update(moment=clock)
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
    except NoDSSFoundError:
        return ValidationContext(**kwargs)


def _check_pdf(
    data: bytes, roots: list[bytes], report: Report, at: datetime, store_follows: bool = False, crls: Any = ()
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not roots:
        raise _Fail(tr("No trust root given: use --trust CA.pem (or verify on the workstation that made it)."))
    reader = PdfFileReader(BytesIO(data), strict=False)
    signatures = reader.embedded_regular_signatures
    stamps = reader.embedded_timestamp_signatures
    if len(signatures) != 1:
        raise _Fail(tr("Expected exactly one signature, found {n}.").format(n=len(signatures)))
    moment = _token_time(signatures[0].signer_info)
    if moment is not None and moment > at:
        raise _Fail(
            tr("The signature's timestamp lies after the verifying clock ({time}).").format(time=at.isoformat())
        )
    # without a timestamp nothing proves when it was signed: the certificates must be valid on the clock
    context = _context(reader, roots, moment) if moment is not None else _context(reader, roots, None, at)
    try:
        status = validate_pdf_signature(signatures[0], context, ts_validation_context=context)
    except SignatureValidationError as exc:
        raise _Fail(tr("The signature does not validate ({error}).").format(error=exc)) from exc
    if not status.intact or not status.valid:
        raise _Fail(tr("The signature does not match the content: the file was changed after signing."))
    report.checks.append(tr("signature intact and valid"))
    report.signer_cert = signatures[0].signer_cert.dump()
    from app.crypto import provider

    report.sha256 = provider().hash(data).hex()
    archive_only = status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and status.modification_level in (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
    )
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not (stamps and archive_only):
        raise _Fail(tr("The signature does not cover the entire file: something was appended after signing."))
    report.checks.append(
        tr("signature covers the entire file")
        if status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        else tr("signature covers the whole document; only validation data and archive timestamps follow")
    )
    if not status.trusted:
        raise _Fail(tr("The signing certificate does not chain to the given trust roots."))
    report.checks.append(tr("certificate chains to a trust root"))
    from app.dossier import revocation

    report.revocation, revoked = revocation.check(reader, report.signer_cert, roots, list(crls))
    if revoked is not None and not store_follows:
        raise _Fail(revoked)
    if not store_follows:
        report.notices.append(revocation.notice(report.revocation))
    if moment is not None:
        ts = status.timestamp_validity
        if ts is None or not (ts.intact and ts.valid and ts.trusted):
            raise _Fail(tr("The signature's timestamp does not validate."))
        report.checks.append(
            tr("signature timestamp valid: signed by {time} (UTC); certificates checked at that time").format(
                time=moment.strftime("%Y-%m-%d %H:%M:%S")
            )
        )
    for stamp in stamps:
        when = _stamp_time(stamp)
        if when > at:
            raise _Fail(tr("An archive timestamp lies after the verifying clock."))
        try:
            stamp_status = validate_pdf_timestamp(stamp, _context(reader, roots, when))
        except SignatureValidationError as exc:
            raise _Fail(tr("An archive timestamp does not validate ({error}).").format(error=exc)) from exc
        if not (stamp_status.intact and stamp_status.valid and stamp_status.trusted):
            raise _Fail(tr("An archive timestamp does not validate."))
        if stamp_status.coverage != SignatureCoverageLevel.ENTIRE_FILE and stamp_status.modification_level not in (
            ModificationLevel.NONE,
            ModificationLevel.LTA_UPDATES,
        ):
            raise _Fail(tr("Something other than validation data was added after an archive timestamp."))
    if stamps:
        last = stamps[-1]
        expires = last.signer_cert.not_valid_after
        report.checks.append(
            tr("{n} archive timestamp(s) valid; the latest was made {time} (UTC)").format(
                n=len(stamps), time=_stamp_time(last).strftime("%Y-%m-%d %H:%M:%S")
            )
        )
        report.maintenance = (
            tr("The latest archive timestamp's certificate expired on {date}: run 'huishen dossier refresh'.")
            if expires < at
            else tr(
                "Run 'huishen dossier refresh' before {date}, when the latest archive timestamp's certificate expires."
            )
        ).format(date=expires.strftime("%Y-%m-%d"))
    manifest = read_manifest(reader)
    if manifest is None or manifest.get("format") != "huishen-dossier":
        raise _Fail(tr("The verification manifest is missing."))
    _check_shape(manifest)
    report.manifest = manifest
    report.checks.append(tr("manifest present (session {ref})").format(ref=manifest.get("ref")))
    from app.dossier import proofs

    pages = proofs.page_text(data)
    try:
        n = proofs.check(manifest, pages)
    except proofs.ProofFailure as exc:
        raise _Fail(str(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _Fail(tr("The manifest is malformed ({kind}).").format(kind=type(exc).__name__)) from exc
    report.checks.append(
        tr("{n} opinions checked against their authors' signed commitments; the file prints each").format(n=n)
    )
    _check_decision(manifest, pages, report, store_follows)  # the decision line, as the chair signed it
    from app.dossier import blocks

    try:  # each block where it belongs, and the tally its committed positions give
        report.checks += blocks.check(manifest, pages, store_follows)
    except blocks.BlockFailure as exc:
        raise _Fail(str(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _Fail(tr("The manifest is malformed ({kind}).").format(kind=type(exc).__name__)) from exc


MANIFEST_VERSION = 5  # the signer does not choose how a dossier is checked: older formats are refused


def _check_shape(manifest: dict[str, Any]) -> None:
    """The manifest's format version and the types of what the store check looks up (before any query)."""

    def is_int(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**62

    version = manifest.get("version")
    if not isinstance(version, int) or not is_int(version) or version < MANIFEST_VERSION:
        raise _Fail(
            tr(
                "The dossier's manifest is of an older format ({version}) that does not prove its text; it is not "
                "accepted (a dossier made by this version carries format {current})."
            ).format(version=version, current=MANIFEST_VERSION)
        )
    head = manifest.get("chain_head")
    audit_ok = isinstance(manifest.get("audit"), list) and all(
        isinstance(e, dict) and is_int(e.get("seq")) and isinstance(e.get("hash"), str) for e in manifest["audit"]
    )
    if not (
        isinstance(manifest.get("store"), str)
        and is_int(manifest.get("session"))
        and is_int(manifest.get("round"))
        and isinstance(manifest.get("envelopes"), list)
        and all(isinstance(e, dict) for e in manifest["envelopes"])
        and audit_ok
        and isinstance(head, dict)
        and is_int(head.get("seq"))
        and isinstance(head.get("hash"), str)
        and isinstance(manifest.get("decision_sha256"), str)
    ):
        raise _Fail(tr("The manifest is malformed (unexpected structure)."))


def _check_decision(manifest: dict[str, Any], pages: str, report: Report, store_follows: bool) -> None:
    from app.sessions import decision_proof

    try:
        fingerprint, same_key = decision_proof.check(manifest, "".join(pages.split()))
    except decision_proof.DecisionProofFailure as exc:
        raise _Fail(str(exc)) from exc
    report.decision_signer = fingerprint
    if same_key:
        report.checks.append(tr("the decision is signed by the chair who stated last; the file prints it"))
    elif store_follows:
        report.checks.append(tr("the decision is signed with another key of the chair ({fp})").format(fp=fingerprint))
    else:
        raise _Fail(
            tr(
                "The decision is signed with a key other than the one that signed the chair's position; "
                "verify the dossier against the store that made it."
            )
        )


def verify_against_store(ctx: AccountContext, report: Report) -> None:
    """Every fingerprint and the audit-chain head in the dossier match this store (``verify_store``)."""
    from app.dossier.verify_store import verify_against_store as against_store

    against_store(ctx, report)


__all__ = ["Report", "commitment_fingerprint", "verify_against_store", "verify_pdf"]
