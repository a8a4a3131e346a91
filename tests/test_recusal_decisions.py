"""Recusal as a decision: the reviewer asks with a statement, the chair approves (optionally naming a substitute of
the same department, who seals in its place) or refuses with a reason; all signed and checked, and an insider
or a modified program cannot fake an approval or a substitute."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app import accounts, facts
from app.errors import InvalidInput, NotPermitted, Refused
from app.opinion_form import OpinionForm, Recusal
from app.sessions import common, opinions, recusal_decisions, views
from tests.cast import PASS, Cast, grant, reasoning


def _add_reviewer(cast: Cast, name: str, dept: str, roles: list[str] | None = None) -> None:
    accounts.add_account(cast("管理员"), name, roles or ["reviewer"], dept, PASS)
    grant(cast.directory, [name])


def test_a_request_takes_effect_only_when_the_chair_approves(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    asked = cast.request_recusal(sid, "丙")
    assert asked["requested"] and not asked["session_sealed"]
    board = views.board(cast("主持人"), sid)
    assert [p["state"] for p in board["participants"]] == ["sealed", "sealed", "recusal_requested"]
    assert views.show(cast("主持人"), sid)["status"] == "collecting"  # a pending request blocks sealing
    with pytest.raises(Refused, match="awaits the chair"):
        cast.seal(sid, "丙")
    with pytest.raises(NotPermitted):
        recusal_decisions.decide(cast("甲"), sid, "三室", True)
    result = recusal_decisions.decide(cast("主持人"), sid, "三室", True, "回避理由成立，准予回避")
    assert result["session_sealed"] is True
    with pytest.raises(Refused, match="sealed"):
        recusal_decisions.decide(cast("主持人"), sid, "三室", False, "再议一次的理由")
    rows = recusal_decisions.listing(cast("主持人"), sid)
    assert rows[0]["state"] == "approved" and rows[0]["statement"] == "与被反映人系同学关系"
    assert rows[0]["reason"] == "回避理由成立，准予回避"
    cast.reveal(sid)
    assert views.tally(cast("主持人"), sid)["recused"] == ["三室"]


def test_a_refusal_needs_a_reason_and_the_reviewer_then_seals(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.request_recusal(sid, "丙")
    with pytest.raises(InvalidInput, match="written reason"):
        recusal_decisions.decide(cast("主持人"), sid, "三室", False)
    with pytest.raises(InvalidInput, match="substitute"):
        recusal_decisions.decide(cast("主持人"), sid, "三室", False, "同学关系不构成回避事由", substitute="甲")
    recusal_decisions.decide(cast("主持人"), sid, "三室", False, "同学关系不构成回避事由")
    assert recusal_decisions.mine(cast("丙"), sid) == {
        "state": "refused",
        "round": 1,
        "substitute": None,
        "reason": "同学关系不构成回避事由",
    }
    with pytest.raises(Refused, match="refused your recusal"):
        cast.request_recusal(sid, "丙")
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙", position="谈话函询")
    assert views.show(cast("主持人"), sid)["status"] == "sealed"
    cast.reveal(sid)
    t = views.tally(cast("主持人"), sid)
    assert t["recused"] == [] and t["items"][0]["counts"]["谈话函询"] == 1
    assert facts.check_session  # the whole session still verifies (load() checks it on every read)
    assert views.opinions(cast("丙"), sid)["opinions"]  # refused: the reviewer keeps reading


def test_an_approved_substitute_of_the_same_department_seals_in_its_place(cast: Cast) -> None:
    _add_reviewer(cast, "甲二", "一室")
    _add_reviewer(cast, "乙二", "二室")
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")
    with pytest.raises(InvalidInput, match="same department"):
        recusal_decisions.decide(cast("主持人"), sid, "一室", True, substitute="乙二")
    with pytest.raises(InvalidInput, match="already has a part"):
        recusal_decisions.decide(cast("主持人"), sid, "一室", True, substitute="甲")
    with pytest.raises(Refused):  # 甲二 is nobody in this session yet
        cast.seal(sid, "甲二")
    recusal_decisions.decide(cast("主持人"), sid, "一室", True, "近亲属关系，由甲二代为评审", substitute="甲二")
    board = views.board(cast("主持人"), sid)
    assert board["participants"][0]["reviewer"] == "甲二" and board["participants"][0]["substitute_for"] == "甲"
    assert board["participants"][0]["state"] == "pending"
    assert recusal_decisions.mine(cast("甲二"), sid)["state"] == "substitute"
    assert sid in [s["id"] for s in views.list_sessions(cast("甲二"))]  # the substitute finds the session
    assert [w["task"] for w in views.my_work(cast("甲二")) if w["id"] == sid] == ["to_draft"]
    with pytest.raises(Refused, match="approved"):
        cast.seal(sid, "甲")
    cast.seal(sid, "甲二", position="谈话函询")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙")
    assert views.show(cast("主持人"), sid)["status"] == "sealed"
    cast.reveal(sid)
    t = views.tally(cast("甲二"), sid)  # the substitute reads what the department's reviewer would
    assert t["recused"] == [] and t["items"][0]["counts"]["谈话函询"] == 1
    by_dept = {o["department"]: o["author"] for o in views.opinions(cast("主持人"), sid)["opinions"]}
    assert by_dept["一室"] == "甲二"
    with pytest.raises(NotPermitted, match="recusal"):
        views.opinions(cast("甲"), sid)  # the recused reviewer no longer reads the content


def _forced_seal(cast: Cast, monkeypatch: pytest.MonkeyPatch, sid: int, who: str, dept_reviewer: str) -> Any:
    """A modified program: ``who`` seals for ``dept_reviewer``'s department with their own, registered key."""
    real = common.participant_of

    def participant_of(ctx: Any, session: Any) -> Any:
        if ctx.name == who:
            return next(p for p in session.participants if p.reviewer_id == cast(dept_reviewer).account_id)
        return real(ctx, session)

    monkeypatch.setattr(opinions, "participant_of", participant_of)
    monkeypatch.setattr(opinions, "_check_may_seal", lambda *a: False)
    form = OpinionForm(positions={1: "予以了结"}, reasoning=reasoning(who))
    try:
        return opinions.seal_opinion(cast(who), sid, form, Recusal(False))
    finally:
        monkeypatch.undo()


def test_a_substitute_the_chair_never_named_is_not_counted(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_reviewer(cast, "甲二", "一室")
    sid = cast.open(n=3)
    cast.request_recusal(sid, "甲")  # pending: nobody was named
    _forced_seal(cast, monkeypatch, sid, "甲二", "甲")
    cast.close()
    intruder = cast("甲二").account_id
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        from models import Envelope, ReviewSession

        check = facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)
        planted = db.scalars(select(Envelope).where(Envelope.author_id == intruder)).one()
    assert planted.id in check.flagged  # excluded at reveal, reported by audit verify
    assert any("甲二 may not seal for 一室" in i for i in check.ignored)
    # Nor does it stand in for the department on the seal board's count: the request is still pending.
    assert views.board(cast("主持人"), sid)["participants"][0]["state"] in ("sealed", "recusal_requested")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙")
    assert views.show(cast("主持人"), sid)["status"] == "collecting"


def test_a_decision_by_another_chair_has_no_effect(cast: Cast) -> None:
    _add_reviewer(cast, "副主持", "一室", ["chair"])
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.request_recusal(sid, "丙")
    # 副主持 holds the chair role but is not this session's chair: the service refuses …
    with pytest.raises(NotPermitted, match="Only the chair"):
        recusal_decisions.decide(cast("副主持"), sid, "三室", True)
    # … and an entry a modified program writes in that name is ignored: the request stays pending.
    from app import audit

    other = cast("副主持")
    with other.store.transaction() as db:
        audit.append(
            db,
            other.actor,
            "recusal.decide",
            f"session:{sid}",
            {"round": 1, "participant": _pid(cast, sid, "丙"), "department": "三室", "approved": True},
        )
    cast.close()
    board = views.board(cast("主持人"), sid)
    assert board["participants"][2]["state"] == "recusal_requested"
    assert views.show(cast("主持人"), sid)["status"] == "collecting"
    with cast("审计员").store.transaction() as db:
        from models import ReviewSession

        auditor = cast("审计员")
        check = facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)
    assert any("recusal.decide" in i for i in check.ignored)


def _pid(cast: Cast, sid: int, reviewer: str) -> int:
    with cast("主持人").store.transaction() as db:
        from models import ReviewSession

        session = db.get_one(ReviewSession, sid)
        return next(p.id for p in session.participants if p.reviewer_id == cast(reviewer).account_id)


def test_a_custodian_asks_the_chair_and_still_releases_but_reads_nothing(cast: Cast) -> None:
    from app.sessions import custodian_recusal

    sid = cast.open(n=3)
    with pytest.raises(NotPermitted):
        custodian_recusal.request(cast("甲"), sid, "与被反映人系同学关系")
    custodian_recusal.request(cast("监督员"), sid, "与被反映人系同学关系")
    with pytest.raises(Refused, match="already asked"):
        custodian_recusal.request(cast("监督员"), sid, "再次申请回避的陈述")
    with pytest.raises(NotPermitted):
        custodian_recusal.decide(cast("甲"), sid, "监督员", True)
    custodian_recusal.decide(cast("主持人"), sid, "监督员", True, "准予回避，仍须释放密钥")
    rows = [r for r in recusal_decisions.listing(cast("主持人"), sid) if r.get("custodian")]
    assert rows[0]["state"] == "approved" and rows[0]["statement"] == "与被反映人系同学关系"
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)  # the key-holder model is intact: the recused custodian released their layer
    with pytest.raises(NotPermitted, match="recusal"):
        views.tally(cast("监督员"), sid)
    assert views.tally(cast("主持人"), sid)["items"]


def test_a_custodian_cannot_recuse_after_releasing(cast: Cast) -> None:
    from app.sessions import custodian_recusal, reveal

    sid = cast.open(n=3)
    custodian_recusal.request(cast("监督员"), sid, "与被反映人系同学关系")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    reveal.release(cast("监督员"), sid)
    with pytest.raises(Refused, match="already released"):
        custodian_recusal.decide(cast("主持人"), sid, "监督员", True)
    custodian_recusal.decide(cast("主持人"), sid, "监督员", False, "密钥已释放，回避已无意义")
    sid2 = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid2, who)
    reveal.release(cast("监督员"), sid2)
    with pytest.raises(Refused, match="after the fact"):
        custodian_recusal.request(cast("监督员"), sid2, "与被反映人系同学关系")


def test_cli_recusal_request_decide_and_list(cast: Cast) -> None:
    import json

    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    sid = cast.open(n=3)
    cast.request_recusal(sid, "丙")
    store = str(cast.directory)
    cast.close()
    env = {"HUISHEN_PASSPHRASE": PASS}

    def run(user: str, *args: str) -> Any:
        return run_cli("--store", store, "--user", user, "--json", *args, env=env)

    r = run("主持人", "recusal", "decide", str(sid), "--department", "三室", "--refuse")
    assert r.returncode == 2 and "written reason" in r.stderr
    r = run("甲", "recusal", "decide", str(sid), "--department", "三室", "--approve")
    assert r.returncode == 2
    r = run("主持人", "recusal", "decide", str(sid), "--department", "三室", "--refuse", "--reason", "不构成回避事由")
    assert r.returncode == 0, r.stderr
    r = run("监督员", "recusal", "request", str(sid), "--statement", "与被反映人系同学关系")
    assert r.returncode == 0, r.stderr
    r = run("主持人", "recusal", "decide", str(sid), "--custodian", "监督员", "--approve")
    assert r.returncode == 0, r.stderr
    rows = json.loads(run("主持人", "recusal", "list", str(sid)).stdout)
    assert [(x["reviewer"], x["state"]) for x in rows] == [("丙", "refused"), ("监督员", "approved")]
    assert rows[0]["reason"] == "不构成回避事由"
