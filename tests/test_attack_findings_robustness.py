"""Findings of an insider attack review (database key + ONE account's own passphrase): crafted rows and
self-signed entries must give a refusal, never a crash.

Each test plays the attacker: one account, its own program (which it may modify,
monkeypatched here), the database key from its own slot (``raw_db``).  Each test
asserts what the design claims — that the product refuses the attack or that
``audit verify`` reports it — and so FAILS while the finding stands.
"""

from __future__ import annotations

import pytest

from app import auditlog
from app.errors import Refused
from tests.attack_support import (
    db_bytes,
    db_key_of,
)
from tests.cast import PASS, Cast, raw_db

# --- Finding 6: crafted rows and self-signed entries crash the app instead of a refusal ----------


def test_f6a_store_reanchor_signed_by_any_reviewer_crashes_every_read_and_audit_verify(cast: Cast) -> None:
    """Attacker: a reviewer (any account: 'store.*' actions need no role).  One validly signed
    'store.reanchor' entry for a session whose 'facts' is not an object makes app.facts raise
    AttributeError (``facts.get`` evaluated as the default of ``create.get``): every read of the
    session and ``audit verify`` crash, for every account."""
    from app import audit
    from app.sessions import views

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    attacker = cast("乙")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "store.reanchor", f"session:{sid}", {"facts": "x"})
    cast.close()
    try:
        views.show(cast("主持人"), sid)
    except Refused:
        pass  # a clear refusal naming the problem is fine
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


def test_f6b_planted_envelope_with_a_dangling_signer_crashes_the_reveal(cast: Cast) -> None:
    """Attacker: any account with the database key.  An extra envelope row whose signer_identity_id
    names no identity (foreign keys are off in the attacker's own connection) is only 'flagged'
    before the reveal; reveal() then calls db.get_one(Identity, …) outside its try and dies with
    sqlalchemy NoResultFound instead of excluding and naming the row."""
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO envelopes (round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext, "
            "commitment, signature, signer_identity_id, author_copy) SELECT round_id, participant_id, "
            "(SELECT id FROM accounts WHERE name='丙'), "
            "is_chair, sealed_at, header, ciphertext, commitment, signature, 9999, author_copy FROM envelopes "
            "ORDER BY id LIMIT 1"
        )
    cast.close()
    try:
        cast.reveal(sid)
    except Refused:
        pass


def test_f6c_unreadable_session_options_crash_the_session_view(cast: Cast) -> None:
    """Attacker: any account with the database key.  review_sessions.options set to non-JSON: app.facts'
    definition_of() (run on every load) raises JSONDecodeError rather than Tampered."""
    from app.sessions import views

    sid = cast.open(n=2)
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET options='{' WHERE id=?", (sid,))
    cast.close()
    with pytest.raises(Refused):
        views.show(cast("主持人"), sid)
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


def test_f6d_security_officer_signs_a_policy_of_the_wrong_type_and_session_creation_crashes(cast: Cast) -> None:
    """Attacker: the security officer.  Its program signs a 'policy.set' entry whose value has the
    wrong type; policy.load() takes it unchecked (set_value's range check runs only in the SO's own
    program) and lifecycle.create() dies with TypeError for every chair."""
    from app import audit

    officer = cast("保密员")
    with officer.store.transaction() as db:
        audit.append(db, officer.actor, "policy.set", "policy:min_custodians", {"old": 1, "new": "one"})
    cast.close()
    try:
        cast.create(n=2)
    except Refused:
        pass


def test_f6e_one_malformed_audit_timestamp_bricks_every_unlock_including_the_auditors(cast: Cast) -> None:
    """Attacker: any account with the database key.  audit_entries.ts of one entry set to a non-timestamp:
    the registry replay loads the row through UTCDateTime, which raises ValueError, so every account's
    unlock (the auditor's too, who should be told which entry is bad) dies with a traceback instead of
    'entry N was altered'."""
    from app import accounts

    cast.open(n=2)
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE audit_entries SET ts='garbage' WHERE seq=5")
    cast.close()
    try:
        ctx = accounts.open_account(cast.directory, "审计员", PASS)
    except Refused:
        return  # a clear refusal is acceptable
    report = auditlog.verify_chain(ctx)
    ctx.close()
    assert report.broken_seq == 5


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE rounds SET number='x'",
        "UPDATE envelopes SET sealed_at='garbage' WHERE id=(SELECT min(id) FROM envelopes)",
        "UPDATE review_sessions SET deadline='garbage'",
    ],
    ids=["round-number", "envelope-sealed-at", "session-deadline"],
)
def test_f6f_malformed_session_rows_crash_reads_and_verify(cast: Cast, sql: str) -> None:
    """Attacker: any account with the database key.  A non-integer round number or a non-timestamp in a
    session's rows raises TypeError/ValueError in app.facts (or the list) rather than Tampered."""
    from app.sessions import views

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute(sql)
    cast.close()
    try:
        views.list_sessions(cast("主持人"))
        views.show(cast("主持人"), sid)
    except Refused:
        pass
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


@pytest.mark.parametrize(
    "version",
    [
        pytest.param("0003", id="older-revision"),
        pytest.param("9999", id="unknown-revision"),
    ],
)
def test_f6g_a_rewritten_schema_version_crashes_every_unlock(cast: Cast, version: str) -> None:
    """Attacker: any account with the database key.  alembic_version is trusted at every unlock: set back,
    the migrations re-run on tables that exist (OperationalError); set to an unknown revision, Alembic
    raises CommandError — a traceback for every account instead of a refusal naming the problem."""
    from app import accounts

    cast.open(n=2)
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num=?", (version,))
    cast.close()
    before = db_bytes(cast.directory)
    with pytest.raises(Refused) as refused:
        accounts.open_account(cast.directory, "审计员", PASS).close()
    assert ("set back" in str(refused.value)) == (version == "0003"), refused.value
    assert db_bytes(cast.directory) == before  # nothing migrated, nothing half-done
