"""An insider's own triggers, which run inside the reviewer's program's transaction — the one way to write
between two statements of a running seal (found attacking the seal that reuses the facts check's rows, stop 21).
Two defences, each tested alone: the full facts check refuses a trigger or view this program did not make
(app.schema_guard), and the seal reads everything it encrypts to before its first write.  Each test asserts that
nothing is exposed or written."""

from __future__ import annotations

from typing import Any

import pytest

from app import sealing
from app.crypto import provider
from app.facts import Tampered
from app.sessions import views
from tests import insider
from tests.cast import Cast, raw_db


def _attacker_keys(conn: Any, round_id: int) -> tuple[list[bytes], list[tuple[int, bytes]]]:
    """One attacker key pair per layer of the round: the private keys (layer order) and the rows' originals."""
    rows = conn.execute(
        "SELECT id, kem_public FROM holder_keys WHERE round_id = ? ORDER BY layer", (round_id,)
    ).fetchall()
    assert len(rows) >= 2
    privates = []
    conn.execute("CREATE TABLE IF NOT EXISTS x_stash (hk INTEGER, kem BLOB, evil BLOB)")
    for hk, kem in rows:
        pair = provider().new_encryption_key()
        privates.append(pair.private)
        conn.execute("INSERT INTO x_stash VALUES (?, ?, ?)", (hk, kem, pair.public))
    return privates, rows


_SWAP = (
    "UPDATE holder_keys SET kem_public = (SELECT evil FROM x_stash WHERE hk = holder_keys.id) "
    "WHERE id IN (SELECT hk FROM x_stash)"
)
_RESTORE = (
    "UPDATE holder_keys SET kem_public = (SELECT kem FROM x_stash WHERE hk = holder_keys.id) "
    "WHERE id IN (SELECT hk FROM x_stash)"
)


def _plant_swap_triggers(conn: Any, draft_author: int, round_id: int) -> None:
    """The insider's triggers: when the reviewer's draft is deleted (the seal, before it encrypts), the round's
    holder keys become the attacker's; when the envelope is written, they are put back (nothing left to see)."""
    conn.execute(
        "INSERT INTO opinion_drafts (round_id, author_id, wrapped, updated_at) VALUES (?, ?, randomblob(64), "
        "'2026-01-01 00:00:00.000000')",
        (round_id, draft_author),
    )
    conn.execute(f"CREATE TRIGGER x_swap AFTER DELETE ON opinion_drafts BEGIN {_SWAP}; END")
    conn.execute(f"CREATE TRIGGER x_restore AFTER INSERT ON envelopes BEGIN {_RESTORE}; END")


def _open_as_attacker(cast: Cast, key: bytes, sid: int, author: str, privates: list[bytes]) -> dict[str, Any] | None:
    """The author's envelope opened with the attacker's keys alone, or None when it does not open."""
    with raw_db(cast.directory, key) as conn:
        row = conn.execute(
            "SELECT e.header, e.ciphertext, e.commitment, e.signature, i.sign_public FROM envelopes e "
            "JOIN identities i ON i.id = e.signer_identity_id JOIN accounts a ON a.id = e.author_id "
            "WHERE a.name = ? ORDER BY e.id DESC LIMIT 1",
            (author,),
        ).fetchone()
    if row is None:
        return None
    header, ciphertext, commitment, signature, public = row
    try:
        return sealing.open_sealed(header, ciphertext, commitment, signature, public, privates)
    except sealing.EnvelopeInvalid:
        return None


def _trigger_attack(cast: Cast, checked_after_planting: bool, guard: bool = True) -> tuple[dict[str, Any] | None, str]:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    views.board(cast("乙"), sid)  # 乙's program is open and has checked the session
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rid = insider.round_id(conn, sid)
        privates, originals = _attacker_keys(conn, rid)
        _plant_swap_triggers(conn, insider.account_id(conn, "乙"), rid)
    if checked_after_planting and guard:  # the full check refuses a store holding a trigger it did not make
        with pytest.raises(Tampered, match="or view this program did not make"):
            views.board(cast("乙"), sid)
    elif checked_after_planting:
        views.board(cast("乙"), sid)  # the verdict is remembered: the seal's check is the cached one (rows=None)
    outcome = "sealed"
    try:
        cast.seal(sid, "乙")
    except Tampered as exc:
        outcome = f"refused: {exc}"
    opened = _open_as_attacker(cast, key, sid, "乙", privates)
    with raw_db(cast.directory, key) as conn:  # the triggers put the genuine keys back
        now = conn.execute("SELECT id, kem_public FROM holder_keys WHERE round_id = ? ORDER BY layer", (rid,))
        if outcome == "sealed" and opened is not None:
            assert now.fetchall() == originals
    return opened, outcome


def test_a_trigger_swapping_the_holder_keys_mid_seal_does_not_expose_the_opinion(cast: Cast) -> None:
    """The insider's triggers swap the round's holder keys for the attacker's when the seal deletes the draft, and
    back when the envelope is written.  The seal's own check runs in its transaction (the trigger's creation is a
    write: no remembered verdict): the holder keys encrypted to are the very rows the check digested, not read
    again after the DELETE — the attacker's keys open nothing."""
    opened, _outcome = _trigger_attack(cast, checked_after_planting=False)
    assert opened is None


def test_a_trigger_swapping_the_holder_keys_after_a_remembered_check_does_not_expose_the_opinion(cast: Cast) -> None:
    """As above, but 乙's program checked the session AFTER the triggers were planted (opening the session view),
    so the seal's check is the remembered verdict, which carries no rows: the seal falls back to reading the holder
    keys, after its draft DELETE fired the insider's trigger.  The opinion is sealed to the attacker's keys, the
    keys are put back by the second trigger, the seal entry is accepted, every later check passes (the board of
    the others shows 乙 sealed), and the attacker reads the opinion long before the reveal, which only then
    rejects 乙's envelope ("ciphertext does not open").  The old code (6c5f911) read the keys before any write of
    the seal: the trigger fired after the encryption.  Reading ``round_keys`` before ``_drop_draft`` when the
    check gave no rows closes it (tried on a scratch clone: this test then passes)."""
    opened, outcome = _trigger_attack(cast, checked_after_planting=True)
    assert opened is None, (outcome, opened)
    assert "or view this program did not make" in outcome


def test_without_the_trigger_guard_the_seal_reads_its_keys_before_its_first_write(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second defence alone (the guard made blind): on a remembered verdict the seal reads the round's holder
    keys before its draft DELETE can fire anything, so the opinion is sealed to the genuine keys and the
    attacker's keys open nothing (the hole found at stop 21 read them after the DELETE)."""
    from app import facts_replay

    monkeypatch.setattr(facts_replay, "foreign_triggers", lambda _db: [])
    opened, outcome = _trigger_attack(cast, checked_after_planting=True, guard=False)
    assert opened is None, (outcome, opened)


@pytest.mark.parametrize("cached", [True, False], ids=["remembered", "fresh"])
def test_a_trigger_removing_the_seal_entry_under_the_closing_seal_is_refused(cast: Cast, cached: bool) -> None:
    """The seal that closes the round appends twice in one transaction, the second on the head it appended
    (app.audit keeps it in db.info).  The insider's trigger would delete the first (opinion.seal) as soon as it is
    written, inside 乙's transaction.  The full facts check refuses a store holding a trigger this program did not
    make (app.schema_guard): the board checked after planting and the seal are refused, nothing is written."""
    sid, key = insider.checked_by_the_next(cast, 2)
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "CREATE TRIGGER x_unseal AFTER INSERT ON audit_entries WHEN NEW.action = 'opinion.seal' "
            "BEGIN DELETE FROM audit_entries WHERE seq = NEW.seq; END"
        )
        entries = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
        envelopes = conn.execute("SELECT count(*) FROM envelopes").fetchone()[0]
    if cached:
        with pytest.raises(Tampered, match="x_unseal"):
            views.board(cast("乙"), sid)
    with pytest.raises(Tampered, match="or view this program did not make"):
        cast.seal(sid, "乙")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == entries
        assert conn.execute("SELECT count(*) FROM envelopes").fetchone()[0] == envelopes
