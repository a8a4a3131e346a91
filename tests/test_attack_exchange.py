"""Attacks on the exchange between workstations (issue 10), from the attacker's side.

An insider of a store holds the database key and writes any row; whoever holds the stick may copy, replay,
cut or alter a file.  Each test asserts the refusal (or the report) and that nothing changed.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.exchange import cards, container, envelope_file, ids, imports, result_package
from app.exchange.schema import ExchangeRefused
from app.opinion_form import OpinionForm
from tests import exchange_world
from tests.cast import raw_db, reasoning
from tests.exchange_world import ADMIN, CHAIR, REVIEWER, World, store_files


@dataclass
class Open:
    world: World
    sid: int
    package: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Open:
    root = tmp_path_factory.mktemp("attack")
    world = exchange_world.copy(exchange_world.build(root / "world"), root / "open")
    sid = exchange_world.open_remote_reviewer(world)
    world.close()
    return Open(world, sid, world.root / "package.hsx")


@pytest.fixture
def case(base: Open, tmp_path: Path) -> Iterator[Open]:
    w = exchange_world.copy(base.world, tmp_path / "w")
    yield Open(w, base.sid, w.root / "package.hsx")
    w.close()


def _seal(case: Open) -> dict[str, Any]:
    """The remote reviewer (store "b") imports the package and seals round 1 on their own store."""
    reviewer = case.world.b(REVIEWER)
    got = imports.import_file(reviewer, case.package)
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
    data, info = envelope_file.export(reviewer, got["file"], form)
    (case.world.root / "envelope.hsx").write_bytes(data)
    return info


def _chairs_result(case: Open, rounds: list[dict[str, Any]], decision: Any) -> Path:
    """A result package signed with the chair's own identity key (a chair's program that lies), to the reviewer."""
    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    body = {
        "session": ids.session_name(chair.store.slots.store_id, case.sid),
        "ref": "REF-REMOTE-1",
        "title": "关于某某问题线索的处置",
        "rounds": rounds,
        "decision": json.dumps(decision, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        "chain_head": {"seq": 1, "hash": "00" * 32},
    }
    data = container.build(
        container.RESULT_PACKAGE, cards.sender_of(chair), [(reviewer.fingerprint, reviewer.keys.kem.public)], body
    )
    path = case.world.root / "result.hsx"
    path.write_bytes(data)
    return path


def _round(number: int, commitments: list[str], opinions: Any = (), tally: Any = None) -> dict[str, Any]:
    return {
        "round": number,
        "commitments": sorted(commitments),
        "opinions": json.dumps(list(opinions), ensure_ascii=False, sort_keys=True),
        "tally": json.dumps(tally or {}, ensure_ascii=False, sort_keys=True),
    }


def test_result_that_leaves_out_the_round_the_reviewer_sealed_is_refused(case: Open) -> None:
    """(a) The chair's program sends a result whose only round is one the reviewer did not seal in: the
    round the reviewer's envelope went to is simply absent, so "each envelope is found unchanged" was never
    checked.  Every round of a decided session was revealed (a new round needs a revealed one), so a result
    without a round the reviewer sealed in does not include their envelope."""
    _seal(case)
    path = _chairs_result(case, [_round(2, [])], {"text": "予以了结"})
    reviewer = case.world.b(REVIEWER)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(reviewer, path)
    assert info.value.reason == "altered", info.value.message
    assert store_files(reviewer.store.directory) == before
    assert result_package.results(reviewer) == []


@pytest.mark.xfail(
    strict=True,
    reason="hole: a result package's opinions and tally are not checked against the reviewer's own envelope "
    "(only its commitment is looked for in the list), so the chair can show the reviewer a changed opinion",
)
def test_result_that_lists_the_commitment_but_shows_another_opinion_is_refused(case: Open) -> None:
    """(a) The reviewer's commitment is listed, but the opinions printed for their department and the tally
    say the opposite of what they sealed; the reviewer's store shows that result as the outcome."""
    info = _seal(case)
    forged = [{"department": "一室", "reviewer": "远程甲", "positions": {"1": "予以了结"}, "reasoning": "伪造"}]
    tally = {"items": [{"item": 1, "counts": {"予以了结": 2}, "result": "予以了结"}]}
    path = _chairs_result(case, [_round(1, [info["commitment"]], forged, tally)], {"text": "予以了结"})
    reviewer = case.world.b(REVIEWER)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused):
        imports.import_file(reviewer, path)
    assert store_files(reviewer.store.directory) == before


@pytest.mark.xfail(
    strict=True,
    reason="hole: importing a result package (and a session package) embeds the whole signed plaintext in the "
    "audit log, so any account of the member's store reads the revealed opinions and the decision with the "
    "database key (content is AEAD-encrypted at the chair's store, in clear at the member's)",
)
def test_result_content_is_not_readable_by_another_account_of_the_members_store(case: Open) -> None:
    """(b) An insider of the reviewer's store (here the administrator: no content role) opens huishen.db with
    the database key and looks for the decision text of an imported result."""
    info = _seal(case)
    secret = "SECRET-DECISION-XYZ"
    path = _chairs_result(case, [_round(1, [info["commitment"]])], {"text": secret})
    reviewer = case.world.b(REVIEWER)
    imports.import_file(reviewer, path)
    admin = case.world.b(ADMIN)
    with raw_db(admin.store.directory, admin.store.db_key) as conn:
        rows = [str(d) for (d,) in conn.execute("SELECT details FROM audit_entries")]
    leaked = [d for d in rows if secret in d]
    assert leaked == []


def test_full_disk_on_envelope_export_leaves_the_reviewers_store_unchanged(
    case: Open, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(c) The stick is full when the reviewer exports the envelope: refused, nothing partial left, store unchanged
    (so the reviewer can seal again onto another stick)."""
    import errno

    import main
    from app import fsutil
    from tests.cast import PASS

    reviewer = case.world.b(REVIEWER)
    package = imports.import_file(reviewer, case.package)["file"]
    case.world.close()
    store = case.world.root / "b"
    before = store_files(store)

    def full(path: Path, data: bytes) -> None:
        raise fsutil.FileError(OSError(errno.ENOSPC, "No space left on device"), path)

    monkeypatch.setattr(fsutil, "write_atomic", full)
    monkeypatch.setenv("HUISHEN_PASSPHRASE", PASS)
    out = tmp_path / "stick" / "envelope.hsx"
    out.parent.mkdir()
    args = ["--store", str(store), "--user", REVIEWER, "--json", "export", "envelope", package]
    args += ["--position", "初步核实", "--reasoning", reasoning(REVIEWER), "--no-conflict", "--out", str(out)]
    assert main.main(args) == 2
    assert list(out.parent.iterdir()) == []
    assert store_files(store) == before
    monkeypatch.undo()
    monkeypatch.setenv("HUISHEN_PASSPHRASE", PASS)
    assert main.main(args) == 0, "the reviewer could not seal the round again after the refused export"
    assert store_files(store) != before  # (only now, with the file written)


def test_a_release_bound_to_a_board_the_round_does_not_show_does_not_count(tmp_path: Path) -> None:
    """(a) The chair's program signs a reveal request whose seal board leaves out 乙's envelope; the remote
    custodian releases for that board; the chair's import refuses it (other-board), so the chair appends the
    reveal.remote entry and marks the key released by hand, then reveals."""
    from app import audit, facts, registry
    from app.exchange import key_release
    from app.sessions import remote_release, reveal
    from models import ReviewSession
    from tests.exchange_world import CUSTODIAN, REMOTE

    world = exchange_world.build(tmp_path / "world")
    world = exchange_world.copy(world, tmp_path / "sealed")
    sid = exchange_world.seal_remote(world)
    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    genuine = container.open_file((world.root / "request.hsx").read_bytes(), custodian.keys.kem.private)
    body = json.loads(json.dumps(genuine.body))
    assert len(body["board"]["envelopes"]) == 2
    body["board"]["envelopes"] = body["board"]["envelopes"][:1]  # 乙's envelope left out of what is shown
    forged = container.build(
        container.REVEAL_REQUEST,
        cards.sender_of(chair),
        [(custodian.fingerprint, custodian.keys.kem.public)],
        body,
    )
    (world.root / "forged.hsx").write_bytes(forged)
    got = imports.import_file(custodian, world.root / "forged.hsx")
    data, _info = key_release.export(custodian, got["file"])
    (world.root / "release.hsx").write_bytes(data)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(chair, world.root / "release.hsx")
    assert info.value.reason == "other-board"
    doc = container.open_file(data, chair.keys.kem.private)
    sealed = bytes.fromhex(doc.body["sealed"])
    details = {
        "round": 1,
        "key": doc.body["key"],
        "to": chair.fingerprint,
        "sealed": remote_release.content.sealed_digest(sealed),
        "member": REMOTE,
        "board": doc.body["board"],
        "signed": doc.signed.decode(),
        "signature": doc.signature.hex(),
        "file": doc.digest,
    }
    with chair.store.transaction() as db:
        audit.append(db, chair.actor, remote_release.ACTION, f"session:{sid}", details)
    with raw_db(chair.store.directory, chair.store.db_key, drop_triggers=True) as conn:
        conn.execute(
            "UPDATE holder_keys SET released = ?, released_to = ? WHERE layer = 1", (sealed, chair.fingerprint)
        )
    try:
        with pytest.raises(facts.Tampered):
            reveal.reveal(chair, sid, {})
        with chair.store.transaction() as db:
            reg = registry.catch_up(db, chair.registry)
            session = db.get_one(ReviewSession, sid)
            check = facts.inspect(db, reg, session, chair.store.slots.store_id)
            assert any("board" in text for text in [*check.ignored, *check.problems]), (check.ignored, check.problems)
    finally:
        world.close()


def _revoked(case: Open) -> Path:
    """The reviewer sealed; then their identity is revoked on the chair's store (a lost stick, a stolen key)."""
    _seal(case)
    cards.revoke(case.world.a(ADMIN), case.world.b(REVIEWER).fingerprint, "key lost with the stick")
    return case.world.root / "envelope.hsx"


def test_an_envelope_of_a_revoked_identity_is_refused(case: Open) -> None:
    """(c) The stick with the envelope turns up after the revocation: refused, store unchanged."""
    path = _revoked(case)
    chair = case.world.a(CHAIR)
    before = store_files(chair.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(chair, path)
    assert info.value.reason == "untrusted-sender", info.value.message
    assert store_files(chair.store.directory) == before


def test_an_envelope_of_a_revoked_identity_written_in_by_the_chair_does_not_count(
    case: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(a) A chair's program that skips the revocation check and writes the opinion.remote entry anyway: the
    facts check must ignore a statement recorded after the identity was revoked."""
    from app import facts, registry
    from app.exchange import ledger
    from models import ReviewSession

    path = _revoked(case)
    chair = case.world.a(CHAIR)

    def lenient(reg, doc):  # type: ignore[no-untyped-def]
        record = reg.foreign[doc.sender["fingerprint"]]
        assert doc.signed_by(record.sign_public)
        return dataclasses.replace(record, revoked=False)

    monkeypatch.setattr(ledger, "trusted_sender", lenient)
    assert imports.import_file(chair, path)["imported"]
    monkeypatch.undo()
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        session = db.get_one(ReviewSession, case.sid)
        check = facts.inspect(db, reg, session, chair.store.slots.store_id)
    assert check.ignored or check.problems


@pytest.mark.xfail(
    strict=True,
    reason="hole: a key batch sent to several chairs (export key-batch --to A --to B) gives every chair the same "
    "keys, so two chairs' stores spend the same one-time key on their rounds; the custodian releases a key for one "
    "board only, so the second round can never be revealed, and the first chair then holds the second round's "
    "custodian layer",
)
def test_a_key_batch_to_two_chairs_never_puts_one_key_on_two_rounds(tmp_path: Path) -> None:
    """(b) A custodian sends one batch to the chairs of two workstations; each chair opens a round with the
    remote custodian.  The two rounds must rest on different custodian keys."""
    from app import clearance
    from app.exchange import batches, members
    from app.sessions import holder_keys
    from models import Round
    from tests.cast import CLEARANCE, make_cast
    from tests.exchange_world import CUSTODIAN, OFFICER, REMOTE

    world = exchange_world.build(tmp_path / "world")
    c = make_cast(tmp_path / "c")
    try:
        custodian = world.b(CUSTODIAN)
        data, info = cards.export(custodian)
        (tmp_path / "custodian.card").write_bytes(data)
        imports.import_file(c(ADMIN), tmp_path / "custodian.card", info["fingerprint"])
        cards.authorise(c(OFFICER), info["fingerprint"])
        data, chair_c = cards.export(c(CHAIR))
        (tmp_path / "chair-c.card").write_bytes(data)
        imports.import_file(world.b(ADMIN), tmp_path / "chair-c.card", chair_c["fingerprint"])
        cards.authorise(world.b(OFFICER), chair_c["fingerprint"])
        data, _info = batches.export(custodian, [world.a(CHAIR).fingerprint, chair_c["fingerprint"]])
        (tmp_path / "batch2.hsx").write_bytes(data)
        spent = []
        for cast in (world.a, c):
            imports.import_file(cast(CHAIR), tmp_path / "batch2.hsx")
            members.enrol(cast(ADMIN), custodian.fingerprint, REMOTE)
            clearance.set_clearance(cast(OFFICER), REMOTE, CLEARANCE)
            sid = cast.open(n=2, custodians=(REMOTE,))
            with cast(CHAIR).store.transaction() as db:
                rnd = db.scalars(select(Round).where(Round.session_id == sid)).one()
                spent.append({k.digest for k in holder_keys.round_keys(db, rnd) if k.layer})
        assert not spent[0] & spent[1]
    finally:
        c.close()
        world.close()


def test_bad_files_from_the_stick_exit_2_naming_the_reason_with_the_store_unchanged(
    case: Open, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """(c) Whatever the stick holds — a cut file, another version, duplicate JSON keys, a symlink to a FIFO, a
    directory, an empty file — the command line exits 2 with a reason, and the store does not change."""
    import os
    import struct

    import main
    from tests.cast import PASS

    good = case.package.read_bytes()
    card = (case.world.root / "chair.card").read_bytes()
    case.world.close()
    store = case.world.root / "b"
    bad = tmp_path / "stick"
    bad.mkdir()
    (bad / "cut.hsx").write_bytes(good[: len(good) // 2])
    (bad / "version.hsx").write_bytes(container.MAGIC + struct.pack(">H", 9) + good[10:])
    (bad / "empty.hsx").write_bytes(b"")
    (bad / "magic.hsx").write_bytes(b"HUISHENY" + good[8:])
    (size,) = struct.unpack(">I", card[11:15])
    signed, signature = card[15 : 15 + size], card[15 + size + 2 :]
    twice = signed.replace(b'{"body":{', b'{"body":{"name":"x",', 1)
    assert twice != signed
    dup = container.frame(container.inner_of(twice, signature), [])
    (bad / "dup.card").write_bytes(dup)
    os.mkfifo(bad / "fifo")
    (bad / "link.hsx").symlink_to(bad / "fifo")
    (bad / "dir.hsx").mkdir()
    monkeypatch.setenv("HUISHEN_PASSPHRASE", PASS)
    before = store_files(store)
    reasons = {}
    for name in ("cut.hsx", "version.hsx", "empty.hsx", "magic.hsx", "dup.card", "link.hsx", "dir.hsx"):
        try:
            status = main.main(["--store", str(store), "--user", REVIEWER, "--json", "import", str(bad / name)])
        except SystemExit as exc:  # refused while the arguments are read (a path that is not a regular file)
            status = int(str(exc.code))
        captured = capsys.readouterr()
        out = json.loads(captured.out) if captured.out.strip() else {"message": captured.err}
        assert status == 2, (name, out)
        reasons[name] = out.get("reason")
        assert store_files(store) == before, name
    assert reasons["cut.hsx"] == "altered" and reasons["version.hsx"] == "version"
    assert reasons["dup.card"] == "malformed" and reasons["magic.hsx"] == "malformed"


def test_import_while_another_program_holds_the_database_refuses_then_imports(
    case: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(b) Another process holds the store's write lock during an import: refused as busy, nothing written; the
    same file imports once the lock is gone."""
    import sqlcipher3

    from app import store as store_module
    from app.errors import Refused, StoreUnavailable

    reviewer = case.world.b(REVIEWER)
    before = store_files(reviewer.store.directory)
    other = sqlcipher3.connect(str(reviewer.store.directory / store_module.DB_FILE), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{reviewer.store.db_key.hex()}'\"")
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_DEADLINE", 0.5)
    monkeypatch.setattr(store_module.begin_immediate, "__defaults__", (0.5,))
    try:
        with pytest.raises((StoreUnavailable, Refused)):
            imports.import_file(reviewer, case.package)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store_files(reviewer.store.directory) == before
    assert imports.import_file(reviewer, case.package)["imported"]


@pytest.mark.xfail(
    strict=True,
    reason="hole: a member's store imports any number of different result packages for one session (each a new "
    "file id) and 'exchange results' lists them all, so a chair can show a second, different outcome later; "
    "nothing compares them (and across stores nothing can: the chain head is not checkable)",
)
def test_a_second_different_result_for_the_same_session_is_refused(case: Open) -> None:
    """(a) The chair's program sends the reviewer the result, then another one for the same session with a
    different decision.  The second must be refused (or the two reported), the store unchanged."""
    info = _seal(case)
    reviewer = case.world.b(REVIEWER)
    first = _chairs_result(case, [_round(1, [info["commitment"]])], {"text": "予以了结"})
    assert imports.import_file(reviewer, first)["imported"]
    first.rename(case.world.root / "first.hsx")
    second = _chairs_result(case, [_round(1, [info["commitment"]])], {"text": "谈话函询"})
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused):
        imports.import_file(reviewer, second)
    assert store_files(reviewer.store.directory) == before
    assert [r["decision"] for r in result_package.results(reviewer)] == [{"text": "予以了结"}]
