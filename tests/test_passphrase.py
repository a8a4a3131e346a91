"""Passphrase policy (issue "Insider-proof secrecy", item 6): a minimum strength, not only a length."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import accounts, passphrase, policy
from app.errors import InvalidInput
from tests.cast import PASS, Cast


@pytest.mark.parametrize(
    ("weak", "needle"),
    [
        ("        ", "spaces"),
        ("short1!", "at least"),
        ("aaaaaaaaaaaa", "too easy"),
        ("password123", "too easy"),
        ("12345678", "too easy"),
        ("1qaz2wsx3edc", "too easy"),
        ("qwertyuiop", "too easy"),
        ("Passw0rd!", "too easy"),
    ],
)
def test_weak_passphrases_are_refused_with_a_reason(weak: str, needle: str) -> None:
    with pytest.raises(InvalidInput, match=needle):
        passphrase.check(weak)


def test_strong_passphrases_pass() -> None:
    for strong in ("cast-pass-123", "Huishen2026!", "会审系统口令很长很长", "marble-kettle-41-orbit"):
        passphrase.check(strong)


def test_the_accounts_own_name_is_refused() -> None:
    with pytest.raises(InvalidInput, match="name"):
        passphrase.check("zhangwei-2026-dossier", names=["zhangwei"])


def _files(directory: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in directory.iterdir() if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def test_adding_an_account_with_a_weak_passphrase_changes_nothing(cast: Cast) -> None:
    admin = cast("管理员")
    slots_before = (cast.directory / "keyslots.json").read_bytes()
    with pytest.raises(InvalidInput, match="too easy"):
        accounts.add_account(admin, "新人", ["clerk"], None, "password123")
    assert (cast.directory / "keyslots.json").read_bytes() == slots_before
    assert "新人" not in {a["account"] for a in accounts.list_accounts(admin)}


def test_the_security_officer_sets_the_minimum(cast: Cast) -> None:
    medium = "demo-12345678"  # zxcvbn scores it 2
    assert passphrase.score(medium) == 2
    with pytest.raises(InvalidInput, match="asks for 3"):
        accounts.change_passphrase(cast("甲"), medium)
    policy.set_value(cast("保密员"), "passphrase_min_score", 2)
    cast.close()
    accounts.change_passphrase(cast("甲"), medium)
    cast.close()
    assert accounts.open_account(cast.directory, "甲", medium).name == "甲"
    accounts.change_passphrase(cast("乙"), PASS + "x")
