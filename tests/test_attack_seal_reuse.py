"""Attack side of the seal that reuses the facts check's rows (issue 16, tonight's seal work): the seal takes the
rounds, the round's envelopes, recusals and holder keys, and the department name from the check made in the same
transaction (app.facts_lookup.CheckRows), deletes the author's draft with one Core DELETE before adding the
envelope, and a second audit append in the transaction reuses the head it appended.

The insider holds the database key: drops triggers, rebuilds tables without constraints, writes any row at any
moment (their own triggers: tests/test_attack_triggers.py).  Each test asserts the refusal and that nothing
changed."""

from __future__ import annotations

from typing import Any

import pytest

from app.crypto import provider
from app.errors import Refused
from app.facts import Tampered
from app.opinion_form import OpinionForm
from app.sessions import opinions, views
from tests import insider
from tests.cast import Cast, raw_db, reasoning


def _participant(conn: Any, sid: int, reviewer: str) -> int:
    return int(
        conn.execute(
            "SELECT id FROM participants WHERE session_id = ? AND reviewer_id = ?",
            (sid, insider.account_id(conn, reviewer)),
        ).fetchone()[0]
    )


def _keys(conn: Any, rid: int) -> list[tuple[int, int]]:
    return list(conn.execute("SELECT id, layer FROM holder_keys WHERE round_id = ? ORDER BY layer", (rid,)).fetchall())


def _extra_layer(conn: Any, sid: int, rid: int) -> None:
    ids = _keys(conn, rid)
    insider.copy_row(conn, "holder_keys", ids[-1][0], {"layer": ids[-1][1] + 1, "kem_public": _evil()})


def _replaced_key(conn: Any, sid: int, rid: int) -> None:
    conn.execute("UPDATE holder_keys SET kem_public = ? WHERE id = ?", (_evil(), _keys(conn, rid)[0][0]))


def _swapped_layers(conn: Any, sid: int, rid: int) -> None:
    (a, la), (b, lb) = _keys(conn, rid)[:2]
    conn.execute("UPDATE holder_keys SET layer = ? WHERE id = ?", (lb, a))
    conn.execute("UPDATE holder_keys SET layer = ? WHERE id = ?", (la, b))


def _duplicated_layer(conn: Any, sid: int, rid: int) -> None:
    """A second row for the chair's layer, with the attacker's key (same layer number, next id)."""
    first = _keys(conn, rid)[0]
    insider.copy_row(conn, "holder_keys", first[0], {"kem_public": _evil()})


def _layer_below_with_id_0(conn: Any, sid: int, rid: int) -> None:
    """An attacker's key under id 0 and layer -1 (first in layer order: the innermost layer)."""
    insider.copy_row(conn, "holder_keys", _keys(conn, rid)[0][0], {"id": 0, "layer": -1, "kem_public": _evil()})


def _layer_null(conn: Any, sid: int, rid: int) -> None:
    """An attacker's key in the round with layer NULL (sorts before every layer)."""
    insider.copy_row(conn, "holder_keys", _keys(conn, rid)[0][0], {"layer": None, "kem_public": _evil()})


def _same_layer_twice(conn: Any, sid: int, rid: int) -> None:
    """Both holder keys under layer 0: the same list in another order is what an ORDER BY layer may return."""
    conn.execute("UPDATE holder_keys SET layer = 0 WHERE round_id = ?", (rid,))


def _key_of_another_round(conn: Any, sid: int, rid: int) -> None:
    """An unspent custodian key moved into the round in place of the one the chair signed."""
    spare = conn.execute("SELECT id FROM holder_keys WHERE round_id IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    custodian = _keys(conn, rid)[-1]
    conn.execute("UPDATE holder_keys SET round_id = NULL, layer = NULL WHERE id = ?", (custodian[0],))
    conn.execute("UPDATE holder_keys SET round_id = ?, layer = ? WHERE id = ?", (rid, custodian[1], spare))


def _envelope_for_me(conn: Any, sid: int, rid: int) -> None:
    """甲's envelope copied as 乙's department's (the author and signature are 甲's)."""
    first = conn.execute("SELECT min(id) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0]
    insider.copy_row(conn, "envelopes", first, {"participant_id": _participant(conn, sid, "乙"), "author_id": 0})


def _envelope_id_zero(conn: Any, sid: int, rid: int) -> None:
    first = conn.execute("SELECT min(id) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0]
    insider.copy_row(
        conn, "envelopes", first, {"id": 0, "participant_id": _participant(conn, sid, "乙"), "author_id": 0}
    )


def _envelope_moved_negative(conn: Any, sid: int, rid: int) -> None:
    """甲's genuine envelope renumbered -1 and a copy under its id for 乙's department."""
    first = conn.execute("SELECT min(id) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0]
    conn.execute("UPDATE envelopes SET id = -1 WHERE id = ?", (first,))
    insider.copy_row(
        conn, "envelopes", -1, {"id": first, "participant_id": _participant(conn, sid, "乙"), "author_id": 0}
    )


def _recusal_for_me(conn: Any, sid: int, rid: int) -> None:
    """甲's no-conflict declaration copied as 乙's department's (so 乙 looks answered, or 乙's answer unsigned)."""
    first = conn.execute("SELECT min(id) FROM recusals WHERE round_id = ?", (rid,)).fetchone()[0]
    insider.copy_row(conn, "recusals", first, {"participant_id": _participant(conn, sid, "乙")})


def _recusal_id_zero(conn: Any, sid: int, rid: int) -> None:
    first = conn.execute("SELECT min(id) FROM recusals WHERE round_id = ?", (rid,)).fetchone()[0]
    insider.copy_row(
        conn, "recusals", first, {"id": 0, "participant_id": _participant(conn, sid, "乙"), "has_conflict": 1}
    )


def _department_renamed(conn: Any, sid: int, rid: int) -> None:
    conn.execute(
        "UPDATE departments SET name = '伪造室' WHERE id = (SELECT department_id FROM participants WHERE id = ?)",
        (_participant(conn, sid, "乙"),),
    )


def _participant_moved(conn: Any, sid: int, rid: int) -> None:
    """乙's participant row given 丙's department (the envelope header would name another department)."""
    dept = conn.execute("SELECT department_id FROM participants WHERE id = ?", (_participant(conn, sid, "丙"),))
    conn.execute(
        "UPDATE participants SET department_id = ? WHERE id = ?", (dept.fetchone()[0], _participant(conn, sid, "乙"))
    )


def _planted_round(conn: Any, sid: int, rid: int) -> None:
    """A round 2 nobody opened, with the attacker's key: the newest round is where a seal goes."""
    insider.copy_row(conn, "rounds", rid, {"number": 2, "reveal_public": _evil()})


def _round_number_text(conn: Any, sid: int, rid: int) -> None:
    """A planted round whose number is text (sorts after every integer in SQLite)."""
    insider.copy_row(conn, "rounds", rid, {"number": "9"})


def _round_number_null(conn: Any, sid: int, rid: int) -> None:
    insider.copy_row(conn, "rounds", rid, {"number": None})


def _round_number_real(conn: Any, sid: int, rid: int) -> None:
    """A planted round numbered 1.5 (distinct from 1, above it: the newest round if nothing looked)."""
    insider.copy_row(conn, "rounds", rid, {"number": 1.5, "reveal_public": _evil()})


def _round_number_negative(conn: Any, sid: int, rid: int) -> None:
    insider.copy_row(conn, "rounds", rid, {"number": -1, "reveal_public": _evil()})


def _round_id_zero(conn: Any, sid: int, rid: int) -> None:
    """The genuine round and its keys, envelopes and recusals moved under id 0."""
    for table in ("holder_keys", "reveal_shares", "envelopes", "recusals", "opinion_drafts"):
        conn.execute(f"UPDATE {table} SET round_id = 0 WHERE round_id = ?", (rid,))
    conn.execute("UPDATE rounds SET id = 0 WHERE id = ?", (rid,))


def _round_number_zero(conn: Any, sid: int, rid: int) -> None:
    conn.execute("UPDATE rounds SET number = 0 WHERE id = ?", (rid,))


def _evil() -> bytes:
    return provider().new_encryption_key().public


ROW_EDITS = {
    "holder key: extra layer": _extra_layer,
    "holder key: kem_public replaced": _replaced_key,
    "holder key: layers swapped": _swapped_layers,
    "holder key: layer duplicated": _duplicated_layer,
    "holder key: both layer 0": _same_layer_twice,
    "holder key: id 0, layer -1": _layer_below_with_id_0,
    "holder key: layer NULL": _layer_null,
    "holder key: an unspent key moved in": _key_of_another_round,
    "envelope: planted for my department": _envelope_for_me,
    "envelope: planted with id 0": _envelope_id_zero,
    "envelope: genuine moved to id -1, copy under its id": _envelope_moved_negative,
    "recusal: planted for my department": _recusal_for_me,
    "recusal: planted with id 0": _recusal_id_zero,
    "department renamed": _department_renamed,
    "participant moved to another department": _participant_moved,
    "round: planted round 2": _planted_round,
    "round: planted number as text": _round_number_text,
    "round: planted number NULL": _round_number_null,
    "round: renumbered 0": _round_number_zero,
    "round: planted number 1.5": _round_number_real,
}
LOOSE = ("holder_keys", "envelopes", "recusals", "rounds", "reveal_shares", "opinion_drafts", "participants")


@pytest.mark.parametrize("cached", [True, False], ids=["remembered", "fresh"])
@pytest.mark.parametrize("edit", sorted(ROW_EDITS))
def test_a_row_planted_or_changed_before_the_seal_is_refused(cast: Cast, edit: str, cached: bool) -> None:
    """乙's program is open; the insider changes a row the seal's check reads and the seal reuses (holder keys,
    envelopes, recusals, rounds, the department), with the tables rebuilt without UNIQUE constraints.  The seal
    is refused (as tampering, or as 'already sealed' for a row standing in 乙's place) and writes nothing; the
    board is refused or shows nothing of it; a fresh or a remembered check alike."""
    sid, key = insider.checked_by_the_next(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in LOOSE:
            insider.loosen(conn, table)
        rid = insider.round_id(conn, sid)
        ROW_EDITS[edit](conn, sid, rid)
    if cached:
        try:
            views.board(cast("乙"), sid)  # the verdict on the edited rows is remembered
        except Exception:  # noqa: BLE001 - refused is fine; the seal below must be refused too
            pass
    before, files = insider.counts(cast, key), insider.json_hashes(cast.directory)
    with pytest.raises((Tampered, Refused)) as refused:
        cast.seal(sid, "乙")
    assert "sealed" in str(refused.value) or isinstance(refused.value, Tampered), refused.value
    assert insider.counts(cast, key) == before
    assert insider.json_hashes(cast.directory) == files


def test_the_round_moved_to_id_0_is_still_the_round_the_chair_signed(cast: Cast) -> None:
    """The genuine round with every row of it renumbered id 0 (a falsy id, for a reuse keyed by id): nothing the
    chair signed changed, so 乙's seal is accepted, sealed to the genuine holder keys (the reveal opens it with the
    custodian's release) and the attacker's nothing; the same as before tonight's change."""
    sid, key = insider.checked_by_the_next(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        _round_id_zero(conn, sid, insider.round_id(conn, sid))
        keys = conn.execute("SELECT layer, kem_public FROM holder_keys WHERE round_id = 0 ORDER BY layer").fetchall()
    assert len(keys) >= 2
    cast.seal(sid, "乙")
    cast.seal(sid, "丙")
    revealed = cast.reveal(sid)
    assert revealed["opened"] == 3 and not revealed["rejected"], revealed
    with raw_db(cast.directory, key) as conn:
        assert (
            conn.execute("SELECT layer, kem_public FROM holder_keys WHERE round_id = 0 ORDER BY layer").fetchall()
            == keys
        )
        assert conn.execute("SELECT count(*) FROM envelopes WHERE round_id = 0").fetchone()[0] == 3


def test_the_seal_deletes_only_its_authors_draft_of_the_round(cast: Cast) -> None:
    """The draft DELETE is one statement by round and author: 丙's draft of the round and a draft planted for 乙
    under another round survive 乙's seal; 乙's own draft is gone."""
    sid = cast.open(n=3)
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("乙"))
    opinions.save_draft(cast("乙"), sid, form)
    opinions.save_draft(cast("丙"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("丙")))
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        insider.loosen(conn, "opinion_drafts")
        rid = insider.round_id(conn, sid)
        me = insider.account_id(conn, "乙")
        mine = conn.execute("SELECT id FROM opinion_drafts WHERE author_id = ?", (me,)).fetchone()[0]
        insider.copy_row(conn, "opinion_drafts", mine, {"round_id": rid + 1000})
        others = conn.execute(
            "SELECT id, round_id, author_id, wrapped FROM opinion_drafts WHERE NOT (round_id = ? AND author_id = ?) "
            "ORDER BY id",
            (rid, me),
        ).fetchall()
    assert len(others) == 2
    cast.seal(sid, "乙")
    with raw_db(cast.directory, key) as conn:
        rows = conn.execute("SELECT id, round_id, author_id, wrapped FROM opinion_drafts ORDER BY id").fetchall()
    assert rows == others


def test_a_planted_round_below_the_first_stops_the_seal(cast: Cast) -> None:
    """A round row numbered -1 (with the attacker's reveal key) planted in the session: the signed log numbers
    rounds from 1, so the check reports it as planted (it reported only numbers above the signed rounds) and the
    seal is refused, nothing written."""
    sid, key = insider.checked_by_the_next(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        insider.loosen(conn, "rounds")
        rid = insider.round_id(conn, sid)
        _round_number_negative(conn, sid, rid)
        entries = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    with pytest.raises(Tampered, match="round -1 is not in the signed log"):
        cast.seal(sid, "乙")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM envelopes WHERE round_id = ?", (rid,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == entries


def test_a_planted_round_below_the_first_is_reported(cast: Cast) -> None:
    sid = cast.open(n=3)
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        insider.loosen(conn, "rounds")
        _round_number_negative(conn, sid, insider.round_id(conn, sid))
    with pytest.raises(Tampered):
        views.board(cast("乙"), sid)
