"""The current revocation list is the newest one even when two were issued within the same second (a CRL's
thisUpdate has whole seconds): the CA-signed CRL number breaks the tie. Found when the dossier export became
fast enough (issue 16) that a clerk's certificate issue and the list renewed after disabling the clerk could
share a second, and 'cert crl' / 'dossier verify --crl' got the older list, without the revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509

from app import accounts, cert_requests, certs
from tests.attack_certs_support import _issue_clerk
from tests.cast import Cast


def test_a_list_renewed_in_the_same_second_is_the_current_one(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    _issue_clerk(cast)
    serials = {x509.load_der_x509_certificate(certs.signing_material(cast("记录员")).cert_der).serial_number}
    now = [datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1, milliseconds=100)]  # after the issue's
    monkeypatch.setattr(cert_requests, "utcnow", lambda: now[0])
    cert_requests.renew_crl(cast("保密员"))  # revokes nothing
    accounts.set_disabled(cast("管理员"), "记录员", True, "调离记录员岗位，停用账户。")
    now[0] += timedelta(milliseconds=500)  # the same second: the same thisUpdate
    cert_requests.renew_crl(cast("保密员"))  # revokes the clerk's certificates
    pem = cert_requests.current_crl_pem(cast("保密员"))
    assert pem is not None
    current = x509.load_pem_x509_crl(pem)
    assert current.last_update_utc == now[0].replace(microsecond=0) - timedelta(minutes=5)
    assert serials <= {entry.serial_number for entry in current}
