"""Key batches between separate stores (issue 10): a custodian's one-time keys reach the chair, and every
refusal (cards, the container, the command line: tests/test_exchange.py).

Each refusal is checked from the attacker's side: the store's files are hashed before and after, and must
be byte-for-byte the same.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from app import audit, registry
from app.canonical import canonical_json
from app.crypto import provider
from app.exchange import batches, cards, container, imports
from app.sessions import holder_keys
from tests import exchange_support
from tests.exchange_support import fingerprint, new_public, open_inner, refused, write
from tests.exchange_world import ADMIN, CHAIR, CUSTODIAN, World, store_files

base = exchange_support.base  # the fixtures: one world built per module, copied per test
world = exchange_support.world


# --- key batches --------------------------------------------------------------------------------------------


def test_key_batch_reaches_the_chair_and_is_recorded(world: World) -> None:
    chair = world.a(CHAIR)
    result = imports.import_file(chair, world.batch)
    assert result["imported"] and result["keys"] == holder_keys.BATCH
    with chair.store.transaction() as db:
        keys = batches.imported_keys(db, chair.registry)[fingerprint(world)]
        assert len(keys) == holder_keys.BATCH
        assert all(holder_keys.key_digest(public) == digest for digest, public in keys)
        assert audit.verify(db).ok
    before = store_files(chair.store.directory)
    again = imports.import_file(chair, world.batch)
    assert again["already"] and not again["imported"]
    assert store_files(chair.store.directory) == before


def test_keys_planted_in_the_log_by_an_account_of_the_chairs_store_do_not_count(world: World) -> None:
    """The clerk signs import entries of their own: a batch they forged in the custodian's name, and the
    custodian's genuine batch that was not addressed to them.  Neither brings a key."""
    chair, clerk, custodian = world.a(CHAIR), world.a("记录员"), world.b(CUSTODIAN)
    genuine = open_inner(world.batch.read_bytes(), chair.keys.kem.private)
    (size,) = struct.unpack(">I", genuine[:4])
    real_signed, real_signature = genuine[4 : 4 + size], genuine[4 + size + 2 :]
    doc = json.loads(real_signed)
    public = new_public()
    doc["body"]["keys"] = [{"digest": holder_keys.key_digest(public), "public": public.hex()}]
    doc["header"]["recipients"] = [clerk.fingerprint]
    forged = canonical_json(doc)
    forged_signature = provider().sign(clerk.keys.sign.private, container.SIGN_DOMAIN + forged)
    with clerk.store.transaction() as db:
        for signed, signature in ((forged, forged_signature), (real_signed, real_signature)):
            details = {"type": "key-batch", "from": custodian.fingerprint, "file": "x", "keys": 1}
            details |= {"signed": signed.decode(), "signature": signature.hex()}
            audit.append(db, clerk.actor, "exchange.import", "file:planted", details)
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        assert audit.verify(db).ok  # well-signed entries, by an active account…
        assert batches.imported_keys(db, reg) == {}  # …that bring nothing
    # The chair's own import of the genuine file still counts.
    imports.import_file(chair, world.batch)
    with chair.store.transaction() as db:
        assert len(batches.imported_keys(db, chair.registry)[custodian.fingerprint]) == holder_keys.BATCH


def test_exported_keys_are_never_spent_on_a_round_of_their_own_store(world: World) -> None:
    custodian = world.b(CUSTODIAN)
    with custodian.store.transaction() as db:
        gone = holder_keys.exported(db)
        assert len(gone) == holder_keys.BATCH
        account = db.get_one(holder_keys.Account, custodian.account_id)
        assert not {k.digest for k in holder_keys._unspent(db, account)} & gone


def test_key_batch_is_unreadable_to_anyone_but_the_chair(world: World) -> None:
    """Type, sender and keys are inside the encryption; the custodian's own store cannot open it either."""
    raw = world.batch.read_bytes()
    assert CUSTODIAN.encode() not in raw and b"key-batch" not in raw and b"custodian" not in raw
    for ctx in (world.a("记录员"), world.a(CUSTODIAN), world.b(CUSTODIAN)):
        refused(ctx, world.batch, "wrong-recipient")


def test_key_batch_from_an_unregistered_sender_is_refused(world: World, tmp_path: Path) -> None:
    """甲 of the custodian's store is not registered on the chair's: its batch is refused, whatever it says."""
    stranger = world.b("甲")
    chair = world.a(CHAIR)
    body = {"custodian": stranger.name, "keys": []}
    body["keys"] = [{"digest": holder_keys.key_digest(p), "public": p.hex()} for p in [new_public()]]
    data = container.build(
        container.KEY_BATCH, cards.sender_of(stranger), [(chair.fingerprint, chair.keys.kem.public)], body
    )
    refused(chair, write(tmp_path / "stranger.hsx", data), "untrusted-sender")


def test_key_batch_impersonating_the_custodian_is_refused(world: World, tmp_path: Path) -> None:
    """A file naming the registered custodian as sender but signed with another key fails its signature."""
    custodian, stranger, chair = world.b(CUSTODIAN), world.b("甲"), world.a(CHAIR)
    sender = container.Sender(
        custodian.name, custodian.fingerprint, custodian.store.slots.store_id, stranger.keys.sign.private
    )
    public = new_public()
    body = {"custodian": custodian.name, "keys": [{"digest": holder_keys.key_digest(public), "public": public.hex()}]}
    data = container.build(container.KEY_BATCH, sender, [(chair.fingerprint, chair.keys.kem.public)], body)
    refused(chair, write(tmp_path / "forged.hsx", data), "altered")


def test_key_batch_from_a_registered_non_custodian_is_refused(world: World, tmp_path: Path) -> None:
    data, info = cards.export(world.b("甲"))
    imports.import_file(world.a(ADMIN), write(tmp_path / "r.card", data), info["fingerprint"])
    cards.authorise(world.a("保密员"), info["fingerprint"])
    reviewer, chair = world.b("甲"), world.a(CHAIR)
    public = new_public()
    body = {"custodian": reviewer.name, "keys": [{"digest": holder_keys.key_digest(public), "public": public.hex()}]}
    data = container.build(
        container.KEY_BATCH, cards.sender_of(reviewer), [(chair.fingerprint, chair.keys.kem.public)], body
    )
    refused(chair, write(tmp_path / "rev.hsx", data), "not-permitted")


def test_key_batch_forwarded_by_a_recipient_to_someone_else_is_refused(world: World, tmp_path: Path) -> None:
    """The chair re-seals the custodian's signed batch to the clerk: the signed recipients do not name the clerk."""
    chair, clerk = world.a(CHAIR), world.a("记录员")
    inner = open_inner(world.batch.read_bytes(), chair.keys.kem.private)
    data = container.frame(inner, [(clerk.fingerprint, clerk.keys.kem.public)])
    refused(clerk, write(tmp_path / "fwd.hsx", data), "wrong-recipient")


def test_key_batch_replaying_imported_keys_is_refused(world: World, tmp_path: Path) -> None:
    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    imports.import_file(chair, world.batch)
    with chair.store.transaction() as db:
        old = batches.imported_keys(db, chair.registry)[custodian.fingerprint]
    public = new_public()
    keys = [{"digest": d, "public": p.hex()} for d, p in old[:2]]
    keys.append({"digest": holder_keys.key_digest(public), "public": public.hex()})
    body = {"custodian": custodian.name, "keys": keys}
    data = container.build(
        container.KEY_BATCH, cards.sender_of(custodian), [(chair.fingerprint, chair.keys.kem.public)], body
    )
    refused(chair, write(tmp_path / "replay.hsx", data), "replay")


def test_key_batch_with_a_key_not_matching_its_digest_is_refused(world: World, tmp_path: Path) -> None:
    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    body = {"custodian": custodian.name, "keys": [{"digest": "00" * 32, "public": new_public().hex()}]}
    data = container.build(
        container.KEY_BATCH, cards.sender_of(custodian), [(chair.fingerprint, chair.keys.kem.public)], body
    )
    refused(chair, write(tmp_path / "digest.hsx", data), "malformed")


def test_sealed_file_with_unknown_fields_is_refused(world: World, tmp_path: Path) -> None:
    """Correctly signed and sealed, but with a field the schema does not know: refused, not ignored."""
    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    inner = open_inner(world.batch.read_bytes(), chair.keys.kem.private)
    (size,) = struct.unpack(">I", inner[:4])
    doc = json.loads(inner[4 : 4 + size])
    doc["body"]["note"] = "x"
    signed = canonical_json(doc)
    signature = provider().sign(custodian.keys.sign.private, container.SIGN_DOMAIN + signed)
    data = container.frame(container.inner_of(signed, signature), [(chair.fingerprint, chair.keys.kem.public)])
    refused(chair, write(tmp_path / "extra.hsx", data), "malformed")
