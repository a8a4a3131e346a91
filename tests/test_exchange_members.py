"""Remote members (issue 10, step 1): an identity of another store enrolled as a custodian or reviewer here.

Its account's key is exactly the registered foreign key (from the signed log, never a row); it can never
sign in here nor sign an entry of this log; its statements count only embedded in an importer's entry, with
the member's own signature.  Attacks are made as the insider with the database key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import accounts, audit, clearance, facts, registry
from app.canonical import canonical_json
from app.crypto import provider
from app.errors import WrongPassphrase
from app.exchange import container, members, statements
from app.exchange.schema import ExchangeRefused
from app.sessions import lifecycle
from tests import exchange_world
from tests.cast import CLEARANCE, PASS, raw_db
from tests.exchange_world import ADMIN, CHAIR, CUSTODIAN, OFFICER, World, store_files

REMOTE = "远程监督员"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> World:
    return exchange_world.build(tmp_path_factory.mktemp("members") / "world")


@pytest.fixture
def world(base: World, tmp_path: Path) -> Iterator[World]:
    w = exchange_world.copy(base, tmp_path / "world")
    yield w
    w.close()


def enrolled(world: World) -> str:
    fp = world.b(CUSTODIAN).fingerprint
    members.enrol(world.a(ADMIN), fp, REMOTE)
    clearance.set_clearance(world.a(OFFICER), REMOTE, CLEARANCE)
    return fp


def test_enrolment_makes_an_account_whose_key_is_the_registered_foreign_key(world: World) -> None:
    admin = world.a(ADMIN)
    fp = world.b(CUSTODIAN).fingerprint
    # The foreign name is taken here by a local account: enrolment asks for another name, changes nothing.
    before = store_files(admin.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        members.enrol(admin, fp)
    assert info.value.reason == "not-permitted"
    assert store_files(admin.store.directory) == before
    result = members.enrol(admin, fp, REMOTE)
    assert result == {"account": REMOTE, "fingerprint": fp, "roles": ["custodian"], "already": False}
    rec = admin.registry.account(REMOTE)
    assert rec is not None and rec.remote == fp and rec.keys == {fp} and rec.roles == {"custodian"}
    assert fp not in admin.registry.owner  # it signs no entry of this log
    assert admin.registry.member_of(fp) == REMOTE
    # Again: nothing changes.
    before = store_files(admin.store.directory)
    assert members.enrol(admin, fp, "别名")["already"]
    assert store_files(admin.store.directory) == before
    assert members.members(admin) == [
        {
            "account": REMOTE,
            "fingerprint": fp,
            "roles": ["custodian"],
            "department": None,
            "store": world.b(CUSTODIAN).store.slots.store_id,
            "active": True,
        }
    ]
    # A fresh replay of the log agrees (nothing comes from the rows), and audit verify holds.
    with admin.store.transaction() as db:
        fresh = registry.replay(db)
        assert fresh.account(REMOTE) == rec
        assert audit.verify(db).ok


def test_a_remote_member_never_signs_in(world: World) -> None:
    enrolled(world)
    with pytest.raises((WrongPassphrase, Exception)) as info:
        accounts.open_account(world.a.directory, REMOTE, PASS)
    assert not isinstance(info.value, AssertionError)


def test_enrolment_is_for_the_administrator_and_needs_a_trusted_registration(world: World) -> None:
    fp = world.b(CUSTODIAN).fingerprint
    chair = world.a(CHAIR)
    before = store_files(chair.store.directory)
    with pytest.raises(Exception) as info:
        members.enrol(chair, fp, REMOTE)
    assert "NotPermitted" in type(info.value).__name__
    assert store_files(chair.store.directory) == before
    with pytest.raises(ExchangeRefused) as refused:
        members.enrol(world.a(ADMIN), "无此人", REMOTE)
    assert refused.value.reason == "untrusted-sender"


def test_sessions_name_a_remote_custodian_and_its_facts_hold(world: World) -> None:
    enrolled(world)
    sid = world.a.create(custodians=(REMOTE,))
    chair = world.a(CHAIR)
    with chair.store.transaction() as db:
        session = db.get_one(lifecycle.ReviewSession, sid)
        reg = registry.catch_up(db, chair.registry)
        assert facts.check_session(db, reg, session, chair.store.slots.store_id) == []


def test_a_planted_remote_account_row_is_no_member(world: World) -> None:
    """The insider writes an account row and identity row with the foreign keys, without an enrolment entry:
    the registry knows no such member, so a session naming it does not verify."""
    fp = world.b(CUSTODIAN).fingerprint
    admin = world.a(ADMIN)
    record = admin.registry.foreign[fp]
    with raw_db(admin.store.directory, admin.store.db_key) as conn:
        conn.execute(
            "INSERT INTO accounts (name, disabled, created_at) VALUES (?, 0, '2026-01-01 00:00:00')", (REMOTE,)
        )
        (aid,) = conn.execute("SELECT id FROM accounts WHERE name = ?", (REMOTE,)).fetchone()
        conn.execute("INSERT INTO account_roles (account_id, role) VALUES (?, 'custodian')", (aid,))
        conn.execute(
            "INSERT INTO identities (account_id, sign_public, kem_public, wrapped_private, fingerprint, created_at) "
            "VALUES (?, ?, ?, x'', ?, '2026-01-01 00:00:00')",
            (aid, record.sign_public, record.kem_public, fp),
        )
    assert admin.registry.account(REMOTE) is None
    with admin.store.transaction() as db:
        assert registry.replay(db).account(REMOTE) is None


def test_revoking_the_identity_disables_the_member(world: World) -> None:
    from app.exchange import cards

    fp = enrolled(world)
    cards.revoke(world.a(ADMIN), fp, "密钥遗失，停止信任")
    rec = world.a(ADMIN).registry.account(REMOTE)
    assert rec is not None and rec.disabled
    with pytest.raises(Exception):  # noqa: B017 - the session service refuses a disabled account
        world.a.create(custodians=(REMOTE,))


def _statement(ctx, to: str, body: dict) -> container.Document:  # type: ignore[no-untyped-def,type-arg]
    """A key-release statement signed by ``ctx`` (the remote member's own store) addressed to ``to``."""
    header = {
        "format": container.VERSION,
        "type": "key-release",
        "id": container.new_id(),
        "created": "2026-11-30T12:00:00+00:00",
        "sender": {"name": ctx.name, "fingerprint": ctx.fingerprint, "store": ctx.store.slots.store_id},
        "recipients": [to],
    }
    signed = canonical_json({"body": body, "header": header})
    signature = provider().sign(ctx.keys.sign.private, container.SIGN_DOMAIN + signed)
    return container.signed_document(signed, signature)


def test_embedded_statements_count_only_with_the_members_own_signature(world: World) -> None:
    enrolled(world)
    chair, custodian, clerk = world.a(CHAIR), world.b(CUSTODIAN), world.a("记录员")
    reg = chair.registry
    genuine = statements.embed(_statement(custodian, chair.fingerprint, {"round": "x"}))
    assert statements.verified(reg, REMOTE, CHAIR, genuine, "key-release") is not None
    # Not the expected type, not that member, not a recipient of the importer:
    assert statements.verified(reg, REMOTE, CHAIR, genuine, "envelope") is None
    assert statements.verified(reg, CUSTODIAN, CHAIR, genuine, "key-release") is None  # a local account
    assert statements.verified(reg, REMOTE, "记录员", genuine, "key-release") is None
    # Signed by someone else (the insider's own key, or another identity of the custodian's store):
    for signer in (clerk, world.b("甲")):
        forged = statements.embed(_statement(signer, chair.fingerprint, {"round": "x"}))
        assert statements.verified(reg, REMOTE, CHAIR, forged, "key-release") is None
    # The member's genuine statement with one byte of its content changed:
    altered = dict(genuine, signed=genuine["signed"].replace('"x"', '"y"'))
    assert statements.verified(reg, REMOTE, CHAIR, altered, "key-release") is None
    # Garbage in the entry's details changes nothing and crashes nothing.
    for bad in (None, [], {}, {"signed": 1, "signature": "00"}, {"signed": "{}", "signature": "zz"}):
        assert statements.verified(reg, REMOTE, CHAIR, bad, "key-release") is None


def test_enrol_and_members_from_the_command_line(world: World) -> None:
    import json

    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    fp = world.b(CUSTODIAN).fingerprint
    directory = str(world.a.directory)
    world.close()

    def cli(user: str, *args: str) -> tuple[int, object]:
        proc = run_cli("--store", directory, "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
        assert proc.returncode != 3, proc.stderr
        return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else None

    status, out = cli(ADMIN, "exchange", "enrol", fp)
    assert status == 2 and isinstance(out, dict) and out["reason"] == "not-permitted"
    status, out = cli(ADMIN, "exchange", "enrol", fp, "--as", REMOTE)
    assert status == 0 and isinstance(out, dict) and out["account"] == REMOTE and not out["already"]
    status, out = cli(ADMIN, "exchange", "members")
    assert status == 0 and isinstance(out, list) and [m["account"] for m in out] == [REMOTE]
    assert cli("审计员", "audit", "verify")[0] == 0
