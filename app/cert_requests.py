"""Clerks' certificates (issue 8 item 4): a clerk makes signing and timestamping keys in their own session and
signs the request; the security officer, with the CA key only they can open, issues the certificates and the
revocation lists. What was requested and issued is read from the signed log (app.cert_facts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.cert_facts import CLERK, ca_fingerprints
from app.certs import (
    CA,
    CRL,
    CRL_DAYS,
    REQUEST,
    SIGNING,
    TSA,
    TSA_REQUEST,
    _key_usage,
    _name,
    _open_key,
    _seal_key,
    fingerprint,
    fresh_registry,
    holder_of,
    own_certificate,
)
from app.context import AccountContext
from app.crypto import provider
from app.errors import Refused
from app.i18n import tr
from app.permissions import Operation
from models import Certificate
from models.base import utcnow


def _csr(key: Any, name: str, algorithm: Any) -> bytes:
    request = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    )
    return request.sign(key, algorithm).public_bytes(serialization.Encoding.DER)


def request(ctx: AccountContext) -> dict[str, Any]:
    """A clerk's signing and timestamping keys, made here and sealed to the clerk's own identity; the request
    (digests of both certificate requests) is signed in the log for the security officer to issue."""
    ctx.require(Operation.DOSSIER_EXPORT)
    sign_key = ec.generate_private_key(ec.SECP256R1())
    # RSA: pyHanko's in-process timestamper signs RSA only; the dossier signature stays ECDSA P-256
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    sign_csr, tsa_csr = _csr(sign_key, ctx.name, hashes.SHA256()), _csr(tsa_key, ctx.name, hashes.SHA256())
    digests = {"signing_request": provider().hash(sign_csr).hex(), "tsa_request": provider().hash(tsa_csr).hex()}
    with ctx.store.transaction() as db:
        for row in db.scalars(
            select(Certificate).where(Certificate.kind.in_((REQUEST, TSA_REQUEST)), Certificate.active.is_(True))
        ):
            if holder_of(row.wrapped_key) == ctx.fingerprint:
                row.active = False
        for kind, der, key, purpose in ((REQUEST, sign_csr, sign_key, SIGNING), (TSA_REQUEST, tsa_csr, tsa_key, TSA)):
            sealed = _seal_key(ctx.fingerprint, ctx.keys.kem.public, purpose, key)
            db.add(Certificate(kind=kind, subject=ctx.name, cert_der=der, wrapped_key=sealed))
        audit.append(db, ctx.actor, "cert.request", "certificates", {"holder": ctx.fingerprint, **digests})
    return {"account": ctx.name, "holder": ctx.fingerprint, **digests}


def pending(ctx: AccountContext) -> list[dict[str, Any]]:
    """Clerks whose signed certificate request awaits the security officer."""
    ctx.require(Operation.CERT_MANAGE)
    with ctx.store.transaction() as db:
        reg = fresh_registry(db, ctx)
    return [
        {"account": name, "holder": req.holder, "request": req.signing}
        for name, req in sorted(reg.cert_requests.items())
        if reg.holds_key(name, req.holder) and CLERK in reg.roles_of(name)
    ]


def _own_ca(db: Session, ctx: AccountContext) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """The active CA the signed log names whose key is sealed to this security officer."""
    signed = ca_fingerprints(ctx.registry)
    for row in db.scalars(
        select(Certificate).where(Certificate.kind == CA, Certificate.active.is_(True)).order_by(Certificate.id.desc())
    ):
        if fingerprint(row.cert_der) in signed and holder_of(row.wrapped_key) == ctx.fingerprint:
            cert = x509.load_der_x509_certificate(row.cert_der)
            key = serialization.load_der_private_key(_open_key(ctx, row.wrapped_key, CA, cert.public_key()), None)
            assert isinstance(key, ec.EllipticCurvePrivateKey)
            return cert, key
    raise Refused(
        tr("You hold no local CA key here: create one with 'huishen cert init-ca' (the security officer who made it).")
    )


def _leaf(ca: x509.Certificate, ca_key: Any, csr: x509.CertificateSigningRequest, common: str, tsa: bool) -> bytes:
    org = ca.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    org_name = str(org[0].value) if org else ""
    now = utcnow()
    usage = (
        [ExtendedKeyUsageOID.TIME_STAMPING]
        if tsa
        else [
            ExtendedKeyUsageOID.EMAIL_PROTECTION,
            x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common, org_name))
        .issuer_name(ca.subject)
        .public_key(csr.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(ca.not_valid_after_utc if tsa else min(ca.not_valid_after_utc, now + timedelta(days=365 * 5)))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(True, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage(usage), critical=tsa)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def issue(ctx: AccountContext, name: str) -> dict[str, Any]:
    """Issue the signing and timestamping certificates a clerk requested (security officer, own CA key)."""
    ctx.require(Operation.CERT_MANAGE)
    with ctx.store.transaction() as db:
        reg = fresh_registry(db, ctx)
        req = reg.cert_requests.get(name)
        if req is None or not reg.holds_key(name, req.holder):
            raise Refused(
                tr("{name} has no pending certificate request: the clerk runs 'huishen cert request' first.").format(
                    name=name
                )
            )
        if CLERK not in reg.roles_of(name):
            raise Refused(tr("{name} is not an active clerk; only clerks sign dossiers.").format(name=name))
        wanted = {REQUEST: req.signing, TSA_REQUEST: req.tsa}
        found: dict[str, list[Certificate]] = {REQUEST: [], TSA_REQUEST: []}
        for row in db.scalars(
            select(Certificate).where(Certificate.kind.in_((REQUEST, TSA_REQUEST)), Certificate.active.is_(True))
        ):
            if (
                isinstance(row.cert_der, bytes)
                and holder_of(row.wrapped_key) == req.holder
                and provider().hash(row.cert_der).hex() == wanted[row.kind]
            ):
                found[row.kind].append(row)
        if any(len(v) != 1 for v in found.values()):  # each request exactly once, of its own kind
            raise Refused(
                tr("The stored certificate request of {name} differs from the one signed; ask for a new one.").format(
                    name=name
                )
            )
        rows = {kind: found[kind][0] for kind in found}
        try:
            csrs = {k: x509.load_der_x509_csr(r.cert_der) for k, r in rows.items()}
        except ValueError as exc:
            raise Refused(
                tr("The stored certificate request of {name} differs from the one signed; ask for a new one.").format(
                    name=name
                )
            ) from exc
        if not isinstance(csrs[REQUEST].public_key(), ec.EllipticCurvePublicKey) or not isinstance(
            csrs[TSA_REQUEST].public_key(), rsa.RSAPublicKey
        ):
            raise Refused(tr("The certificate request of {name} is not signed by its key.").format(name=name))
        if not all(c.is_signature_valid for c in csrs.values()):
            raise Refused(tr("The certificate request of {name} is not signed by its key.").format(name=name))
        ca, ca_key = _own_ca(db, ctx)
        # Certificate names are part of the signed record, the same whatever the interface language.
        org = ca.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        org_name = str(org[0].value) if org else ""
        sign_der = _leaf(ca, ca_key, csrs[REQUEST], f"{org_name} 记录员 {name}", False)
        tsa_der = _leaf(ca, ca_key, csrs[TSA_REQUEST], f"{org_name} 时间戳（{name}）", True)
        for row in db.scalars(
            select(Certificate).where(Certificate.kind.in_((SIGNING, TSA)), Certificate.active.is_(True))
        ):
            if reg.owner.get(holder_of(row.wrapped_key) or "") == name:
                row.active = False
        for kind, der, source in ((SIGNING, sign_der, rows[REQUEST]), (TSA, tsa_der, rows[TSA_REQUEST])):
            cert = x509.load_der_x509_certificate(der)
            db.add(
                Certificate(
                    kind=kind, subject=cert.subject.rfc4514_string(), cert_der=der, wrapped_key=source.wrapped_key
                )
            )
            source.active = False
        audit.append(
            db,
            ctx.actor,
            "cert.issue",
            f"account:{name}",
            {
                "account": name,
                "holder": req.holder,
                "request": req.signing,
                "tsa_request": req.tsa,
                "signing": fingerprint(sign_der),
                "tsa": fingerprint(tsa_der),
            },
        )
        new_crl(db, ctx, ca, ca_key)
    return {"account": name, "signing_fingerprint": fingerprint(sign_der), "tsa_fingerprint": fingerprint(tsa_der)}


def new_crl(db: Session, ctx: AccountContext, ca: x509.Certificate, ca_key: Any) -> None:
    """A revocation list from the CA: every certificate it issued to an account now disabled is revoked."""
    now = utcnow()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    )
    reg = fresh_registry(db, ctx)  # not the registry of when this account signed in: a disablement since counts
    for fp, rec in reg.certificates.items():
        if rec.account is not None and not reg.is_active(rec.account):
            row = next(
                (
                    r
                    for r in db.scalars(select(Certificate).where(Certificate.kind.in_((SIGNING, TSA))))
                    if fingerprint(r.cert_der) == fp
                ),
                None,
            )
            if row is not None:
                cert = x509.load_der_x509_certificate(row.cert_der)
                if cert.issuer == ca.subject:
                    builder = builder.add_revoked_certificate(
                        x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(now).build()
                    )
    crl = builder.sign(ca_key, hashes.SHA256())
    db.add(
        Certificate(
            kind=CRL,
            subject=ca.subject.rfc4514_string(),
            cert_der=crl.public_bytes(serialization.Encoding.DER),
            wrapped_key=None,
        )
    )


def renew_crl(ctx: AccountContext) -> dict[str, Any]:
    """A fresh revocation list (the security officer; also after disabling a clerk)."""
    ctx.require(Operation.CERT_MANAGE)
    with ctx.store.transaction() as db:
        ca, ca_key = _own_ca(db, ctx)
        new_crl(db, ctx, ca, ca_key)
    return {"next_update": (utcnow() + timedelta(days=CRL_DAYS)).isoformat()}


def current_crl_pem(ctx: AccountContext) -> bytes | None:
    """The newest valid revocation list of the CA the signed log names, as PEM (for 'dossier verify --crl')."""
    from app import certs

    ctx.require(Operation.CERT_MANAGE)
    with ctx.store.transaction() as db:
        ca_der = certs.trust_roots_der(db, certs.fresh_registry(db, ctx))
        der = next((c for c in (current_crl(db, d) for d in ca_der) if c is not None), None)
    if der is None:
        return None
    return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)


def current_crl(db: Session, ca_der: bytes) -> bytes | None:
    """The newest revocation list signed by this CA that is still current."""
    ca = x509.load_der_x509_certificate(ca_der)
    best: x509.CertificateRevocationList | None = None
    for row in db.scalars(select(Certificate).where(Certificate.kind == CRL)):
        if not isinstance(row.cert_der, bytes):
            continue
        try:
            crl = x509.load_der_x509_crl(row.cert_der)
        except ValueError:
            continue
        if crl.issuer != ca.subject or not crl.is_signature_valid(ca.public_key()):  # type: ignore[arg-type]
            continue
        if crl.next_update_utc is None or crl.next_update_utc < utcnow():
            continue
        if best is None or _issued(crl) > _issued(best):
            best = crl
    return best.public_bytes(serialization.Encoding.DER) if best is not None else None


def _issued(crl: x509.CertificateRevocationList) -> tuple[datetime, int]:
    """When a list was issued: its thisUpdate (whole seconds), then its CRL number (milliseconds, see new_crl;
    signed by the CA like the rest), so that of two lists of the same second the later one is current."""
    try:
        number = int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        number = -1
    return crl.last_update_utc, number


def my_status(ctx: AccountContext) -> dict[str, Any]:
    """This clerk's certificate: issued (subject, validity, fingerprint), requested and awaiting the security
    officer, or none yet."""
    ctx.require(Operation.DOSSIER_EXPORT)
    with ctx.store.transaction() as db:
        reg = fresh_registry(db, ctx)
        row = own_certificate(db, ctx, SIGNING)
        requested = reg.cert_requests.get(ctx.name)
    if row is not None:
        cert = x509.load_der_x509_certificate(row.cert_der)
        return {
            "state": "issued",
            "subject": cert.subject.rfc4514_string(),
            "not_after": cert.not_valid_after_utc.isoformat(),
            "fingerprint": fingerprint(row.cert_der),
            "requested": requested is not None and requested.holder == ctx.fingerprint,
        }
    if requested is not None and requested.holder == ctx.fingerprint:
        return {"state": "requested", "request": requested.signing}
    return {"state": "none"}
