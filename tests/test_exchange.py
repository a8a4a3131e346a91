"""Exchange files between separate stores (issue 10): identity cards, the container, the command line and
revocation, and every refusal (key batches: tests/test_exchange_batches.py).

Each refusal is checked from the attacker's side: the store's files are hashed before and after, and must
be byte-for-byte the same.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

from app import audit, registry
from app.crypto import provider
from app.errors import NotPermitted, Refused
from app.exchange import batches, cards, container, imports
from app.exchange.schema import ExchangeRefused
from app.sessions import holder_keys
from tests import exchange_support
from tests.cast import PASS
from tests.conftest import run_cli_in_process as run_cli  # main.main in process
from tests.exchange_support import fingerprint, new_public, refused, write
from tests.exchange_world import ADMIN, CHAIR, CUSTODIAN, World, store_files

base = exchange_support.base  # the fixtures: one world built per module, copied per test
world = exchange_support.world

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
