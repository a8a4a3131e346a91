"""Organisational certificates (ECDSA P-256, X.509) for signing dossiers — keys only for their owners.

The security officer makes a local CA (its key sealed to the officer's own identity) or imports a chain. Each
clerk makes their signing and timestamping keys in their own session (``request``: the keys are sealed to the
clerk's identity, the request signed in the log); the security officer issues the certificates (``issue``).
Which certificate belongs to whom is read from the signed log (app.cert_facts), never from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.cert_facts import CLERK, ca_fingerprints
from app.context import AccountContext
from app.crypto import InvalidData, provider
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from models import Certificate
from models.base import utcnow

_FRAME = b"HSK2"
_KEY_INFO = b"huishen-cert-key/2|"
CRL_DAYS = 400
REQUEST, TSA_REQUEST, SIGNING, TSA, CA, CRL = "request", "tsa-request", "signing", "tsa", "ca", "crl"


@dataclass(frozen=True)
class SigningMaterial:
    """What pyHanko needs to sign: the certificate, its key and the chain (DER)."""

    cert_der: bytes
    key_der: bytes
    chain_der: list[bytes]


def fingerprint(der: bytes) -> str:
    """SHA-256 of a certificate, hex with colons (as certificate viewers show it); "" for a row that is not even
    bytes (planted by an insider: matches nothing the signed log names)."""
    if not isinstance(der, bytes):
        return ""
    digest = provider().hash(der).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _key_info(purpose: str, public_key: Any) -> bytes:
    """Each wrapped key's own binding: what it is for and which public key it belongs to."""
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return _KEY_INFO + purpose.encode() + b"|" + provider().hash(spki)


def _seal_key(holder: str, kem_public: bytes, purpose: str, key: Any) -> bytes:
    """The private key sealed to one identity (HPKE): only that account's passphrase opens it."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    name = holder.encode()
    return _FRAME + bytes([len(name)]) + name + provider().seal(kem_public, der, _key_info(purpose, key.public_key()))


def holder_of(wrapped: bytes | None) -> str | None:
    """The identity fingerprint a wrapped key is sealed to (None: an older workstation-wrapped key)."""
    if not isinstance(wrapped, bytes) or not wrapped.startswith(_FRAME) or len(wrapped) < 5:
        return None
    n = wrapped[4]
    return wrapped[5 : 5 + n].decode("utf-8", "replace")


def _open_key(ctx: AccountContext, wrapped: bytes | None, purpose: str, public_key: Any) -> bytes:
    holder = holder_of(wrapped)
    if wrapped is None or holder != ctx.fingerprint:
        raise Refused(tr("This key is not sealed to your identity; only its owner can use it."))
    try:
        return provider().open(ctx.keys.kem.private, wrapped[5 + wrapped[4] :], _key_info(purpose, public_key))
    except InvalidData as exc:
        raise Refused(tr("A certificate key does not open; the store may have been tampered with.")) from exc


def fresh_registry(db: Session, ctx: AccountContext) -> Any:
    """The account's registry brought up to the log's newest entry (entries since unlock, by any program)."""
    from app import registry

    ctx.registry = registry.catch_up(db, ctx.registry)
    return ctx.registry


def _name(common: str, org: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, common), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    )


def _key_usage(sign: bool, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(sign, sign, False, False, False, cert_sign, cert_sign, False, False)


def init_ca(ctx: AccountContext, organisation: str, years: int = 10) -> dict[str, Any]:
    """Create a local CA whose key only this security officer can open, and its first revocation list."""
    ctx.require(Operation.CERT_MANAGE)
    organisation = organisation.strip()
    if not organisation or len(organisation) > 64:
        raise InvalidInput(tr("Give the organisation's name (1 to 64 characters)."))
    now = utcnow()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{organisation} 会审本地证书机构", organisation)  # a name in the record: not translated
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(False, True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_der = ca_cert.public_bytes(serialization.Encoding.DER)
    with ctx.store.transaction() as db:
        for row in db.scalars(select(Certificate).where(Certificate.kind == CA, Certificate.active.is_(True))):
            row.active = False
        wrapped = _seal_key(ctx.fingerprint, ctx.keys.kem.public, CA, ca_key)
        db.add(Certificate(kind=CA, subject=ca_cert.subject.rfc4514_string(), cert_der=ca_der, wrapped_key=wrapped))
        audit.append(
            db,
            ctx.actor,
            "cert.init_ca",
            "certificates",
            {"ca": fingerprint(ca_der), "organisation": organisation, "holder": ctx.fingerprint},
        )
        from app.cert_requests import new_crl

        new_crl(db, ctx, ca_cert, ca_key)
    return {"ca_fingerprint": fingerprint(ca_der), "ca_subject": ca_cert.subject.rfc4514_string()}


def import_p12(ctx: AccountContext, data: bytes, passphrase: str, clerk: str | None = None) -> dict[str, Any]:
    """Import a clerk's signing certificate, its key and its CA chain from a PKCS#12 file (security officer); the
    key is sealed to that clerk's identity."""
    ctx.require(Operation.CERT_MANAGE)
    if not clerk:
        raise InvalidInput(tr("Name the clerk the certificate is for (--for NAME)."))
    from app.sessions.content import kem_public_of

    with ctx.store.transaction() as db:
        fresh_registry(db, ctx)
        holder_key = ctx.registry.key_of(clerk)
        kem_public = kem_public_of(db, holder_key) if holder_key else None
    holder = ctx.registry.key_of(clerk)
    if holder is None or CLERK not in ctx.registry.roles_of(clerk) or not ctx.registry.holds_key(clerk, holder):
        raise Refused(tr("{name} is not an active clerk; only clerks sign dossiers.").format(name=clerk))
    if kem_public is None:
        raise Refused(tr("The identity key of {name} is not in the store.").format(name=clerk))
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") or None)
    except ValueError as exc:
        raise InvalidInput(tr("The PKCS#12 file does not open: wrong passphrase or not a PKCS#12 file.")) from exc
    if key is None or cert is None:
        raise InvalidInput(tr("The PKCS#12 file holds no signing certificate with its private key."))
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise InvalidInput(tr("The signing key must be ECDSA P-256 (readers cannot check other kinds here)."))
    sign_der = cert.public_bytes(serialization.Encoding.DER)
    chain_der = [ca.public_bytes(serialization.Encoding.DER) for ca in chain or []]
    with ctx.store.transaction() as db:
        for row in db.scalars(select(Certificate).where(Certificate.kind == SIGNING, Certificate.active.is_(True))):
            if holder_of(row.wrapped_key) == holder:
                row.active = False
        for ca, der in zip(chain or [], chain_der, strict=True):
            db.add(Certificate(kind=CA, subject=ca.subject.rfc4514_string(), cert_der=der, wrapped_key=None))
        db.add(
            Certificate(
                kind=SIGNING,
                subject=cert.subject.rfc4514_string(),
                cert_der=sign_der,
                wrapped_key=_seal_key(holder, kem_public, SIGNING, key),
            )
        )
        audit.append(
            db,
            ctx.actor,
            "cert.import",
            f"account:{clerk}",
            {
                "account": clerk,
                "holder": holder,
                "signing": fingerprint(sign_der),
                "chain": len(chain_der),
                "chain_fingerprints": [fingerprint(d) for d in chain_der],
            },
        )
    return {
        "signing_fingerprint": fingerprint(sign_der),
        "signing_subject": cert.subject.rfc4514_string(),
        "account": clerk,
    }


def trust_roots_der(db: Session, registry: Any) -> list[bytes]:
    """The CA certificates the signed log names (a row added to the table is not trusted)."""
    signed = ca_fingerprints(registry)
    seen: dict[str, bytes] = {}
    for row in db.scalars(select(Certificate).where(Certificate.kind == CA)):
        fp = fingerprint(row.cert_der)
        if fp in signed:
            seen.setdefault(fp, row.cert_der)
    return list(seen.values())


def export_ca_pem(ctx: AccountContext) -> str:
    """The CA certificates as PEM, for `dossier verify --trust` elsewhere."""
    with ctx.store.transaction() as db:
        ders = trust_roots_der(db, fresh_registry(db, ctx))
    if not ders:
        raise Refused(tr("No certificate authority yet: the security officer runs 'huishen cert init-ca'."))
    return "".join(x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM).decode() for d in ders)


def own_certificate(db: Session, ctx: AccountContext, kind: str) -> Certificate | None:
    """This account's active certificate of ``kind`` that the signed log issued to it, if any."""
    for row in db.scalars(
        select(Certificate)
        .where(Certificate.kind == kind, Certificate.active.is_(True))
        .order_by(Certificate.id.desc())
    ):
        rec = ctx.registry.certificates.get(fingerprint(row.cert_der))
        if holder_of(row.wrapped_key) == ctx.fingerprint and rec is not None and rec.account == ctx.name:
            return row
    return None


def signing_material(ctx: AccountContext) -> SigningMaterial:
    """This clerk's own signing certificate and key; refuses when none was issued to this account."""
    with ctx.store.transaction() as db:
        fresh_registry(db, ctx)
        row = own_certificate(db, ctx, SIGNING)
        chain = trust_roots_der(db, ctx.registry)
    if row is None:
        raise Refused(
            tr(
                "You have no signing certificate: run 'huishen cert request', then the security officer runs "
                "'huishen cert issue {name}'."
            ).format(name=ctx.name)
        )
    cert = x509.load_der_x509_certificate(row.cert_der)
    return SigningMaterial(row.cert_der, _open_key(ctx, row.wrapped_key, SIGNING, cert.public_key()), chain)
