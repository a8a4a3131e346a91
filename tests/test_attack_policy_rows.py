"""The policies in force come from the signed log; an insider with the database key who edits a ``policy.set``
row after the accounts verified it (sign-in replay) sets nothing: each row read must hash to what the account's
registry verified (found by the seal review of issue 16: the rows were read as they were)."""

from __future__ import annotations

import json

import pytest

from app import policy
from app.errors import Refused
from app.sessions import views
from tests.cast import Cast, raw_db


def _edit(cast: Cast, new: object) -> None:
    with raw_db(cast.directory, cast("管理员").store.db_key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE audit_entries SET details = ? WHERE action = 'policy.set' AND object = 'policy:min_custodians'",
            (json.dumps({"old": 1, "new": new}),),
        )


def _sessions(cast: Cast) -> int:
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        return int(conn.execute("SELECT count(*) FROM review_sessions").fetchone()[0])


def test_a_lowered_policy_row_lets_no_session_through(cast: Cast) -> None:
    policy.set_value(cast("保密员"), "min_custodians", 1)
    chair = cast("主持人")
    assert policy.current(chair).min_custodians == 1
    with pytest.raises(Refused, match="custodian"):
        cast.create(n=2, custodians=())
    before = _sessions(cast)
    _edit(cast, 0)  # after the chair's program verified the entry
    with pytest.raises(Refused, match="altered"):
        policy.current(chair)
    with pytest.raises(Refused, match="altered"):
        cast.create(n=2, custodians=())
    assert _sessions(cast) == before


def test_a_session_made_under_a_lowered_row_is_not_passed_by_the_check(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The insider's own program skips the creation rule (or ran before the row was put back): another
    account's check holds the session to the policy as signed, and an edited row does not excuse it."""
    from app.sessions import lifecycle

    policy.set_value(cast("保密员"), "min_custodians", 1)
    chair, reader = cast("主持人"), cast("甲")  # both signed in: their registries verified the entry
    cast.open(n=2)  # the log goes on (an edited head would stop the catch-up itself)
    _edit(cast, 0)
    real_load = policy.load
    monkeypatch.setattr(lifecycle.policy, "load", lambda db, reg=None: real_load(db))  # the row as it is now
    sid = cast.create(n=2, custodians=())
    monkeypatch.undo()
    with pytest.raises(Refused, match="altered"):
        lifecycle.open_session(chair, sid)
    with pytest.raises(Refused, match="altered"):
        views.board(reader, sid)


def test_a_policy_set_after_sign_in_is_verified_and_used(cast: Cast) -> None:
    chair = cast("主持人")  # signed in before the security officer's change: its registry catches up
    assert policy.current(chair).min_custodians == 1
    policy.set_value(cast("保密员"), "min_custodians", 0)
    assert policy.current(chair).min_custodians == 0
    assert cast.create(n=2, custodians=())
