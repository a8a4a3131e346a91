"""Per-holder round keys (issue "Insider-proof secrecy", item 1), attacked as an insider with the database key.

The chair makes its own key at opening; each custodian's key was issued earlier
in the custodian's own session.  Opinions are sealed to all of them in layers,
so no single account — the chair included — can open one before the reveal.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app import accounts, auditlog
from app.crypto import provider
from app.errors import Refused
from app.facts import Tampered
from app.sealing import EnvelopeInvalid, open_sealed
from app.sessions import holder_keys, lifecycle
from models import HolderKey
from tests.cast import PASS, Cast, raw_db


def _envelope(cast: Cast) -> tuple[Any, ...]:
    key = cast("管理员").store.db_key
    with raw_db(cast.directory, key) as conn:
        row = conn.execute(
            "SELECT e.header, e.ciphertext, e.commitment, e.signature, i.sign_public FROM envelopes e "
            "JOIN identities i ON i.id = e.signer_identity_id ORDER BY e.id LIMIT 1"
        ).fetchone()
    return tuple(row)


def test_each_round_has_the_chairs_key_and_one_key_per_custodian(cast: Cast) -> None:
    sid = cast.open(n=3)
    with cast("主持人").store.transaction() as db:
        from app.sessions.common import require_round
        from models import ReviewSession

        rnd = require_round(db, db.get_one(ReviewSession, sid))
        keys = holder_keys.round_keys(db, rnd)
        holders = [(k.layer, k.holder_id) for k in keys]
    assert [layer for layer, _ in holders] == [0, 1]
    assert holders[0][1] == cast("主持人").account_id and holders[1][1] == cast("监督员").account_id
    cast.seal(sid, "甲")
    assert json.loads(_envelope(cast)[0])["layers"] == 2


def test_the_chair_alone_cannot_open_an_envelope_before_the_reveal(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    chair = cast("主持人")
    header, ciphertext, commitment, signature, signer = _envelope(cast)
    assert json.loads(header)["layers"] == 2
    with chair.store.transaction() as db:
        keys = list(db.query(HolderKey).filter(HolderKey.round_id.is_not(None)).order_by(HolderKey.layer))
        store_id = chair.store.slots.store_id
        own = holder_keys.release(store_id, chair.name, chair.account_key, keys[0])
        # The custodian's layer is wrapped by the custodian's account key, which the chair never has.
        with pytest.raises(Refused):
            holder_keys.release(store_id, "监督员", chair.account_key, keys[1])
    with pytest.raises(EnvelopeInvalid):
        open_sealed(header, ciphertext, commitment, signature, signer, [own])
    with pytest.raises(EnvelopeInvalid):
        open_sealed(header, ciphertext, commitment, signature, signer, [own, provider().new_encryption_key().private])
    with pytest.raises(EnvelopeInvalid):  # nor does the database key open anything
        open_sealed(header, ciphertext, commitment, signature, signer, [chair.store.db_key, chair.store.db_key])


def test_a_swapped_custodian_key_is_refused_before_anyone_seals(cast: Cast) -> None:
    """The chair (or anyone with the database key) replaces the custodian's round key with its own."""
    sid = cast.open(n=3)
    key = cast("管理员").store.db_key
    cast.close()
    mine = provider().new_encryption_key()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE holder_keys SET kem_public=?, digest=? WHERE layer=1",
            (mine.public, holder_keys.key_digest(mine.public)),
        )
    with pytest.raises(Tampered):
        cast.seal(sid, "甲")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM envelopes").fetchone()[0] == 0


def test_a_chair_who_signs_its_own_key_as_the_custodians_is_caught(cast: Cast, monkeypatch: Any) -> None:
    """A modified chair program opens a round with a custodian key the chair made itself, and signs that."""
    sid = cast.create(n=3)
    chair = cast("主持人")
    crypto = provider()
    forged: dict[str, bytes] = {}

    def forged_unspent(db: Any, account: Any) -> list[HolderKey]:
        pair = crypto.new_encryption_key()
        forged["private"] = pair.private
        digest = holder_keys.key_digest(pair.public)
        row = HolderKey(holder_id=account.id, kem_public=pair.public, wrapped_private=b"x", digest=digest)
        db.add(row)
        return [row]

    monkeypatch.setattr(holder_keys, "_unspent", forged_unspent)
    lifecycle.open_session(chair, sid)
    monkeypatch.undo()
    cast.close()
    with pytest.raises(Tampered):  # the reviewer's program checks the key was issued by the custodian
        cast.seal(sid, "甲")
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok and any("not issued by" in p for p in report.problems)


def test_a_custodian_key_spent_twice_is_reported(cast: Cast, monkeypatch: Any) -> None:
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    with cast("主持人").store.transaction() as db:
        spent_row = db.query(HolderKey).filter(HolderKey.layer == 1).one()
        spent_id = spent_row.id

    def replay(db: Any, account: Any) -> list[HolderKey]:
        return [db.get_one(HolderKey, spent_id)]

    monkeypatch.setattr(holder_keys, "_unspent", replay)
    lifecycle.new_round(cast("主持人"), sid, "意见分歧较大，再议一轮")
    monkeypatch.undo()
    cast.close()
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok
    assert any("used by another round" in p or "differ from what the chair signed" in p for p in report.problems)


def test_opening_without_a_custodian_key_is_refused_and_changes_nothing(cast: Cast) -> None:
    sid = cast.create(n=3)
    key = cast("管理员").store.db_key
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM holder_keys")
        before = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    with pytest.raises(Refused, match="keys issue"):
        lifecycle.open_session(cast("主持人"), sid)
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM rounds").fetchone()[0] == 0


def test_custodian_sign_in_tops_up_and_the_release_is_signed_by_the_custodian(cast: Cast) -> None:
    directory = cast.directory
    key = cast("管理员").store.db_key
    with raw_db(directory, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM holder_keys")
    cast.close()
    ctx = accounts.open_account(directory, "监督员", PASS, record_unlock=True)  # the desktop sign-in
    try:
        assert holder_keys.unused_count(ctx) == holder_keys.BATCH
    finally:
        ctx.close()
    ctx = accounts.open_account(directory, "监督员", PASS, record_unlock=True)  # enough left: no new batch
    try:
        assert holder_keys.unused_count(ctx) == holder_keys.BATCH
    finally:
        ctx.close()
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    with raw_db(directory, key) as conn:
        rows = conn.execute("SELECT actor FROM audit_entries WHERE action='reveal.release'").fetchall()
    assert rows == [("监督员",)]
    cast.close()
    assert auditlog.verify_chain(cast("审计员")).ok


def test_a_holder_with_a_pending_round_key_cannot_have_their_slot_reissued(cast: Cast) -> None:
    sid = cast.open(n=3)
    for name in ("主持人", "监督员"):
        with pytest.raises(Refused, match="share"):
            accounts.reissue_slot(cast("管理员"), name, "a-new-passphrase-456")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    accounts.reissue_slot(cast("管理员"), "监督员", "a-new-passphrase-456")
    with cast("管理员").store.transaction() as db:  # the old account key's unused keys are gone
        assert db.query(HolderKey).filter(HolderKey.round_id.is_(None)).count() == 0
