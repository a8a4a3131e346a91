"""Attack review of two shortcuts of the full signed-facts check (issue 16), as an insider with the database key:
the replay count of one-time holder keys read from the registry (Registry.spent_keys), and the quorum era's start;
and of what else those checks read from rows (the keys a custodian issued).

A custodian's one-time key used by two round openings is a replay: once released for one round it opens the other
early.  The chair's modified program signs such an opening; the insider then edits rows so that a reviewer's
program does not see the replay and seals into the round the chair can already open.  Each test tries the attack
and asserts the refusal and that nothing changed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from app import audit, facts, facts_quorum, registry
from app.crypto import provider
from app.sessions import holder_keys, lifecycle, views
from models import AuditEntry, HolderKey, ReviewSession
from tests.cast import Cast, raw_db
from tests.insider import counts, loosen
from tests.test_facts_quorum import _below_quorum


def _replay_across(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, int]:
    """Session A revealed (the custodian released its key K to the chair), then session B opened by the chair's
    modified program with that same K.  Returns A, B and the seq of A's signed opening (which names K)."""
    a = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(a, who)
    cast.reveal(a)
    b = cast.create(n=3)
    with cast("主持人").store.transaction() as db:
        spent_id = db.query(HolderKey).filter(HolderKey.layer == 1).one().id
        opened = db.scalar(
            select(AuditEntry.seq).where(AuditEntry.object == f"session:{a}", AuditEntry.action == "session.open")
        )
    monkeypatch.setattr(holder_keys, "_unspent", lambda db, account: [db.get_one(HolderKey, spent_id)])
    lifecycle.open_session(cast("主持人"), b)
    monkeypatch.undo()
    return a, b, int(opened)


def _head(cast: Cast, key: bytes) -> int:
    with raw_db(cast.directory, key) as conn:
        return int(conn.execute("SELECT max(seq) FROM audit_entries").fetchone()[0])


def _seal_refused(cast: Cast, sid: int, who: str, key: bytes, match: str = "used by another round") -> None:
    before = counts(cast, key)
    with pytest.raises(facts.Tampered, match=match):
        cast.seal(sid, who)
    assert counts(cast, key) == before


def test_a_replayed_key_is_refused_at_the_log_head(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain replay: the reviewer's registry at the head counts both openings."""
    _a, b, _opened = _replay_across(cast, monkeypatch)
    key = cast("主持人").store.db_key
    _seal_refused(cast, b, "甲", key)


@pytest.mark.parametrize("cut_tail", [False, True])
def test_deleting_the_first_opening_does_not_hide_the_replay(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, cut_tail: bool
) -> None:
    """The insider deletes A's opening (the other use of K) from the table after the reviewer's program verified it.
    Reading every opening of the table misses it; the registry counted it when it fed it.  With ``cut_tail`` the
    last entry (another session's, verified too) is deleted as well, so the registry is ahead of the table's
    head: the check must not fall back to the table alone."""
    _a, b, opened = _replay_across(cast, monkeypatch)
    tail = cast.create(n=2)  # the log's last entry: another session's creation
    views.show(cast("甲"), tail)  # 甲's program verifies everything up to it
    key = cast("主持人").store.db_key
    head = _head(cast, key)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = ?", (opened,))
        if cut_tail:
            conn.execute("DELETE FROM audit_entries WHERE seq = ?", (head,))
    # the cut tail is the entry 甲's registry ends at: its catch-up refuses before any check
    _seal_refused(cast, b, "甲", key, "no longer verifies" if cut_tail else "used by another round")


def _plant_after_head(cast: Cast, key: bytes) -> None:
    """A copy of the last entry planted after it (unsigned at that place): the log no longer verifies from there."""
    head = _head(cast, key)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(audit_entries)")]
        row = dict(
            zip(cols, conn.execute("SELECT * FROM audit_entries WHERE seq = ?", (head,)).fetchone(), strict=True)
        )
        row["seq"] = head + 1
        conn.execute(f"INSERT INTO audit_entries ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     [row[c] for c in cols])  # fmt: skip


def test_a_planted_entry_beyond_the_head_is_refused(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row planted after the head (so the registry is behind and every opening would be read) stops the catch-up."""
    _a, b, _opened = _replay_across(cast, monkeypatch)
    key = cast("主持人").store.db_key
    _plant_after_head(cast, key)
    before = counts(cast, key)
    with pytest.raises(facts.Tampered):
        cast.seal(b, "甲")
    assert counts(cast, key) == before


def test_a_broken_log_still_finds_the_replay(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry replayed with ``tolerate`` (a broken log: what a sign-in does) stops before the break, behind the
    table's head; its counts and what lies beyond it still find the replay before the break."""
    _a, b, _opened = _replay_across(cast, monkeypatch)
    key = cast("主持人").store.db_key
    _plant_after_head(cast, key)
    ctx = cast("审计员")
    with ctx.store.transaction() as db:
        reg = registry.replay(db, tolerate=True)
        assert reg.broken is not None and reg.seq == _head(cast, key) - 1
        check = facts._Check(db, reg, db.get_one(ReviewSession, b), ctx.store.slots.store_id)
        check.run([e for e in facts._session_rows(db, b) if e.seq <= reg.seq])
    assert any("used by another round" in p for p in check.problems), check.problems


def _stripped_below_quorum(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> int:
    """The chair's modified program signs a creation entry naming neither ``quorum`` nor ``clerks`` (so the
    session looks older than quorums, attack R3-3), and the round is sealed below quorum."""
    real_append = audit.append

    def no_keys(db: Any, actor: Any, action: str, obj: str, details: Any = None) -> Any:
        if action == "session.create":
            details = {k: v for k, v in details.items() if k not in ("quorum", "clerks")}
        return real_append(db, actor, action, obj, details)

    monkeypatch.setattr(audit, "append", no_keys)
    sid = cast.create(n=4)
    monkeypatch.undo()
    lifecycle.open_session(cast("主持人"), sid)
    _below_quorum(cast, monkeypatch, sid)
    return sid


def test_the_quorum_era_does_not_rest_on_rows(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store was made by a program that knows quorums (its signed store.init says so).  The insider edits that
    entry's row (and would every earlier creation naming a quorum) so the era's start reads later than the session:
    the session below quorum must still be flagged by a program that verified the log before the edit."""
    auditor = cast("审计员")  # signed in before the edit (a long-running program; or the edit made during a check)
    sid = _stripped_below_quorum(cast, monkeypatch)
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE audit_entries SET details = replace(details, '\"quorum_era\"', '\"quorum_erx\"') "
            "WHERE action = 'store.init'"
        )
        conn.execute(
            "UPDATE audit_entries SET details = replace(replace(details, '\"quorum\"', '\"quorux\"'), "
            "'\"clerks\"', '\"clerkx\"') WHERE action = 'session.create' AND object != ?",
            (f"session:{sid}",),
        )
    with auditor.store.transaction() as db:
        assert facts_quorum.era_start(db) is None  # the rows alone no longer show the era
        auditor.registry = registry.catch_up(db, auditor.registry)
        problems = facts.check_session(
            db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id
        )
    assert any("below quorum" in p for p in problems), problems
    with pytest.raises(facts.Tampered, match="below quorum"):
        views.show(cast("甲"), sid)


def test_the_registry_era_is_the_rows_era_on_an_honest_log(cast: Cast) -> None:
    cast.create(n=2)
    ctx = cast("审计员")
    with ctx.store.transaction() as db:
        reg = registry.replay(db)
        assert reg.quorum_era == facts_quorum.era_start(db) == 1


def test_a_custodian_key_named_only_in_an_edited_issue_row_is_refused(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chair makes a key pair of its own and the insider adds its digest to the custodian's (signed) key-issue
    row; the chair's modified program opens a round with it as the custodian's layer.  Every layer is then the
    chair's: it could open each opinion before the reveal.  The issue must be read from the verified log."""
    chair = cast("主持人")
    cast("甲")  # signed in before the edit (a long-running program; else the edit breaks its replay at sign-in)
    pair = provider().new_encryption_key()
    digest = holder_keys.key_digest(pair.public)
    key = chair.store.db_key
    sid = cast.create(n=3)
    for ctx in (chair, cast("甲")):  # both programs have verified the log past the issue entry
        with ctx.store.transaction() as db:
            registry.catch_up(db, ctx.registry)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        seq, details = conn.execute(
            "SELECT seq, details FROM audit_entries WHERE action = 'keys.issue' AND actor = '监督员' LIMIT 1"
        ).fetchone()
        d = json.loads(details)
        d["keys"].append(digest)
        conn.execute("UPDATE audit_entries SET details = ? WHERE seq = ?", (json.dumps(d), seq))

    def own_key(db: Any, account: Any) -> list[HolderKey]:
        row = HolderKey(holder_id=account.id, kem_public=pair.public, wrapped_private=b"-", digest=digest)
        db.add(row)
        return [row]

    monkeypatch.setattr(holder_keys, "_unspent", own_key)
    lifecycle.open_session(chair, sid)
    monkeypatch.undo()
    before = counts(cast, key)
    with pytest.raises(facts.Tampered, match="was not issued by"):
        cast.seal(sid, "甲")
    assert counts(cast, key) == before


def test_a_planted_opening_without_details_does_not_stop_the_next_round(cast: Cast) -> None:
    """A row planted below the log (seq 0: no catch-up reads it) with no details at all, in a table rebuilt without
    its NOT NULL: the honest chair's program still picks an unused custodian key and opens its round (programs
    signed in before the plant: a sign-in's replay stops at it)."""
    key = cast("主持人").store.db_key
    cast("甲")
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        loosen(conn, "audit_entries")
        conn.execute(
            "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature, "
            "identity_id) SELECT 0, ts, actor, 'session.open', 'session:99', NULL, prev_hash, hash, signature, "
            "identity_id FROM audit_entries WHERE seq = 1"
        )
    sid = cast.open(n=2)
    assert views.show(cast("甲"), sid)["status"] == "collecting"
