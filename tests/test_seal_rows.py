"""Issue 16, seal: the rows the facts check read are reused by the seal in the same transaction, the second
audit append of a transaction takes the head it appended itself, and a recusal's signer is found among the
account's keys without a failed verification — with every refusal as before."""

from __future__ import annotations

from typing import Any

import pytest

from app import audit, facts, registry
from app.crypto import provider
from app.facts_lookup import _signed_by_any
from models import AuditEntry, ReviewSession
from tests.cast import Cast, raw_db
from tests.sql_count import record


def test_a_seal_reads_the_round_once_and_the_log_head_with_the_catch_up(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    ctx = cast("乙")  # a program's first seal: the facts check runs in the seal's transaction
    seen = record(ctx)
    result = cast.seal(sid, "乙")
    assert result["session_sealed"]  # the last department: the round closes, a second entry is appended
    assert sum(s.startswith("SELECT envelopes.") for s in seen) == 1  # the check's read, not again
    assert sum(s.startswith("SELECT recusals.") for s in seen) == 1
    assert sum(s.startswith("SELECT holder_keys.") for s in seen) == 1
    assert not any(s.startswith("SELECT departments.id, departments.name, departments.created_at") for s in seen)
    # The head is the last entry the registry's catch-up read (app.audit.note_head): not read again by either append.
    assert sum(s.startswith("SELECT audit_entries.seq, audit_entries.ts") and "DESC" in s for s in seen) == 0
    assert sum(s.startswith("INSERT INTO audit_entries") for s in seen) == 2
    with ctx.store.transaction() as db:
        assert audit.verify(db).ok
        rows = db.query(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2).all()
        assert [r.action for r in rows] == ["session.sealed", "opinion.seal"]
        assert rows[0].prev_hash == rows[1].hash and rows[0].seq == rows[1].seq + 1


def test_an_envelope_planted_in_my_place_is_refused_from_the_rows_the_check_read(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    me = cast("乙")
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        pid, author = conn.execute(
            "SELECT p.id, a.id FROM participants p JOIN accounts a ON a.id = p.reviewer_id WHERE a.name = ? "
            "AND p.session_id = ?",
            ("乙", sid),
        ).fetchone()
        cols = (
            "round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext, commitment, signature, "
            "signer_identity_id, author_copy"
        )
        conn.execute(
            f"INSERT INTO envelopes ({cols}) SELECT round_id, ?, ?, is_chair, sealed_at, header, ciphertext, "
            "commitment, signature, signer_identity_id, author_copy FROM envelopes WHERE participant_id IS NOT NULL",
            (pid, author),
        )
    seen = record(me)
    with pytest.raises(facts.Tampered, match="did not seal is recorded in its place"):
        cast.seal(sid, "乙")
    assert any(s.startswith("SELECT envelopes.") for s in seen)  # the check ran in the seal's transaction


def test_a_changed_row_of_another_department_is_still_flagged_after_a_seal(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE envelopes SET commitment = ? WHERE participant_id IS NOT NULL", ("ab" * 32,))
    cast.seal(sid, "乙")  # another department's changed envelope does not stop this seal (as before)
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        check = facts.inspect(db, ctx.registry, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)
    assert len(check.flagged) == 1 and not check.problems


def test_the_cached_verdict_carries_no_rows(cast: Cast) -> None:
    sid = cast.open(n=2)
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        first = facts.inspect(db, ctx.registry, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)
        assert first.rows is not None and first.rows.rounds
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        again = facts.inspect(db, ctx.registry, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)
    assert again == first and again.rows is None  # another transaction's rows are never handed out


def _chained(db: Any) -> bool:
    """Every entry's hash is its own and links to the entry before (the test actions are not known to the
    registry, so audit.verify would stop at them)."""
    prev = audit.GENESIS
    for n, e in enumerate(db.query(AuditEntry).order_by(AuditEntry.seq), start=1):
        if e.seq != n or e.prev_hash != prev:
            return False
        if e.hash != audit.entry_hash(e.seq, e.ts, e.actor, e.action, e.object, e.details, e.prev_hash):
            return False
        prev = e.hash
    return True


def test_the_head_appended_in_one_transaction_is_not_used_by_the_next(cast: Cast) -> None:
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        a = audit.append(db, ctx.actor, "test.one", "test:1")
        b = audit.append(db, ctx.actor, "test.two", "test:1")
        assert b.seq == a.seq + 1 and b.prev_hash == a.hash
    other = cast("甲")
    with other.store.transaction() as db:  # another program appended since
        c = audit.append(db, other.actor, "test.three", "test:1")
    with ctx.store.transaction() as db:
        d = audit.append(db, ctx.actor, "test.four", "test:1")
        assert d.seq == c.seq + 1 and d.prev_hash == c.hash
        assert _chained(db)


def test_an_append_inside_a_savepoint_is_not_taken_as_the_head_after_it(cast: Cast) -> None:
    ctx = cast("主持人")
    with ctx.store.transaction() as db:
        audit.append(db, ctx.actor, "test.one", "test:1")
        nested = db.begin_nested()
        audit.append(db, ctx.actor, "test.two", "test:1")
        nested.rollback()
        third = audit.append(db, ctx.actor, "test.three", "test:1")
        nested = db.begin_nested()
        inner = audit.append(db, ctx.actor, "test.four", "test:1")
        nested.commit()
        last = audit.append(db, ctx.actor, "test.five", "test:1")
        assert inner.prev_hash == third.hash
        assert last.seq == inner.seq + 1 and last.prev_hash == inner.hash
        assert _chained(db)


def test_a_signature_is_found_under_any_of_the_keys_and_a_forged_one_under_none() -> None:
    crypto = provider()
    old, new, other = crypto.new_signing_key(), crypto.new_signing_key(), crypto.new_signing_key()
    data = b"huishen-recusal/1|test"
    signature = crypto.sign(new.private, data)
    keys = [old.public, new.public]
    assert _signed_by_any(keys, signature, data)  # verified once (the memo now holds it)
    assert _signed_by_any(keys, signature, data)  # found by the memo, same answer
    assert _signed_by_any(list(reversed(keys)), signature, data)
    assert not _signed_by_any(keys, signature, data + b"!")
    assert not _signed_by_any([old.public, other.public], signature, data)
    forged = bytes([signature[0] ^ 1]) + signature[1:]
    assert not _signed_by_any(keys, forged, data)


class _Row:
    def __init__(self, i: int, value: str, participant: int | None = None, chair: bool = False) -> None:
        self.id, self.value, self.participant_id, self.is_chair = i, value, participant, chair


def _bare_check(recusals: list[Any], envelopes: list[Any]) -> Any:
    from app.facts_replay import _Check

    check = _Check.__new__(_Check)
    check._recusal_rows, check._envelope_rows = {1: recusals}, {1: envelopes}
    check._recusal_scan, check._envelope_index, check._departments_index = {}, {}, None
    return check


def test_the_recusal_index_finds_what_a_scan_finds_digesting_the_same_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from app import facts_lookup

    digested: list[int] = []
    monkeypatch.setattr(facts_lookup, "recusal_fact", lambda r, _n: r)
    monkeypatch.setattr(facts_lookup, "digest", lambda r: digested.append(r.id) or r.value)
    for seed in range(200):
        rng = random.Random(seed)
        rows = [_Row(i, rng.choice("abcd")) for i in range(rng.randint(0, 8))]
        wanted = [rng.choice(["a", "b", "c", "d", "e", None, ["a"]]) for _ in range(rng.randint(1, 8))]
        digested.clear()
        check = _bare_check(rows, [])
        scanned: set[int] = set()
        for expected in wanted:
            found = check._recusal_with_digest(1, 1, expected)
            naive = None
            for r in rows:  # the scan as it was: every row before the match digested (each once per check)
                scanned.add(r.id)
                if r.value == expected:
                    naive = r
                    break
            assert found is naive
            assert set(digested) == scanned and len(digested) == len(set(digested))


def test_the_envelope_and_department_indexes_find_what_a_scan_finds() -> None:
    rows = [_Row(1, "", 7), _Row(2, "", None, chair=True), _Row(3, "", 7), _Row(4, "", 8)]
    check = _bare_check([], rows)
    assert [e.id for e in check._envelopes_for(1, 7)] == [1, 3]
    assert [e.id for e in check._envelopes_for(1, None)] == [2]
    assert check._envelopes_for(1, 9) == []
    current = {"participants": [[7, "一室", "甲"], [8, "二室", "乙"], [9, "一室", "丙"], [10, None, "丁"]]}
    assert check._department_of(current, "一室") == (7, "甲")  # the first, as the scan took matches[0]
    assert check._department_of(current, "二室") == (8, "乙")
    assert check._department_of(current, None) == (10, "丁")
    assert check._department_of(current, "三室") is None
    assert check._department_of(current, ["一室"]) is None  # a malformed entry's department matches nothing
    assert check._department_of(current, {"x": 1}) is None
