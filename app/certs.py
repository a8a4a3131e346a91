"""The workstation's organisational certificates (ECDSA P-256, X.509) for signing dossiers.

An air-gapped organisation can make a local certificate authority here, or
import a signing certificate issued by its own CA (PKCS#12).  Private keys are
wrapped under the workstation key, inside the encrypted store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, identity
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from models import Certificate
from models.base import utcnow

_AAD = b"huishen-certificate-key/1"


@dataclass(frozen=True)
class SigningMaterial:
    """What pyHanko needs to sign: the certificate, its key and the chain (DER)."""

    cert_der: bytes
    key_der: bytes
    chain_der: list[bytes]


def fingerprint(der: bytes) -> str:
    """SHA-256 of a certificate, hex with colons (as certificate viewers show it)."""
    digest = provider().hash(der).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _wrap_key(ctx: AccountContext, key: ec.EllipticCurvePrivateKey | Any) -> bytes:
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return provider().wrap(identity.workstation_wrapping_key(ctx.store.db_key), der, _AAD)


def _name(common: str, org: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, common), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    )


def _retire(db: Session) -> None:
    for row in db.scalars(select(Certificate).where(Certificate.active.is_(True))):
        row.active = False


def init_ca(ctx: AccountContext, organisation: str, years: int = 10) -> dict[str, Any]:
    """Create a local CA and a dossier-signing certificate for this workstation (security officer)."""
    ctx.require(Operation.CERT_MANAGE)
    organisation = organisation.strip()
    if not organisation or len(organisation) > 64:
        raise InvalidInput(tr("Give the organisation's name (1 to 64 characters)."))
    now = utcnow()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(tr("{org} Huishen local CA").format(org=organisation), organisation)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    with ctx.store.transaction() as db:
        ws = identity.current(db, None)
    sign_key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(tr("{org} Huishen workstation {fp}").format(org=organisation, fp=ws.fingerprint[:11]), organisation)
    sign_cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(sign_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * min(years, 5)))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")]
            ),
            critical=False,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_der = ca_cert.public_bytes(serialization.Encoding.DER)
    sign_der = sign_cert.public_bytes(serialization.Encoding.DER)
    with ctx.store.transaction() as db:
        _retire(db)
        db.add(
            Certificate(
                kind="ca", subject=ca_cert.subject.rfc4514_string(), cert_der=ca_der, wrapped_key=_wrap_key(ctx, ca_key)
            )
        )
        db.add(
            Certificate(
                kind="signing",
                subject=sign_cert.subject.rfc4514_string(),
                cert_der=sign_der,
                wrapped_key=_wrap_key(ctx, sign_key),
            )
        )
        audit.append(
            db,
            ctx.actor,
            "cert.init_ca",
            "certificates",
            {"ca": fingerprint(ca_der), "signing": fingerprint(sign_der), "organisation": organisation},
        )
    return {
        "ca_fingerprint": fingerprint(ca_der),
        "signing_fingerprint": fingerprint(sign_der),
        "signing_subject": sign_cert.subject.rfc4514_string(),
    }


def import_p12(ctx: AccountContext, data: bytes, passphrase: str) -> dict[str, Any]:
    """Import a signing certificate, its key and its CA chain from a PKCS#12 file (security officer)."""
    ctx.require(Operation.CERT_MANAGE)
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") or None)
    except ValueError as exc:
        raise InvalidInput(tr("The PKCS#12 file does not open: wrong passphrase or not a PKCS#12 file.")) from exc
    if key is None or cert is None:
        raise InvalidInput(tr("The PKCS#12 file holds no signing certificate with its private key."))
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise InvalidInput(tr("The signing key must be ECDSA P-256 (readers cannot check other kinds here)."))
    sign_der = cert.public_bytes(serialization.Encoding.DER)
    with ctx.store.transaction() as db:
        _retire(db)
        for ca in chain or []:
            db.add(
                Certificate(
                    kind="ca",
                    subject=ca.subject.rfc4514_string(),
                    cert_der=ca.public_bytes(serialization.Encoding.DER),
                    wrapped_key=None,
                )
            )
        db.add(
            Certificate(
                kind="signing",
                subject=cert.subject.rfc4514_string(),
                cert_der=sign_der,
                wrapped_key=_wrap_key(ctx, key),
            )
        )
        audit.append(
            db, ctx.actor, "cert.import", "certificates", {"signing": fingerprint(sign_der), "chain": len(chain or [])}
        )
    return {"signing_fingerprint": fingerprint(sign_der), "signing_subject": cert.subject.rfc4514_string()}


def trust_roots_der(db: Session) -> list[bytes]:
    """The active CA certificates of this store."""
    return [
        r.cert_der
        for r in db.scalars(select(Certificate).where(Certificate.kind == "ca", Certificate.active.is_(True)))
    ]


def export_ca_pem(ctx: AccountContext) -> str:
    """The active CA certificates as PEM, for `dossier verify --trust` elsewhere."""
    with ctx.store.transaction() as db:
        ders = trust_roots_der(db)
    if not ders:
        raise Refused(tr("No certificate authority yet: the security officer runs 'huishen cert init-ca'."))
    return "".join(x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM).decode() for d in ders)


def signing_material(ctx: AccountContext) -> SigningMaterial:
    """The workstation's signing certificate and key; refuses when none has been set up."""
    with ctx.store.transaction() as db:
        row = db.scalars(
            select(Certificate)
            .where(Certificate.kind == "signing", Certificate.active.is_(True))
            .order_by(Certificate.id.desc())
        ).first()
        chain = trust_roots_der(db)
    if row is None or row.wrapped_key is None:
        raise Refused(
            tr(
                "This workstation has no signing certificate: the security officer runs "
                "'huishen cert init-ca' or 'huishen cert import'."
            )
        )
    try:
        key = provider().unwrap(identity.workstation_wrapping_key(ctx.store.db_key), row.wrapped_key, _AAD)
    except InvalidData as exc:
        raise Refused(tr("The signing key does not open; the store may have been tampered with.")) from exc
    return SigningMaterial(row.cert_der, key, chain)
