"""Attacks on the chair's result file at a member's workstation (issue 10), from the attacker's side.

A result that leaves out a sealed round, shows another opinion under a listed commitment, or comes a second time
different is refused; its content opens only for its member.  Each test asserts the refusal and that nothing
changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.exchange import cards, container, ids, imports, result_package
from app.exchange.schema import ExchangeRefused
from app.opinion_form import OpinionForm
from tests import exchange_world
from tests.cast import raw_db, reasoning
from tests.exchange_world import ADMIN, CHAIR, REVIEWER, Open, store_files


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Open:
    return exchange_world.open_base(tmp_path_factory.mktemp("attack-result"))


@pytest.fixture
def case(base: Open, tmp_path: Path) -> Iterator[Open]:
    opened = exchange_world.open_copy(base, tmp_path / "w")
    yield opened
    opened.world.close()


def _definition(case: Open) -> str:
    """The session's definition as the chair signed it in the package the reviewer imported."""
    from app.exchange import result_check, session_package

    reviewer = case.world.b(REVIEWER)
    with reviewer.store.transaction() as db:
        package = session_package.packages(reviewer, db)[-1]
    return json.dumps(result_check.definition_of_package(package).text(), ensure_ascii=False, sort_keys=True)


def _chairs_result(case: Open, rounds: list[dict[str, Any]], decision: Any) -> Path:
    """A result package signed with the chair's own identity key (a chair's program that lies), to the reviewer."""
    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    body = {
        "session": ids.session_name(chair.store.slots.store_id, case.sid),
        "ref": "REF-REMOTE-1",
        "title": "关于某某问题线索的处置",
        "rounds": rounds,
        "decision": json.dumps(decision, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        "definition": _definition(case),
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
    exchange_world.seal_at_member(case)
    path = _chairs_result(case, [_round(2, [])], {"text": "予以了结"})
    reviewer = case.world.b(REVIEWER)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(reviewer, path)
    assert info.value.reason == "altered", info.value.message
    assert store_files(reviewer.store.directory) == before
    assert result_package.results(reviewer) == []


def _decided(case: Open, decision: str = "经集体研究，决定对该线索予以初步核实。") -> dict[str, Any]:
    """The genuine path: the reviewer seals, the chair imports the envelope, 乙 seals, the round is revealed,
    the chair states a position and decides; the chair's genuine result package, opened by the reviewer."""
    from app.sessions import chair as chair_service

    exchange_world.seal_at_member(case)
    chair = case.world.a(CHAIR)
    imports.import_file(chair, case.world.root / "envelope.hsx")
    case.world.a.seal(case.sid, "乙", "予以了结")
    case.world.a.reveal(case.sid)
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(CHAIR))
    chair_service.chair_position(chair, case.sid, form)
    chair_service.decide(chair, case.sid, decision)
    data, _info = result_package.export(chair, case.sid)
    (case.world.root / "genuine.hsx").write_bytes(data)
    return dict(container.open_file(data, case.world.b(REVIEWER).keys.kem.private).body)


def _signed_by_chair(case: Open, body: dict[str, Any], name: str = "forged.hsx") -> Path:
    """``body`` as a result package signed with the chair's own identity key (a chair's program that lies)."""
    chair, reviewer = case.world.a(CHAIR), case.world.b(REVIEWER)
    data = container.build(
        container.RESULT_PACKAGE, cards.sender_of(chair), [(reviewer.fingerprint, reviewer.keys.kem.public)], body
    )
    path = case.world.root / name
    path.write_bytes(data)
    return path


def _with_round(body: dict[str, Any], opinions: Any = None, tally: Any = None) -> dict[str, Any]:
    rnd = dict(body["rounds"][0])
    if opinions is not None:
        rnd["opinions"] = json.dumps(opinions, ensure_ascii=False, sort_keys=True)
    if tally is not None:
        rnd["tally"] = json.dumps(tally, ensure_ascii=False, sort_keys=True)
    return {**body, "rounds": [rnd]}


def _refused(case: Open, path: Path, results_before: int = 0) -> ExchangeRefused:
    """The member's import of ``path`` refused, their store unchanged, still holding ``results_before`` results."""
    reviewer = case.world.b(REVIEWER)
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(reviewer, path)
    assert store_files(reviewer.store.directory) == before
    assert len(result_package.results(reviewer)) == results_before
    return info.value


def test_result_that_lists_the_commitment_but_shows_another_opinion_is_refused(case: Open) -> None:
    """(a) The reviewer's commitment is listed, but the opinion printed for their department (and the tally beside
    it) says the opposite of what they sealed; the reviewer's store must not show that result as the outcome."""
    body = _decided(case)
    opinions = json.loads(body["rounds"][0]["opinions"])
    mine = next(o for o in opinions if o["department"] == "一室")
    mine["opinion"] = {**mine["opinion"], "positions": {"1": "予以了结"}, "reasoning": "伪造"}
    tally = json.loads(body["rounds"][0]["tally"])
    tally["items"][0]["counts"] = {**tally["items"][0]["counts"], "初步核实": 1, "予以了结": 2}
    refusal = _refused(case, _signed_by_chair(case, _with_round(body, opinions, tally)))
    assert refusal.reason == "altered" and "another opinion" in refusal.message, refusal.message
    # The opinion left as sealed but the printed tally changed: the recount under the signed definition differs.
    tally = json.loads(body["rounds"][0]["tally"])
    tally["items"][0]["passed_option"] = "予以了结"
    refusal = _refused(case, _signed_by_chair(case, _with_round(body, tally=tally), "tally.hsx"))
    assert refusal.reason == "altered" and "tally" in refusal.message, refusal.message
    # Another department's opinion changed, the tally left: the recount differs too.
    opinions = json.loads(body["rounds"][0]["opinions"])
    other = next(o for o in opinions if o["department"] == "二室")
    other["opinion"] = {**other["opinion"], "positions": {"1": "初步核实"}}
    refusal = _refused(case, _signed_by_chair(case, _with_round(body, opinions), "other.hsx"))
    assert refusal.reason == "altered" and "tally" in refusal.message, refusal.message
    # A definition other than the signed session package's (another rule): refused.
    definition = {**json.loads(body["definition"]), "rule": "unanimity"}
    forged = {**body, "definition": json.dumps(definition, ensure_ascii=False, sort_keys=True)}
    refusal = _refused(case, _signed_by_chair(case, forged, "rule.hsx"))
    assert refusal.reason == "altered", refusal.message
    # The genuine result is imported.
    out = imports.import_file(case.world.b(REVIEWER), case.world.root / "genuine.hsx")
    assert out["imported"] and out["included"] == [1]


def test_result_content_is_not_readable_by_another_account_of_the_members_store(case: Open) -> None:
    """(b) An insider of the reviewer's store (here the administrator: no content role) opens huishen.db with
    the database key and looks for the decision text, another department's reasoning and the session's title of an
    imported result and session package: none is there in clear; the reviewer still reads the result."""
    secret = "SECRET-DECISION-XYZ"
    _decided(case, secret)
    reviewer = case.world.b(REVIEWER)
    assert imports.import_file(reviewer, case.world.root / "genuine.hsx")["imported"]
    assert [r["decision"]["text"] for r in result_package.results(reviewer)] == [secret]
    admin = case.world.b(ADMIN)
    with raw_db(admin.store.directory, admin.store.db_key) as conn:
        rows = [str(d) for (d,) in conn.execute("SELECT details FROM audit_entries")]
    for text in (secret, reasoning("乙"), "关于某某问题线索的处置"):
        assert [d for d in rows if text in d] == [], text
    # Another account of the same store, even one that may seal, reads nothing of it.
    assert result_package.results(case.world.b("乙")) == []


def test_a_second_different_result_for_the_same_session_is_refused(case: Open) -> None:
    """(a) The chair's program sends the reviewer the result, then another one for the same session with a
    different decision.  The second is refused, the store unchanged; the same file again, or the same outcome
    exported again by the chair (a new file id and chain head), changes nothing and is no error."""
    body = _decided(case)
    reviewer = case.world.b(REVIEWER)
    assert imports.import_file(reviewer, case.world.root / "genuine.hsx")["imported"]
    decision = {**json.loads(body["decision"]), "text": "谈话函询"}
    second = _signed_by_chair(case, {**body, "decision": json.dumps(decision, ensure_ascii=False, sort_keys=True)})
    refusal = _refused(case, second, results_before=1)
    assert refusal.reason == "other-result", refusal.message
    for path in (case.world.root / "genuine.hsx", _export_again(case)):
        before = store_files(reviewer.store.directory)
        out = imports.import_file(reviewer, path)
        assert out["already"] and not out["imported"]
        assert store_files(reviewer.store.directory) == before
    assert [r["decision"]["text"] for r in result_package.results(reviewer)] == [
        "经集体研究，决定对该线索予以初步核实。"
    ]


def _export_again(case: Open) -> Path:
    data, _info = result_package.export(case.world.a(CHAIR), case.sid)
    path = case.world.root / "again.hsx"
    path.write_bytes(data)
    return path


