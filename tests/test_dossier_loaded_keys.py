"""The dossier's signer and in-process TSA parse their RSA keys once (issue 16): no private key is parsed by
pyHanko's own per-signature code during an export, and the B-LTA dossier made so still verifies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from app import certs
from app.dossier import longterm, service
from tests import two_rounds


def test_export_parses_each_key_outside_pyhanko_and_verifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = two_rounds.make_store(tmp_path / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    officer = two_rounds.open_as(store, "保密员")
    callers: list[str] = []
    real = serialization.load_der_private_key

    def counting(data: bytes, *args: Any, **kwargs: Any) -> Any:
        callers.append(sys._getframe(1).f_globals.get("__name__", ""))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(serialization, "load_der_private_key", counting)
    try:
        assert longterm.material(clerk) is not None  # B-LTA: a signature timestamp and a document timestamp
        out = tmp_path / "dossier.pdf"
        service.export(clerk, two_rounds.session_id(clerk), out)
        ca = certs.export_ca_pem(officer).encode()
    finally:
        clerk.close()
        officer.close()
    monkeypatch.undo()
    in_pyhanko = [c for c in callers if c.startswith("pyhanko")]
    assert in_pyhanko == [], callers  # before: five parses (three in the TSA, two in the signer)
    assert callers.count("app.dossier.loaded_keys") == 2  # the signer's key and the TSA's, once each
    report = service.verify(out, [ca])
    assert report.ok, report.failure


def test_an_rsa_key_is_checked_the_first_time_its_bytes_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenSSL's check of an RSA private key runs once per process and key bytes; an inconsistent key (as an
    insider could write into the envelope) is refused every time, never remembered as checked."""
    from asn1crypto import keys
    from cryptography.hazmat.primitives.asymmetric import rsa

    from app.dossier import loaded_keys

    der = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    good = keys.PrivateKeyInfo.load(der)
    bad = keys.PrivateKeyInfo.load(der)
    inner = bad["private_key"].parsed
    inner["private_exponent"] = inner["private_exponent"].native + 2
    bad = keys.PrivateKeyInfo(
        {"version": 0, "private_key_algorithm": bad["private_key_algorithm"], "private_key": inner}
    )
    skipped: list[bool] = []
    real = serialization.load_der_private_key

    def recording(data: bytes, *args: Any, **kwargs: Any) -> Any:
        skipped.append(bool(kwargs.get("unsafe_skip_rsa_key_validation")))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(serialization, "load_der_private_key", recording)
    for _ in range(2):
        with pytest.raises(ValueError):
            loaded_keys._rsa(bad)
    first, again = loaded_keys._rsa(good), loaded_keys._rsa(good)
    assert first is not None and again is not None
    assert first.private_numbers() == again.private_numbers()
    assert skipped == [False, False, False, True]
