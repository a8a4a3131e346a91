"""Attacks on the dossier's one-transaction collection (issue 16: app/dossier/data.py collect, chain.only_reads_since,
app/sessions/reading.py, views.ReaderKey): the chain check reuses the load's verdict when ``total_changes`` grew by
exactly the export's own read records.  The insider holds the database key and may change the schema and any row
before the export, and have the schema act inside it.  Each test tries the attack and asserts the refusal and that
nothing was written."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import sqlcipher3

from app.dossier import chain
from app.dossier import data as dossier_data
from app.errors import Refused
from app.facts import Tampered
from tests.attack_certs_support import _decided, _issue_clerk
from tests.cast import Cast, raw_db


def _ready(cast: Cast) -> tuple[int, bytes]:
    """A decided session, the clerk's certificate issued, the clerk signed in (the registry at the head)."""
    sid = _decided(cast)
    _issue_clerk(cast)
    cast("记录员")
    return sid, cast("主持人").store.db_key


def _log(cast: Cast, key: bytes) -> list[tuple[Any, ...]]:
    with raw_db(cast.directory, key) as conn:
        return conn.execute("SELECT seq, hash, action, object FROM audit_entries ORDER BY seq").fetchall()


def _rebuild(conn: Any, table: str, extra_columns: str, extra_constraints: str) -> None:
    """``table`` rebuilt by the insider with its rows, columns and constraints, plus theirs (indexes left out)."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    head, _, constraints = sql.partition("CONSTRAINT")
    new = f"{head.rstrip().rstrip(',')}, {extra_columns}, CONSTRAINT{constraints.rstrip().rstrip(')')}"
    new = new.replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_x", 1) + f", {extra_constraints})"
    conn.execute(new)
    names = ", ".join(columns)
    conn.execute(f"INSERT INTO {table}_x ({names}) SELECT {names} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_x RENAME TO {table}")


@pytest.mark.parametrize("clause", ["ON CONFLICT REPLACE", "ON /* */ CONFLICT REPLACE", "ON--\n CONFLICT REPLACE"])
def test_a_replace_constraint_deleting_the_decision_entry_inside_the_export_is_refused(cast: Cast, clause: str) -> None:
    """The insider rebuilds the log's table with a generated column that is 1 for the session's ``session.decide``
    entry and for an ``opinion.read`` appended after the head, under ``UNIQUE … ON CONFLICT REPLACE``: the export's
    own read record, written after the load's check, deletes the decision's signed entry.  SQLite does not count a
    REPLACE deletion in ``total_changes``, so the grown count equals the records appended and the verdict would be
    reused: a dossier printing a decision whose signed entry the log (and the dossier's own record) no longer holds,
    with 留痕链核验通过.  A table that resolves conflicts by itself (or by a foreign key action) writes inside our
    transactions like a trigger: the full check refuses it (app.schema_guard), nothing is written."""
    sid, key = _ready(cast)
    before = _log(cast, key)
    decide = next(seq for seq, _h, action, obj in before if action == "session.decide" and obj == f"session:{sid}")
    after = next(row for row in before if row[0] == decide + 1)
    assert after[3] != f"session:{sid}"  # the decision's successor is not the session's: no link the dossier checks
    head = before[-1][0]
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _rebuild(
            conn,
            "audit_entries",
            f"x_z INTEGER AS (CASE WHEN seq = {decide} OR (seq > {head} AND action = 'opinion.read') THEN 1 END)",
            f"UNIQUE (x_z) {clause}",  # a comment between ON and CONFLICT hid the clause from a first guard
        )
    with pytest.raises(Tampered, match="did not make"):
        dossier_data.collect(cast("记录员"), sid)
    assert _log(cast, key) == before


def test_a_foreign_key_action_is_refused_like_a_trigger(cast: Cast) -> None:
    """A foreign key with an action (``ON DELETE SET DEFAULT``) is a trigger SQLite runs for us (the store turns
    foreign keys on): here it would rewrite the decision's text when the insider's planted parent row is deleted.
    Refused by the full check before anything is read, nothing written."""
    sid, key = _ready(cast)
    before = _log(cast, key)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("CREATE TABLE x_parent (k INTEGER PRIMARY KEY)")
        _rebuild(conn, "decisions", "x_k INTEGER REFERENCES x_parent (k) ON DELETE SET NULL", "CHECK (1)")
    with pytest.raises(Tampered, match="did not make"):
        dossier_data.collect(cast("记录员"), sid)
    assert _log(cast, key) == before


@pytest.mark.parametrize(
    "trigger",
    [
        # fired by the export's own read record, rewriting what the dossier prints after the check
        "CREATE TRIGGER x_w AFTER INSERT ON audit_entries BEGIN UPDATE decisions SET text = text; END",
        # our refusing shape, but AFTER and on INSERT
        "CREATE TRIGGER x_r AFTER INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'x'); END",
        # our refusing shape with IGNORE: the read record silently dropped
        "CREATE TRIGGER x_i BEFORE UPDATE ON decisions BEGIN SELECT RAISE(IGNORE); END",
        # our shape with a second statement
        "CREATE TRIGGER x_s BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'x'); DELETE FROM recusals; END",
    ],
    ids=["writes", "after-insert", "ignore", "two-statements"],
)
def test_a_planted_trigger_is_refused_before_the_reads(cast: Cast, trigger: str) -> None:
    sid, key = _ready(cast)
    before = _log(cast, key)
    with raw_db(cast.directory, key) as conn:
        conn.execute(trigger)
    with pytest.raises(Tampered, match="did not make"):
        dossier_data.collect(cast("记录员"), sid)
    assert _log(cast, key) == before


def test_the_insider_cannot_plant_a_trigger_between_the_check_and_the_reads(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the load's check and the chain check the export holds the write lock: the insider's CREATE TRIGGER
    from another connection (another process) waits and fails, and the export's records are its own."""
    sid, key = _ready(cast)
    tried: list[str] = []
    real = chain.verified

    def insider_strikes(db: Any, ctx: Any, session: Any) -> Any:
        def plant() -> None:
            conn = sqlcipher3.connect(str(cast.directory / "huishen.db"), timeout=0.2)
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            try:
                conn.execute("CREATE TRIGGER x_late AFTER INSERT ON audit_entries BEGIN DELETE FROM decisions; END")
                conn.commit()
                tried.append("planted")
            except sqlcipher3.OperationalError as exc:
                tried.append(str(exc))
            finally:
                conn.close()

        worker = threading.Thread(target=plant)
        worker.start()
        worker.join()
        return real(db, ctx, session)

    monkeypatch.setattr(chain, "verified", insider_strikes)
    content = dossier_data.collect(cast("记录员"), sid)
    assert tried == ["database is locked"]
    assert content["chain_ok"]
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x_late'").fetchone()[0] == 0


def _duplicate_department(conn: Any, name: str, forged: str) -> None:
    """The department ``name`` given a second row under the same id, placed so that a scan of the table finds the
    genuine one last and an index search (the one-query lookups) the forged one last."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'departments'").fetchone()[0]
    loose = sql.replace("CREATE TABLE departments", "CREATE TABLE departments_x").split("CONSTRAINT")[0]
    conn.execute(loose.rstrip().rstrip(",") + ")")
    conn.execute("INSERT INTO departments_x SELECT id, ?, created_at FROM departments WHERE name = ?", (forged, name))
    conn.execute("INSERT INTO departments_x SELECT * FROM departments")
    conn.execute("DROP TABLE departments")
    conn.execute("ALTER TABLE departments_x RENAME TO departments")
    conn.execute("CREATE INDEX x_ix ON departments (id, name) WHERE id IS NOT NULL")


def test_a_duplicated_department_row_is_not_printed_in_the_signed_one_s_place(cast: Cast) -> None:
    """A participant's department row duplicated under its id: the signed definition (a scan) still reads 一室, the
    one-query lookups of the particulars and the opinions would read the planted name.  The dossier must not print a
    department the chair did not sign: the collection is refused, nothing written."""
    sid, key = _ready(cast)
    before = _log(cast, key)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _duplicate_department(conn, "一室", "伪造室")
    with pytest.raises(Tampered, match="differs from what the chair signed"):
        dossier_data.collect(cast("记录员"), sid)  # before: printed 伪造室 in the particulars and the opinions
    assert _log(cast, key) == before


def _plant_schema_row(conn: Any, kind: str, name: str, table: str, sql: str) -> None:
    """A row written straight into sqlite_master (``PRAGMA writable_schema``), the schema cookie moved on so that
    every connection loads it: SQLite compiles the SQL whatever the row's type says (here, 'Trigger')."""
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, 0, ?)", (kind, name, table, sql))
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")


def test_a_trigger_recorded_under_another_spelling_of_its_type_is_refused(cast: Cast) -> None:
    """The schema guard looked for ``type IN ('trigger', 'view')``; SQLite loads a row typed 'Trigger' as a
    trigger all the same, so the insider's writing trigger ran unseen inside the export (and any seal).  The
    guard now reads every row of the schema, and classifies it by its type in any case and by its SQL."""
    sid, key = _ready(cast)
    before = _log(cast, key)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        _plant_schema_row(
            conn,
            "Trigger",
            "x_hidden",
            "audit_entries",
            "CREATE TRIGGER x_hidden AFTER INSERT ON audit_entries BEGIN UPDATE review_sessions SET title = '改过' "
            "WHERE id = (SELECT CAST(substr(NEW.object, 9) AS INTEGER)); END",
        )
    with raw_db(cast.directory, key) as conn:  # hidden from a look for type = 'trigger'
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0
    with pytest.raises(Tampered, match="x_hidden"):
        dossier_data.collect(cast("记录员"), sid)
    assert _log(cast, key) == before
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM review_sessions WHERE title = '改过'").fetchone()[0] == 0


def test_a_signer_s_fingerprint_column_rewritten_is_not_printed(cast: Cast) -> None:
    """The identities table keeps each key's fingerprint as a column beside the keys; the facts check computes an
    envelope's signer from the keys themselves.  The insider rewrites the column of 甲's signing identity: the
    dossier must print the fingerprint of the key that signed, or refuse."""
    from app.identity import fingerprint_of

    sid, key = _ready(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        ident, sign, kem = conn.execute(
            "SELECT i.id, i.sign_public, i.kem_public FROM envelopes e JOIN identities i ON i.id = e.signer_identity_id "
            "JOIN accounts a ON a.id = e.author_id WHERE a.name = '甲'"
        ).fetchone()
        real = fingerprint_of(sign, kem)
        conn.execute("UPDATE identities SET fingerprint = ? WHERE id = ?", ("11111 " * 7 + "11111", ident))
    before = _log(cast, key)
    try:
        content = dossier_data.collect(cast("记录员"), sid)
    except Refused:
        assert _log(cast, key) == before
        return
    printed = {o["author"]: o["signer_fingerprint"] for o in content["opinions"]}
    assert printed["甲"] == real


def test_a_duplicated_signer_identity_row_is_not_printed_in_the_signing_key_s_place(cast: Cast) -> None:
    """甲's signing identity given a second row under its id, with the insider's keys (the table and the log's
    foreign key to it rebuilt without keys, an index (id, created_at) planted): the facts check's scan of the
    identities finds the genuine keys last, the one-query lookups of the opinions and proofs (IN / join through the
    index) the planted ones.  The dossier must not print a signer the envelope was not signed by: refused, nothing
    written."""
    from app.crypto import provider
    from app.identity import fingerprint_of

    sid, key = _ready(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        ident, sign, kem = conn.execute(
            "SELECT i.id, i.sign_public, i.kem_public FROM envelopes e JOIN identities i ON i.id = e.signer_identity_id "
            "JOIN accounts a ON a.id = e.author_id WHERE a.name = '甲'"
        ).fetchone()
        real = fingerprint_of(sign, kem)
        log_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_entries'").fetchone()[0]
        loose_log = log_sql.replace(
            ", \n\tCONSTRAINT fk_audit_entries_identity_id_identities FOREIGN KEY(identity_id) REFERENCES identities (id)",
            "",
        )
        assert loose_log != log_sql
        conn.execute(loose_log.replace("CREATE TABLE audit_entries", "CREATE TABLE audit_x"))
        conn.execute("INSERT INTO audit_x SELECT * FROM audit_entries")
        conn.execute("DROP TABLE audit_entries")
        conn.execute("ALTER TABLE audit_x RENAME TO audit_entries")
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'identities'").fetchone()[0]
        head = sql.replace("CREATE TABLE identities", "CREATE TABLE identities_x").split("CONSTRAINT")[0]
        conn.execute(head.rstrip().rstrip(",") + ")")
        forged = provider().new_signing_key().public
        conn.execute(
            "INSERT INTO identities_x SELECT id, account_id, ?, kem_public, wrapped_private, fingerprint, "
            "'9999-12-31T00:00:00Z', retired_at FROM identities WHERE id = ?",
            (forged, ident),
        )
        conn.execute("INSERT INTO identities_x SELECT * FROM identities")
        conn.execute("DROP TABLE identities")
        conn.execute("ALTER TABLE identities_x RENAME TO identities")
        conn.execute("CREATE INDEX x_ix ON identities (id, created_at) WHERE id IS NOT NULL")
    before = _log(cast, key)
    with pytest.raises(Tampered):
        dossier_data.collect(cast("记录员"), sid)  # before: printed the planted key's fingerprint for 甲
    assert _log(cast, key) == before
    assert real != fingerprint_of(forged, kem)


@pytest.mark.parametrize("signed_by", ["nobody", "chair"])
def test_a_forged_read_record_at_the_head_is_refused(cast: Cast, signed_by: str) -> None:
    """The insider appends, after the clerk signed in and before the export, an ``opinion.read`` of the session
    in the clerk's name (their identity id, linked to the head): signed with garbage, or with the chair's key.  The
    export's records would follow it; the load brings the registry to the head, checking it, and refuses."""
    from app import audit
    from app.canonical import canonical_json
    from app.crypto import provider
    from models.base import UTCDateTime, utcnow

    sid, key = _ready(cast)
    clerk = cast("记录员")
    chair_key = cast("主持人").keys.sign.private
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        seq, prev = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        ts = utcnow()
        details = canonical_json({"round": 1, "departments": ["一室"]}).decode()
        digest = audit.entry_hash(seq + 1, ts, "记录员", "opinion.read", f"session:{sid}", details, prev)
        signature = provider().sign(chair_key, audit.signed_bytes(digest)) if signed_by == "chair" else b"\x00" * 64
        conn.execute(
            "INSERT INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq + 1,
                UTCDateTime().process_bind_param(ts, None),
                "记录员",
                "opinion.read",
                f"session:{sid}",
                details,
                prev,
                digest,
                signature,
                clerk.actor.identity_id,
            ),
        )
    before = _log(cast, key)
    with pytest.raises(Tampered, match="no longer verifies"):
        dossier_data.collect(clerk, sid)
    assert _log(cast, key) == before


@pytest.mark.parametrize("change", ["signer key swapped", "department row missing", "participant moved"])
def test_a_changed_signer_or_department_row_is_refused(cast: Cast, change: str) -> None:
    """The rows the one-query lookups read (identities of the signers, departments of the participants) changed
    before the export: 甲's signing key replaced by the insider's, 一室's row deleted, or 甲's participant row
    pointed at another department.  Refused by the load's check, nothing written."""
    from app.crypto import provider

    sid, key = _ready(cast)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        ident, dept, pid = conn.execute(
            "SELECT e.signer_identity_id, p.department_id, p.id FROM envelopes e JOIN accounts a ON a.id = e.author_id "
            "JOIN participants p ON p.id = e.participant_id WHERE a.name = '甲'"
        ).fetchone()
        if change == "signer key swapped":
            conn.execute(
                "UPDATE identities SET sign_public = ? WHERE id = ?", (provider().new_signing_key().public, ident)
            )
        elif change == "department row missing":
            conn.execute("DELETE FROM departments WHERE id = ?", (dept,))
        else:
            other = conn.execute("SELECT id FROM departments WHERE name = '审理室'").fetchone()[0]
            conn.execute("UPDATE participants SET department_id = ? WHERE id = ?", (other, pid))
    before = _log(cast, key)
    with pytest.raises(Tampered):
        dossier_data.collect(cast("记录员"), sid)
    assert _log(cast, key) == before
