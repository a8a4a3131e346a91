"""Organisational certificates: a local CA, or an imported PKCS#12; only the security officer manages them."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from app import cert_requests, certs
from app.errors import InvalidInput, NotPermitted, Refused
from models import Certificate
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
    with pytest.raises(Refused, match="no signing certificate"):  # a CA alone signs nothing
        certs.signing_material(cast("记录员"))
    with pytest.raises(Refused, match="no pending certificate request"):
        cert_requests.issue(cast("保密员"), "记录员")
    for who in ("管理员", "审计员", "保密员"):
        with pytest.raises(NotPermitted):
            cert_requests.request(cast(who))
    request = cert_requests.request(cast("记录员"))
    assert [r["account"] for r in cert_requests.pending(cast("保密员"))] == ["记录员"]
    with pytest.raises(NotPermitted):
        cert_requests.issue(cast("记录员"), "记录员")  # a clerk cannot certify their own key
    issued = cert_requests.issue(cast("保密员"), "记录员")
    assert cert_requests.pending(cast("保密员")) == []
    material = certs.signing_material(cast("记录员"))
    cert = x509.load_der_x509_certificate(material.cert_der)
    ca = x509.load_der_x509_certificate(material.chain_der[0])
    assert cert.issuer == ca.subject and isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert "记录员" in cert.subject.rfc4514_string()
    assert issued["signing_fingerprint"] == certs.fingerprint(material.cert_der)
    assert result["ca_fingerprint"] == certs.fingerprint(material.chain_der[0])
    assert request["holder"] == cast("记录员").fingerprint
    assert "BEGIN CERTIFICATE" in certs.export_ca_pem(cast("审计员"))


def _rows(ctx: object, kind: str) -> list[Certificate]:
    with ctx.store.transaction() as db:  # type: ignore[attr-defined]
        rows = list(db.scalars(select(Certificate).where(Certificate.kind == kind)))
        db.expunge_all()
        return rows


def test_no_other_account_opens_the_ca_or_a_clerks_key(cast: Cast) -> None:
    """Attacker: any account with the database key. The CA key is sealed to the security officer's identity, the
    clerk's signing key to the clerk's; neither opens with another account's keys nor with the workstation key
    derived from the database key (as every key did before)."""
    from app import identity
    from app.crypto import InvalidData, provider

    certs.init_ca(cast("保密员"), "某纪委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    for kind, owner in ((certs.CA, "保密员"), (certs.SIGNING, "记录员"), (certs.TSA, "记录员")):
        (row,) = [r for r in _rows(cast("审计员"), kind) if r.active]
        assert certs.holder_of(row.wrapped_key) == cast(owner).fingerprint
        public = x509.load_der_x509_certificate(row.cert_der).public_key()
        for attacker in ("审计员", "主持人", "管理员", *({"保密员", "记录员"} - {owner})):
            with pytest.raises(Refused):
                certs._open_key(cast(attacker), row.wrapped_key, kind, public)
            assert row.wrapped_key is not None
            sealed = row.wrapped_key[5 + row.wrapped_key[4] :]
            with pytest.raises(InvalidData):
                provider().open(cast(attacker).keys.kem.private, sealed, certs._key_info(kind, public))
        with pytest.raises(InvalidData):
            provider().unwrap(identity.workstation_wrapping_key(cast("审计员").store.db_key), row.wrapped_key, b"")
    for attacker in ("审计员", "主持人", "管理员"):
        with pytest.raises(Refused, match="no signing certificate"):
            certs.signing_material(cast(attacker))


def test_planted_certificate_rows_are_not_trusted(cast: Cast) -> None:
    """Attacker: the auditor writes a CA of their own and a signing certificate with a key sealed to themselves
    into the certificates table: no check trusts a row the signed log does not name."""
    from cryptography.hazmat.primitives import hashes as h

    certs.init_ca(cast("保密员"), "某纪委")
    attacker = cast("审计员")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "伪造的CA")])
    now = utcnow()
    fake = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, h.SHA256())
    )
    der = fake.public_bytes(serialization.Encoding.DER)
    with attacker.store.transaction() as db:
        db.add(Certificate(kind=certs.CA, subject="CN=伪造的CA", cert_der=der, wrapped_key=None))
        sealed = certs._seal_key(attacker.fingerprint, attacker.keys.kem.public, certs.SIGNING, key)
        db.add(Certificate(kind=certs.SIGNING, subject="CN=伪造的CA", cert_der=der, wrapped_key=sealed))
    with attacker.store.transaction() as db:
        roots = certs.trust_roots_der(db, attacker.registry)
    assert der not in roots and len(roots) == 1
    with pytest.raises(Refused, match="no signing certificate"):
        certs.signing_material(attacker)
    assert certs.fingerprint(der) not in certs.export_ca_pem(cast("保密员"))


def test_a_swapped_request_is_not_issued(cast: Cast) -> None:
    """Attacker: after the clerk's signed request, an insider replaces the stored request with one for a key of
    their own: the security officer's program refuses to certify it."""
    certs.init_ca(cast("保密员"), "某纪委")
    cert_requests.request(cast("记录员"))
    own = ec.generate_private_key(ec.SECP256R1())
    csr = cert_requests._csr(own, "记录员", hashes.SHA256())
    with cast("审计员").store.transaction() as db:
        row = next(r for r in db.scalars(select(Certificate).where(Certificate.kind == certs.REQUEST)) if r.active)
        row.cert_der = csr
    with pytest.raises(Refused, match="differs from the one signed"):
        cert_requests.issue(cast("保密员"), "记录员")
    with pytest.raises(Refused, match="no pending certificate request"):
        cert_requests.issue(cast("保密员"), "主持人")  # a chair cannot even request (not a clerk)


def test_import_pkcs12(cast: Cast) -> None:
    good = _p12(ec.generate_private_key(ec.SECP256R1()), b"p12-pass")
    with pytest.raises(InvalidInput, match="does not open"):
        certs.import_p12(cast("保密员"), good, "wrong", "记录员")
    with pytest.raises(InvalidInput, match="P-256"):
        certs.import_p12(cast("保密员"), _p12(ed25519.Ed25519PrivateKey.generate(), b"x"), "x", "记录员")
    with pytest.raises(InvalidInput):
        certs.import_p12(cast("保密员"), b"not a p12", "x", "记录员")
    with pytest.raises(Refused):
        certs.signing_material(cast("记录员"))
    with pytest.raises(InvalidInput, match="Name the clerk"):
        certs.import_p12(cast("保密员"), good, "p12-pass")
    with pytest.raises(Refused, match="not an active clerk"):
        certs.import_p12(cast("保密员"), good, "p12-pass", "审计员")
    result = certs.import_p12(cast("保密员"), good, "p12-pass", "记录员")
    assert certs.fingerprint(certs.signing_material(cast("记录员")).cert_der) == result["signing_fingerprint"]


def test_status_and_cli_flow(cast: Cast) -> None:
    """The clerk sees where their certificate stands; the CLI runs request → pending → issue, --json as a contract."""
    from tests.cast import PASS
    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    store = str(cast.directory)
    ENV = {"HUISHEN_PASSPHRASE": PASS}  # noqa: N806
    assert cert_requests.my_status(cast("记录员"))["state"] == "none"
    r = run_cli("--store", store, "--user", "保密员", "--json", "cert", "init-ca", "--org", "某纪委", env=ENV)
    assert r.returncode == 0, r.stderr
    r = run_cli("--store", store, "--user", "记录员", "--json", "cert", "issue", "记录员", env=ENV)
    assert r.returncode == 2 and r.stderr.strip(), r.stderr
    r = run_cli("--store", store, "--user", "记录员", "--json", "cert", "request", env=ENV)
    assert r.returncode == 0, r.stderr
    assert cert_requests.my_status(cast("记录员"))["state"] == "requested"
    r = run_cli("--store", store, "--user", "保密员", "--json", "cert", "pending", env=ENV)
    assert r.returncode == 0 and [p["account"] for p in json.loads(r.stdout)["pending"]] == ["记录员"]
    r = run_cli("--store", store, "--user", "保密员", "--json", "cert", "issue", "审计员", env=ENV)
    assert r.returncode == 2 and "no pending certificate request" in r.stderr, r.stderr
    r = run_cli("--store", store, "--user", "保密员", "--json", "cert", "issue", "记录员", env=ENV)
    assert r.returncode == 0, r.stderr
    issued = json.loads(r.stdout)
    status = cert_requests.my_status(cast("记录员"))
    assert status["state"] == "issued" and status["fingerprint"] == issued["signing_fingerprint"]
