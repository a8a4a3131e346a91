"""Attacks on this session's other performance changes: the RSA key check remembered per process and key bytes
(app/dossier/loaded_keys.py ``_rsa``), and the garbage collector held during a dossier build (app/gc_policy.py)."""

from __future__ import annotations

import gc
import threading

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app import gc_policy
from app.dossier import loaded_keys
from app.errors import Refused
from tests.cast import Cast


def _with(info: keys.PrivateKeyInfo, **change: int) -> keys.PrivateKeyInfo:
    """The key with some of its RSA numbers changed (as an insider writes them into the sealed key's row)."""
    inner = keys.RSAPrivateKey.load(info["private_key"].parsed.dump())
    for name, value in change.items():
        inner[name] = value
    return keys.PrivateKeyInfo(
        {"version": 0, "private_key_algorithm": info["private_key_algorithm"], "private_key": inner}
    )


@pytest.fixture(scope="module")
def checked() -> keys.PrivateKeyInfo:
    der = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    info = keys.PrivateKeyInfo.load(der)
    assert loaded_keys._rsa(info) is not None  # checked, and remembered
    return info


@pytest.mark.parametrize("field", ["exponent1", "exponent2", "coefficient", "private_exponent"])
def test_a_key_sharing_a_checked_key_s_modulus_is_checked_again(checked: keys.PrivateKeyInfo, field: str) -> None:
    """A faulty CRT value makes RSA signatures that give the key away (one faulty signature factors the modulus).
    The insider's key keeps the checked key's modulus and public exponent — the same public key, the same
    certificate — and changes one private number: the memo is of the whole key's bytes, so it is checked and
    refused, each time."""
    inner = checked["private_key"].parsed
    bad = _with(checked, **{field: inner[field].native + 2})
    assert bad["private_key"].parsed["modulus"].native == inner["modulus"].native
    for _ in range(2):
        with pytest.raises(ValueError):
            loaded_keys._rsa(bad)
    assert loaded_keys._rsa(checked) is not None


def test_a_refused_build_gives_the_collector_back(cast: Cast) -> None:
    """A build refused midway (the session is not decided) leaves automatic collection on, also while another
    thread's build holds it."""
    from app.dossier import service

    sid = cast.open(n=2)
    assert gc.isenabled()
    with pytest.raises(Refused):
        service.build(cast("记录员"), sid)
    assert gc.isenabled()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_policy.held():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    assert entered.wait(5)
    with pytest.raises(Refused):
        service.build(cast("记录员"), sid)
    assert not gc.isenabled()  # the other build still runs
    release.set()
    thread.join(5)
    assert gc.isenabled()
