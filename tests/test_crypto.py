from __future__ import annotations

import re

import pytest

from app.canonical import canonical_json
from app.crypto import InvalidData, provider
from app.crypto.default import FAST_KDF_ENV, SCRYPT_COST
from app.fingerprint import fingerprint, short


def test_hybrid_seal_opens_only_with_right_key_and_info() -> None:
    c = provider()
    key = c.new_encryption_key()
    other = c.new_encryption_key()
    sealed = c.seal(key.public, "背靠背意见".encode(), b"session=1|round=1")
    assert "背靠背意见".encode() not in sealed
    assert c.open(key.private, sealed, b"session=1|round=1") == "背靠背意见".encode()
    with pytest.raises(InvalidData):
        c.open(key.private, sealed, b"session=1|round=2")
    with pytest.raises(InvalidData):
        c.open(other.private, sealed, b"session=1|round=1")
    flipped = bytearray(sealed)
    flipped[-1] ^= 1
    with pytest.raises(InvalidData):
        c.open(key.private, bytes(flipped), b"session=1|round=1")


def test_signatures_detect_any_change() -> None:
    c = provider()
    key = c.new_signing_key()
    sig = c.sign(key.private, b"data")
    assert c.verify(key.public, sig, b"data")
    assert not c.verify(key.public, sig, b"datA")
    assert not c.verify(c.new_signing_key().public, sig, b"data")


def test_wrap_binds_associated_data() -> None:
    c = provider()
    k = c.random(32)
    blob = c.wrap(k, b"secret", b"aad-1")
    assert c.unwrap(k, blob, b"aad-1") == b"secret"
    with pytest.raises(InvalidData):
        c.unwrap(k, blob, b"aad-2")
    with pytest.raises(InvalidData):
        c.unwrap(c.random(32), blob, b"aad-1")


def test_default_kdf_cost_is_the_interactive_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FAST_KDF_ENV)
    params = provider().new_kdf_params()
    assert params.algorithm == "scrypt"
    assert params.cost == SCRYPT_COST
    assert SCRYPT_COST["n"] >= 2**17
    assert params.salt != provider().new_kdf_params().salt


def test_kdf_rejects_absurd_parameters() -> None:
    from app.crypto import KdfParams

    with pytest.raises(ValueError):
        provider().derive("x", KdfParams("scrypt", b"s" * 16, {"n": 3, "r": 8, "p": 1}))
    with pytest.raises(ValueError):
        provider().derive("x", KdfParams("pbkdf1", b"s" * 16, {"n": 1024, "r": 8, "p": 1}))
    with pytest.raises(ValueError):  # a tampered slot asking for 16 GiB is refused, not attempted
        provider().derive("x", KdfParams("scrypt", b"s" * 16, {"n": 2**24, "r": 8, "p": 1}))


def test_fingerprint_reads_aloud() -> None:
    fp = fingerprint(b"a", b"b")
    assert re.fullmatch(r"(\d{5} ){5}\d{5}", fp)
    assert fp != fingerprint(b"ab", b"")  # parts are length-prefixed
    assert short(fp) == fp[:11]


def test_canonical_json_is_stable_and_refuses_floats() -> None:
    assert canonical_json({"b": 1, "a": "会"}) == '{"a":"会","b":1}'.encode()
    with pytest.raises(TypeError):
        canonical_json({"x": 0.5})
