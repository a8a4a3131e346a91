"""A custodian at another workstation (issue 10, step 2): round keys from an imported batch, the reveal
request (signed seal board) and the key release bound to it; every refusal leaves the store as it was."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import audit, facts, registry
from app.crypto import provider
from app.errors import Refused
from app.exchange import cards, container, imports, key_release
from app.exchange.schema import ExchangeRefused
from app.sessions import reveal
from models import ReviewSession
from tests import exchange_world
from tests.cast import raw_db
from tests.exchange_world import CHAIR, CUSTODIAN, REMOTE, World, store_files


@dataclass
class Sealed:
    world: World
    sid: int
    request: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Sealed:
    root = tmp_path_factory.mktemp("release")
    world = exchange_world.build(root / "world")
    world = exchange_world.copy(world, root / "sealed")
    sealed = Sealed(world, exchange_world.seal_remote(world), world.root / "request.hsx")
    world.close()
    return sealed


@pytest.fixture
def case(base: Sealed, tmp_path: Path) -> Iterator[Sealed]:
    w = exchange_world.copy(base.world, tmp_path / "w")
    yield Sealed(w, base.sid, w.root / "request.hsx")
    w.close()


def refused(ctx, path: Path, reason: str) -> None:  # type: ignore[no-untyped-def]
    before = store_files(ctx.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path)
    assert info.value.reason == reason, info.value.message
    assert store_files(ctx.store.directory) == before


def released(case: Sealed) -> Path:
    """The custodian imports the request and exports the release."""
    custodian = case.world.b(CUSTODIAN)
    result = imports.import_file(custodian, case.request)
    assert result["imported"] or result["already"]
    data, _info = key_release.export(custodian, result["file"])
    path = case.world.root / "release.hsx"
    path.write_bytes(data)
    return path


def test_remote_custodian_releases_by_file_and_the_chair_reveals(case: Sealed) -> None:
    from app.sessions import views

    chair = case.world.a(CHAIR)
    assert reveal.pending_releases(chair, case.sid) == [REMOTE]
    assert views.board(chair, case.sid)["waiting_for"] == [{"what": "key-release", "who": REMOTE, "remote": True}]
    path = released(case)
    raw = path.read_bytes()
    assert b"key-release" not in raw and CUSTODIAN.encode() not in raw  # sealed to the chair
    result = imports.import_file(chair, path)
    assert result["imported"] and result["member"] == REMOTE
    assert reveal.pending_releases(chair, case.sid) == []
    assert views.board(chair, case.sid)["waiting_for"] == []
    # Again: nothing changes, and it says so.
    before = store_files(chair.store.directory)
    assert imports.import_file(chair, path)["already"]
    assert store_files(chair.store.directory) == before
    out = reveal.reveal(chair, case.sid, {})
    assert out["opened"] == 2 and out["rejected"] == []
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        session = db.get_one(ReviewSession, case.sid)
        assert facts.check_session(db, reg, session, chair.store.slots.store_id) == []
        assert audit.verify(db).ok
    with case.world.b(CUSTODIAN).store.transaction() as db:
        assert audit.verify(db).ok


def test_the_request_reaches_only_the_custodian_it_names(case: Sealed) -> None:
    refused(case.world.b("甲"), case.request, "wrong-recipient")
    refused(case.world.a(CHAIR), case.request, "wrong-recipient")


def _release_file(case: Sealed, **change: str) -> Path:
    """A release the custodian signs with some field changed (another board, another round)."""
    return exchange_world.resigned(case.world, released(case), container.KEY_RELEASE, CUSTODIAN, **change)


def test_a_release_for_another_board_is_refused(case: Sealed) -> None:
    refused(case.world.a(CHAIR), _release_file(case, board="ab" * 32), "other-board")


def test_a_release_for_another_round_or_session_is_refused(case: Sealed) -> None:
    store = case.world.a(CHAIR).store.slots.store_id
    refused(case.world.a(CHAIR), _release_file(case, round=f"{store}/{case.sid}/2"), "other-session")
    refused(case.world.a(CHAIR), _release_file(case, round=f"{store}/{case.sid + 7}/1"), "other-session")
    other = case.world.b(CUSTODIAN).store.slots.store_id
    refused(case.world.a(CHAIR), _release_file(case, round=f"{other}/{case.sid}/1"), "other-session")


def test_a_release_after_the_reveal_is_a_replay(case: Sealed) -> None:
    chair = case.world.a(CHAIR)
    path = released(case)
    imports.import_file(chair, path)
    reveal.reveal(chair, case.sid, {})
    refused(chair, _release_file(case, sealed=provider().random(64).hex()), "replay")


@pytest.mark.parametrize("erased", ["kept", "head", "below"])
def test_the_custodian_never_releases_one_key_for_two_boards(case: Sealed, erased: str) -> None:
    """The chair (whose signature a request needs) sends a second request with another board: refused — also
    when an insider at the custodian's store deleted the first release's export entry: as the entry the
    custodian's program verified last (the log no longer follows it), or below it (the verified log still says
    the key was released)."""
    custodian, chair = case.world.b(CUSTODIAN), case.world.a(CHAIR)
    released(case)
    genuine = container.open_file(case.request.read_bytes(), custodian.keys.kem.private)
    board = {**genuine.body["board"], "absent": ["三室"]}
    body = {**genuine.body, "board": board}
    data = container.build(
        container.REVEAL_REQUEST, cards.sender_of(chair), [(custodian.fingerprint, custodian.keys.kem.public)], body
    )
    second = case.world.root / "second.hsx"
    second.write_bytes(data)
    if erased == "head":
        _erase_release(custodian)
        before = store_files(custodian.store.directory)
        with pytest.raises(Refused, match="no longer verifies"):
            imports.import_file(custodian, second)
        assert store_files(custodian.store.directory) == before
        return
    result = imports.import_file(custodian, second)
    if erased == "below":
        with custodian.store.transaction() as db:  # the program has verified the import entry after it
            registry.catch_up(db, custodian.registry)
        _erase_release(custodian)
    before = store_files(custodian.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        key_release.export(custodian, result["file"])
    assert info.value.reason == "replay"
    assert store_files(custodian.store.directory) == before


def _erase_release(custodian: Any) -> None:
    with raw_db(custodian.store.directory, custodian.store.db_key, drop_triggers=True) as conn:
        gone = conn.execute(
            "DELETE FROM audit_entries WHERE action = 'exchange.export' AND details LIKE '%key-release%'"
        ).rowcount
    assert gone == 1


def test_a_release_the_chair_forges_in_the_custodians_name_has_no_effect(case: Sealed) -> None:
    """The chair's own signed entry embeds the custodian's genuine release re-signed by the chair (or the
    sealed key is written into the row by hand): nothing counts, the reveal refuses, the facts report it."""
    from app.canonical import canonical_json
    from app.sessions import remote_release
    from tests.cast import raw_db

    chair = case.world.a(CHAIR)
    genuine = container.open_file(released(case).read_bytes(), chair.keys.kem.private)
    forged_signature = provider().sign(chair.keys.sign.private, container.SIGN_DOMAIN + genuine.signed)
    sealed = bytes.fromhex(genuine.body["sealed"])
    details = {
        "round": 1,
        "key": genuine.body["key"],
        "to": chair.fingerprint,
        "sealed": remote_release.content.sealed_digest(sealed),
        "member": REMOTE,
        "board": genuine.body["board"],
        "signed": genuine.signed.decode(),
        "signature": forged_signature.hex(),
        "file": "x",
    }
    assert canonical_json(details)  # well-formed details
    with chair.store.transaction() as db:
        audit.append(db, chair.actor, remote_release.ACTION, f"session:{case.sid}", details)
    with raw_db(chair.store.directory, chair.store.db_key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE holder_keys SET released = ?, released_to = ? WHERE layer = 1", (sealed, chair.fingerprint)
        )
    with pytest.raises(facts.Tampered):
        reveal.reveal(chair, case.sid, {})
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        session = db.get_one(ReviewSession, case.sid)
        assert session.status == "sealed"
        check = facts.inspect(db, reg, session, chair.store.slots.store_id)
        assert any("release does not hold" in text for text in check.ignored), check.ignored


def test_reveal_request_and_key_release_from_the_command_line(case: Sealed) -> None:
    import json

    from tests.cast import PASS
    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    a, b, root = str(case.world.a.directory), str(case.world.b.directory), case.world.root
    case.world.close()

    def cli(store: str, user: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        proc = run_cli("--store", store, "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
        assert proc.returncode != 3, proc.stderr
        return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}

    status, out = cli(a, CHAIR, "session", "board", str(case.sid))
    assert status == 0 and out["waiting_for"][0]["who"] == REMOTE
    status, out = cli(a, CHAIR, "export", "reveal-request", str(case.sid), "--out", str(root / "r.hsx"))
    assert status == 0 and out["type"] == "reveal-request", out
    status, out = cli(b, CUSTODIAN, "import", str(root / "r.hsx"))
    assert status == 0 and out["imported"], out
    status, out = cli(b, CUSTODIAN, "export", "key-release", out["file"], "--out", str(root / "k.hsx"))
    assert status == 0 and out["type"] == "key-release", out
    status, out = cli(a, "记录员", "import", str(root / "k.hsx"))
    assert status == 2 and out["reason"] == "wrong-recipient"
    status, out = cli(a, CHAIR, "import", str(root / "k.hsx"))
    assert status == 0 and out["imported"] and out["member"] == REMOTE, out
    status, out = cli(a, CHAIR, "import", str(root / "k.hsx"))
    assert status == 0 and out["already"]
    status, out = cli(a, CHAIR, "session", "reveal", str(case.sid))
    assert status == 0, out
    for store in (a, b):
        assert cli(store, "审计员", "audit", "verify")[0] == 0


def test_the_registry_names_the_exchange_constants() -> None:
    from app import registry_model
    from app.exchange import ledger

    assert (registry_model.EXPORT_ACTION, registry_model.KEY_RELEASE) == (ledger.EXPORT_ACTION, container.KEY_RELEASE)
