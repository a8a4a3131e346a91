"""Review 1 of the roles-from-the-log work: what the chair's program still took from rows.

- A department's reviewer picked without a name (``--department 一室``) came from the ``accounts`` rows of that
  department: a copy of 甲's row planted under a new id (the original moved out of the department) was picked, the
  session naming 甲 by the planted id — the duplicate the named path refuses since 8ddf34c.  And a second genuine
  reviewer moved out of the department in the rows made the program pick the other without asking which.
- Closing a round early counted every envelope row towards the quorum: envelopes planted for departments that
  never answered let the chair sign ``session.close`` ("sealed: 3") on rows the signed facts do not vouch for —
  after which the facts check refuses the session for good.
- A substitute's reviewer role was taken as the facts check's "reviewer" when merely requested (the two-person
  rule's pending role), and ``content.give_to`` sealed a reader copy to whatever name the chair's program gave.
- The administrator's re-issue of a slot looked the account up by ``.first()``: a planted copy of a key holder's
  row hid the round keys it still holds, so the refusal that protects an unrevealed round did not fire.
"""

from __future__ import annotations

from typing import Any

import pytest

from app import accounts
from app.errors import InvalidInput, Refused, StoreUnavailable
from app.sessions import lifecycle, views
from app.sessions.lifecycle import SessionSpec
from tests import insider
from tests.cast import PASS, Cast, grant, raw_db


def _spec(ref: str) -> SessionSpec:
    return SessionSpec(
        kind="clue_disposal",
        title="关于某某问题线索的处置",
        ref_number=ref,
        classification="非密",
        departments=["一室", "二室=乙"],
        chair="主持人",
        custodians=["监督员"],
        clerks=["记录员"],
    )


def _counts(cast: Cast, key: bytes) -> tuple[int, ...]:
    with raw_db(cast.directory, key) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("review_sessions", "participants", "audit_entries", "envelopes", "content_keys")
        )


def test_an_auto_picked_reviewer_is_not_a_planted_duplicate_row(cast: Cast) -> None:
    """The insider copies 甲's row under a new id (department 一室) and moves the original out of 一室 in the
    rows: the department's only reviewer "in the rows" is the planted copy.  Refused as the named path refuses it,
    nothing written."""
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        insider.loosen(conn, "accounts")
        insider.copy_row(conn, "accounts", insider.account_id(conn, "甲"), {})
        conn.execute(
            "UPDATE accounts SET department_id = NULL WHERE name = '甲' AND id = (SELECT min(id) FROM accounts "
            "WHERE name = '甲')"
        )
    before = _counts(cast, key)
    with pytest.raises(StoreUnavailable, match="甲"):
        lifecycle.create(cast("主持人"), _spec("AUTO-DUP"))
    assert _counts(cast, key) == before


def test_a_reviewer_moved_out_in_the_rows_does_not_make_the_pick(cast: Cast) -> None:
    """一室 has two reviewers in the signed log (甲, 甲二); the chair names the department only, so the program must
    ask which.  The insider moves 甲二 out of 一室 in the rows: the program must still ask, nothing written."""
    accounts.add_account(cast("管理员"), "甲二", ["reviewer"], "一室", PASS)
    grant(cast.directory, ["甲二"])
    key = cast("主持人").store.db_key
    before = _counts(cast, key)
    with pytest.raises(InvalidInput, match="2 reviewers"):
        lifecycle.create(cast("主持人"), _spec("AUTO-TWO-A"))
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE accounts SET department_id = NULL WHERE name = '甲二'")
    with pytest.raises(InvalidInput, match="2 reviewers"):
        lifecycle.create(cast("主持人"), _spec("AUTO-TWO-B"))
    assert _counts(cast, key) == before


def test_the_department_s_one_reviewer_is_still_picked(cast: Cast) -> None:
    """Legitimate use: the department's only reviewer is picked (and a remote member's department is its card's)."""
    sid = lifecycle.create(cast("主持人"), _spec("AUTO-OK"))
    shown = views.show(cast("主持人"), sid)
    assert "甲" in str(shown), shown


def _plant_envelopes(cast: Cast, sid: int, key: bytes, departments: list[str]) -> None:
    """Copies of 甲's envelope for ``departments``, each under that department's reviewer (who never sealed)."""
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rid = insider.round_id(conn, sid)
        first = conn.execute("SELECT min(id) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0]
        for dept in departments:
            pid, aid = conn.execute(
                "SELECT p.id, p.reviewer_id FROM participants p JOIN departments d ON d.id = p.department_id "
                "WHERE p.session_id = ? AND d.name = ?",
                (sid, dept),
            ).fetchone()
            insider.copy_row(conn, "envelopes", first, {"participant_id": pid, "author_id": aid})


def test_planted_envelopes_do_not_make_a_quorum_to_close_early(cast: Cast) -> None:
    """Five departments, only 甲 sealed; the insider plants envelopes for 二室 and 三室.  Counting rows, the chair's
    program saw three of five sealed and signed ``session.close``: it must count only what the signed facts vouch
    for (one of five: no quorum), refuse, and write nothing."""
    sid = cast.open(n=5)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    _plant_envelopes(cast, sid, key, ["二室", "三室"])
    before = _counts(cast, key)
    with pytest.raises(Refused, match="1 of 5"):
        lifecycle.close_early(cast("主持人"), sid, "其余部门逾期未提交意见，依规提前结束")
    assert _counts(cast, key) == before
    assert views.show(cast("主持人"), sid)["status"] == "collecting"


def test_a_genuine_quorum_still_closes_early(cast: Cast) -> None:
    """Legitimate use: three of five sealed (a planted fourth changes nothing); the round closes, the session
    intact, the planted department named absent."""
    sid = cast.open(n=5)
    for reviewer in ("甲", "乙", "丙"):
        cast.seal(sid, reviewer)
    key = cast("主持人").store.db_key
    _plant_envelopes(cast, sid, key, ["审理室"])
    got: dict[str, Any] = lifecycle.close_early(cast("主持人"), sid, "其余部门逾期未提交意见，依规提前结束")
    assert got["sealed"] == 3 and got["absent"] == ["信访室", "审理室"], got
    assert views.show(cast("主持人"), sid)["status"] == "sealed"


def test_a_substitute_whose_reviewer_role_awaits_authorisation_gets_nothing(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """三员分立: 甲三 was added as a reviewer of 一室, but the security officer never authorised the role (the rows
    hold it: the administrator's program writes every requested role there).  A chair's program that took the
    role from the rows names 甲三 the substitute for 甲: the facts check must not count that decision (it counted
    roles merely requested), and no reader copy of the content key may be sealed to 甲三."""
    from app import clearance, facts
    from app.sessions import recusal_decisions
    from models import ReviewSession

    accounts.add_account(cast("管理员"), "甲三", ["reviewer"], "一室", PASS)
    clearance.set_clearance(cast("保密员"), "甲三", "机密")  # cleared, but the role not authorised
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")
    monkeypatch.setattr(recusal_decisions, "_check_substitute", lambda db, ctx, s, did, dept, name: name)
    recusal_decisions.decide(cast("主持人"), sid, "一室", True, "近亲属关系，由甲三代为评审", substitute="甲三")
    monkeypatch.undo()
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key) as conn:
        copies = conn.execute(
            "SELECT count(*) FROM content_keys WHERE account_id = (SELECT id FROM accounts WHERE name = '甲三')"
        ).fetchone()[0]
    assert copies == 0
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        check = facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)
    assert any("substitute is not a reviewer" in i for i in check.ignored), check.ignored


def test_an_authorised_substitute_still_counts(cast: Cast) -> None:
    """Legitimate use: the same with the role authorised — the decision counts and 甲三 holds a reader copy."""
    from app import facts
    from app.sessions import recusal_decisions
    from models import ReviewSession

    accounts.add_account(cast("管理员"), "甲三", ["reviewer"], "一室", PASS)
    grant(cast.directory, ["甲三"])
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")
    recusal_decisions.decide(cast("主持人"), sid, "一室", True, "近亲属关系，由甲三代为评审", substitute="甲三")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key) as conn:
        copies = conn.execute(
            "SELECT count(*) FROM content_keys WHERE account_id = (SELECT id FROM accounts WHERE name = '甲三')"
        ).fetchone()[0]
    assert copies == 1
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        check = facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)
    assert check.problems == [] and check.ignored == [], check


def test_a_planted_row_does_not_let_a_key_holder_s_slot_be_reissued(cast: Cast) -> None:
    """监督员 holds a layer of the open round's key, so the administrator's program refuses to re-issue the slot
    (the new identity could never release it).  The insider plants a copy of 监督员's row under a new id, found
    first by name: the program looked for pending keys under the planted id, found none, re-issued — and filed the
    new identity under the planted id, so the round could never be revealed.  Refused, nothing changed."""
    sid = cast.open(n=3)
    assert sid
    key = cast("管理员").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        insider.loosen(conn, "accounts")
        real = insider.account_id(conn, "监督员")
        insider.copy_row(conn, "accounts", real, {})
        planted = conn.execute("SELECT max(id) FROM accounts").fetchone()[0]
        ident = conn.execute("SELECT max(id) FROM identities WHERE account_id = ?", (real,)).fetchone()[0]
        insider.copy_row(conn, "identities", ident, {"account_id": planted})
        conn.execute("CREATE INDEX x_names ON accounts (name, id DESC)")
    before = (_counts(cast, key), insider.json_hashes(cast.directory))
    with pytest.raises(Refused, match="监督员"):
        accounts.reissue_slot(cast("管理员"), "监督员", "a-new-passphrase-456")
    assert (_counts(cast, key), insider.json_hashes(cast.directory)) == before
