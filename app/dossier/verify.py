"""Verifying a dossier from the file alone, and against the store that made it."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
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


def _decision_signer_in_store(db: Any, ctx: AccountContext, decision: Decision, report: Report) -> None:
    """The key the dossier's decision is signed with belongs, by the signed registry, to the deciding chair."""
    if report.decision_signer is None:
        return
    from models import Account

    chair = db.get(Account, decision.decided_by)
    name = chair.name if chair is not None else ""
    if not ctx.registry.signed_by(name, report.decision_signer):
        raise _Fail(tr("The decision in the dossier is not signed by a key the registry gives the chair."))
    report.checks.append(tr("the decision's signer is the chair by the signed registry"))


def _signer_in_store(db: Any, ctx: AccountContext, manifest: dict[str, Any], report: Report) -> None:
    """The dossier is signed with a certificate the signed log issued to a clerk, and that clerk's export of this
    copy — or an archive refresh of this very file — is in the log (so the clerk was an active clerk then: the
    registry refuses entries by anyone else)."""
    from app import certs

    record = ctx.registry.certificates.get(certs.fingerprint(report.signer_cert or b""))
    if record is None or record.kind != "signing" or record.account is None:
        raise _Fail(tr("The dossier is not signed with a certificate the signed log issued to a clerk of this store."))
    exports = [
        e
        for e in db.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "dossier.export", AuditEntry.object == f"session:{manifest['session']}"
            )
        )
        if e.seq <= ctx.registry.seq
    ]
    by_hash: dict[str, tuple[AuditEntry, dict[str, Any]]] = {}
    for e in exports:
        d = json.loads(e.details)
        if isinstance(d, dict) and isinstance(d.get("sha256"), str) and d.get("copy") == manifest.get("copy"):
            by_hash.setdefault(d["sha256"], (e, d))
    # This very file, walked back through archive refreshes to one export: by the certificate's clerk.
    found, digest = None, report.sha256
    for _ in range(len(by_hash) + 1):
        step = by_hash.get(digest or "")
        if step is None:
            break
        entry, d = step
        if not d.get("refresh"):
            found = entry
            break
        digest = d.get("refreshed_from") if isinstance(d.get("refreshed_from"), str) else None
    if found is None or found.actor != record.account:
        raise _Fail(
            tr("The log records no export of this file by {clerk}, whose certificate signed it.").format(
                clerk=record.account
            )
        )
    report.checks.append(
        tr("signed by clerk {clerk}, whose export of this file the log records").format(clerk=record.account)
    )


def _definition_in_store(db: Any, ctx: AccountContext, manifest: dict[str, Any], report: Report) -> None:
    """The definition the dossier's tally was recounted under is the session's, as the store (checked against
    the chair's signed entry by ``audit verify`` below) has it."""
    from app.facts import definition_of
    from app.sessions.common import round_state
    from models import Department, ReviewSession

    session = db.get(ReviewSession, manifest["session"])
    value = (manifest.get("definition") or {}).get("value")
    if session is None or value != definition_of(db, session, ctx.store.slots.store_id):
        raise _Fail(tr("The session's definition in the dossier (rule, items, people) differs from the store's."))
    dept_of = {p.id: db.get_one(Department, p.department_id).name for p in session.participants}
    for listed in [manifest, *manifest.get("earlier_rounds", [])]:
        rnd = db.scalars(select(Round).where(Round.session_id == session.id, Round.number == listed["round"])).first()
        recused = sorted(dept_of[pid] for pid in round_state(db, rnd).recused()) if rnd is not None else None
        if recused != sorted(listed.get("recused", [])):
            raise _Fail(
                tr("The recusals the dossier counts in round {round} differ from the store's.").format(
                    round=listed["round"]
                )
            )
    from app import policy

    in_force = policy.value_at(db, "similarity_threshold_percent", int(manifest["chain_head"]["seq"]) + 1)
    if manifest.get("similarity_percent") != in_force:
        raise _Fail(
            tr(
                "The similarity threshold the dossier's tally names ({percent} %) is not the one in force when it "
                "was exported ({store} %)."
            ).format(percent=manifest.get("similarity_percent"), store=in_force)
        )
    report.checks.append(tr("the session's definition, recusals and similarity threshold match the store"))


def verify_against_store(ctx: AccountContext, report: Report) -> None:
    """Every fingerprint and the audit-chain head in the dossier match this store."""
    ctx.require(Operation.DOSSIER_VERIFY)
    manifest = report.manifest or {}
    try:
        with ctx.store.transaction() as db:
            if manifest.get("store") != ctx.store.slots.store_id:
                raise _Fail(tr("The dossier was made by another store ({store}).").format(store=manifest.get("store")))
            _definition_in_store(db, ctx, manifest, report)
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
            recorded = list(
                db.scalars(
                    select(AuditEntry.seq)
                    .where(AuditEntry.object == f"session:{manifest['session']}", AuditEntry.seq <= head.seq)
                    .order_by(AuditEntry.seq)
                )
            )
            if [e["seq"] for e in manifest["audit"]] != recorded:
                raise _Fail(tr("The dossier's audit trail leaves out or adds entries the store records."))
            report.checks.append(tr("audit entries and chain head match the store"))
            decision = db.scalars(select(Decision).where(Decision.session_id == manifest["session"])).first()
            from app.crypto import provider

            if decision is None:
                raise _Fail(tr("The decision in the dossier does not match the store."))
            text = _decision_text(db, ctx, decision)
            block = manifest.get("decision") or {}
            if text is not None and (
                provider().hash(text.encode()).hex() != manifest["decision_sha256"] or block.get("text") != text
            ):
                raise _Fail(tr("The decision in the dossier does not match the store."))
            if text is not None:
                report.checks.append(tr("decision matches the store"))
            else:
                report.checks.append(
                    tr("the decision is sealed in the store for its readers; its signed record is checked below")
                )
            _decision_signer_in_store(db, ctx, decision, report)
            _signer_in_store(db, ctx, manifest, report)
            report.store_checked = True
            if report.revocation is not None and report.revocation.revoked is not None:
                report.checks.append(
                    tr(
                        "the signing certificate was revoked on {date}, after the export the log records by the "
                        "clerk while active"
                    ).format(date=report.revocation.revoked.strftime("%Y-%m-%d %H:%M"))
                )
            chain = audit.verify(db)
            if chain.broken_seq is not None:
                raise _Fail(tr("The store's audit chain is broken at entry {seq}.").format(seq=chain.broken_seq))
            if chain.problems:
                raise _Fail(tr("The store's signed facts do not verify: {problem}").format(problem=chain.problems[0]))
            report.checks.append(tr("audit chain of the store verifies ({n} entries)").format(n=chain.count))
    except _Fail as exc:
        report.failure = str(exc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        report.failure = tr("The manifest is malformed ({kind}).").format(kind=type(exc).__name__)


__all__ = ["Report", "commitment_fingerprint", "verify_against_store", "verify_pdf"]
