"""Issue 16, attack side of the faster facts check: rows of a round are digested once per check (no longer once
per entry), and the verdict is remembered while nothing changed.  An insider with the database key edits an OLD
row — a recusal declaration sealed long before, the round's reveal key — after the reviewer's program checked
the session: the next seal still notices, is refused, and writes nothing."""

from __future__ import annotations

import pytest

from app import facts, registry
from app.facts import Tampered
from app.sessions import views
from models import ReviewSession
from tests.cast import Cast, raw_db

EDITS = {
    "recusal statement": "UPDATE recusals SET statement = '已篡改' WHERE id = (SELECT min(id) FROM recusals)",
    "recusal conflict": "UPDATE recusals SET has_conflict = 1 WHERE id = (SELECT min(id) FROM recusals)",
    "round reveal key": "UPDATE rounds SET reveal_public = randomblob(32)",
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_old_row_edited_after_a_check_stops_the_next_seal(cast: Cast, edit: str) -> None:
    sid = cast.open(n=4)
    for name in ("甲", "乙"):
        cast.seal(sid, name)
    views.board(cast("丙"), sid)  # 丙's program checked the session (the verdict is remembered)
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        changed = conn.execute(EDITS[edit]).rowcount
        before = conn.execute("SELECT count(*) FROM envelopes").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    assert changed >= 1
    with pytest.raises(Exception) as refused:
        cast.seal(sid, "丙")
    assert isinstance(refused.value, Tampered) or "audit" in str(refused.value).lower(), refused.value
    cast.close()
    with raw_db(cast.directory, cast("主持人").store.db_key) as conn:
        assert conn.execute("SELECT count(*) FROM envelopes").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == entries


def test_an_old_entry_and_its_row_edited_while_the_program_runs_are_refused(cast: Cast) -> None:
    """The insider changes the session's title and, in the creation entry, the digest of its definition to
    match, while 乙's program is running (its registry verified the log when it opened).  Before issue 16's fix
    乙 sealed under the changed title: the check read the edited entry back from the database.  Now the entry no
    longer hashes to what 乙's registry verified: refused, nothing written."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    views.board(cast("乙"), sid)  # 乙's program is open and has checked the session
    chair = cast("主持人")
    key = chair.store.db_key

    def definition() -> str:
        with chair.store.transaction() as db:
            db.expire_all()
            session = db.get_one(ReviewSession, sid)
            return facts.digest(facts.definition_of(db, session, chair.store.slots.store_id))

    old = definition()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET title = '篡改后的标题' WHERE id = ?", (sid,))
    new = definition()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        changed = conn.execute(
            "UPDATE audit_entries SET details = replace(details, ?, ?) WHERE action = 'session.create'", (old, new)
        ).rowcount
        entries = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    assert changed == 1 and old != new
    with pytest.raises(Tampered, match="altered"):
        cast.seal(sid, "乙")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == entries
        assert conn.execute("SELECT count(*) FROM envelopes").fetchone()[0] == 1


def test_an_old_seal_entry_edited_after_a_check_is_a_problem(cast: Cast) -> None:
    """A seal entry edited in the database after 乙's registry verified it (a byte of its details): the check
    names it altered (before the fix it read the edited details as signed)."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "丙")  # the edited entry is not the log's head (an edited head stops the catch-up itself)
    views.board(cast("乙"), sid)
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        changed = conn.execute(
            "UPDATE audit_entries SET details = replace(details, '\"round\":1', '\"round\": 1')"
            " WHERE seq = (SELECT min(seq) FROM audit_entries WHERE action = 'opinion.seal')"
        ).rowcount
    assert changed == 1
    ctx = cast("乙")
    with ctx.store.transaction() as db:
        registry.catch_up(db, ctx.registry)
        check = facts.inspect(db, ctx.registry, db.get_one(ReviewSession, sid), ctx.store.slots.store_id)
    assert any("altered" in p for p in check.problems), check
