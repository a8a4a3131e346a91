"""The seal after the board on what the board's check read (app/facts_carried.py), within one program: the registry
moved on by another path, two sessions on one connection, a seal after a refused one (rolled back before or after
writing), a caller changing the session it was handed, a checked object of another transaction."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app import audit, facts, facts_cache, policy, registry
from app.errors import Refused
from app.opinion_form import OpinionForm, Recusal
from app.sessions import opinions, views
from app.sessions.common import load_checked
from models import AuditEntry, ReviewSession
from tests import insider
from tests.cast import Cast
from tests.sql_count import statements


def _read_session(seen: list[str]) -> bool:
    return any(s.startswith("SELECT review_sessions.") for s in seen)


def _intact(cast: Cast, *sids: int) -> None:
    """The chair's full check of each session passes and the log verifies from its start."""
    for sid in sids:
        views.board(cast("主持人"), sid)
    with cast("主持人").store.transaction() as db:
        assert audit.verify(db).ok


def _last_entry(cast: Cast) -> AuditEntry:
    with cast("主持人").store.transaction() as db:
        entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        db.expunge(entry)
        return entry


def test_the_registry_moved_on_by_another_program_sends_the_seal_back_to_reading(cast: Cast) -> None:
    """After 乙's board, the security officer's program sets a stricter policy and 乙's registry catches up on it in
    another transaction of 乙's connection: the seal reads the session, the log's head and the policy again — the
    policy now in force refuses the form the remembered one allowed, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    policy.set_value(cast("保密员"), "min_reasoning_chars", 500)
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
    newest = _last_entry(cast)
    assert ctx.registry.seq == newest.seq and newest.action == "policy.set"
    with statements(ctx) as seen, pytest.raises(Refused):
        cast.seal(sid, "乙")
    assert _read_session(seen) and _last_entry(cast).seq == newest.seq
    policy.set_value(cast("保密员"), "min_reasoning_chars", 30)
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
    newest = _last_entry(cast)
    with statements(ctx) as seen:
        cast.seal(sid, "乙")
    assert _read_session(seen)
    with ctx.store.transaction() as db:
        sealed = db.get_one(AuditEntry, newest.seq + 1)
        assert sealed.action == "opinion.seal" and sealed.prev_hash == newest.hash
    _intact(cast, sid)


def test_the_registry_moved_on_by_this_connection_s_own_append(cast: Cast) -> None:
    """The same on 乙's own connection: an entry this program appends and its registry feeds after the board."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        audit.append(db, ctx.actor, "audit.test", "test:1")
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
    newest = _last_entry(cast)
    with statements(ctx) as seen:
        cast.seal(sid, "乙")
    assert _read_session(seen)
    with ctx.store.transaction() as db:
        assert db.get_one(AuditEntry, newest.seq + 1).prev_hash == newest.hash


def test_a_registry_replaced_by_another_object_reads_again(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    with ctx.store.transaction() as db:
        ctx.registry = registry.replay(db)
    with statements(ctx) as seen:
        cast.seal(sid, "乙")
    assert _read_session(seen)
    _intact(cast, sid)


def test_two_sessions_on_one_connection_each_get_their_own(cast: Cast) -> None:
    """乙's boards of two sessions (nothing written between): the seal of the second takes that session, not the
    first; the first is read again after (the seal wrote)."""
    one, two = cast.open(n=3), cast.open(n=3)
    cast.seal(one, "甲")
    cast.seal(two, "甲")
    ctx = cast("乙")
    views.board(ctx, one)
    views.board(ctx, two)
    with statements(ctx) as seen:
        cast.seal(two, "乙")
    assert not _read_session(seen) and len(seen) == 5, seen
    with statements(ctx) as seen:
        cast.seal(one, "乙")
    assert _read_session(seen)
    for sid in (one, two):
        marks = {r["reviewer"]: r["state"] for r in views.board(cast("主持人"), sid)["participants"]}
        assert marks == {"甲": "sealed", "乙": "sealed", "丙": "pending"}
    _intact(cast, one, two)


def test_a_seal_refused_before_writing_leaves_the_next_one_on_the_remembered_verdict(cast: Cast) -> None:
    """A form the policy refuses: nothing was written, so the verdict still holds and the next seal reads nothing;
    what the refused one was handed (and may have changed) is not what the next one gets."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    ctx = cast("乙")
    views.board(ctx, sid)
    with pytest.raises(Refused):
        opinions.seal_opinion(ctx, sid, OpinionForm(positions={1: "初步核实"}, reasoning="同意"), Recusal(False))
    with statements(ctx) as seen:
        assert not cast.seal(sid, "乙")["session_sealed"]
    assert not _read_session(seen) and len(seen) == 5, seen
    _intact(cast, sid)


def test_a_seal_rolled_back_after_writing_sends_the_next_one_to_the_full_check(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last department's seal refused after its writes and the round's close (rolled back): total_changes moved,
    so the next seal reads everything again — and finds the session collecting, its round open."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    ctx = cast("丙")
    views.board(ctx, sid)
    key = cast("主持人").store.db_key
    before = insider.counts(cast, key)
    real = opinions.mark_sealed_if_complete

    def closes_then_fails(*args: Any) -> bool:
        assert real(*args)  # the session's status and the round's close changed on the objects handed out
        raise Refused("simulated failure after the writes")

    monkeypatch.setattr(opinions, "mark_sealed_if_complete", closes_then_fails)
    with pytest.raises(Refused, match="simulated"):
        cast.seal(sid, "丙")
    monkeypatch.undo()
    assert insider.counts(cast, key) == before
    with statements(ctx) as seen:
        assert cast.seal(sid, "丙")["session_sealed"]
    assert _read_session(seen)
    assert insider.counts(cast, key)[0] == before[0] + 1
    _intact(cast, sid)


class _Undo(Exception):
    """Rolls the test's transaction back."""


def test_the_session_handed_out_is_a_copy_the_caller_cannot_change_the_remembered_one_with(cast: Cast) -> None:
    sid = cast.open(n=3)
    ctx = cast("乙")
    views.board(ctx, sid)

    def plain(s: ReviewSession) -> Any:
        return (
            s.status,
            s.title,
            [(i.number, i.text) for i in s.items],
            [(p.id, p.reviewer_id) for p in s.participants],
            [c.account_id for c in s.custodians],
        )

    with pytest.raises(_Undo), ctx.store.transaction() as db:
        session, _check = load_checked(db, sid, ctx, rows=True)
        kept = plain(session)
        assert not db.dirty and not db.new
        session.status = "sealed"
        session.items[0].text = "改过"
        session.participants.pop()
        session.custodians.clear()
        raise _Undo  # rolled back before any flush: nothing written, the verdict still holds
    with ctx.store.transaction() as db, statements(ctx) as seen:
        session, _check = load_checked(db, sid, ctx)
        assert plain(session) == kept and not _read_session(seen)
    with ctx.store.transaction() as db:
        db.connection().connection.info.pop("huishen_facts_cache", None)
        assert plain(load_checked(db, sid, ctx)[0]) == kept  # as a full read gives it


def test_a_session_object_of_another_transaction_is_not_carried(cast: Cast) -> None:
    """A check of an object loaded in an earlier transaction (its values may no longer be the database's) keeps no
    session: the next checked load reads it."""
    sid = cast.open(n=3)
    ctx = cast("乙")
    with ctx.store.transaction() as db:
        stale = load_checked(db, sid, ctx)[0]
    with ctx.store.transaction() as db:
        db.connection().connection.info.pop("huishen_facts_cache", None)
        registry.catch_up(db, ctx.registry)
        facts.inspect(db, ctx.registry, stale, ctx.store.slots.store_id)
        entry = db.connection().connection.info["huishen_facts_cache"][sid]
        assert entry[2] is not None and entry[2].session is None
    with ctx.store.transaction() as db, statements(ctx) as seen:
        load_checked(db, sid, ctx)
    assert _read_session(seen)
    assert facts_cache.MAX > 1


def test_the_policy_kept_under_an_earlier_state_is_not_handed_out(cast: Cast) -> None:
    """The policy is kept per connection under the state it was read in: after a stricter one was set, a verdict
    remembered without it (its transaction's catch-up ran in a savepoint: no head kept, so no policy read) hands
    out none, and the seal reads the policy now in force — which refuses the form."""
    one, two = cast.open(n=3), cast.open(n=3)
    ctx = cast("乙")
    views.board(ctx, one)  # the policy in force (the default) kept beside its verdict
    policy.set_value(cast("保密员"), "min_reasoning_chars", 500)
    with ctx.store.transaction() as db:
        nested = db.begin_nested()
        registry.catch_up(db, ctx.registry)
        nested.commit()
        facts.inspect(db, ctx.registry, db.get_one(ReviewSession, two), ctx.store.slots.store_id)
        entry = db.connection().connection.info["huishen_facts_cache"][two]
        assert entry[2] is not None and entry[2].head is None
    with pytest.raises(Refused, match="500"):
        cast.seal(two, "乙")


def test_a_session_already_in_the_transaction_is_the_one_handed_out(cast: Cast) -> None:
    """The identity map: a session (and its children) this transaction loaded before the checked load is the object
    handed out, clean, with the database's values; a transaction that holds none gets new objects, clean too."""
    sid = cast.open(n=3)
    ctx = cast("乙")
    views.board(ctx, sid)
    with pytest.raises(_Undo), ctx.store.transaction() as db:
        held = db.get_one(ReviewSession, sid)
        participants = list(held.participants)
        with statements(ctx) as seen:
            session, _check = load_checked(db, sid, ctx)
        assert session is held and list(session.participants) == participants, seen
        assert not _read_session(seen) and not db.dirty and not db.new
        raise _Undo
    with ctx.store.transaction() as db:
        session, _check = load_checked(db, sid, ctx)
        assert session in db and session.participants[0] in db and not db.dirty and not db.new
