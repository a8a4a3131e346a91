"""Organisational certificates: a local CA, or an imported PKCS#12; only the security officer manages them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app import certs
from app.errors import InvalidInput, NotPermitted, Refused
from models.base import utcnow
from tests.cast import Cast


def _p12(key: object, passphrase: bytes) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某单位签章")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())  # type: ignore[attr-defined]
        .serial_number(1)
        .not_valid_before(utcnow())
        .not_valid_after(utcnow() + timedelta(days=30))
        .sign(key, None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256())
    )  # type: ignore[arg-type]
    return pkcs12.serialize_key_and_certificates(
        b"sig",
        key,
        cert,
        None,  # type: ignore[arg-type]
        serialization.BestAvailableEncryption(passphrase),
    )


def test_local_ca_is_the_security_officers(cast: Cast) -> None:
    with pytest.raises(Refused, match="no signing certificate"):
        certs.signing_material(cast("记录员"))
    for who in ("管理员", "主持人", "记录员", "审计员"):
        with pytest.raises(NotPermitted):
            certs.init_ca(cast(who), "某纪委")
    result = certs.init_ca(cast("保密员"), "某纪委")
    material = certs.signing_material(cast("记录员"))
    cert = x509.load_der_x509_certificate(material.cert_der)
    ca = x509.load_der_x509_certificate(material.chain_der[0])
    assert cert.issuer == ca.subject and isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert result["signing_fingerprint"] == certs.fingerprint(material.cert_der)
    assert "BEGIN CERTIFICATE" in certs.export_ca_pem(cast("审计员"))


def test_import_pkcs12(cast: Cast) -> None:
    good = _p12(ec.generate_private_key(ec.SECP256R1()), b"p12-pass")
    with pytest.raises(InvalidInput, match="does not open"):
        certs.import_p12(cast("保密员"), good, "wrong")
    with pytest.raises(InvalidInput, match="P-256"):
        certs.import_p12(cast("保密员"), _p12(ed25519.Ed25519PrivateKey.generate(), b"x"), "x")
    with pytest.raises(InvalidInput):
        certs.import_p12(cast("保密员"), b"not a p12", "x")
    with pytest.raises(Refused):
        certs.signing_material(cast("记录员"))
    result = certs.import_p12(cast("保密员"), good, "p12-pass")
    assert certs.fingerprint(certs.signing_material(cast("记录员")).cert_der) == result["signing_fingerprint"]
