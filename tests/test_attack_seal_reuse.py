"""Attack side of the seal that reuses the facts check's rows (issue 16, tonight's seal work): the seal takes the
rounds, the round's envelopes, recusals and holder keys, and the department name from the check made in the same
transaction (app.facts_lookup.CheckRows), deletes the author's draft with one Core DELETE before adding the
envelope, and a second audit append in the transaction reuses the head it appended.

The insider holds the database key: drops triggers, rebuilds tables without constraints, writes any row at any
moment, and can also plant TRIGGERS of their own, which run inside the reviewer's program's transaction (the one
way to write between two statements of a running seal).  Each test asserts the refusal (or that nothing is
exposed) and that nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from app import sealing
from app.crypto import provider
from app.facts import Tampered
from app.sessions import views
from tests.cast import Cast, raw_db


def _counts(cast: Cast, key: bytes) -> tuple[int, int, int]:
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT count(*) FROM envelopes").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0],
            conn.execute("SELECT count(*) FROM recusals").fetchone()[0],
        )


def _hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir() if p.suffix == ".json"}


def _account_id(conn: Any, name: str) -> int:
    return int(conn.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()[0])


def _round_id(conn: Any, sid: int) -> int:
    return int(conn.execute("SELECT max(id) FROM rounds WHERE session_id = ?", (sid,)).fetchone()[0])


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


def _trigger_attack(cast: Cast, checked_after_planting: bool) -> tuple[dict[str, Any] | None, str]:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = cast("主持人").store.db_key
    views.board(cast("乙"), sid)  # 乙's program is open and has checked the session
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rid = _round_id(conn, sid)
        privates, originals = _attacker_keys(conn, rid)
        _plant_swap_triggers(conn, _account_id(conn, "乙"), rid)
    if checked_after_planting:
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


@pytest.mark.xfail(
    strict=True,
    reason="HOLE (tonight's seal reuse): on a remembered verdict (rows=None) the seal deletes the draft (an insider's "
    "AFTER DELETE trigger swaps holder_keys.kem_public for the attacker's) and THEN reads round_keys afresh; the old "
    "code read the keys before any write of the seal",
)
def test_a_trigger_swapping_the_holder_keys_after_a_remembered_check_does_not_expose_the_opinion(cast: Cast) -> None:
    """As above, but 乙's program checked the session AFTER the triggers were planted (opening the session view),
    so the seal's check is the remembered verdict, which carries no rows: the seal falls back to reading the holder
    keys, after its draft DELETE fired the insider's trigger.  The opinion is sealed to the attacker's keys, the
    keys are put back by the second trigger, the seal entry is accepted and the attacker reads the opinion before
    the reveal."""
    opened, outcome = _trigger_attack(cast, checked_after_planting=True)
    assert opened is None, (outcome, opened)
