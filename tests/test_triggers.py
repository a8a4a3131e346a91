"""Append-only and one-way rules hold in the database itself, whatever the code above does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlcipher3

from app.context import AccountContext


@contextmanager
def raw(ctx: AccountContext) -> Iterator[Any]:
    conn = sqlcipher3.connect(str(ctx.store.directory / "huishen.db"))
    conn.execute(f"PRAGMA key = \"x'{ctx.store.db_key.hex()}'\"")
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


def _seed_session(conn: Any) -> None:
    """A minimal session with a round, an envelope, a recusal and a decision, inserted raw."""
    t0 = "'2026-01-01T00:00:00.000000Z'"
    conn.execute(f"INSERT INTO departments (id, name, created_at) VALUES (1, '一室', {t0})")
    conn.execute(
        "INSERT INTO review_sessions (id, ref_number, title, kind, classification, classification_term, status,"
        " rule, chair_counts, options, chair_id, created_at) VALUES (1, 'R-1', 't', 'clue_disposal', '秘密',"
        f" '1年', 'draft', 'majority-of-expected', 1, '[]', 1, {t0})"
    )
    conn.execute("INSERT INTO participants (id, session_id, department_id, reviewer_id) VALUES (1, 1, 1, 1)")
    conn.execute(
        "INSERT INTO rounds (id, session_id, number, reveal_public, opened_at, opened_reason)"
        " VALUES (1, 1, 1, x'00', '2026-01-01T00:00:00.000000Z', '')"
    )
    conn.execute(
        "INSERT INTO envelopes (id, round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext,"
        " commitment, signature, signer_identity_id, author_copy) VALUES (1, 1, 1, 1, 0,"
        " '2026-01-01T00:00:00.000000Z', '{}', x'01', 'c', x'02', 1, x'03')"
    )
    conn.execute(
        "INSERT INTO recusals (id, round_id, participant_id, has_conflict, statement, declared_at, signature)"
        " VALUES (1, 1, 1, 0, '', '2026-01-01T00:00:00.000000Z', x'00')"
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entries SET details = '{}' WHERE seq = 1",
        "UPDATE audit_entries SET signature = x'00'",
        "DELETE FROM audit_entries WHERE seq = 1",
        "DELETE FROM audit_entries",
    ],
)
def test_audit_entries_are_append_only(admin: AccountContext, statement: str) -> None:
    with raw(admin) as conn:
        before = conn.execute("SELECT seq, details, hash FROM audit_entries").fetchall()
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            conn.execute(statement)
        assert conn.execute("SELECT seq, details, hash FROM audit_entries").fetchall() == before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE envelopes SET ciphertext = x'ff' WHERE id = 1",
        "DELETE FROM envelopes WHERE id = 1",
        "UPDATE recusals SET has_conflict = 1 WHERE id = 1",
        "DELETE FROM recusals WHERE id = 1",
        "DELETE FROM rounds WHERE id = 1",
        "UPDATE rounds SET reveal_public = x'ff' WHERE id = 1",
    ],
)
def test_sealed_records_are_append_only(admin: AccountContext, statement: str) -> None:
    with raw(admin) as conn:
        _seed_session(conn)
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute(statement)


def test_session_status_moves_only_forward(admin: AccountContext) -> None:
    with raw(admin) as conn:
        _seed_session(conn)
        conn.execute("UPDATE review_sessions SET status = 'collecting' WHERE id = 1")
        conn.execute("UPDATE review_sessions SET status = 'sealed' WHERE id = 1")
        for backwards in ("collecting", "draft", "decided", "archived"):
            with pytest.raises(sqlcipher3.IntegrityError):
                conn.execute("UPDATE review_sessions SET status = ? WHERE id = 1", (backwards,))
        with pytest.raises(sqlcipher3.IntegrityError, match="only in draft"):
            conn.execute("UPDATE review_sessions SET title = 'changed' WHERE id = 1")
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute("DELETE FROM review_sessions WHERE id = 1")
        assert conn.execute("SELECT status, title FROM review_sessions").fetchone() == ("sealed", "t")


def test_round_close_and_reveal_are_final(admin: AccountContext) -> None:
    with raw(admin) as conn:
        _seed_session(conn)
        conn.execute("UPDATE rounds SET closed_at = '2026-01-02T00:00:00.000000Z', close_reason = 'r' WHERE id = 1")
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute("UPDATE rounds SET closed_at = NULL WHERE id = 1")
        conn.execute("UPDATE rounds SET revealed_at = '2026-01-03T00:00:00.000000Z' WHERE id = 1")
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute("UPDATE rounds SET revealed_at = NULL WHERE id = 1")
