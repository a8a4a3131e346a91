"""Attacks on the seal that takes what the board's facts check read from the remembered verdict (issue 16:
app/facts_cache.py carries the rounds, each round's envelopes, recusals and holder keys, and the departments
beside the verdict, and hands them to the seal when nothing was written since).

The insider holds the database key and writes with their own SQLCipher connection after 乙's board was shown
(the verdict and its rows remembered): each edit must send the seal back to the full check — refused exactly as
without the cache, nothing written.  And this program's own writes, the ORM's identity map and a seal that
changes what it was handed must not reach the remembered copy."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from app import facts, registry
from app.errors import Refused
from app.facts import Tampered
from app.sessions import views
from models import ReviewSession, Round
from tests import insider
from tests.cast import Cast, raw_db
from tests.sql_count import statements

# The reads the carried rows replace (each a statement of a full check, or of a seal without them).
CARRIED = ("SELECT rounds.", "SELECT envelopes.", "SELECT recusals.", "SELECT holder_keys.", "SELECT departments.")


def _boarded(cast: Cast) -> tuple[int, bytes]:
    """甲 sealed; the insider dropped the store's triggers (a change of its own, before the board); then 乙's board
    was shown: its verdict and rows are remembered on a store whose rows the insider can now write freely."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True):
        pass
    views.board(cast("乙"), sid)
    return sid, key


def _first(conn: Any, table: str, rid: int) -> int:
    return int(conn.execute(f"SELECT min(id) FROM {table} WHERE round_id = ?", (rid,)).fetchone()[0])


def _participant(conn: Any, sid: int, reviewer: str) -> int:
    row = conn.execute(
        "SELECT id FROM participants WHERE session_id = ? AND reviewer_id = ?",
        (sid, insider.account_id(conn, reviewer)),
    ).fetchone()
    return int(row[0])


def _custodian_key(conn: Any, rid: int) -> int:
    return int(conn.execute("SELECT max(id) FROM holder_keys WHERE round_id = ?", (rid,)).fetchone()[0])


EDITS: dict[str, Any] = {
    "round: deleted": lambda c, sid, rid: c.execute("DELETE FROM rounds WHERE id = ?", (rid,)),
    "round: reveal key replaced": lambda c, sid, rid: c.execute(
        "UPDATE rounds SET reveal_public = randomblob(1216) WHERE id = ?", (rid,)
    ),
    "round: a close reason written": lambda c, sid, rid: c.execute(
        "UPDATE rounds SET close_reason = '提前结束' WHERE id = ?", (rid,)
    ),
    "round: planted round 2": lambda c, sid, rid: insider.copy_row(c, "rounds", rid, {"number": 2}),
    "envelope: 甲's deleted": lambda c, sid, rid: c.execute(
        "DELETE FROM envelopes WHERE id = ?", (_first(c, "envelopes", rid),)
    ),
    "envelope: 甲's ciphertext changed": lambda c, sid, rid: c.execute(
        "UPDATE envelopes SET ciphertext = randomblob(2048) WHERE id = ?", (_first(c, "envelopes", rid),)
    ),
    "envelope: planted for 乙's department": lambda c, sid, rid: insider.copy_row(
        c, "envelopes", _first(c, "envelopes", rid), {"participant_id": _participant(c, sid, "乙")}
    ),
    "recusal: 甲's deleted": lambda c, sid, rid: c.execute(
        "DELETE FROM recusals WHERE id = ?", (_first(c, "recusals", rid),)
    ),
    "recusal: 甲's turned into a conflict": lambda c, sid, rid: c.execute(
        "UPDATE recusals SET has_conflict = 1 WHERE id = ?", (_first(c, "recusals", rid),)
    ),
    "recusal: planted for 乙's department": lambda c, sid, rid: insider.copy_row(
        c, "recusals", _first(c, "recusals", rid), {"participant_id": _participant(c, sid, "乙")}
    ),
    "holder key: the custodian's deleted": lambda c, sid, rid: c.execute(
        "DELETE FROM holder_keys WHERE id = ?", (_custodian_key(c, rid),)
    ),
    "holder key: the custodian's replaced": lambda c, sid, rid: c.execute(
        "UPDATE holder_keys SET kem_public = randomblob(1216) WHERE id = ?", (_custodian_key(c, rid),)
    ),
    "holder key: moved out of the round": lambda c, sid, rid: c.execute(
        "UPDATE holder_keys SET round_id = NULL WHERE id = ?", (_custodian_key(c, rid),)
    ),
    "department renamed": lambda c, sid, rid: c.execute(
        "UPDATE departments SET name = '伪造室' WHERE id = (SELECT department_id FROM participants WHERE id = ?)",
        (_participant(c, sid, "乙"),),
    ),
}


# Edits the full check does not refuse the session for: the envelope is flagged (excluded and named at the reveal).
FLAGGED = {"envelope: 甲's ciphertext changed"}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_row_written_after_the_board_sends_the_seal_to_the_full_check(cast: Cast, edit: str) -> None:
    """The insider edits, plants or deletes a row the carried rows stand for, after 乙's board: the seal checks
    the session in full (its statements read the rows again) and does what the full check says — refused with
    nothing written, or (an envelope of another department flagged) sealed with the flag standing."""
    sid, key = _boarded(cast)
    with raw_db(cast.directory, key) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in ("envelopes", "recusals", "rounds"):
            insider.loosen(conn, table)
        EDITS[edit](conn, sid, insider.round_id(conn, sid))
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    if edit in FLAGGED:
        with statements(cast("乙")) as seen:
            assert not cast.seal(sid, "乙")["session_sealed"]
        assert insider.counts(cast, key)[0] == before[0] + 1
        chair = cast("主持人")
        with chair.store.transaction() as db:
            registry.catch_up(db, chair.registry)
            check = facts.inspect(db, chair.registry, db.get_one(ReviewSession, sid), chair.store.slots.store_id)
            assert len(check.flagged) == 1 and not check.problems, check
    else:
        with statements(cast("乙")) as seen, pytest.raises((Tampered, Refused)) as refused:
            cast.seal(sid, "乙")
        assert "sealed" in str(refused.value) or isinstance(refused.value, Tampered), refused.value
        assert insider.counts(cast, key) == before
        assert insider.json_hashes(cast.directory) == files
    assert any(s.startswith("SELECT rounds.") for s in seen), "the remembered rows were used"


def test_with_nothing_written_the_seal_takes_the_rows_from_the_remembered_verdict(cast: Cast) -> None:
    """The control of the test above: the same store, no edit — the seal reads none of the carried rows."""
    sid, _key = _boarded(cast)
    with statements(cast("乙")) as seen:
        assert not cast.seal(sid, "乙")["session_sealed"]
    assert not [s for s in seen if s.startswith(CARRIED)], seen
    views.board(cast("主持人"), sid)  # the session matches its signed facts


def _rows(db: Any, ctx: Any, sid: int, remembered: bool) -> Any:
    """What the check hands the seal, from the remembered verdict or (its cache emptied) from a full check now."""
    if not remembered:
        db.connection().connection.info.pop("huishen_facts_cache", None)
    registry.catch_up(db, ctx.registry)
    session = db.get_one(ReviewSession, sid)
    check = facts.inspect(db, ctx.registry, session, ctx.store.slots.store_id, rows=True)
    assert check.rows is not None and not check.problems
    return check.rows


def _plain(rows: Any) -> tuple[Any, ...]:
    rounds = sorted((r.id, r.number, r.reveal_public, r.opened_at, r.closed_at, r.close_reason) for r in rows.rounds)
    return rounds, rows.envelopes, rows.recusals, rows.holder_keys, rows.departments


def test_the_carried_rows_are_what_a_full_check_reads_and_no_change_to_them_reaches_the_cache(cast: Cast) -> None:
    """The rows from the remembered verdict equal a full check's of the same transaction; a caller that changes
    the round it was handed (a seal closing it) or the containers changes its own copy, never the remembered one:
    the next transaction gets the rows as they are in the database."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    with ctx.store.transaction() as db:
        carried = _plain(_rows(db, ctx, sid, True))
    with ctx.store.transaction() as db:
        rows = _rows(db, ctx, sid, True)
        assert carried == _plain(rows)
        declared = next(iter(rows.recusals.values()))[0]
        with pytest.raises(AttributeError):
            declared.has_conflict = True  # plain values: immutable
        rows.rounds[0].closed_at = rows.rounds[0].opened_at  # what mark_sealed_if_complete does to its round
        rows.rounds[0].close_reason = "改动"
        rows.envelopes.clear()
        rows.holder_keys.clear()
        rows.departments.clear()
        db.expunge_all()  # the changed round is not written: the database (and so the cache's state) unchanged
    with ctx.store.transaction() as db:
        again = _plain(_rows(db, ctx, sid, True))
        assert again == carried
        assert again == _plain(_rows(db, ctx, sid, False))  # a full check now reads the same


def test_a_round_already_in_the_transaction_is_the_one_handed_out(cast: Cast) -> None:
    """The identity map: a round this transaction loaded before the check is the object the carried rows give
    (merged without SQL, not a second object for the same row), with the database's values."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    with ctx.store.transaction() as db:
        rnd = db.scalars(select(Round).where(Round.session_id == sid)).one()
        rows = _rows(db, ctx, sid, True)
        assert rows.rounds == [rnd] and rows.rounds[0] is rnd
        assert rnd.closed_at is None and not db.dirty


class _Undo(Exception):
    """Rolls the test's transaction back."""


def test_this_program_s_own_write_in_the_transaction_sends_the_check_back_to_the_full_one(cast: Cast) -> None:
    """A write on the connection itself after the board (a round's close reason, by this program's own connection
    in the seal's transaction): total_changes moved, so neither the verdict nor the rows are reused — the full
    check reads the rows again and finds the change."""
    sid, _key = _boarded(cast)
    ctx = cast("乙")
    with pytest.raises(_Undo), ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        session = db.get_one(ReviewSession, sid)
        db.execute(text("UPDATE rounds SET close_reason = '改动' WHERE session_id = :sid"), {"sid": sid})
        with statements(ctx) as seen:
            check = facts.inspect(db, ctx.registry, session, ctx.store.slots.store_id, rows=True)
        assert check.problems and any(s.startswith("SELECT rounds.") for s in seen), (check, seen)
        assert check.rows is not None and check.rows.rounds[0].close_reason == "改动"
        raise _Undo
    views.board(ctx, sid)  # rolled back: the session is intact, and the seal goes on
    assert not cast.seal(sid, "乙")["session_sealed"]
