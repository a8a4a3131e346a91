"""app.schema_guard: a trigger that does anything but refuse is foreign, whatever its name, and so is any view
(stop 21)."""

from __future__ import annotations

import pytest

from app.facts import Tampered
from app.schema_guard import foreign_triggers
from app.sessions import views
from tests.cast import Cast, raw_db

WRITING = {
    "our name, another body": "CREATE TRIGGER trg_rounds_no_delete BEFORE DELETE ON rounds "
    "BEGIN UPDATE holder_keys SET kem_public = randomblob(32); END",
    "ignores our insert": "CREATE TRIGGER x_ignore BEFORE INSERT ON envelopes BEGIN SELECT RAISE(IGNORE); END",
    "after insert": "CREATE TRIGGER x_after AFTER INSERT ON envelopes BEGIN SELECT RAISE(ABORT, 'x'); END",
    "a view": "CREATE VIEW x_view AS SELECT * FROM holder_keys",
}


def test_the_stores_own_triggers_are_not_foreign(cast: Cast) -> None:
    with cast("主持人").store.transaction() as db:
        assert foreign_triggers(db) == []


@pytest.mark.parametrize("case", sorted(WRITING))
def test_a_trigger_that_does_more_than_refuse_or_a_view_stops_every_check(cast: Cast, case: str) -> None:
    sid = cast.open(n=2)
    key = cast("主持人").store.db_key
    with raw_db(cast.directory, key, drop_triggers=case.startswith("our name")) as conn:
        conn.execute(WRITING[case])
    name = WRITING[case].split()[2]
    with cast("主持人").store.transaction() as db:
        assert foreign_triggers(db) == [name]
    with pytest.raises(Tampered, match=name):
        views.board(cast("甲"), sid)
