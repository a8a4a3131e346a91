"""Exchange files between separate stores (issue 10): identity cards, key batches, and every refusal.

Each refusal is checked from the attacker's side: the store's files are hashed before and after, and must
be byte-for-byte the same.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import audit, registry
from app.canonical import canonical_json
from app.crypto import provider
from app.errors import NotPermitted, Refused
from app.exchange import batches, cards, container, imports
from app.exchange.schema import ExchangeRefused
from app.sessions import holder_keys
from tests import exchange_world
from tests.cast import PASS
from tests.conftest import run_cli
from tests.exchange_world import ADMIN, CHAIR, CUSTODIAN, World, store_files


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> World:
    return exchange_world.build(tmp_path_factory.mktemp("exchange") / "world")


@pytest.fixture
def world(base: World, tmp_path: Path) -> Iterator[World]:
    w = exchange_world.copy(base, tmp_path / "world")
    yield w
    w.close()


def refused(ctx, path: Path, reason: str, fingerprint: str | None = None) -> ExchangeRefused:  # type: ignore[no-untyped-def]
    """Import must refuse with ``reason`` and leave every file of the store as it was."""
    before = store_files(ctx.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path, fingerprint)
    assert info.value.reason == reason, info.value.message
    assert store_files(ctx.store.directory) == before
    return info.value


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def fingerprint(world: World, who: str = CUSTODIAN) -> str:
    return world.b(who).fingerprint


# --- identity cards ---------------------------------------------------------------------------------------


def test_card_needs_the_fingerprint_read_aloud(world: World, tmp_path: Path) -> None:
    data, info = cards.export(world.b("甲"))
    card = write(tmp_path / "r.card", data)
    admin = world.a(ADMIN)
    refused(admin, card, "fingerprint")  # none given
    wrong = "12345 67890 12345 67890 12345 67890"
    refused(admin, card, "fingerprint", wrong)
    result = imports.import_file(admin, card, info["fingerprint"].replace(" ", ""))  # spacing does not matter
    assert result["imported"] and result["roles"] == ["reviewer"]
    # The registration is a signed entry of the administrator, and the registry knows the identity.
    with admin.store.transaction() as db:
        entry = db.query(audit.AuditEntry).order_by(audit.AuditEntry.seq.desc()).first()
        assert entry is not None and (entry.action, entry.actor) == ("exchange.register", ADMIN)
        assert audit.verify(db).ok
    assert info["fingerprint"] in admin.registry.foreign
    # Again: nothing changes, and it says so (even without the fingerprint).
    before = store_files(admin.store.directory)
    again = imports.import_file(admin, card)
    assert again["already"] and not again["imported"]
    assert store_files(admin.store.directory) == before


def test_card_import_is_for_the_administrator_only(world: World, tmp_path: Path) -> None:
    data, info = cards.export(world.b("乙"))
    card = write(tmp_path / "r.card", data)
    chair = world.a(CHAIR)
    before = store_files(chair.store.directory)
    with pytest.raises(NotPermitted):
        imports.import_file(chair, card, info["fingerprint"])
    assert store_files(chair.store.directory) == before


def test_card_with_swapped_keys_or_altered_name_is_refused(world: World, tmp_path: Path) -> None:
    """A card whose keys are another's, or whose name was changed after signing, never registers."""
    raw = world.custodian_card.read_bytes()
    admin = world.a(ADMIN)
    fresh = world.a("记录员")  # an identity of the chair's store: its card must not register there
    refused(admin, write(tmp_path / "own.card", cards.export(fresh)[0]), "own-store", fresh.fingerprint)
    # The name changed in place (same length) breaks the signature.
    doctored = raw.replace("监督员".encode(), "监察员".encode())
    assert doctored != raw
    c = world.b(CUSTODIAN)
    data = build_card(c, name_in_body="别人")
    refused(admin, write(tmp_path / "name.card", data), "malformed", c.fingerprint)
    refused(world.a(ADMIN), write(tmp_path / "doctored.card", doctored), "altered", c.fingerprint)
    # Keys of another identity under this card's signature: the fingerprint no longer matches the keys.
    other = world.b("丙")
    data = build_card(c, kem_public=other.keys.kem.public)
    refused(admin, write(tmp_path / "keys.card", data), "malformed", c.fingerprint)


def build_card(ctx, name_in_body: str | None = None, kem_public: bytes | None = None) -> bytes:  # type: ignore[no-untyped-def]
    body = {
        "name": name_in_body or ctx.name,
        "department": None,
        "roles": ["custodian"],
        "store": ctx.store.slots.store_id,
        "workstation": "",
        "fingerprint": ctx.fingerprint,
        "sign_public": ctx.keys.sign.public.hex(),
        "kem_public": (kem_public or ctx.keys.kem.public).hex(),
    }
    return container.build(container.IDENTITY_CARD, cards.sender_of(ctx), [], body)


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


# --- the container ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda raw: raw[:-1], "altered"),  # truncated
        (lambda raw: raw[: len(raw) // 2], "altered"),
        (lambda raw: raw + b"\x00", "altered"),  # something appended
        (lambda raw: raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:], "altered"),  # one bit of the ciphertext
        (lambda raw: raw[:8] + struct.pack(">H", 2) + raw[10:], "version"),
        (lambda raw: b"PK\x03\x04" + raw[4:], "malformed"),
        (lambda raw: b"", "malformed"),
        (lambda raw: raw[:8] + raw[8:10] + b"\x07" + raw[11:], "malformed"),  # unknown container kind
        (lambda raw: raw[:11] + b"\x00" + raw[12:], "malformed"),  # no recipient slot
    ],
)
def test_damaged_key_batch_is_refused(world: World, tmp_path: Path, change, reason: str) -> None:  # type: ignore[no-untyped-def]
    refused(world.a(CHAIR), write(tmp_path / "bad.hsx", change(world.batch.read_bytes())), reason)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda raw: raw[:-1], "altered"),
        (lambda raw: raw.replace(b'"roles":["custodian"]', b'"roles":["chair"]'), "altered"),  # length differs
        (lambda raw: raw.replace(b'"roles":["custodian"]', b'"roles":["reviewer" ]'), "malformed"),  # not canonical
        (lambda raw: raw.replace(b'"roles":["custodian"]', b'"roles":["custodiam"]'), "malformed"),  # unknown role
        (lambda raw: raw.replace(b'"department":null', b'"department":"xx"'), "altered"),  # same length, signed
        (lambda raw: raw.replace(b'"format":1', b'"format":2'), "malformed"),
        (lambda raw: raw.replace(b'"roles"', b'"Roles"'), "malformed"),
    ],
)
def test_damaged_card_is_refused(world: World, tmp_path: Path, change, reason: str) -> None:  # type: ignore[no-untyped-def]
    raw = world.custodian_card.read_bytes()
    changed = change(raw)
    assert changed != raw
    refused(world.a(ADMIN), write(tmp_path / "bad.card", changed), reason, fingerprint(world))


def test_oversized_and_non_regular_files_are_refused_unread(world: World, tmp_path: Path) -> None:
    big = tmp_path / "big.hsx"
    with big.open("wb") as handle:
        handle.truncate(container.MAX_FILE + 1)
    refused(world.a(CHAIR), big, "oversized")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    ctx = world.a(CHAIR)
    before = store_files(ctx.store.directory)
    with pytest.raises(Refused):
        imports.import_file(ctx, fifo)
    assert store_files(ctx.store.directory) == before


def test_deeply_nested_json_is_refused(world: World, tmp_path: Path) -> None:
    custodian, chair = world.b(CUSTODIAN), world.a(CHAIR)
    signed = b'{"body":' + b"[" * 100000 + b"]" * 100000 + b',"header":{}}'
    signature = provider().sign(custodian.keys.sign.private, container.SIGN_DOMAIN + signed)
    data = container.frame(container.inner_of(signed, signature), [(chair.fingerprint, chair.keys.kem.public)])
    refused(chair, write(tmp_path / "deep.hsx", data), "malformed")


# --- the command line ------------------------------------------------------------------------------------


def cli(store: Path, user: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = run_cli("--store", str(store), "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
    assert proc.returncode != 3, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, json.loads("\n".join(lines)) if lines else {}


def test_cli_import_export_refusals_and_repeat(world: World, tmp_path: Path) -> None:
    world.close()
    a, b = world.root / "a", world.root / "b"
    # The custodian exports a second batch; a refusal names its reason; the store is unchanged.
    status, out = cli(
        b, CUSTODIAN, "export", "key-batch", "--to", CHAIR, "--count", "3", "--out", str(tmp_path / "k.hsx")
    )
    assert status == 0 and out["keys"] == 3
    assert cli(b, CUSTODIAN, "export", "key-batch", "--to", CHAIR, "--out", str(tmp_path / "k.hsx"))[0] == 2  # exists
    status, out = cli(b, CUSTODIAN, "export", "key-batch", "--to", "nobody", "--out", str(tmp_path / "k2.hsx"))
    assert status == 2 and out["reason"] == "untrusted-sender"
    before = store_files(a)
    status, out = cli(a, "记录员", "import", str(tmp_path / "k.hsx"))
    assert (status, out["reason"]) == (2, "wrong-recipient")
    (tmp_path / "cut.hsx").write_bytes((tmp_path / "k.hsx").read_bytes()[:-5])
    status, out = cli(a, CHAIR, "import", str(tmp_path / "cut.hsx"))
    assert (status, out["reason"]) == (2, "altered")
    assert store_files(a) == before  # every file of the store, the key slots included
    status, out = cli(a, CHAIR, "import", "--describe", str(tmp_path / "k.hsx"))
    assert status == 0 and out["type"] == "key-batch" and out["trusted"] and not out["already"]
    assert store_files(a)["huishen.db"] == before["huishen.db"]  # (the chair's slot keeps the newer log head)
    status, out = cli(a, CHAIR, "import", str(tmp_path / "k.hsx"))
    assert status == 0 and out["imported"] and out["keys"] == 3
    after = store_files(a)["huishen.db"]
    status, out = cli(a, CHAIR, "import", str(tmp_path / "k.hsx"))
    assert status == 0 and out["already"]
    assert store_files(a)["huishen.db"] == after
    # An identity card: export, refused without the fingerprint, registered with it.
    status, out = cli(b, "乙", "export", "identity", "--out", str(tmp_path / "yi.card"))
    assert status == 0
    fp = out["fingerprint"]
    status, out = cli(a, ADMIN, "import", str(tmp_path / "yi.card"))
    assert (status, out["reason"]) == (2, "fingerprint")
    status, out = cli(a, ADMIN, "import", str(tmp_path / "yi.card"), "--fingerprint", fp)
    assert status == 0 and out["imported"], out
    status, rows = cli(a, ADMIN, "exchange", "list")
    assert status == 0 and {r["name"] for r in rows} == {CUSTODIAN, "乙"} and not any(r["revoked"] for r in rows)
    status, out = cli(a, ADMIN, "exchange", "revoke", "乙")
    assert (status, out["reason"]) == (2, "malformed")  # no reason given
    status, out = cli(a, ADMIN, "exchange", "revoke", fp, "--reason", "工作站更换")
    assert status == 0 and out["revoked"]
    status, _out = cli(a, "审计员", "audit", "verify")
    assert status == 0


# --- helpers -----------------------------------------------------------------------------------------------


def new_public() -> bytes:
    return provider().new_encryption_key().public


def open_inner(data: bytes, kem_private: bytes) -> bytes:
    """What a recipient holds after opening a sealed file: the signed inner document (the attacker's start)."""
    at = len(container.MAGIC) + 3
    count = data[at]
    at += 1
    slots = []
    for _ in range(count):
        (size,) = struct.unpack(">H", data[at : at + 2])
        slots.append(data[at + 2 : at + 2 + size])
        at += 2 + size
    prefix = data[:at]
    (size,) = struct.unpack(">I", data[at : at + 4])
    ciphertext = data[at + 4 : at + 4 + size]
    for slot in slots:
        try:
            key = provider().open(kem_private, slot, container.SLOT_INFO)
        except Exception:  # noqa: BLE001,S112 - another recipient's slot
            continue
        return provider().unwrap(key, ciphertext, prefix)
    raise AssertionError("not a recipient")


# --- revocation --------------------------------------------------------------------------------------------


def test_a_revoked_identity_is_trusted_no_more(world: World) -> None:
    chair, admin = world.a(CHAIR), world.a(ADMIN)
    imports.import_file(chair, world.batch)
    with pytest.raises(NotPermitted):
        cards.revoke(chair, CUSTODIAN, "钥匙遗失")
    with pytest.raises(ExchangeRefused):
        cards.revoke(admin, CUSTODIAN, "  ")  # a reason is required
    result = cards.revoke(admin, CUSTODIAN, "钥匙遗失")
    assert result["revoked"]
    with pytest.raises(ExchangeRefused):
        cards.revoke(admin, CUSTODIAN, "again")  # no longer found among trusted identities
    # Everything the custodian sends is refused from now on; the keys already imported count no more.
    data, _info = batches.export(world.b(CUSTODIAN), [CHAIR])
    refused(chair, write(world.root / "after.hsx", data), "untrusted-sender")
    refused(admin, world.custodian_card, "untrusted-sender", fingerprint(world))  # cannot be registered again
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        assert batches.imported_keys(db, reg) == {}
        assert audit.verify(db).ok
    # The revocation is part of the signed registry: a fresh unlock replays it.
    world.a.close()
    fresh = world.a(ADMIN)
    assert fresh.registry.foreign[fingerprint(world)].revoked
    assert [r["revoked"] for r in cards.registered(fresh)] == [True]


def test_a_registration_counts_only_once_the_security_officer_authorises_it(world: World, tmp_path: Path) -> None:
    """三员分立: the administrator alone cannot make another workstation's reviewer or custodian trusted."""
    admin, officer, chair = world.a(ADMIN), world.a("保密员"), world.a(CHAIR)
    stranger = world.b("丙")
    data, info = cards.export(stranger)
    result = imports.import_file(admin, write(tmp_path / "c.card", data), info["fingerprint"])
    assert result["imported"] and result["awaiting_authorisation"]
    public = new_public()
    body = {"custodian": stranger.name, "keys": [{"digest": holder_keys.key_digest(public), "public": public.hex()}]}
    to_chair = [(chair.fingerprint, chair.keys.kem.public)]
    batch = write(tmp_path / "b.hsx", container.build(container.KEY_BATCH, cards.sender_of(stranger), to_chair, body))
    error = refused(chair, batch, "untrusted-sender")
    assert "authoris" in error.message
    with pytest.raises(NotPermitted):
        cards.authorise(admin, info["fingerprint"])
    assert not cards.authorise(officer, info["fingerprint"])["already"]
    assert cards.authorise(officer, info["fingerprint"])["already"]
    # Authorised now, but 丙 is a reviewer: still no key batch from them.
    refused(chair, batch, "not-permitted")
    with admin.store.transaction() as db:
        assert audit.verify(db).ok
