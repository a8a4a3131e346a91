"""A reviewer at another workstation (issue 10, step 3): session package, envelope file sealed on the
reviewer's own store and unreadable to the reviewer who carries it, the chair's import; refusals leave the
store byte-for-byte unchanged; a forged seal in the reviewer's name has no effect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import audit, facts, registry
from app.crypto import provider
from app.exchange import cards, container, envelope_file, imports
from app.exchange.schema import ExchangeRefused
from app.opinion_form import OpinionForm
from models import ReviewSession
from tests import exchange_world
from tests.cast import reasoning
from tests.exchange_world import ADMIN, CHAIR, MEMBER, REVIEWER, Open, store_files


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Open:
    return exchange_world.open_base(tmp_path_factory.mktemp("reviewer"))


@pytest.fixture
def case(base: Open, tmp_path: Path) -> Iterator[Open]:
    opened = exchange_world.open_copy(base, tmp_path / "w")
    yield opened
    opened.world.close()


def form() -> OpinionForm:
    return OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))


def sealed_file(case: Open) -> Path:
    """The reviewer imports the package and seals (once: later calls give the same file)."""
    path = case.world.root / "envelope.hsx"
    if path.exists():
        return path
    reviewer = case.world.b(REVIEWER)
    result = imports.import_file(reviewer, case.package)
    data, _info = envelope_file.export(reviewer, result["file"], form())
    path.write_bytes(data)
    return path


def refused(ctx, path: Path, reason: str) -> None:  # type: ignore[no-untyped-def]
    before = store_files(ctx.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path)
    assert info.value.reason == reason, info.value.message
    assert store_files(ctx.store.directory) == before


def test_remote_reviewer_seals_on_their_store_and_the_chair_reveals(case: Open) -> None:
    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    path = sealed_file(case)
    # The reviewer who carries the file cannot open it: it is sealed to the chair alone.
    with pytest.raises(ExchangeRefused) as info:
        container.open_file(path.read_bytes(), reviewer.keys.kem.private)
    assert info.value.reason == "wrong-recipient"
    result = imports.import_file(chair, path)
    assert result["imported"] and not result["session_sealed"]
    before = store_files(chair.store.directory)
    assert imports.import_file(chair, path)["already"]
    assert store_files(chair.store.directory) == before
    case.world.a.seal(case.sid, "乙")
    out = case.world.a.reveal(case.sid)
    assert out["opened"] == 2 and out["rejected"] == [], out
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        session = db.get_one(ReviewSession, case.sid)
        assert facts.check_session(db, reg, session, chair.store.slots.store_id) == []
        assert audit.verify(db).ok
    with reviewer.store.transaction() as db:
        assert audit.verify(db).ok


def test_one_envelope_per_round_on_the_reviewers_store(case: Open) -> None:
    reviewer = case.world.b(REVIEWER)
    sealed_file(case)
    package_id = container.open_file(case.package.read_bytes(), reviewer.keys.kem.private).file_id
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        envelope_file.export(reviewer, package_id, form())
    assert info.value.reason == "replay"
    assert store_files(reviewer.store.directory) == before


def test_the_package_reaches_only_its_reviewers(case: Open) -> None:
    refused(case.world.b("乙"), case.package, "wrong-recipient")
    refused(case.world.b("监督员"), case.package, "wrong-recipient")


def _changed(case: Open, **change: object) -> Path:
    return exchange_world.resigned(case.world, sealed_file(case), container.ENVELOPE, REVIEWER, **change)


def test_an_envelope_of_another_round_session_or_department_is_refused(case: Open) -> None:
    chair = case.world.a(CHAIR)
    store = chair.store.slots.store_id
    refused(chair, _changed(case, round=f"{store}/{case.sid}/2"), "other-session")
    refused(chair, _changed(case, round=f"{store}/{case.sid + 5}/1"), "other-session")
    with chair.store.transaction() as db:
        session = db.get_one(ReviewSession, case.sid)
        other = next(p.id for p in session.participants if p.reviewer_id != session.chair_id and p.id != 1)
    refused(chair, _changed(case, participant=other), "not-permitted")


def test_an_altered_envelope_is_refused(case: Open) -> None:
    chair = case.world.a(CHAIR)
    refused(chair, _changed(case, commitment="ab" * 32), "altered")
    refused(chair, _changed(case, recusal_signature="00" * 64), "altered")


def test_a_seal_the_chair_forges_in_the_reviewers_name_has_no_effect(case: Open) -> None:
    """The chair re-signs the reviewer's genuine file with its own key and appends the entry itself."""
    from app.sessions import remote_seal  # noqa: F401 - the checker that must refuse it

    chair = case.world.a(CHAIR)
    genuine = container.open_file(sealed_file(case).read_bytes(), chair.keys.kem.private)
    imports.import_file(chair, case.world.root / "envelope.hsx")
    with chair.store.transaction() as db:
        entry = db.query(audit.AuditEntry).filter_by(action=envelope_file.ACTION).one()
        import json

        d = json.loads(entry.details)
        d["signature"] = provider().sign(chair.keys.sign.private, container.SIGN_DOMAIN + genuine.signed).hex()
        audit.append(db, chair.actor, envelope_file.ACTION, entry.object, d)
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        check = facts.inspect(db, reg, db.get_one(ReviewSession, case.sid), chair.store.slots.store_id)
        assert any("envelope does not hold" in text for text in check.ignored), check.ignored


def test_receipt_and_waiting_for_list(case: Open) -> None:
    from app.exchange import receipts
    from app.sessions import views

    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    waiting = views.board(chair, case.sid)["waiting_for"]
    assert {"what": "envelope", "who": MEMBER, "remote": True} in waiting
    assert {"what": "envelope", "who": "乙", "remote": False} in waiting
    imports.import_file(chair, sealed_file(case))
    waiting = views.board(chair, case.sid)["waiting_for"]
    assert waiting == [
        {"what": "envelope", "who": "乙", "remote": False},
        {"what": "receipt", "who": MEMBER, "remote": True},
    ]
    data, _info = receipts.export(chair, case.sid)
    assert views.board(chair, case.sid)["waiting_for"] == [{"what": "envelope", "who": "乙", "remote": False}]
    receipt = case.world.root / "receipt.hsx"
    receipt.write_bytes(data)
    refused(case.world.b("乙"), receipt, "wrong-recipient")
    # A receipt acknowledging another commitment than the one sealed here is refused.
    doc = container.open_file(data, reviewer.keys.kem.private)
    wrong = {**doc.body, "received": [[reviewer.fingerprint, "一室", "cd" * 32, doc.body["received"][0][3]]]}
    forged = case.world.root / "wrong.hsx"
    forged.write_bytes(
        container.build(
            container.RECEIPT, cards.sender_of(chair), [(reviewer.fingerprint, reviewer.keys.kem.public)], wrong
        )
    )
    refused(reviewer, forged, "other-session")
    result = imports.import_file(reviewer, receipt)
    assert result["imported"] and result["commitment"] == doc.body["received"][0][2]
    assert imports.import_file(reviewer, receipt)["already"]


def test_reviewer_at_another_workstation_from_the_command_line(case: Open) -> None:
    import json

    from tests.cast import PASS
    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    a, b, root = str(case.world.a.directory), str(case.world.b.directory), case.world.root
    case.world.close()

    def cli(store: str, user: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        proc = run_cli("--store", store, "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
        assert proc.returncode != 3, proc.stderr
        return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}

    status, out = cli(a, CHAIR, "export", "session", str(case.sid), "--out", str(root / "s.hsx"))
    assert status == 0 and out["type"] == "session-package", out
    status, out = cli(b, REVIEWER, "import", str(root / "s.hsx"))
    assert status == 0 and out["imported"], out
    opinion = ["--position", "初步核实", "--reasoning", reasoning(REVIEWER)]
    status, out = cli(b, REVIEWER, "export", "envelope", out["file"], *opinion, "--out", str(root / "e.hsx"))
    assert status == 2  # the declaration of no conflict is required
    status, out = cli(b, REVIEWER, "import", str(root / "s.hsx"))
    status, out = cli(
        b, REVIEWER, "export", "envelope", out["file"], *opinion, "--no-conflict", "--out", str(root / "e.hsx")
    )
    assert status == 0 and out["type"] == "envelope", out
    status, out = cli(a, CHAIR, "import", str(root / "e.hsx"))
    assert status == 0 and out["imported"], out
    status, out = cli(a, CHAIR, "export", "receipt", str(case.sid), "--out", str(root / "r.hsx"))
    assert status == 0, out
    status, out = cli(b, REVIEWER, "import", str(root / "r.hsx"))
    assert status == 0 and out["imported"], out
    for store in (a, b):
        assert cli(store, "审计员", "audit", "verify")[0] == 0


def _decided(case: Open) -> None:
    from app.sessions import chair as chair_service

    chair = case.world.a(CHAIR)
    imports.import_file(chair, sealed_file(case))
    case.world.a.seal(case.sid, "乙")
    case.world.a.reveal(case.sid)
    chair_service.chair_position(chair, case.sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("主持人")))
    chair_service.decide(chair, case.sid, "经集体研究，决定对该线索予以初步核实。")


def test_result_package_reaches_the_reviewer_who_finds_their_envelope_in_it(case: Open) -> None:
    from app.exchange import result_package

    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    _decided(case)
    data, _info = result_package.export(chair, case.sid)
    path = case.world.root / "result.hsx"
    path.write_bytes(data)
    refused(case.world.b("乙"), path, "wrong-recipient")
    # A result in which the reviewer's envelope is not there unchanged is refused.
    doc = container.open_file(data, reviewer.keys.kem.private)
    rounds = [{**r, "commitments": ["cd" * 32]} for r in doc.body["rounds"]]
    forged = case.world.root / "forged.hsx"
    forged.write_bytes(
        container.build(
            container.RESULT_PACKAGE,
            cards.sender_of(chair),
            [(reviewer.fingerprint, reviewer.keys.kem.public)],
            {**doc.body, "rounds": rounds},
        )
    )
    refused(reviewer, forged, "altered")
    result = imports.import_file(reviewer, path)
    assert result["imported"] and result["included"] == [1]
    shown = result_package.results(reviewer)
    assert len(shown) == 1 and shown[0]["decision"]["text"].startswith("经集体研究")
    assert shown[0]["rounds"][0]["tally"]["items"][0]["passed_option"] == "初步核实"
    assert {o["department"] for o in shown[0]["rounds"][0]["opinions"]} >= {"一室", "二室"}
    with reviewer.store.transaction() as db:
        assert audit.verify(db).ok


def test_an_envelope_of_a_revoked_identity_is_refused(case: Open) -> None:
    path = sealed_file(case)
    cards.revoke(case.world.a(ADMIN), case.world.b(REVIEWER).fingerprint, "工作站遗失，停止信任")
    refused(case.world.a(CHAIR), path, "untrusted-sender")


def test_truncated_oversized_and_unknown_version_envelopes_are_refused(case: Open) -> None:
    import struct

    raw = sealed_file(case).read_bytes()
    chair = case.world.a(CHAIR)
    for name, data, reason in (
        ("cut.hsx", raw[: len(raw) // 2], "altered"),
        ("version.hsx", container.MAGIC + struct.pack(">H", 9) + raw[10:], "version"),
        ("big.hsx", raw + b"\0" * container.MAX_FILE, "oversized"),
    ):
        path = case.world.root / name
        path.write_bytes(data)
        refused(chair, path, reason)
