"""Long-term validity, offline (PAdES B-LT / B-LTA): a local timestamping authority (RFC 3161) whose certificate
the local CA issues, a CRL from the local CA embedded with the CA certificate, and document timestamps that
``dossier refresh`` adds as archive maintenance. Imported lazily with pyHanko.

Limit (README): the TSA key, like the dossier-signing key, is wrapped to the workstation; a timestamp proves
a time only as far as that key is trusted. An organisation TSA or trust root can replace the local one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import select

from app import audit, certs, identity
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from models import Certificate
from models.base import utcnow

TSA = "tsa"
CRL_DAYS = 30  # a CRL is issued at each export; it speaks for the moment of signing, which is what is checked


@dataclass(frozen=True)
class LongTermMaterial:
    """What B-LT/B-LTA signing needs beyond the signing certificate: the TSA and a fresh CRL (DER)."""

    tsa_cert_der: bytes
    tsa_key_der: bytes
    ca_der: bytes
    crl_der: bytes


def _unwrap(ctx: AccountContext, wrapped: bytes) -> bytes:
    try:
        return provider().unwrap(identity.workstation_wrapping_key(ctx.store.db_key), wrapped, certs._AAD)
    except InvalidData as exc:
        raise Refused(tr("A certificate key does not open; the store may have been tampered with.")) from exc


def _local_ca(ctx: AccountContext) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    with ctx.store.transaction() as db:
        row = db.scalars(
            select(Certificate)
            .where(Certificate.kind == "ca", Certificate.active.is_(True), Certificate.wrapped_key.is_not(None))
            .order_by(Certificate.id.desc())
        ).first()
    if row is None or row.wrapped_key is None:
        raise Refused(
            tr(
                "There is no local CA with its key on this workstation: "
                "the security officer runs 'huishen cert init-ca'."
            )
        )
    key = serialization.load_der_private_key(_unwrap(ctx, row.wrapped_key), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return x509.load_der_x509_certificate(row.cert_der), key


def init_tsa(ctx: AccountContext) -> dict[str, Any]:
    """Create the workstation's timestamping key and its certificate from the local CA (security officer).
    The certificate lasts as long as the CA; ``dossier refresh`` renews timestamps before it ends."""
    ctx.require(Operation.CERT_MANAGE)
    ca, ca_key = _local_ca(ctx)
    now = utcnow()
    # RSA: pyHanko's in-process timestamper signs RSA only; the CA and the dossier signature stay ECDSA P-256
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    org = ca.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    name = x509.Name(
        [
            x509.NameAttribute(
                NameOID.COMMON_NAME, tr("{org} Huishen timestamping").format(org=org[0].value if org else "")
            ),
            *([x509.NameAttribute(NameOID.ORGANIZATION_NAME, str(org[0].value))] if org else []),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(ca.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with ctx.store.transaction() as db:
        for row in db.scalars(select(Certificate).where(Certificate.kind == TSA, Certificate.active.is_(True))):
            row.active = False
        db.add(
            Certificate(
                kind=TSA,
                subject=cert.subject.rfc4514_string(),
                cert_der=der,
                wrapped_key=provider().wrap(identity.workstation_wrapping_key(ctx.store.db_key), key_der, certs._AAD),
            )
        )
        audit.append(db, ctx.actor, "cert.init_tsa", "certificates", {"tsa": certs.fingerprint(der)})
    return {
        "tsa_fingerprint": certs.fingerprint(der),
        "tsa_subject": cert.subject.rfc4514_string(),
        "not_after": cert.not_valid_after_utc.isoformat(),
    }


def material(ctx: AccountContext) -> LongTermMaterial | None:
    """The TSA and a CRL issued now, or None when no TSA was set up (the dossier is then signed B-B)."""
    with ctx.store.transaction() as db:
        row = db.scalars(
            select(Certificate)
            .where(Certificate.kind == TSA, Certificate.active.is_(True))
            .order_by(Certificate.id.desc())
        ).first()
    if row is None or row.wrapped_key is None:
        return None
    ca, ca_key = _local_ca(ctx)
    now = utcnow()
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return LongTermMaterial(
        row.cert_der,
        _unwrap(ctx, row.wrapped_key),
        ca.public_bytes(serialization.Encoding.DER),
        crl.public_bytes(serialization.Encoding.DER),
    )


def timestamper(lt: LongTermMaterial) -> Any:
    """An RFC 3161 timestamping authority run in-process with the workstation's TSA key.

    pyHanko's DummyTimeStamper is exactly that — a TimeStamper that issues tokens itself with a given
    certificate and key (documented as a testing aid because it has no network service around it); the key
    and certificate here are the security officer's TSA, not test material."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(lt.tsa_cert_der),
        tsa_key=keys.PrivateKeyInfo.load(lt.tsa_key_der),
        certs_to_embed=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [asn1_x509.Certificate.load(lt.ca_der)]
        ),
    )


def validation_context(lt: LongTermMaterial, signing_chain: list[bytes]) -> Any:
    """What is embedded for B-LT: the CA, the TSA certificate, the CRL; nothing fetched."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(lt.ca_der)],
        other_certs=[asn1_x509.Certificate.load(d) for d in [lt.tsa_cert_der, *signing_chain]],
        crls=[asn1_crl.CertificateList.load(lt.crl_der)],
        allow_fetching=False,
        revocation_mode="hard-fail",
    )


def refresh(ctx: AccountContext, data: bytes) -> bytes:
    """Archive maintenance: a new document timestamp (and fresh revocation data) over the whole dossier, to be
    added before the last timestamp's certificate or its algorithms expire. The content is not touched."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers

    ctx.require(Operation.DOSSIER_EXPORT)
    lt = material(ctx)
    if lt is None:
        raise Refused(tr("No timestamping key on this workstation: the security officer runs 'huishen cert init-tsa'."))
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        if not reader.embedded_regular_signatures:
            raise InvalidInput(tr("The file is not a signed dossier."))
        writer = IncrementalPdfFileWriter(BytesIO(data))
    except InvalidInput:
        raise
    except Exception as exc:
        raise InvalidInput(
            tr("The file is not a readable signed PDF ({kind}).").format(kind=type(exc).__name__)
        ) from exc
    out = BytesIO()
    signers.PdfTimeStamper(timestamper(lt)).timestamp_pdf(
        writer, "sha256", validation_context=validation_context(lt, []), output=out
    )
    return out.getvalue()


def when(data_at: datetime | None) -> datetime:
    """The verifying clock: the given moment (to look ahead in tests and drills) or now."""
    return data_at or utcnow()
