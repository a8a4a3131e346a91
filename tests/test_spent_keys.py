"""A one-time holder key used by two round openings is a replay (issue "Insider-proof secrecy"); the signed-facts
check finds it in the registry's counts (issue 16: reading every opening of the store at each full check cost
100 ms at 20,000 sessions) — the same counts as reading every opening, and the same problem reported."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app import facts, registry
from app.sessions import holder_keys, lifecycle
from models import AuditEntry, HolderKey, ReviewSession
from tests.cast import Cast


def _replayed(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> int:
    """A revealed session whose next round is opened with the custodian key the first round spent."""
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    with cast("主持人").store.transaction() as db:
        spent_id = db.query(HolderKey).filter(HolderKey.layer == 1).one().id
    monkeypatch.setattr(holder_keys, "_unspent", lambda db, account: [db.get_one(HolderKey, spent_id)])
    lifecycle.new_round(cast("主持人"), sid, "意见分歧较大，再议一轮")
    monkeypatch.undo()
    return sid


def test_the_registry_counts_what_reading_every_opening_counts(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = _replayed(cast, monkeypatch)
    second = cast.open(n=2)
    cast.seal(second, "甲")
    ctx = cast("审计员")
    with ctx.store.transaction() as db:
        ctx.registry = registry.catch_up(db, ctx.registry)
        from_log = holder_keys.spent(db)
        fresh = registry.replay(db)
    assert ctx.registry.spent_keys == from_log == fresh.spent_keys  # caught up, or replayed from the start
    assert sorted(from_log.values()).count(2) == 1 and len(from_log) >= 5  # the replayed key, and the others once
    _ = sid


def _problems(ctx: Any, sid: int, reg: registry.Registry) -> list[str]:
    """The session's full facts check against ``reg`` (no remembered verdict)."""
    with ctx.store.transaction() as db:
        check = facts._Check(db, reg, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)
        check.run([e for e in facts._session_rows(db, sid) if e.seq <= reg.seq])
    return check.problems


@pytest.mark.parametrize("behind", [False, True])
def test_a_replayed_key_is_reported(cast: Cast, monkeypatch: pytest.MonkeyPatch, behind: bool) -> None:
    """At the log's head the registry's counts are used (no opening read); a registry behind the log — it has
    not fed the newest entries — adds the openings the table holds beyond it."""
    sid = _replayed(cast, monkeypatch)
    cast.open(n=2)  # the log goes on: its last entry is another session's
    ctx = cast("乙")
    with ctx.store.transaction() as db:
        ctx.registry = registry.catch_up(db, ctx.registry)
    reg = ctx.registry
    if behind:  # replayed up to the entry before the head (its counts are those of the openings it fed)
        with ctx.store.transaction() as db:
            rows = list(db.scalars(select(AuditEntry).where(AuditEntry.seq < reg.seq).order_by(AuditEntry.seq)))
            reg = registry.replay(db, entries=rows)
    read_all: list[int] = []
    real = holder_keys.spent
    monkeypatch.setattr(holder_keys, "spent", lambda db, **kw: read_all.append(1) or real(db, **kw))
    problems = _problems(ctx, sid, reg)
    assert any("used by another round" in p for p in problems), problems
    assert read_all == ([1] if behind else [])
