"""A chair signed in on a log that no longer verifies past what they saw (the registry stops before the bad entry;
sign-in goes on with a warning so the auditor can look) cannot create a session: the creation would be signed
onto a broken log and the session could never be opened.  Refused up front, nothing written."""

from __future__ import annotations

import json

import pytest

from app.facts import Tampered
from tests.cast import Cast, raw_db


def _rows(cast: Cast, key: bytes) -> tuple[int, int]:
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0],
            conn.execute("SELECT count(*) FROM review_sessions").fetchone()[0],
        )


def test_a_chair_on_a_broken_log_cannot_create_a_session(cast: Cast) -> None:
    key = cast("主持人").store.db_key
    cast.close()
    cast("记录员")  # another account signs in: an entry after the chair's anchor
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        seq, details = conn.execute("SELECT seq, details FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        altered = {**json.loads(details), "planted": True}
        conn.execute("UPDATE audit_entries SET details = ? WHERE seq = ?", (json.dumps(altered), seq))
    chair = cast("主持人")
    assert chair.registry.broken is not None and chair.registry.broken.seq == seq, chair.warnings
    before = _rows(cast, key)
    with pytest.raises(Tampered, match="no longer verifies"):
        cast.create()
    assert _rows(cast, key) == before
