"""The session lifecycle and its refusals, service by service."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import auditlog, policy
from app.errors import InvalidInput, NotPermitted, Refused, WrongPassphrase
from app.opinion_form import OpinionForm, Recusal
from app.sessions import chair, lifecycle, opinions, reveal, views
from models import AuditEntry, ReviewSession
from models.base import utcnow
from tests.cast import PASS, Cast, raw_db, reasoning
from tests.conftest import file_hashes


def _status(cast: Cast, sid: int) -> str:
    return views.show(cast("主持人"), sid)["status"]


def test_full_lifecycle_with_dissent_and_recusal(cast: Cast) -> None:
    sid = cast.open()
    assert _status(cast, sid) == "collecting"
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙", "谈话函询")
    cast.recuse(sid, "丁")
    result = cast.seal(sid, "戊")
    assert result["session_sealed"] and _status(cast, sid) == "sealed"
    assert cast.reveal(sid) == {"round": 1, "opened": 4, "rejected": []}
    t = views.tally(cast("主持人"), sid)
    item = t["items"][0]
    assert item["counts"]["初步核实"] == 3 and item["expected"] == 5 and item["preliminary"]
    assert t["recused"] == ["审理室"] and not t["final"]
    assert [d["department"] for d in item["dissent"]] == ["三室"]
    assert item["dissent"][0]["reasoning"] == reasoning("丙")
    chair.chair_position(cast("主持人"), sid, OpinionForm({1: "初步核实"}, reasoning=reasoning("主持")))
    t = views.tally(cast("主持人"), sid)
    assert (
        t["final"]
        and t["items"][0]["outcome"] == "passed"
        and t["items"][0]["chair_position"]["position"] == "初步核实"
    )
    chair.decide(cast("主持人"), sid, "予以初步核实，由一室承办。")
    assert _status(cast, sid) == "decided"
    assert auditlog.verify_chain(cast("审计员")).ok


@pytest.mark.parametrize(
    ("form", "recusal", "needle"),
    [
        (OpinionForm({1: "初步核实"}, reasoning="同意"), Recusal(False), "too short"),
        (
            OpinionForm(
                {1: "初步核实"},
                reasoning="同意。无意见。同意承办部门意见。同意承办部门意见。同意承办部门意见。原则同意，无异议。",
            ),
            Recusal(False),
            "stock phrases",
        ),
        (OpinionForm({1: "初步核实"}, reasoning=reasoning("甲")), None, "recusal"),
        (OpinionForm({}, reasoning=reasoning("甲")), Recusal(False), "choose a position"),
        (OpinionForm({1: "立即逮捕"}, reasoning=reasoning("甲")), Recusal(False), "not one of the options"),
        (OpinionForm({1: "初步核实"}, reasoning="，。！？      ……"), Recusal(False), "required"),
        (None, Recusal(True, ""), "conflict"),
    ],
)
def test_sealing_refusals_name_the_field(
    cast: Cast, form: OpinionForm | None, recusal: Recusal | None, needle: str
) -> None:
    sid = cast.open()
    with pytest.raises(InvalidInput) as info:
        opinions.seal_opinion(cast("甲"), sid, form, recusal)
    assert needle in info.value.message
    assert views.board(cast("主持人"), sid)["participants"][0]["state"] == "pending"


def test_minimum_length_is_a_policy(cast: Cast) -> None:
    sid = cast.open()
    with pytest.raises(NotPermitted):
        policy.set_value(cast("主持人"), "min_reasoning_chars", 200)
    policy.set_value(cast("保密员"), "min_reasoning_chars", 200)
    with pytest.raises(InvalidInput, match="at least 200"):
        cast.seal(sid, "甲")


def test_sealed_opinion_cannot_change_and_only_author_reads_it(cast: Cast) -> None:
    sid = cast.open()
    cast.seal(sid, "甲")
    with pytest.raises(Refused, match="already sealed"):
        cast.seal(sid, "甲", text=reasoning("甲", "改"))
    own = opinions.read_own_sealed(cast("甲"), sid)
    assert own is not None and own["document"]["opinion"]["reasoning"] == reasoning("甲")
    assert opinions.read_own_sealed(cast("乙"), sid) is None
    for name in ("乙", "主持人", "监督员", "记录员"):
        with pytest.raises(NotPermitted):
            views.opinions(cast(name), sid)
    for name in ("管理员", "审计员", "保密员"):
        with pytest.raises(NotPermitted):
            views.opinions(cast(name), sid)


def test_drafts_are_private_and_editable(cast: Cast) -> None:
    sid = cast.open()
    opinions.save_draft(cast("甲"), sid, OpinionForm({1: "暂存待查"}, reasoning="草稿一"))
    opinions.save_draft(cast("甲"), sid, OpinionForm({1: "初步核实"}, reasoning="草稿二"))
    draft = opinions.load_draft(cast("甲"), sid)
    assert draft is not None and draft.reasoning == "草稿二" and draft.positions == {1: "初步核实"}
    assert opinions.load_draft(cast("乙"), sid) is None
    cast.seal(sid, "甲")
    assert opinions.load_draft(cast("甲"), sid) is None


def test_not_a_reviewer_cannot_seal(cast: Cast) -> None:
    sid = cast.open(n=3)
    with pytest.raises(NotPermitted):
        cast.seal(sid, "戊")  # reviewer, but not invited
    with pytest.raises(NotPermitted):
        cast.seal(sid, "主持人")


def test_reveal_refused_before_sealed_and_before_every_custodian_released(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    with pytest.raises(Refused, match="collecting"):  # a custodian releases nothing before the round is sealed
        reveal.release(cast("监督员"), sid)
    cast.seal(sid, "乙")
    directory = cast.directory
    cast.close()
    before = file_hashes(directory)
    with pytest.raises(WrongPassphrase):  # the desktop's confirmation of the chair's own passphrase
        reveal.reveal(cast("主持人"), sid, {"主持人": "wrong-passphrase"})
    with pytest.raises(Refused, match="release of: 监督员"):
        reveal.reveal(cast("主持人"), sid, {"监督员": PASS})  # a custodian's passphrase is no use to the chair
    for who in ("主持人", "甲"):
        with pytest.raises(NotPermitted):
            reveal.release(cast(who), sid)
    cast.close()
    after = file_hashes(directory)
    after.pop("attempts.json", None)
    assert after == before
    with pytest.raises(NotPermitted):
        reveal.reveal(cast("监督员"), sid, {})
    assert reveal.release(cast("监督员"), sid)["released"] is True
    assert reveal.release(cast("监督员"), sid)["already"] is True
    assert _status(cast, sid) == "sealed"
    assert reveal.reveal(cast("主持人"), sid, {})["opened"] == 2


def test_chair_speaks_only_after_reveal(cast: Cast) -> None:
    sid = cast.open(n=2)
    form = OpinionForm({1: "初步核实"}, reasoning=reasoning("主持"))
    with pytest.raises(Refused, match="last"):
        chair.chair_position(cast("主持人"), sid, form)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    with pytest.raises(Refused):
        chair.chair_position(cast("主持人"), sid, form)
    with pytest.raises(Refused):
        chair.decide(cast("主持人"), sid, "决定文本内容")
    cast.reveal(sid)
    with pytest.raises(Refused, match="position"):
        chair.decide(cast("主持人"), sid, "决定文本内容")
    chair.chair_position(cast("主持人"), sid, form)
    with pytest.raises(Refused, match="already sealed"):
        chair.chair_position(cast("主持人"), sid, form)


def test_tampered_envelope_is_reported_and_excluded(cast: Cast) -> None:
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    key = cast("主持人").store.db_key
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (eid, ct) = conn.execute("SELECT id, ciphertext FROM envelopes ORDER BY id LIMIT 1 OFFSET 1").fetchone()
        flipped = bytearray(ct)
        flipped[len(flipped) // 2] ^= 0x01
        conn.execute("UPDATE envelopes SET ciphertext=? WHERE id=?", (bytes(flipped), eid))
    result = cast.reveal(sid)
    assert result["opened"] == 2 and result["rejected"][0]["envelope"] == eid
    assert "changed after sealing" in result["rejected"][0]["problem"]
    t = views.tally(cast("主持人"), sid)
    assert t["rejected"] == ["二室"] and t["items"][0]["cast"] == 2


def test_close_early_needs_quorum_and_reason(cast: Cast) -> None:
    sid = cast.open(n=5)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    with pytest.raises(Refused, match="quorum"):
        lifecycle.close_early(cast("主持人"), sid, "时间紧迫，提前截止")
    cast.seal(sid, "丙")
    with pytest.raises(InvalidInput, match="reason"):
        lifecycle.close_early(cast("主持人"), sid, " ")
    with pytest.raises(NotPermitted):
        lifecycle.close_early(cast("甲"), sid, "时间紧迫，提前截止")
    result = lifecycle.close_early(cast("主持人"), sid, "时间紧迫，提前截止")
    assert sorted(result["absent"]) == sorted(["审理室", "信访室"])
    board = views.board(cast("主持人"), sid)
    assert [p["state"] for p in board["participants"]] == ["sealed"] * 3 + ["absent"] * 2
    with pytest.raises(Refused):
        cast.seal(sid, "丁")
    cast.reveal(sid)
    assert sorted(views.tally(cast("主持人"), sid)["absent"]) == sorted(["审理室", "信访室"])


def test_new_round_keeps_the_old_one(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲", "初步核实")
    cast.seal(sid, "乙", "谈话函询")
    cast.reveal(sid)
    assert views.tally(cast("主持人"), sid)["items"][0]["outcome"] == "no_majority"
    with pytest.raises(InvalidInput):
        lifecycle.new_round(cast("主持人"), sid, "")
    assert lifecycle.new_round(cast("主持人"), sid, "未形成多数意见，补充材料后再议") == 2
    assert _status(cast, sid) == "collecting"
    cast.seal(sid, "甲", "初步核实")
    # round 1 stays readable; round 2 stays sealed
    assert views.opinions(cast("乙"), sid, round_number=1)["round"] == 1
    with pytest.raises(NotPermitted):
        views.opinions(cast("乙"), sid, round_number=2)
    assert len(views.show(cast("主持人"), sid)["rounds"]) == 2


def test_withdraw_and_overdue(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cast.create(n=2)
    lifecycle.withdraw(cast("主持人"), sid, "线索已移交其他机关处置")
    assert _status(cast, sid) == "withdrawn"
    with pytest.raises(Refused):
        lifecycle.open_session(cast("主持人"), sid)
    late = cast.open(n=2, deadline=utcnow() + timedelta(seconds=1))
    cast.seal(late, "甲")
    # Let time pass: a clock a minute ahead (editing the deadline in the database is caught as tampering).
    import app.sessions.common as common

    later = utcnow() + timedelta(minutes=1)
    monkeypatch.setattr(common, "utcnow", lambda: later)
    monkeypatch.setattr(views, "utcnow", lambda: later)
    from app.sessions import listing

    monkeypatch.setattr(listing, "utcnow", lambda: later)  # the list moved there (issue 16)
    listed = {r["id"]: r for r in views.list_sessions(cast("主持人"))}
    assert listed[late]["overdue"] and not listed[sid]["overdue"]
    assert [r["id"] for r in views.list_sessions(cast("主持人"), overdue_only=True)] == [late]
    assert views.board(cast("主持人"), late)["overdue"]


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"departments": ["一室"]}, "two departments"),
        ({"departments": ["一室", "一室"]}, "twice"),
        ({"departments": ["一室", "无此室"]}, "No department"),
        ({"kind": "nonsense"}, "Unknown matter kind"),
        ({"rule": "dictator"}, "Unknown rule"),
        ({"classification": "顶级"}, "classification"),
        ({"chair": "甲"}, "lacks that role"),
        ({"custodians": ["甲"]}, "lacks that role"),
    ],
)
def test_create_refusals(cast: Cast, change: dict, needle: str) -> None:
    base = dict(
        kind="clue_disposal",
        title="t",
        ref_number="R-1",
        classification="秘密",
        departments=["一室", "二室"],
        chair="主持人",
    )
    base.update(change)
    with pytest.raises(InvalidInput, match=needle):
        lifecycle.create(cast("主持人"), lifecycle.SessionSpec(**base))
    with cast("主持人").store.transaction() as db:
        assert db.scalars(select(ReviewSession)).first() is None


def test_reads_after_reveal_are_recorded(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.reveal(sid)
    views.opinions(cast("记录员"), sid, department="一室")
    with cast("主持人").store.transaction() as db:
        last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.actor == "记录员" and last.action == "opinion.read"
    assert json.loads(last.details)["departments"] == ["一室"]
