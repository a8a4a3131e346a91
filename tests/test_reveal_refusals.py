"""Every refusal branch of the reveal (app/sessions/reveal.py) and of the split reveal key of stores older than
schema 0004 (app/sessions/keys.py), from the attacker's side (issue 8 item 7): each attempt is refused with its
message and nothing changes — the session stays sealed, no opinion is opened, no entry is written.

The pre-0004 fixture: rounds of stores before per-holder keys had one reveal key pair per round whose private half
existed only as XOR shares sealed to the chair's and each custodian's identity (``keys.new_round``); opinions were
sealed to its public half. ``old_store`` opens the session with exactly that code path (the holder-key tables stay
empty for the round, as the 0004 migration leaves them), seals, and strips the log to what 0003 code signed
(``strip_to_legacy``: no row digests, no anchors, re-signed by each account); the first sign-in re-anchors it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.errors import InvalidInput, NotPermitted, Refused, StoreUnavailable, WrongPassphrase
from app.facts import Tampered
from app.sessions import holder_keys, keys, reveal
from tests.cast import PASS, Cast, raw_db, strip_to_legacy


def _state(cast: Cast, key: bytes, sid: int) -> tuple[Any, ...]:
    """What a refused reveal must leave as it was: status, revealed rows, audit length, releases."""
    with raw_db(cast.directory, key) as conn:
        return (
            conn.execute("SELECT status FROM review_sessions WHERE id=?", (sid,)).fetchone()[0],
            conn.execute("SELECT count(*) FROM revealed_opinions").fetchone()[0],
            conn.execute("SELECT count(*), max(seq) FROM audit_entries").fetchone(),
            conn.execute("SELECT count(*) FROM holder_keys WHERE released IS NOT NULL").fetchone()[0],
            conn.execute("SELECT revealed_at FROM rounds WHERE session_id=?", (sid,)).fetchall(),
        )


def _key(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


# --- the pre-0004 store: one split key per round ---------------------------------------------------------------


def _old_store(cast: Cast, monkeypatch: pytest.MonkeyPatch, tamper: Any = None) -> tuple[Cast, int, bytes]:
    """A sealed, unrevealed session whose round key is split as 0003 code split it; (cast, session, db key).
    ``tamper(conn, sid)`` changes the old store's rows before the upgrade's re-anchor signs them."""

    def old_round(db: Any, ctx: Any, session: Any, number: int, reason: str) -> tuple[Any, list[list[str]]]:
        return keys.new_round(db, ctx.store.slots.store_id, session, number, reason), []

    with monkeypatch.context() as mp:
        mp.setattr(holder_keys, "new_round", old_round)
        sid = cast.open(n=3)
    key = strip_to_legacy(cast)  # the log as 0003 code signed it; the first sign-in re-anchors it
    if tamper is not None:
        with raw_db(cast.directory, key, drop_triggers=True) as conn:
            tamper(conn, sid)
    for who in ("甲", "乙", "丙"):  # sealed to the round's one public key, as before per-holder keys
        cast.seal(sid, who)
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM reveal_shares").fetchone()[0] == 2  # chair + one custodian
        assert conn.execute("SELECT count(*) FROM holder_keys WHERE round_id IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT status FROM review_sessions WHERE id=?", (sid,)).fetchone()[0] == "sealed"
        assert conn.execute("SELECT count(*) FROM audit_entries WHERE action='store.reanchor'").fetchone()[0] == 1
    cast("主持人"), cast("监督员")  # signed in (a custodian's sign-in tops up their round keys: logged)
    return cast, sid, key


@pytest.fixture
def old_store(legacy_cast: Cast, monkeypatch: pytest.MonkeyPatch) -> tuple[Cast, int, bytes]:
    return _old_store(legacy_cast, monkeypatch)


def test_old_store_reveals_with_every_holders_passphrase(old_store: tuple[Cast, int, bytes]) -> None:
    """The path itself: the custodian's passphrase opens their share, the shares make the round key."""
    cast, sid, key = old_store
    assert reveal.needs_passphrases(cast("主持人"), sid)
    assert reveal.pending_releases(cast("主持人"), sid) == []
    reveal.check_passphrase(cast("主持人"), sid, "监督员", PASS)  # a right passphrase passes its step
    result = reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert result["opened"] == 3 and result["rejected"] == []
    assert _state(cast, key, sid)[0] == "revealed"


def test_old_store_reveal_without_the_custodians_passphrase_is_refused(old_store: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = old_store
    before = _state(cast, key, sid)
    with pytest.raises(InvalidInput, match="needs the passphrase of: 监督员"):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_old_store_wrong_custodian_passphrase_is_refused_and_counted(old_store: tuple[Cast, int, bytes]) -> None:
    """Attacker: the chair guessing the custodian's passphrase. Refused; the failure counts against the custodian."""
    from app.attempts import Attempts

    cast, sid, key = old_store
    before = _state(cast, key, sid)
    with pytest.raises(WrongPassphrase):
        reveal.reveal(cast("主持人"), sid, {"监督员": "not-the-passphrase"})
    with pytest.raises(WrongPassphrase):
        reveal.check_passphrase(cast("主持人"), sid, "监督员", "still-not-it")
    assert _state(cast, key, sid) == before
    assert Attempts(cast.directory).failures("监督员") == 2


def test_old_store_a_disabled_custodian_releases_no_share(old_store: tuple[Cast, int, bytes]) -> None:
    from app import accounts

    cast, sid, key = old_store
    accounts.set_disabled(cast("管理员"), "监督员", True, "调离监督岗位。")
    cast.close()
    before = _state(cast, key, sid)
    with pytest.raises(NotPermitted, match="监督员 is disabled"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert _state(cast, key, sid) == before


def test_old_store_a_share_sealed_to_another_key_does_not_open(
    legacy_cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: an insider of the old store who, before the upgrade, copied the chair's sealed share over the
    custodian's. The upgrade's re-anchor signs the rows as it finds them, so the signed facts agree; the share
    still does not open with the custodian's key, and the reveal is refused."""

    def tamper(conn: Any, sid: int) -> None:
        rows = conn.execute("SELECT id, sealed_share FROM reveal_shares ORDER BY id").fetchall()
        conn.execute("UPDATE reveal_shares SET sealed_share=? WHERE id=?", (rows[0][1], rows[1][0]))

    cast, sid, key = _old_store(legacy_cast, monkeypatch, tamper)
    before = _state(cast, key, sid)
    with pytest.raises(Refused, match="share of 监督员 does not open"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert _state(cast, key, sid) == before


def test_old_store_shares_of_another_key_do_not_fit_together(
    legacy_cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: an insider of the old store who, before the upgrade, made a key pair of their own and sealed fresh
    shares of it to the real chair and custodian, leaving the round's public key (the one opinions are sealed
    to): every share opens, but together they do not make the round's key; refused."""
    from app import secret_split
    from app.crypto import provider

    store_id = legacy_cast("主持人").store.slots.store_id
    people = {name: legacy_cast(name).keys.kem.public for name in ("主持人", "监督员")}

    def tamper(conn: Any, sid: int) -> None:
        other = provider().new_encryption_key()
        parts = secret_split.split(other.private, 2)
        rows = conn.execute("SELECT id FROM reveal_shares ORDER BY id").fetchall()
        for (row_id,), part, name in zip(rows, parts, ("主持人", "监督员"), strict=True):
            sealed = provider().seal(people[name], part, keys.share_info(store_id, sid, 1, name))
            conn.execute("UPDATE reveal_shares SET sealed_share=? WHERE id=?", (sealed, row_id))

    cast, sid, key = _old_store(legacy_cast, monkeypatch, tamper)
    before = _state(cast, key, sid)
    with pytest.raises(Refused, match="shares do not fit together"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert _state(cast, key, sid) == before


def test_old_store_shares_changed_after_the_upgrade_are_refused_by_the_signed_facts(
    old_store: tuple[Cast, int, bytes],
) -> None:
    """The same copy made after the upgrade: the re-anchored facts name it before any share is opened."""
    cast, sid, key = old_store
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rows = conn.execute("SELECT id, sealed_share FROM reveal_shares ORDER BY id").fetchall()
        conn.execute("UPDATE reveal_shares SET sealed_share=? WHERE id=?", (rows[0][1], rows[1][0]))
    before = _state(cast, key, sid)
    with pytest.raises(Tampered, match="reveal key or key shares of round 1"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert _state(cast, key, sid) == before


# --- per-holder rounds: releases ------------------------------------------------------------------------------


@pytest.fixture
def sealed(cast: Cast) -> Iterator[tuple[Cast, int, bytes]]:
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    yield cast, sid, _key(cast)


def test_reveal_before_the_round_is_sealed_and_release_of_a_collecting_round_are_refused(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = _key(cast)
    before = _state(cast, key, sid)
    with pytest.raises(Refused):
        reveal.release(cast("监督员"), sid)
    with pytest.raises(Refused):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_release_by_someone_who_holds_no_key_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    """Attacker: a reviewer (no custodian role) and the chair (a custodian role elsewhere would not help)."""
    cast, sid, key = sealed
    before = _state(cast, key, sid)
    with pytest.raises(NotPermitted):
        reveal.release(cast("甲"), sid)
    assert _state(cast, key, sid) == before


def test_release_twice_changes_nothing(sealed: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = sealed
    assert reveal.release(cast("监督员"), sid)["released"] is True
    before = _state(cast, key, sid)
    assert reveal.release(cast("监督员"), sid) == {"session": sid, "round": 1, "released": False, "already": True}
    assert _state(cast, key, sid) == before


def test_reveal_waits_for_every_release(sealed: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = sealed
    assert reveal.pending_releases(cast("主持人"), sid) == ["监督员"]
    before = _state(cast, key, sid)
    with pytest.raises(Refused, match="Waiting for the release of: 监督员"):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_release_to_a_disabled_chair_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    from app import accounts

    cast, sid, key = sealed
    accounts.set_disabled(cast("管理员"), "主持人", True, "调离主持岗位。")
    cast.close()
    before = _state(cast, key, sid)
    with pytest.raises(Refused, match="chair of this session has no usable registered key"):
        reveal.release(cast("监督员"), sid)
    assert _state(cast, key, sid) == before


def test_a_forged_release_row_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    """Attacker: the chair with the database key writes a release row for the custodian (their round key, which the
    chair does not have, stood in for by a key of the chair's making) without the custodian's signed entry."""
    from app.crypto import provider

    cast, sid, key = sealed
    chair = cast("主持人")
    cast.close()
    forged = provider().seal(chair.keys.kem.public, provider().random(32), b"forged")
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE holder_keys SET released=?, released_to=? WHERE layer>0 AND round_id IS NOT NULL",
            (forged, chair.fingerprint),
        )
    before = _state(cast, key, sid)
    with pytest.raises(Tampered, match="released round key of 监督员 is not the one 监督员 signed"):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_a_replayed_release_of_another_session_is_refused(cast: Cast) -> None:
    """Attacker: the chair copies the custodian's genuine release of session A (signed entry and ciphertext) into
    session B's round: the release names another key digest and another session, so B's reveal refuses it."""
    a = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(a, who)
    b = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(b, who)
    reveal.release(cast("监督员"), a)
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rounds = dict(conn.execute("SELECT session_id, id FROM rounds").fetchall())
        released, to = conn.execute(
            "SELECT released, released_to FROM holder_keys WHERE round_id=? AND layer>0", (rounds[a],)
        ).fetchone()
        conn.execute(
            "UPDATE holder_keys SET released=?, released_to=? WHERE round_id=? AND layer>0", (released, to, rounds[b])
        )
    before = _state(cast, key, b)
    with pytest.raises(Tampered, match="released round key of 监督员"):
        reveal.reveal(cast("主持人"), b, {})
    assert _state(cast, key, b) == before


def test_a_release_that_does_not_open_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    """Attacker: the custodian's genuine release with its ciphertext's signed digest made to match a damaged
    ciphertext is impossible without the custodian's key — so here the custodian's own program signs a release
    sealed under another context (what a modified program would do): the chair's program refuses it."""
    from app import audit
    from app.crypto import provider
    from app.sessions import content

    cast, sid, key = sealed
    custodian, chair = cast("监督员"), cast("主持人")
    bogus = provider().seal(chair.keys.kem.public, provider().random(32), b"another context")
    with custodian.store.transaction() as db:
        from sqlalchemy import select

        from models import HolderKey, Round

        rnd = db.scalars(select(Round).where(Round.session_id == sid)).one()
        row = db.scalars(select(HolderKey).where(HolderKey.round_id == rnd.id, HolderKey.layer > 0)).one()
        row.released, row.released_to = bogus, chair.fingerprint
        audit.append(
            db,
            custodian.actor,
            "reveal.release",
            f"session:{sid}",
            {"round": 1, "key": row.digest, "to": chair.fingerprint, "sealed": content.sealed_digest(bogus)},
        )
    cast.close()
    before = _state(cast, key, sid)
    with pytest.raises(Tampered, match="released round key of 监督员 does not open"):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_the_innermost_key_moved_to_another_holder_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    """Attacker: an insider who makes the custodian the innermost layer's holder (so the chair's key is not asked)."""
    cast, sid, key = sealed
    reveal.release(cast("监督员"), sid)
    custodian_id = cast("监督员").account_id
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE holder_keys SET holder_id=? WHERE layer=0 AND round_id IS NOT NULL", (custodian_id,))
    before = _state(cast, key, sid)
    with pytest.raises(Tampered, match="reveal key or key shares of round 1 differ from what the chair signed"):
        reveal.reveal(cast("主持人"), sid, {})
    assert _state(cast, key, sid) == before


def test_the_chairs_confirming_passphrase_must_be_right(sealed: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = sealed
    reveal.release(cast("监督员"), sid)
    before = _state(cast, key, sid)
    with pytest.raises(WrongPassphrase):
        reveal.reveal(cast("主持人"), sid, {"主持人": "wrong-chair-pass"})
    with pytest.raises(WrongPassphrase):
        reveal.check_passphrase(cast("主持人"), sid, "主持人", "wrong-chair-pass")
    assert _state(cast, key, sid) == before
    reveal.check_passphrase(cast("主持人"), sid, "主持人", PASS)


def test_check_passphrase_of_someone_who_holds_no_key_is_refused(sealed: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = sealed
    before = _state(cast, key, sid)
    with pytest.raises(InvalidInput, match="甲 holds no key for this reveal"):
        reveal.check_passphrase(cast("主持人"), sid, "甲", PASS)
    assert _state(cast, key, sid) == before


def test_release_of_an_old_round_is_refused(old_store: tuple[Cast, int, bytes]) -> None:
    """A per-holder release makes no sense for a split-key round: refused with what to do instead."""
    cast, sid, key = old_store
    before = _state(cast, key, sid)
    with pytest.raises(InvalidInput, match="opened before per-holder keys"):
        reveal.release(cast("监督员"), sid)
    assert _state(cast, key, sid) == before


def test_only_the_chair_reveals(sealed: tuple[Cast, int, bytes]) -> None:
    cast, sid, key = sealed
    reveal.release(cast("监督员"), sid)
    before = _state(cast, key, sid)
    for who in ("监督员", "甲", "记录员"):
        with pytest.raises((NotPermitted, Refused)):
            reveal.reveal(cast(who), sid, {})
    assert _state(cast, key, sid) == before


def test_a_custodian_releases_at_the_chairs_workstation_only_with_their_passphrase(
    sealed: tuple[Cast, int, bytes],
) -> None:
    """The desktop's reveal step: the custodian types their passphrase at the chair's workstation; a wrong one is
    refused and counted, and releases nothing; the right one releases in a session of the custodian's own."""
    from app.attempts import Attempts

    cast, sid, key = sealed
    before = _state(cast, key, sid)
    with pytest.raises(WrongPassphrase):
        reveal.check_passphrase(cast("主持人"), sid, "监督员", "not-the-custodians")
    assert _state(cast, key, sid) == before
    assert Attempts(cast.directory).failures("监督员") == 1
    reveal.check_passphrase(cast("主持人"), sid, "监督员", PASS)
    assert reveal.pending_releases(cast("主持人"), sid) == []
    assert reveal.reveal(cast("主持人"), sid, {})["opened"] == 3


def test_old_store_custodian_identity_missing_is_reported(old_store: tuple[Cast, int, bytes]) -> None:
    """Attacker: an insider who deletes (here: renames) the custodian's registered identity row, so that the share
    would be opened with some other key: reported as a tampered store, nothing opened."""
    cast, sid, key = old_store
    fingerprint = cast("监督员").fingerprint
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE identities SET fingerprint='00000' WHERE fingerprint=?", (fingerprint,))
    before = _state(cast, key, sid)
    with pytest.raises(StoreUnavailable, match="registered identity key of 监督员 is missing"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})
    assert _state(cast, key, sid) == before


def _second_custodian(cast: Cast) -> str:
    """Another account with the custodian role (a custodian of other sessions, not of this one)."""
    from app import accounts
    from tests.cast import grant

    accounts.add_account(cast("管理员"), "监督员二", ["custodian"], None, PASS)
    grant(cast.directory, ["监督员二"])
    holder_keys.issue_batch(cast("监督员二"), 2)  # their sign-in's batch: keys of their own, for other rounds
    return "监督员二"


def test_a_custodian_of_other_sessions_holds_no_reveal_key_of_this_one(sealed: tuple[Cast, int, bytes]) -> None:
    """Attacker: an account holding the custodian role, but not named a custodian of this session, releases for
    its sealed round (hoping to hand the chair a key of theirs, or to count as a holder): refused, nothing
    changes; the session's own custodian still releases and the chair reveals."""
    cast, sid, key = sealed
    other = _second_custodian(cast)
    before = _state(cast, key, sid)
    with pytest.raises(NotPermitted, match="You hold no reveal key of this session"):
        reveal.release(cast(other), sid)
    assert _state(cast, key, sid) == before
    assert reveal.pending_releases(cast("主持人"), sid) == ["监督员"]
    cast.reveal(sid)  # the session's custodian releases, the chair reveals: undisturbed


def test_a_custodian_who_writes_themselves_into_the_session_releases_nothing(
    sealed: tuple[Cast, int, bytes],
) -> None:
    """Attacker: the same account, with the database key, writes a ``custodians`` row naming itself for the
    session, then releases: the session's definition no longer matches what the chair signed, so the release is
    refused before any key is looked at, and nothing changes."""
    cast, sid, key = sealed
    other = _second_custodian(cast)
    account = cast(other).account_id
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("INSERT INTO custodians (session_id, account_id) VALUES (?, ?)", (sid, account))
    before = _state(cast, key, sid)
    with pytest.raises(Tampered, match="differs from what the chair signed"):
        reveal.release(cast(other), sid)
    assert _state(cast, key, sid) == before
