"""Attacks on the exchange between workstations (issue 10), from the attacker's side.

An insider of a store holds the database key and writes any row; whoever holds the stick may copy, replay,
cut or alter a file.  Each test asserts the refusal (or the report) and that nothing changed.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.exchange import cards, container, imports
from app.exchange.schema import ExchangeRefused
from tests import exchange_world
from tests.cast import raw_db, reasoning
from tests.exchange_world import ADMIN, CHAIR, REVIEWER, Open, store_files


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Open:
    return exchange_world.open_base(tmp_path_factory.mktemp("attack"))


@pytest.fixture
def case(base: Open, tmp_path: Path) -> Iterator[Open]:
    opened = exchange_world.open_copy(base, tmp_path / "w")
    yield opened
    opened.world.close()


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
    exchange_world.seal_at_member(case)
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


def _two_chairs_on_the_command_line(store: Path, chairs: list[str], out: Path, env: pytest.MonkeyPatch) -> None:
    """`export key-batch --to A --to B`: exit 2 with the reason under --json, and no file written."""
    import contextlib
    import io

    import main
    from tests.cast import PASS
    from tests.exchange_world import CUSTODIAN

    args = ["--store", str(store), "--user", CUSTODIAN, "--json", "export", "key-batch", "--out", str(out)]
    printed = io.StringIO()
    env.setenv("HUISHEN_PASSPHRASE", PASS)
    with contextlib.redirect_stdout(printed):
        status = main.main([*args, "--to", chairs[0], "--to", chairs[1]])
    assert status == 2 and not out.exists(), printed.getvalue()
    assert json.loads(printed.getvalue())["reason"] == "wrong-recipient"


def test_a_key_batch_to_two_chairs_never_puts_one_key_on_two_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(b) A custodian works for the chairs of two workstations.  One batch to both is refused at export (the
    custodian's store unchanged) and, made by a custodian's program that skips that check, refused at the chair's
    import (store unchanged); one batch per chair puts different custodian keys on the two chairs' rounds."""
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
        chairs = [world.a(CHAIR).fingerprint, chair_c["fingerprint"]]
        before = store_files(custodian.store.directory)
        with pytest.raises(ExchangeRefused) as refusal:
            batches.export(custodian, chairs)
        assert refusal.value.reason == "wrong-recipient" and "one chair" in refusal.value.message
        assert store_files(custodian.store.directory) == before
        _two_chairs_on_the_command_line(world.b.directory, chairs, tmp_path / "two.hsx", monkeypatch)
        assert store_files(custodian.store.directory) == before
        # The custodian's program that skips the check: one file with the same keys for both chairs.
        data, _info = batches.export(custodian, [chairs[0]])
        body = container.open_file(data, world.a(CHAIR).keys.kem.private).body
        both = [(chairs[0], world.a(CHAIR).keys.kem.public), (chairs[1], c(CHAIR).keys.kem.public)]
        (tmp_path / "both.hsx").write_bytes(
            container.build(container.KEY_BATCH, cards.sender_of(custodian), both, body)
        )
        spent = []
        for cast, to in ((world.a, chairs[0]), (c, chairs[1])):
            chair = cast(CHAIR)
            before = store_files(chair.store.directory)
            assert "several chairs" in imports.describe(chair, tmp_path / "both.hsx")["problem"]
            with pytest.raises(ExchangeRefused) as refusal:
                imports.import_file(chair, tmp_path / "both.hsx")
            assert refusal.value.reason == "wrong-recipient", refusal.value.message
            assert store_files(chair.store.directory) == before
            data, _info = batches.export(custodian, [to])
            (tmp_path / "batch.hsx").write_bytes(data)
            imports.import_file(chair, tmp_path / "batch.hsx")
            members.enrol(cast(ADMIN), custodian.fingerprint, REMOTE)
            clearance.set_clearance(cast(OFFICER), REMOTE, CLEARANCE)
            sid = cast.open(n=2, custodians=(REMOTE,))
            with chair.store.transaction() as db:
                rnd = db.scalars(select(Round).where(Round.session_id == sid)).one()
                spent.append({k.digest for k in holder_keys.round_keys(db, rnd) if k.layer})
        assert spent[0] and spent[1] and not spent[0] & spent[1]
    finally:
        c.close()
        world.close()


def test_export_key_batch_names_one_chair_on_the_command_line(
    case: Open, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """(c) `export key-batch --to A --to B` naming the same chair twice (name and fingerprint) is one chair."""
    import main
    from tests.cast import PASS
    from tests.exchange_world import CUSTODIAN

    chair = case.world.a(CHAIR).fingerprint
    case.world.close()
    monkeypatch.setenv("HUISHEN_PASSPHRASE", PASS)
    out = case.world.root / "two.hsx"
    args = ["--store", str(case.world.root / "b"), "--user", CUSTODIAN, "--json", "export", "key-batch"]
    assert main.main([*args, "--to", CHAIR, "--to", chair, "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["to"] == [chair]


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
        out = json.loads(captured.out)  # under --json, JSON also for a refusal while the arguments are read
        assert status == 2 and out["status"] == 2 and out["error"], (name, out)
        reasons[name] = out.get("reason")
        assert store_files(store) == before, name
    assert reasons["cut.hsx"] == "altered" and reasons["version.hsx"] == "version"
    assert reasons["dup.card"] == "malformed" and reasons["magic.hsx"] == "malformed"
    assert reasons["link.hsx"] == "malformed" and reasons["dir.hsx"] == "malformed"


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


def test_a_planted_envelope_does_not_let_a_remote_envelope_close_the_round(case: Open) -> None:
    """The insider at the chair's store plants an envelope row for 二室 (by its reviewer 乙, who never sealed):
    the remote reviewer's envelope, imported next, would then close the round on it — a ``session.sealed``
    the chair signs although 二室 never answered.  The import must close the round only on what the signed facts
    say was sealed: 一室's envelope is recorded, the round stays open, and the session still matches its facts."""
    from app.sessions import views

    exchange_world.seal_at_member(case)
    chair = case.world.a(CHAIR)
    key = chair.store.db_key
    with raw_db(chair.store.directory, key, drop_triggers=True) as conn:
        rid = conn.execute("SELECT max(id) FROM rounds WHERE session_id = ?", (case.sid,)).fetchone()[0]
        pid, aid = conn.execute(
            "SELECT p.id, p.reviewer_id FROM participants p JOIN departments d ON d.id = p.department_id "
            "WHERE p.session_id = ? AND d.name = '二室'",
            (case.sid,),
        ).fetchone()
        ident = conn.execute("SELECT max(id) FROM identities WHERE account_id = ?", (aid,)).fetchone()[0]
        conn.execute(
            "INSERT INTO envelopes (round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext, "
            "commitment, signature, signer_identity_id, author_copy) VALUES (?, ?, ?, 0, ?, '{}', ?, ?, ?, ?, ?)",
            (rid, pid, aid, "2026-01-01 00:00:00.000000", b"\0" * 64, "ab" * 32, b"\0" * 64, ident, b""),
        )
    got = imports.import_file(chair, case.world.root / "envelope.hsx")
    assert got["imported"] and not got["session_sealed"], got
    with raw_db(chair.store.directory, key) as conn:
        sealed = conn.execute(
            "SELECT count(*) FROM audit_entries WHERE action = 'session.sealed' AND object = ?", (f"session:{case.sid}",)
        ).fetchone()[0]
    assert sealed == 0
    assert views.show(chair, case.sid)["status"] == "collecting"
