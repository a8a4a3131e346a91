"""Roles granted in the database only (an ``account_roles`` row the insider wrote) give no part in a session: the
chair's program refuses to name such an account (it reads roles from the signed log), and a session whose signed
definition names one anyway — a chair's program that looked at the rows — is refused by the facts check (a 三员
named reviewer would hold a reader copy of the content key)."""

from __future__ import annotations

from typing import Any

import pytest

from app.errors import InvalidInput
from app.facts import Tampered
from app.sessions import lifecycle, naming, views
from app.sessions.lifecycle import SessionSpec
from tests.cast import Cast, raw_db

PARTS = ["custodian", "clerk", "reviewer", "reviewer of the department"]


def _grant(cast: Cast, role: str) -> bytes:
    """保密员 (the security officer) given ``role`` and the department 一室 in the rows."""
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (aid,) = conn.execute("SELECT id FROM accounts WHERE name = '保密员'").fetchone()
        conn.execute("INSERT INTO account_roles (account_id, role) VALUES (?, ?)", (aid, role))
        if role == "reviewer":  # the department's only reviewer in the rows: 甲 moved out of it
            conn.execute(
                "UPDATE accounts SET department_id = (SELECT id FROM departments WHERE name = '一室') WHERE id = ?",
                (aid,),
            )
            conn.execute("UPDATE accounts SET department_id = NULL WHERE name = '甲'")
    return key


def _spec(part: str) -> SessionSpec:
    return SessionSpec(
        kind="clue_disposal",
        title="关于某某问题线索的处置",
        ref_number=f"ROLE-{part}",
        classification="非密",
        departments={"reviewer": ["一室=保密员", "二室=乙"], "reviewer of the department": ["一室", "二室=乙"]}.get(
            part, ["一室=甲", "二室=乙"]
        ),
        chair="主持人",
        custodians=["监督员", "保密员"] if part == "custodian" else ["监督员"],
        clerks=["记录员", "保密员"] if part == "clerk" else ["记录员"],
    )


def _counts(cast: Cast, key: bytes) -> tuple[int, int]:
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT count(*) FROM review_sessions").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0],
        )


@pytest.mark.parametrize("part", PARTS)
def test_the_chair_cannot_name_an_account_with_a_role_from_the_rows(cast: Cast, part: str) -> None:
    key = _grant(cast, part.split()[0])
    chair = cast("主持人")
    before = _counts(cast, key)
    with pytest.raises(InvalidInput):
        lifecycle.create(chair, _spec(part))
    assert _counts(cast, key) == before


@pytest.mark.parametrize("part", PARTS[:3])  # the department's reviewer is named as the third is, once picked
def test_a_definition_naming_one_is_refused_by_the_facts_check(
    cast: Cast, part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import Account

    def by_rows(db: Any, _reg: Any, name: str, role: Any, what: str) -> Any:  # the program before the fix
        from sqlalchemy import select

        account = db.scalars(select(Account).where(Account.name == name)).first()
        assert account is not None and role.value in account.roles, (name, role)
        return account

    _grant(cast, part.split()[0])
    monkeypatch.setattr(naming, "account", by_rows)
    sid = lifecycle.create(cast("主持人"), _spec(part))
    monkeypatch.undo()
    with pytest.raises(Tampered, match="保密员"):
        views.board(cast("主持人"), sid)


@pytest.mark.parametrize("part", ["custodian", "clerk", "reviewer"])
def test_the_session_editor_does_not_offer_it(cast: Cast, part: str) -> None:
    from app import accounts

    _grant(cast, part)
    found = accounts.directory(cast("主持人"))
    offered = {
        "custodian": found["custodians"],
        "clerk": found["clerks"],
        "reviewer": [r for d in found["departments"] for r in d["reviewers"]],
    }[part]
    assert "保密员" not in offered and offered, found


def test_a_second_account_row_of_the_same_name_is_refused(cast: Cast) -> None:
    """The insider drops the UNIQUE on names and plants a copy of 甲's row under a new id, found first by a planted
    index: the session would name 甲 by the planted id (the signed definition, by name, the same) and the real 甲
    could not seal.  Two rows of one name are refused, nothing written."""
    from app.errors import StoreUnavailable
    from tests import insider

    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        insider.loosen(conn, "accounts")
        insider.copy_row(conn, "accounts", insider.account_id(conn, "甲"), {})
        conn.execute("CREATE INDEX x_names ON accounts (name, id DESC)")
    before = _counts(cast, key)
    with pytest.raises(StoreUnavailable, match="甲"):
        lifecycle.create(cast("主持人"), _spec("none"))
    assert _counts(cast, key) == before
