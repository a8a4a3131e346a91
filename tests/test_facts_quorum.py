"""Issue 14 item 3: the facts check re-checks the attendance quorum when a round is sealed.  A modified program
that seals below quorum is caught; a session created before quorums existed is not held to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import audit, facts
from app.sessions import lifecycle, recusal_decisions, views
from models import ReviewSession
from tests.cast import Cast, make_cast


def _below_quorum(cast: Cast, monkeypatch: pytest.MonkeyPatch, sid: int) -> None:
    """A faulty program: three of four departments recused, one sealed, and the round closes anyway."""
    real = lifecycle.attendance_of
    monkeypatch.setattr(lifecycle, "attendance_of", lambda s, st: {**real(s, st), "reached": True})
    for who in ("甲", "乙", "丙"):
        cast.recuse(sid, who)
    cast.seal(sid, "丁")
    monkeypatch.undo()


def _problems(cast: Cast, sid: int) -> list[str]:
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        return facts.check_session(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)


def test_a_round_sealed_below_quorum_is_flagged(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cast.open(n=4)
    _below_quorum(cast, monkeypatch, sid)
    problems = _problems(cast, sid)
    assert any("below quorum: 2 of the original 应到 5 attended, 3 needed" in p for p in problems), problems
    with pytest.raises(facts.Tampered, match="below quorum"):
        views.show(cast("主持人"), sid)  # the session is refused everywhere until the auditor looks


def test_a_round_sealed_at_quorum_is_not_flagged(cast: Cast) -> None:
    sid = cast.open(n=4)
    cast.recuse(sid, "甲")
    for who in ("乙", "丙", "丁"):
        cast.seal(sid, who)
    assert views.show(cast("主持人"), sid)["status"] == "sealed"
    assert _problems(cast, sid) == []


def test_an_early_close_below_quorum_is_flagged(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cast.open(n=4)
    cast.seal(sid, "甲")
    real = lifecycle.attendance_of
    monkeypatch.setattr(lifecycle, "attendance_of", lambda s, st: {**real(s, st), "reached": True})
    # The program's own "more than half sealed" count is patched out too: the entry reaches the log.
    monkeypatch.setattr(lifecycle, "round_state", _pretend_sealed(lifecycle.round_state))
    monkeypatch.setattr(lifecycle, "vouched", lambda state, _check: state)
    lifecycle.close_early(cast("主持人"), sid, "时间紧迫提前截止")
    monkeypatch.undo()
    assert any("below quorum" in p for p in _problems(cast, sid))


def _pretend_sealed(real: Any) -> Any:
    def round_state(db: Any, rnd: Any) -> Any:
        state = real(db, rnd)
        return type(state)({**state.envelopes, -1: None, -2: None, -3: None}, state.recusals, state.chair_envelope)

    return round_state


def test_a_session_created_before_quorums_is_not_flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The program of the time made the store without the quorum era and signed no quorum rule and no clerks in
    the creation entry (a store upgraded from before quorums, whose session was created before the upgrade)."""
    real_append = audit.append

    def old_append(db: Any, actor: Any, action: str, obj: str, details: Any = None) -> Any:
        if action == "session.create":
            details = {k: v for k, v in details.items() if k not in ("quorum", "clerks")}
        if action == "store.init":
            details = {k: v for k, v in details.items() if k != "quorum_era"}
        return real_append(db, actor, action, obj, details)

    monkeypatch.setattr(audit, "append", old_append)
    cast = make_cast(tmp_path / "old-store")
    sid = cast.create(n=4)
    monkeypatch.undo()
    lifecycle.open_session(cast("主持人"), sid)
    _below_quorum(cast, monkeypatch, sid)
    assert _problems(cast, sid) == []
    assert views.show(cast("主持人"), sid)["status"] == "sealed"
    # once a session of the store was created by a program that knows quorums, later ones are held to them
    # even when their creation entry leaves the keys out (attack review R3-3)
    cast.create(n=4)
    monkeypatch.setattr(audit, "append", old_append)
    later = cast.create(n=4)
    monkeypatch.undo()
    lifecycle.open_session(cast("主持人"), later)
    _below_quorum(cast, monkeypatch, later)
    cast.close()  # the auditor signs in again: their registry reaches the new entries
    assert any("below quorum" in p for p in _problems(cast, later))
    cast.close()
    assert recusal_decisions  # (the recusals above were decided through the service)
