"""A reviewer at another workstation asks for recusal by envelope file (issue 10): the statement sealed to the
chair's identity key, signed by the reviewer; the chair imports it and decides it as any request; one envelope
per department and round; refusals leave the store byte-for-byte unchanged; an insider's forged or edited
recusal is reported by the facts check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import audit, facts, facts_forms, registry
from app.crypto import provider
from app.exchange import container, envelope_file, imports, recusal_file
from app.exchange.schema import ExchangeRefused
from app.opinion_form import OpinionForm
from app.sessions import recusal_decisions
from models import Recusal, ReviewSession
from tests import exchange_world
from tests.cast import raw_db, reasoning
from tests.exchange_world import CHAIR, MEMBER, REVIEWER, Open, store_files

REASON = "本人与被反映人系近亲属关系，依规申请回避。"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Open:
    return exchange_world.open_base(tmp_path_factory.mktemp("recusal"))


@pytest.fixture
def case(base: Open, tmp_path: Path) -> Iterator[Open]:
    opened = exchange_world.open_copy(base, tmp_path / "w")
    yield opened
    opened.world.close()


def _package_id(case: Open) -> str:
    reviewer = case.world.b(REVIEWER)
    got = imports.import_file(reviewer, case.package)
    return str(got["file"])


def recusal(case: Open, name: str = "recusal.hsx") -> Path:
    """The reviewer asks for recusal on their own store (once per name: later calls give the same file)."""
    path = case.world.root / name
    if path.exists():
        return path
    data, info = recusal_file.export(case.world.b(REVIEWER), _package_id(case), REASON)
    assert info["recusal"] is True
    path.write_bytes(data)
    return path


def opinion(case: Open, name: str = "opinion.hsx") -> Path:
    path = case.world.root / name
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
    data, _info = envelope_file.export(case.world.b(REVIEWER), _package_id(case), form)
    path.write_bytes(data)
    return path


def refused(ctx: Any, path: Path, reason: str) -> None:
    before = store_files(ctx.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path)
    assert info.value.reason == reason, info.value.message
    assert store_files(ctx.store.directory) == before


def inspect(case: Open) -> Any:
    chair = case.world.a(CHAIR)
    with chair.store.transaction() as db:
        reg = registry.catch_up(db, chair.registry)
        return facts.inspect(db, reg, db.get_one(ReviewSession, case.sid), chair.store.slots.store_id)


def test_remote_reviewer_recuses_by_file_and_the_round_goes_on_without_that_department(case: Open) -> None:
    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    path = recusal(case)
    # The reviewer who carries the file cannot open it, nor can anyone read the statement in it.
    with pytest.raises(ExchangeRefused) as info:
        container.open_file(path.read_bytes(), reviewer.keys.kem.private)
    assert info.value.reason == "wrong-recipient"
    assert REASON.encode() not in path.read_bytes()
    described = imports.describe(chair, path)
    assert described["type"] == "envelope" and described["trusted"] and "recusal request" in described["effect"]
    result = imports.import_file(chair, path)
    assert result["imported"] and result["recusal"] and result["department"] == "一室", result
    before = store_files(chair.store.directory)
    assert imports.import_file(chair, path)["already"]
    assert store_files(chair.store.directory) == before
    # The chair reads the statement (sealed to the chair's identity key) in the recusal listing.
    with chair.store.transaction() as db:
        from app.sessions import views

        session = db.get_one(ReviewSession, case.sid)
        rows = recusal_decisions.rows(db, chair, session, views.reader_key(db, chair, session))
    assert [(r["department"], r["reviewer"], r["statement"], r["state"]) for r in rows] == [
        ("一室", MEMBER, REASON, recusal_decisions.REQUESTED)
    ]
    assert inspect(case).problems == [] and inspect(case).ignored == []
    decided = recusal_decisions.decide(chair, case.sid, "一室", approve=True)
    assert decided["approved"] and not decided["session_sealed"]
    waiting = views.board(chair, case.sid)["waiting_for"]
    assert [w for w in waiting if w["who"] == MEMBER] == [], waiting  # neither an envelope nor a receipt awaited
    case.world.a.seal(case.sid, "乙")
    out = case.world.a.reveal(case.sid)
    assert out["opened"] == 1 and out["rejected"] == [], out
    check = inspect(case)
    assert check.problems == [] and check.ignored == [], (check.problems, check.ignored)
    with chair.store.transaction() as db:
        assert audit.verify(db).ok
        entry = db.query(audit.AuditEntry).filter_by(action=recusal_file.ACTION).one()
        assert REASON not in entry.details
    with reviewer.store.transaction() as db:
        assert audit.verify(db).ok
    # Round 2: the recusal file of round 1, carried again, is an older round's replay.
    from app.sessions import lifecycle

    lifecycle.new_round(chair, case.sid, "意见分歧较大，补充材料后再议一轮")
    refused(chair, path, "replay")
    check = inspect(case)
    assert check.problems == [] and check.ignored == [], (check.problems, check.ignored)


def test_a_refused_recusal_leaves_the_department_absent_and_the_checks_clean(case: Open) -> None:
    chair = case.world.a(CHAIR)
    imports.import_file(chair, recusal(case))
    recusal_decisions.decide(chair, case.sid, "一室", approve=False, reason="理由不充分，不予回避。")
    check = inspect(case)
    assert check.problems == [] and check.ignored == [], (check.problems, check.ignored)


def test_one_envelope_per_round_on_the_reviewers_store(case: Open) -> None:
    reviewer = case.world.b(REVIEWER)
    recusal(case)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        opinion(case)
    assert info.value.reason == "replay"
    package = container.open_file(case.package.read_bytes(), reviewer.keys.kem.private).file_id
    with pytest.raises(ExchangeRefused) as info:
        recusal_file.export(reviewer, package, REASON)
    assert info.value.reason == "replay"
    assert store_files(reviewer.store.directory) == before


def test_a_recusal_after_an_opinion_is_refused_on_the_reviewers_store(case: Open) -> None:
    reviewer = case.world.b(REVIEWER)
    opinion(case)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        recusal(case)
    assert info.value.reason == "replay"
    assert store_files(reviewer.store.directory) == before


def test_the_chair_takes_one_envelope_per_department_and_round(base: Open, tmp_path: Path) -> None:
    """Two copies of the reviewer's store (a reviewer who restored a backup): one sends an opinion, the other a
    recusal for the same round; the chair's store takes whichever comes first and refuses the other."""
    one, two = exchange_world.open_copy(base, tmp_path / "one"), exchange_world.open_copy(base, tmp_path / "two")
    try:
        sealed, recused = opinion(one), recusal(two)
        chair = two.world.a(CHAIR)
        imports.import_file(chair, recused)
        refused(chair, sealed, "replay")
        chair = one.world.a(CHAIR)
        imports.import_file(chair, sealed)
        refused(chair, recused, "replay")
        # A second, different recusal of the same round is refused too.
        other = exchange_world.open_copy(base, tmp_path / "three")
        try:
            refused(two.world.a(CHAIR), recusal(other, "other.hsx"), "replay")
        finally:
            other.world.close()
    finally:
        one.world.close()
        two.world.close()


def _changed(case: Open, **change: object) -> Path:
    return exchange_world.resigned(case.world, recusal(case), container.ENVELOPE, REVIEWER, **change)


def test_an_altered_recusal_is_refused(case: Open) -> None:
    chair = case.world.a(CHAIR)
    store = chair.store.slots.store_id
    path = _changed(case, recusal_signature="00" * 64)
    refused(chair, path, "altered")
    genuine = container.open_file(case.world.root.joinpath("recusal.hsx").read_bytes(), chair.keys.kem.private)
    sealed = bytes.fromhex(genuine.body["sealed_statement"])
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    refused(chair, _changed(case, sealed_statement=tampered.hex()), "altered")
    refused(chair, _changed(case, department="二室"), "malformed")
    refused(chair, _changed(case, round=f"{store}/{case.sid}/2"), "other-session")
    raw = bytearray(case.world.root.joinpath("recusal.hsx").read_bytes())
    raw[len(raw) // 2] ^= 1
    cut = case.world.root / "cut.hsx"
    cut.write_bytes(bytes(raw))
    refused(chair, cut, "altered")


def test_recusal_from_the_command_line(case: Open) -> None:
    from tests.cast import PASS
    from tests.conftest import run_cli

    a, b, root = str(case.world.a.directory), str(case.world.b.directory), case.world.root
    case.world.close()

    def cli(store: str, user: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        proc = run_cli("--store", store, "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
        assert proc.returncode != 3, proc.stderr
        return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}

    status, out = cli(b, REVIEWER, "import", str(root / "package.hsx"))
    assert status == 0, out
    package = out["file"]
    status, out = cli(b, REVIEWER, "export", "envelope", package, "--recuse", "--out", str(root / "r.hsx"))
    assert status == 2 and not (root / "r.hsx").exists()  # a reason is required
    status, out = cli(
        b, REVIEWER, "export", "envelope", package, "--recuse", "--reason", REASON, "--out", str(root / "r.hsx")
    )
    assert status == 0 and out["recusal"] is True, out
    status, out = cli(b, REVIEWER, "export", "envelope", package, "--no-conflict", "--position", "初步核实",
                      "--reasoning", reasoning(REVIEWER), "--out", str(root / "e.hsx"))  # fmt: skip
    assert status == 2 and out["reason"] == "replay", out
    status, out = cli(a, CHAIR, "import", str(root / "r.hsx"))
    assert status == 0 and out["imported"] and out["department"] == "一室", out
    status, out = cli(a, CHAIR, "recusal", "decide", str(case.sid), "--department", "一室", "--approve")
    assert status == 0, out
    for store in (a, b):
        assert cli(store, "审计员", "audit", "verify")[0] == 0


# --- the insider, with the database key ------------------------------------------------------------------------


def test_an_edited_recusal_row_is_reported(case: Open) -> None:
    chair = case.world.a(CHAIR)
    imports.import_file(chair, recusal(case))
    other = recusal_file.MARK + provider().seal(chair.keys.kem.public, b'{"statement": "x"}', b"other")
    with raw_db(chair.store.directory, chair.store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE recusals SET sealed_statement = ? WHERE has_conflict = 1", (other,))
    check = inspect(case)
    assert any("recusal declaration" in text for text in check.problems), check.problems


def test_a_recusal_entry_the_chair_forges_in_the_reviewers_name_has_no_effect(case: Open) -> None:
    """The chair (with every key of their store) re-signs the reviewer's file with its own key and appends the
    entry itself; or writes the entry with a statement of its own: neither counts as the reviewer's request."""
    chair = case.world.a(CHAIR)
    genuine = container.open_file(recusal(case).read_bytes(), chair.keys.kem.private)
    imports.import_file(chair, case.world.root / "recusal.hsx")
    with chair.store.transaction() as db:
        entry = db.query(audit.AuditEntry).filter_by(action=recusal_file.ACTION).one()
        d = json.loads(entry.details)
        d["signature"] = provider().sign(chair.keys.sign.private, container.SIGN_DOMAIN + genuine.signed).hex()
        audit.append(db, chair.actor, recusal_file.ACTION, entry.object, d)
    check = inspect(case)
    assert any("signed recusal does not hold" in text for text in check.ignored), check.ignored


def test_a_recusal_entry_naming_another_recusal_has_no_effect(case: Open) -> None:
    """The chair (every key of their store) replaces the row's statement with one of their own and signs a new
    entry that embeds the reviewer's genuine file but records the planted row: the entry counts for nothing, and
    the original entry no longer finds its row (both reported); editing the entry itself breaks the log."""
    chair = case.world.a(CHAIR)
    imports.import_file(chair, recusal(case))
    planted = recusal_file.MARK + provider().seal(chair.keys.kem.public, b'{"statement": "x"}', b"other")
    with raw_db(chair.store.directory, chair.store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE recusals SET sealed_statement = ? WHERE has_conflict = 1", (planted,))
    with chair.store.transaction() as db:
        entry = db.query(audit.AuditEntry).filter_by(action=recusal_file.ACTION).one()
        d = json.loads(entry.details)
        row = db.query(Recusal).filter_by(has_conflict=True).one()
        d["recusal"] = facts_forms.digest(facts_forms.recusal_fact(row, 1))
        audit.append(db, chair.actor, recusal_file.ACTION, entry.object, d)
    check = inspect(case)
    assert any("signed recusal does not hold" in text for text in check.ignored), check.ignored
    assert any("recusal declaration" in text for text in check.problems), check.problems
    with raw_db(chair.store.directory, chair.store.db_key) as conn:
        (details,) = conn.execute(
            "SELECT details FROM audit_entries WHERE action = ?", (recusal_file.ACTION,)
        ).fetchone()
        changed = json.loads(details)
        changed["department"] = "二室"
        conn.execute("UPDATE audit_entries SET details = ? WHERE details = ?", (json.dumps(changed), details))
    with chair.store.transaction() as db:
        assert not audit.verify(db).ok  # an edited entry breaks its signature and the chain


def test_a_session_with_a_remote_recusal_is_decided_and_its_dossier_verifies(tmp_path: Path) -> None:
    from app import cert_requests, certs
    from app.dossier import service
    from app.sessions import chair as chair_service
    from tests.exchange_world import OFFICER

    world = exchange_world.copy(exchange_world.build(tmp_path / "world"), tmp_path / "open")
    try:
        case = Open(world, exchange_world.open_remote_reviewer(world, clerks=("记录员",)), world.root / "package.hsx")
        chair = world.a(CHAIR)
        imports.import_file(chair, recusal(case))
        recusal_decisions.decide(chair, case.sid, "一室", approve=True)
        world.a.seal(case.sid, "乙")
        world.a.reveal(case.sid)
        form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(CHAIR))
        chair_service.chair_position(chair, case.sid, form)
        chair_service.decide(chair, case.sid, "经集体研究，决定对该线索予以初步核实。")
        certs.init_ca(world.a(OFFICER), "某市纪委监委")
        cert_requests.request(world.a("记录员"))
        cert_requests.issue(world.a(OFFICER), "记录员")
        out = tmp_path / "dossier.pdf"
        assert service.export(world.a("记录员"), case.sid, out)["status"] == "archived"
        report = service.verify(out, [certs.export_ca_pem(world.a(OFFICER)).encode()], world.a("记录员"))
        assert report.ok, report.failure
        check = inspect(case)
        assert check.problems == [] and check.ignored == [], (check.problems, check.ignored)
    finally:
        world.close()
