"""Attacks on the certificate model (issue 8 item 4), with the database key: planted certificate and request
rows, revocation, the CA and timestamping keys, the registry's cert entries (A4, A6, A8, A9, A11, H1, H2).
What the dossier prints and signs: tests/test_attack_dossier_text.py.

Each test names the attacking role. Confirmed holes are strict expected failures (the assertion states what
should hold); attacks that were refused are ordinary tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import cert_requests, certs
from app.errors import Refused
from models import Certificate
from tests.attack_certs_support import (
    _decided,
    _issue_clerk,
    _key,
    _unsigned,
    _verify_both,
)
from tests.cast import Cast, raw_db

# --- A4: a malformed row in the certificates table crashes every reader of it ----------------------------------


@pytest.mark.parametrize(
    ("kind", "cert_der", "wrapped"),
    [("ca", 12345, None), ("signing", 12345, None), ("crl", 12345, None), ("request", b"x", 7), ("signing", b"x", 7)],
)
def test_a4_any_insider_plants_a_non_blob_certificate_row(
    cast: Cast, tmp_path: Path, kind: str, cert_der: Any, wrapped: Any
) -> None:
    """Attacker: any account (here the reviewer's database key). A row whose cert_der is an integer (SQLite stores
    any type in a BLOB column) must be ignored or reported, not crash verify / export-ca / issue / export."""
    from app.dossier import service

    _issue_clerk(cast)
    sid = _decided(cast)
    real = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, real)
    cert_requests.request(cast("记录员"))  # a pending request, so that 'cert issue' has work to do
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO certificates (kind, subject, cert_der, wrapped_key, active, created_at) "
            "VALUES (?, 'x', ?, ?, 1, '2026-11-30 00:00:00.000000')",
            (kind, cert_der, wrapped),
        )
    crashes = []
    for label, call in (
        ("export-ca", lambda: certs.export_ca_pem(cast("审计员"))),
        ("verify", lambda: service.verify(real, [], cast("审计员"))),
        ("signing_material", lambda: certs.signing_material(cast("记录员"))),
        ("crl", lambda: cert_requests.renew_crl(cast("保密员"))),
        ("issue", lambda: cert_requests.issue(cast("保密员"), "记录员")),
        ("export", lambda: service.export(cast("记录员"), sid, tmp_path / f"again-{kind}.pdf")),
    ):
        try:
            call()
        except (Refused,) + _product_errors():
            pass
        except Exception as exc:  # noqa: BLE001 - what the CLI would report as exit 3
            crashes.append(f"{label}: {type(exc).__name__}: {exc}")
    assert crashes == [], f"A4 ({kind}): a planted certificates row crashes: {crashes}"


def _product_errors() -> tuple[type[BaseException], ...]:
    from app import errors

    return tuple(
        v
        for v in vars(errors).values()
        if isinstance(v, type) and issubclass(v, Exception) and v.__module__ == errors.__name__
    )


# --- A6: a disabled clerk keeps signing dossiers that verify from the file, with the old revocation list --------


@pytest.mark.parametrize("backdate", [False, True])
def test_a6_disabled_and_revoked_clerk_signs_a_dossier_that_verifies_from_the_file(
    cast: Cast, tmp_path: Path, backdate: bool
) -> None:
    """Attacker: a clerk, after being disabled. The clerk's own keys (they open with the clerk's passphrase, as
    before being disabled: kept here as the clerk's program unwrapped them) and the CRL that was current before.

    The file alone cannot know of a later revocation (README, "A disabled clerk"): it says which list it relied on
    and that a later revocation is not ruled out; a current list exported by the security officer (--crl) refuses
    the revoked certificate, and the store refuses the file (no export by an active clerk)."""
    from datetime import timedelta

    from pyhanko.sign.timestamps import dummy_client

    from app import accounts
    from app.dossier import longterm, service, signing
    from models.base import utcnow

    _issue_clerk(cast)
    sid = _decided(cast)
    material = certs.signing_material(cast("记录员"))
    lt = longterm.material(cast("记录员"))
    assert lt is not None
    pdf, manifest = _unsigned(cast, sid)
    ca_pem = certs.export_ca_pem(cast("审计员")).encode()
    genuine = tmp_path / "genuine.pdf"
    service.export(cast("记录员"), sid, genuine)  # before the disablement, through the product

    accounts.set_disabled(cast("管理员"), "记录员", True, "调离记录员岗位，停用账户。")
    cert_requests.renew_crl(cast("保密员"))  # the revocation list now revokes the clerk's certificates
    current = cert_requests.current_crl_pem(cast("保密员"))
    assert current is not None
    cast.close()

    if backdate:  # the clerk's own TSA says the signature was made before the revocation
        real_init = dummy_client.DummyTimeStamper.__init__

        def init(self: Any, *a: Any, **kw: Any) -> None:
            kw["fixed_dt"] = utcnow() - timedelta(minutes=2)
            real_init(self, *a, **kw)

        dummy_client.DummyTimeStamper.__init__ = init  # type: ignore[method-assign]
    try:
        signed = signing.sign(pdf, manifest, material, None, lt)
    finally:
        if backdate:
            dummy_client.DummyTimeStamper.__init__ = real_init  # type: ignore[method-assign]
    out = tmp_path / "after-revocation.pdf"
    out.write_bytes(signed)
    against_store = service.verify(out, [], cast("审计员"), crl_files=[current])
    assert not against_store.ok, "held before: the store refuses (no export by an active clerk)"
    assert against_store.failure is not None and "records no export of this file by 记录员" in against_store.failure
    at = utcnow() + timedelta(days=30) if backdate else None

    # From the file alone with the embedded (old) list: it verifies, and says plainly what it relied on.
    alone = service.verify(out, [ca_pem], at=at)
    assert alone.ok, alone.failure
    assert any("revocation checked only against the list the signer embedded" in n for n in alone.notices)
    revocation = alone.to_json()["revocation"]
    assert revocation["embedded_crl_issued"] and revocation["later_revocation_ruled_out"] is False
    assert revocation["given_crl_issued"] is None

    # With the security officer's current list: refused, naming the revocation.
    with_crl = service.verify(out, [ca_pem], at=at, crl_files=[current])
    assert not with_crl.ok
    assert with_crl.failure is not None and "The signing certificate was revoked on" in with_crl.failure
    assert with_crl.to_json()["revocation"]["revoked_at"] is not None

    # The genuine dossier exported while the clerk was active: the file alone with the current list cannot tell
    # it from the forgery (the timestamp is the clerk's own) and refuses; the store accepts it, saying why.
    assert not service.verify(genuine, [ca_pem], crl_files=[current]).ok
    store = service.verify(genuine, [], cast("审计员"), crl_files=[current])
    assert store.ok, store.failure
    assert any("after the export the log records" in c for c in store.checks)
    assert store.to_json()["revocation"]["later_revocation_ruled_out"] is True


def test_a6_a_revocation_list_not_signed_by_the_ca_is_refused(cast: Cast, tmp_path: Path) -> None:
    """Attacker: anyone handing a verifier a revocation list of their own making (a fresh CA's), to hide nothing
    or to smear a clerk: it is refused, not silently used."""
    from datetime import timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from app.dossier import service
    from models.base import utcnow

    _issue_clerk(cast)
    sid = _decided(cast)
    out = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, out)
    ca_pem = certs.export_ca_pem(cast("审计员")).encode()
    ca = x509.load_pem_x509_certificate(ca_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    now = utcnow()
    signer = x509.load_der_x509_certificate(certs.signing_material(cast("记录员")).cert_der)
    fake = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)  # the same name, another key
        .last_update(now)
        .next_update(now + timedelta(days=1))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(signer.serial_number).revocation_date(now).build()
        )
        .sign(key, hashes.SHA256())
    )
    report = service.verify(out, [ca_pem], crl_files=[fake.public_bytes(serialization.Encoding.PEM)])
    assert not report.ok and report.failure is not None and "not signed by the CA" in report.failure
    assert x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")])  # (name API used above)
    plain = service.verify(out, [ca_pem])
    assert plain.ok, plain.failure


# --- A8: one cert.import entry with a non-list chain bricks the registry replay ---------------------------------


def test_a8_security_officer_signs_a_malformed_cert_import_and_every_unlock_crashes(cast: Cast) -> None:
    from app import audit

    officer = cast("保密员")
    with officer.store.transaction() as db:
        audit.append(db, officer.actor, "cert.import", "account:记录员", {"account": None, "chain_fingerprints": 5})
    cast.close()
    try:
        cast("审计员")
    except (Refused,) + _product_errors():
        pass  # refused or reported by name: fine
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"the auditor's unlock crashes: {type(exc).__name__}: {exc}")


# --- What held -------------------------------------------------------------------------------------------------


def test_h1_swapped_request_row_and_replayed_request_are_refused_by_issue(cast: Cast) -> None:
    """Attacker: any insider (here a reviewer's database key) replaces the clerk's stored certificate request with
    one for a key the attacker holds; the officer's 'cert issue' refuses. After an issue, issuing again (a replayed
    request) is refused too."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    mine = ec.generate_private_key(ec.SECP256R1())
    csr = cert_requests._csr(mine, "记录员", hashes.SHA256())
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE certificates SET cert_der = ? WHERE kind = 'request' AND active = 1", (csr,))
    with pytest.raises(Refused, match="differs from the one signed"):
        cert_requests.issue(cast("保密员"), "记录员")
    cast.close()
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    with pytest.raises(Refused, match="no pending certificate request"):
        cert_requests.issue(cast("保密员"), "记录员")


def test_h2_officer_mints_a_certificate_with_the_ca_key_the_store_refuses_it(cast: Cast, tmp_path: Path) -> None:
    """Attacker: the security officer, who opens the CA key, mints a certificate for a key of their own (named as
    the clerk), plants it as the clerk's in the table and signs a copy of a genuine dossier's pages and manifest.
    From the file with --trust it verifies (the CA vouches; documented); against the store it is refused."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.certs import SigningMaterial
    from app.dossier import signing

    _issue_clerk(cast)
    sid = _decided(cast)
    pdf, manifest = _unsigned(cast, sid)
    officer = cast("保密员")
    mine = ec.generate_private_key(ec.SECP256R1())
    with officer.store.transaction() as db:
        ca, ca_key = cert_requests._own_ca(db, officer)
        csr = x509.load_der_x509_csr(cert_requests._csr(mine, "记录员", hashes.SHA256()))
        der = cert_requests._leaf(ca, ca_key, csr, "某市纪委监委 记录员 记录员", False)
        db.add(Certificate(kind="signing", subject="x", cert_der=der, wrapped_key=None))
    key_der = mine.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ca_der = ca.public_bytes(serialization.Encoding.DER)
    out = tmp_path / "officer.pdf"
    out.write_bytes(signing.sign(pdf, manifest, SigningMaterial(der, key_der, [ca_der])))
    from_file, against_store = _verify_both(cast, out)
    assert from_file.ok  # by design: the CA's holder can certify any key
    assert not against_store.ok and "issued to a clerk" in (against_store.failure or ""), against_store.failure


# --- A9: 'made' and 'this file' may be satisfied by two different log entries ---------------------------------


def test_a9_officer_imported_key_plus_another_clerks_refresh_verifies_against_the_store(
    cast: Cast, tmp_path: Path
) -> None:
    """Attacker: the security officer (cert import --for 记录员 with a key the officer made). Unwitting helper:
    clerk 记录员乙 runs archive maintenance ('dossier refresh') on the file the officer hands over."""
    from io import BytesIO

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app import accounts
    from app.certs import SigningMaterial
    from app.dossier import service, signing
    from tests.cast import PASS, grant

    admin = cast("管理员")
    accounts.add_account(admin, "记录员乙", ["clerk"], None, PASS)
    cast.close()
    grant(cast.directory, ["记录员乙"])
    _issue_clerk(cast)
    cert_requests.request(cast("记录员乙"))
    cert_requests.issue(cast("保密员"), "记录员乙")
    sid = _decided(cast)
    real = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, real)
    manifest = signing.read_manifest(PdfFileReader(BytesIO(real.read_bytes())))
    assert manifest is not None

    officer = cast("保密员")
    mine = ec.generate_private_key(ec.SECP256R1())
    with officer.store.transaction() as db:
        ca, ca_key = cert_requests._own_ca(db, officer)
    csr = x509.load_der_x509_csr(cert_requests._csr(mine, "记录员", hashes.SHA256()))
    der = cert_requests._leaf(ca, ca_key, csr, "某市纪委监委 记录员 记录员", False)
    p12 = pkcs12.serialize_key_and_certificates(
        b"k", mine, x509.load_der_x509_certificate(der), [ca], serialization.BestAvailableEncryption(b"pw-123")
    )
    certs.import_p12(officer, p12, "pw-123", clerk="记录员")
    key_der = mine.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The genuine pages and manifest (v3, every proof holds), reusing the real export's copy number, signed with
    # the key the officer holds for 记录员: the file verifies; only the store can tell 记录员 never exported it.
    pdf, fresh = _unsigned(cast, sid)
    fresh["copy"] = manifest["copy"]
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        signing.sign(pdf, fresh, SigningMaterial(der, key_der, [ca.public_bytes(serialization.Encoding.DER)]))
    )
    service.refresh(cast("记录员乙"), forged)
    against_store = service.verify(forged, [], cast("审计员"))
    assert not against_store.ok, f"the officer's forgery verifies against the store: {against_store.checks}"


# --- A11: 'cert issue' certifies, as the timestamping key, whatever stored request hashes to either digest ------


def test_a11_planted_tsa_request_row_makes_issue_certify_another_key(cast: Cast) -> None:
    from cryptography import x509

    certs.init_ca(cast("保密员"), "某市纪委监委")
    requested = cert_requests.request(cast("记录员"))
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        der, wrapped = conn.execute(
            "SELECT cert_der, wrapped_key FROM certificates WHERE kind = 'request' AND active = 1"
        ).fetchone()
        conn.execute(
            "INSERT INTO certificates (kind, subject, cert_der, wrapped_key, active, created_at) "
            "VALUES ('tsa-request', '记录员', ?, ?, 1, '2026-11-30 00:00:00.000000')",
            (der, wrapped),
        )
    try:
        issued = cert_requests.issue(cast("保密员"), "记录员")
    except Refused:
        return  # refused: held
    officer = cast("保密员")
    with officer.store.transaction() as db:
        rows = {certs.fingerprint(r.cert_der): r.cert_der for r in db.scalars(select(Certificate))}
    tsa = x509.load_der_x509_certificate(rows[issued["tsa_fingerprint"]])
    signing = x509.load_der_x509_certificate(rows[issued["signing_fingerprint"]])
    assert tsa.public_key() != signing.public_key(), (
        f"the TSA certificate certifies the signing key; the log says tsa_request={requested['tsa_request'][:12]}…"
    )
