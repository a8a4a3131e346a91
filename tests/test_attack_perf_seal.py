"""Attacks on the seal after this session's performance work (issue 16, Phase 2): the log head taken from the
registry's catch-up in the same transaction (app/audit.py note_head), the closing seal reading a named substitute's
account id only (app/sessions/lifecycle.py mark_sealed_if_complete).  The insider holds the database key; each
test tries the attack and asserts the refusal and that nothing was written (or that nothing the signed facts
forbid was)."""

from __future__ import annotations

from typing import Any

import pytest

from app import accounts
from app.facts import Tampered
from app.sessions import recusal_decisions, views
from tests import insider
from tests.cast import PASS, Cast, grant, raw_db
from tests.test_attack_perf_dossier import _plant_schema_row


def _state(cast: Cast, key: bytes) -> tuple[Any, ...]:
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq").fetchall(),
            conn.execute("SELECT id, participant_id, author_id FROM envelopes ORDER BY id").fetchall(),
            conn.execute("SELECT id, status FROM review_sessions ORDER BY id").fetchall(),
        )


_PLANT_HEAD = (
    "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature, identity_id) "
    "SELECT seq + 1, ts, actor, action, object, details, hash, hash, signature, identity_id FROM audit_entries "
    "WHERE seq = (SELECT max(seq) FROM audit_entries)"
)


@pytest.mark.parametrize("kind", ["trigger", "Trigger"])
def test_an_entry_planted_at_the_head_between_catch_up_and_append_is_refused(cast: Cast, kind: str) -> None:
    """The insider's trigger plants an entry at the head when the seal deletes its draft — after the catch-up that
    noted the head, before the append that chains to it.  Recorded as a trigger, or under the type 'Trigger' that
    hid it from the schema guard: refused by the seal's check, nothing written."""
    sid, key = insider.checked_by_the_next(cast, 3)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        sql = f"CREATE TRIGGER x_head AFTER DELETE ON opinion_drafts BEGIN {_PLANT_HEAD}; END"
        if kind == "trigger":
            conn.execute(sql)
        else:
            _plant_schema_row(conn, kind, "x_head", "opinion_drafts", sql)
        conn.execute(
            "INSERT INTO opinion_drafts (round_id, author_id, wrapped, updated_at) VALUES (?, ?, randomblob(64), "
            "'2026-01-01 00:00:00.000000')",
            (insider.round_id(conn, sid), insider.account_id(conn, "乙")),
        )
    before = _state(cast, key)
    with pytest.raises(Tampered, match="x_head"):
        cast.seal(sid, "乙")
    assert _state(cast, key) == before


def test_an_entry_planted_at_the_head_before_the_seal_is_refused(cast: Cast) -> None:
    """A copy of the head entry appended as the next one (hash and signature of the entry before): the seal's
    catch-up reads it as the head; it does not verify, so the seal is refused and nothing is chained to it."""
    sid, key = insider.checked_by_the_next(cast, 3)
    with raw_db(cast.directory, key) as conn:
        conn.execute(_PLANT_HEAD)
    before = _state(cast, key)
    with pytest.raises(Tampered, match="no longer verifies"):
        cast.seal(sid, "乙")
    assert _state(cast, key) == before


def _substituted(cast: Cast) -> tuple[int, bytes]:
    """Three departments; 甲 recused, 甲二 (一室) named the substitute; 乙 sealed."""
    accounts.add_account(cast("管理员"), "甲二", ["reviewer"], "一室", PASS)
    grant(cast.directory, ["甲二"])
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")
    recusal_decisions.decide(cast("主持人"), sid, "一室", True, "近亲属关系，由甲二代为评审", substitute="甲二")
    cast.seal(sid, "乙")
    return sid, cast("主持人").store.db_key


def _plant_substitute_row(conn: Any) -> int:
    """A second accounts row named 甲二 (the name's UNIQUE dropped), under a new id, which a lookup of 甲二 by name
    finds last (a scan: the newest row; the planted index (name, id): the larger id).  Its id."""
    insider.loosen(conn, "accounts")
    insider.copy_row(conn, "accounts", insider.account_id(conn, "丁"), {"name": "甲二"})
    conn.execute("CREATE INDEX x_names ON accounts (name, id) WHERE name IS NOT NULL")
    return int(conn.execute("SELECT max(id) FROM accounts").fetchone()[0])


def test_a_planted_substitute_row_does_not_let_another_s_envelope_close_the_round(cast: Cast) -> None:
    """The insider plants an accounts row named 甲二 under a new id, and an envelope for 一室 by it (a copy of
    乙's), the substitute the chair named.  丙's seal would close the round on the planted envelope: a
    ``session.sealed`` the signed facts ignore (not every department sealed) — the session then refused as
    altered, its reveal impossible.  The closing seal must not mark the round sealed on an envelope the check
    flagged: either it is refused with nothing written, or the session stays collecting and intact."""
    sid, key = _substituted(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rid = insider.round_id(conn, sid)
        first = conn.execute("SELECT min(id) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0]
        one = conn.execute(
            "SELECT p.id FROM participants p JOIN departments d ON d.id = p.department_id "
            "WHERE p.session_id = ? AND d.name = '一室'",
            (sid,),
        ).fetchone()[0]
        phantom = _plant_substitute_row(conn)
        insider.copy_row(conn, "envelopes", first, {"participant_id": one, "author_id": phantom})
    before = _state(cast, key)
    try:
        cast.seal(sid, "丙")
    except Tampered:
        assert _state(cast, key) == before
        return
    board = views.board(cast("主持人"), sid)  # the session still matches its signed facts
    assert views.show(cast("主持人"), sid)["status"] == "collecting", board


def test_a_planted_substitute_row_does_not_keep_the_genuine_substitute_out(cast: Cast) -> None:
    """The accounts row named 甲二 under a new id makes the genuine 甲二's envelope look unentitled to the closing
    seal's lookup: the round would not close although every department answered as signed.  Whatever the rows
    say, the session must stay as its signed facts have it (no status the facts forbid)."""
    sid, key = _substituted(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _plant_substitute_row(conn)
    cast.seal(sid, "丙")
    try:
        cast.seal(sid, "甲二")
    except Tampered:
        return
    views.board(cast("主持人"), sid)  # whatever the status, it matches the signed facts


def _close_by_hand(cast: Cast, sid: int, reviewer: str) -> None:
    """What an insider reviewer does with the database key and their own signing key: the round's rows set to
    sealed and a ``session.sealed`` entry signed with their own key (the program's own append, called by a script)."""
    from sqlalchemy import text

    from app import audit

    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True):
        pass  # the refusing triggers dropped
    ctx = cast(reviewer)
    with ctx.store.transaction() as db:
        db.execute(text("UPDATE review_sessions SET status = 'sealed' WHERE id = :s"), {"s": sid})
        db.execute(
            text("UPDATE rounds SET closed_at = '2026-12-01T05:00:00.000000Z' WHERE session_id = :s"), {"s": sid}
        )
        audit.append(db, ctx.actor, "session.sealed", f"session:{sid}", {"round": 1})


@pytest.mark.parametrize("case", ["a department not yet sealed", "the named substitute not yet sealed"])
def test_a_reviewer_closing_the_round_before_every_department_answered_is_refused(cast: Cast, case: str) -> None:
    """An insider reviewer closes the round themselves — signed with their own key — while 三室 has not sealed
    (or while the substitute the chair named for 一室 has not): the department is shut out of the decision, with
    no reason and no chair's early close (session.close).  The program's own closing seal would not do this; the
    signed facts must refuse the entry (the session then reported as altered), not accept a round the log does
    not show complete."""
    if case == "a department not yet sealed":
        sid = cast.open(n=3)
        cast.seal(sid, "甲")
        cast.seal(sid, "乙")
        _close_by_hand(cast, sid, "乙")
    else:
        sid, _key = _substituted(cast)
        cast.seal(sid, "丙")
        _close_by_hand(cast, sid, "丙")
    with pytest.raises(Tampered):
        views.board(cast("主持人"), sid)


def test_an_envelope_changed_after_sealing_does_not_keep_the_round_open(cast: Cast) -> None:
    """The closing seal's check (above) is not the insider's lever the other way: 甲's envelope changed after 甲
    sealed is flagged, but 甲's signed seal stands for 一室, so the last seal closes the round as the signed facts
    have it and the reveal excludes the changed envelope."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        eid, ct = conn.execute("SELECT id, ciphertext FROM envelopes ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE envelopes SET ciphertext = ? WHERE id = ?", (bytes([ct[0] ^ 1]) + ct[1:], eid))
    cast.seal(sid, "乙")
    cast.seal(sid, "丙")
    assert views.show(cast("主持人"), sid)["status"] == "sealed"
    result = cast.reveal(sid)
    assert result["opened"] == 2 and result["rejected"][0]["envelope"] == eid


def test_a_head_entry_altered_before_the_seal_is_not_chained_to(cast: Cast) -> None:
    """The log's last entry (not the session's: another account's) altered after 乙's program verified it: the seal
    takes the head its catch-up read and chains its entry to it — to a hash the registry never verified, breaking
    the chain under a signed seal.  The head read must be the verified one: refused, nothing written."""
    from app.sessions import holder_keys

    sid, key = insider.checked_by_the_next(cast, 3)
    holder_keys.issue_batch(cast("监督员"), 2)  # another account's entry at the head
    views.board(cast("乙"), sid)  # 乙's program verified it
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        seq, obj = conn.execute("SELECT seq, object FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        assert obj != f"session:{sid}"
        conn.execute("UPDATE audit_entries SET hash = ? WHERE seq = ?", ("0" * 64, seq))
    before = _state(cast, key)
    with pytest.raises(Tampered):
        cast.seal(sid, "乙")
    assert _state(cast, key) == before
