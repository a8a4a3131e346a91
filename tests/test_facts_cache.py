"""Issue 16 item 2: a remembered facts verdict is reused only while nothing changed; a row planted after a
check is still caught at the next."""

from __future__ import annotations

from typing import Any

import pytest

from app import facts, registry
from models import ReviewSession
from tests.cast import Cast, raw_db


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real = facts._Check.run

    def counting(self: Any, entries: Any) -> Any:
        runs.append(1)
        return real(self, entries)

    monkeypatch.setattr(facts._Check, "run", counting)
    return runs


def _inspect(cast: Cast, name: str, sid: int) -> facts.SessionCheck:
    ctx = cast(name)
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        return facts.inspect(db, ctx.registry, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)


def test_an_unchanged_store_reuses_the_verdict(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    runs = _count_runs(monkeypatch)
    first = _inspect(cast, "主持人", sid)
    again = _inspect(cast, "主持人", sid)
    assert first == again and not first.problems
    assert len(runs) <= 2  # once per pooled connection at most, not once per check
    for _ in range(5):
        _inspect(cast, "主持人", sid)
    assert len(runs) <= 2


def test_a_row_planted_after_a_check_is_caught(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    assert not _inspect(cast, "主持人", sid).all()
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE envelopes SET commitment = ? WHERE participant_id IS NOT NULL", ("ab" * 32,))
    check = _inspect(cast, "主持人", sid)
    assert check.flagged  # the altered envelope is excluded at reveal and reported, as without the cache


def test_a_write_by_this_program_also_invalidates(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cast.create(n=3)
    _inspect(cast, "主持人", sid)
    runs = _count_runs(monkeypatch)
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        session = db.get_one(ReviewSession, sid)
        facts.inspect(db, ctx.registry, session, ctx.store.slots.store_id)
        before = len(runs)
        session.title = "改过的标题"  # unflushed: the check flushes it first, the state differs
        check = facts.inspect(db, ctx.registry, session, ctx.store.slots.store_id)
        assert len(runs) == before + 1 and check.problems
        db.rollback()
