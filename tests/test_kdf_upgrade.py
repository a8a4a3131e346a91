"""Issue 16 item 4: Scrypt 2^18 for new slots, a signed policy for the cost, older slots re-wrapped at sign-in.

The suite runs the test KDF, the real one shifted down by ``FAST_SHIFT`` powers of two (2^18 -> 2^10), so the
policy and the re-wrap are exercised at a cheap cost; the real figures are checked on the constants.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app import accounts, keyslots, policy
from app.crypto import KdfParams, provider
from app.crypto import default as crypto_default
from app.errors import NotPermitted, Refused
from app.kdf_upgrade import needs_rewrap, rewrap
from tests.cast import PASS
from tests.conftest import ROOT


def _slot_json(directory: Path, name: str) -> dict[str, Any]:
    data = json.loads((directory / keyslots.SLOT_FILE).read_text("utf-8"))
    return dict(data["slots"][name])


def _n(directory: Path, name: str) -> int:
    return int(_slot_json(directory, name)["kdf"]["n"])


def _plant_cost(directory: Path, name: str, passphrase: str, n: int) -> None:
    """Rewrap ``name``'s slot at cost ``n`` (what an older program made), keeping its anchor."""
    slots = keyslots.load(directory)
    secrets = slots.unlock(name, passphrase)
    crypto = provider()
    params = KdfParams("scrypt", os.urandom(16), {"n": n, "r": 8, "p": 1})
    wrapped = crypto.wrap(crypto.derive(passphrase, params), secrets.db_key + secrets.account_key, slots.aad(name))
    keyslots.put(directory, replace(slots.get(name), kdf=params, wrapped=wrapped, check=None))


def test_the_real_default_is_2_18_and_older_2_17_slots_still_open() -> None:
    assert crypto_default.SCRYPT_COST["n"] == 2**18
    assert crypto_default.SCRYPT_COST["r"] == 8
    assert 2 ** crypto_default.MIN_SCRYPT_LOG2N == 2**17
    # The test KDF keeps the same proportions, one power of two apart.
    assert crypto_default.target_n() == 2 ** (18 - crypto_default.FAST_SHIFT)
    assert crypto_default.target_n(19) == 2 * crypto_default.target_n()
    assert crypto_default.min_kdf_n() == crypto_default.target_n() // 2


def test_real_cost_without_the_test_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto_default, "_fast_kdf_allowed", False)
    assert provider().new_kdf_params().cost["n"] == 2**18
    assert provider().new_kdf_params(20).cost["n"] == 2**20
    assert crypto_default.min_kdf_n() == 2**17


def test_a_new_account_gets_the_default_cost(cast: Any) -> None:
    assert _n(cast.directory, "甲") == crypto_default.target_n()


def test_the_cost_is_a_signed_policy_of_the_security_officer(cast: Any) -> None:
    with pytest.raises(NotPermitted):
        policy.set_value(cast("管理员"), "kdf_cost_log2", 19)
    with pytest.raises(Refused):
        policy.set_value(cast("保密员"), "kdf_cost_log2", 17)  # never below the default
    with pytest.raises(Refused):
        policy.set_value(cast("保密员"), "kdf_cost_log2", 21)
    policy.set_value(cast("保密员"), "kdf_cost_log2", 19)
    assert policy.current(cast("甲")).kdf_cost_log2 == 19
    # A new account is made at the policy's cost.
    accounts.add_account(cast("管理员"), "新人", ["reviewer"], None, PASS)
    assert _n(cast.directory, "新人") == crypto_default.target_n(19)


def test_an_older_slot_is_rewrapped_at_the_next_sign_in(cast: Any) -> None:
    directory = cast.directory
    old = crypto_default.min_kdf_n()  # what the 2^17 default was
    _plant_cost(directory, "甲", PASS, old)
    anchor = _slot_json(directory, "甲").get("anchor")
    assert _n(directory, "甲") == old
    ctx = accounts.open_account(directory, "甲", PASS)
    ctx.close()
    assert _n(directory, "甲") == crypto_default.target_n()
    assert _slot_json(directory, "甲").get("anchor") == anchor  # only the wrapping changed
    # Same passphrase, same secrets; a second sign-in rewrites nothing.
    before = (directory / keyslots.SLOT_FILE).read_bytes()
    ctx = accounts.open_account(directory, "甲", PASS)
    ctx.close()
    after = json.loads((directory / keyslots.SLOT_FILE).read_bytes())
    assert after["slots"]["甲"] == json.loads(before)["slots"]["甲"]


def test_a_raised_policy_rewraps_every_account_at_its_sign_in(cast: Any) -> None:
    policy.set_value(cast("保密员"), "kdf_cost_log2", 19)
    cast.close()
    ctx = accounts.open_account(cast.directory, "乙", PASS)
    assert _n(cast.directory, "乙") == crypto_default.target_n(19)
    assert _n(cast.directory, "甲") == crypto_default.target_n()  # not signed in yet
    # The passphrase change after a re-wrap is not mistaken for another program's change.
    accounts.change_passphrase(ctx, "Another-Pass-456!xq")
    ctx.close()
    ctx = accounts.open_account(cast.directory, "乙", "Another-Pass-456!xq")
    ctx.close()


def test_a_failed_write_leaves_the_old_slot_working(cast: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = cast.directory
    cast.close()
    _plant_cost(directory, "甲", PASS, crypto_default.min_kdf_n())
    before = (directory / keyslots.SLOT_FILE).read_bytes()
    real_replace = os.replace

    def failing(src: Any, dst: Any) -> None:
        if str(dst).endswith(keyslots.SLOT_FILE):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    ctx = accounts.open_account(directory, "甲", PASS)
    assert any("strengthened" in w for w in ctx.warnings)
    ctx.close()
    assert (directory / keyslots.SLOT_FILE).read_bytes() == before
    monkeypatch.setattr(os, "replace", real_replace)
    ctx = accounts.open_account(directory, "甲", PASS)  # the old slot opens; now it is re-wrapped
    ctx.close()
    assert _n(directory, "甲") == crypto_default.target_n()


_KILLED = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
import tests.conftest  # the test KDF switch
from app import accounts, keyslots
real = os.replace
def killed(src, dst):
    if str(dst).endswith(keyslots.SLOT_FILE):
        os.kill(os.getpid(), signal.SIGKILL)  # the temporary file is written and synced, not yet in place
    real(src, dst)
os.replace = killed
accounts.open_account(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
"""


def test_a_crash_mid_rewrap_leaves_a_working_slot(cast: Any) -> None:
    directory = cast.directory
    cast.close()
    _plant_cost(directory, "甲", PASS, crypto_default.min_kdf_n())
    before = (directory / keyslots.SLOT_FILE).read_bytes()
    r = subprocess.run(
        [sys.executable, "-c", _KILLED.format(root=str(ROOT)), str(directory), "甲", PASS],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert r.returncode == -9, r.stderr
    assert (directory / keyslots.SLOT_FILE).read_bytes() == before
    ctx = accounts.open_account(directory, "甲", PASS)
    ctx.close()
    assert _n(directory, "甲") == crypto_default.target_n()


def test_a_slot_changed_by_another_program_is_left_alone(cast: Any) -> None:
    directory = cast.directory
    ctx = cast("甲")
    _plant_cost(directory, "甲", PASS, crypto_default.min_kdf_n())
    stale = keyslots.load(directory)
    ctx.store.slots = stale
    secrets = stale.unlock("甲", PASS)
    assert needs_rewrap(stale.get("甲"), None)
    _plant_cost(directory, "甲", PASS, crypto_default.min_kdf_n())  # another program: a new wrapping
    planted = (directory / keyslots.SLOT_FILE).read_bytes()
    assert rewrap(ctx.store, "甲", PASS, secrets, None) is False
    assert (directory / keyslots.SLOT_FILE).read_bytes() == planted
