"""Issue 14 item 4, the last part: the chair's own recusal, decided by the deputy chair named on the session, who
then acts as chair (reveals, states the position last, decides, signs); the recused chair reads nothing more but
still releases their layer of the round key.  Tried through the services, the CLI and as an insider."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app import accounts, audit, facts
from app.errors import InvalidInput, NotPermitted, Refused
from app.opinion_form import OpinionForm
from app.sessions import chair, deputy, recusal_decisions, reveal, views
from models import ReviewSession
from tests.cast import PASS, Cast, grant, raw_db

STATEMENT = "本人与被反映人系近亲属关系，依规申请回避。"
CHAIR_TEXT = "副主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"


@pytest.fixture
def deputies(cast: Cast) -> Cast:
    for name in ("副主持", "另一主持"):
        accounts.add_account(cast("管理员"), name, ["chair"], None, PASS)
    grant(cast.directory, ["副主持", "另一主持"])
    return cast


def _check(cast: Cast, sid: int) -> facts.SessionCheck:
    auditor = cast("审计员")
    with auditor.store.transaction() as db:
        return facts.inspect(db, auditor.registry, db.get_one(ReviewSession, sid), auditor.store.slots.store_id)


def _approved(cast: Cast, n: int = 3) -> int:
    sid = cast.open(n=n, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    deputy.decide(cast("副主持"), sid, True)
    return sid


def test_the_deputy_is_named_at_creation_and_stands_outside_the_matter(deputies: Cast) -> None:
    cast = deputies
    for name, needle in (("主持人", "no other part"), ("甲", "lacks that role"), ("无此人", "No active account")):
        with pytest.raises(InvalidInput, match=needle):
            cast.create(n=3, deputy=name)
    sid = cast.create(n=3, deputy="副主持")
    assert views.show(cast("主持人"), sid)["deputy"] == "副主持"
    assert views.show(cast("副主持"), sid)["status"] == "draft"  # the deputy has a part in the session


def test_the_chair_asks_only_the_deputy_decides(deputies: Cast) -> None:
    cast = deputies
    plain = cast.open(n=3)
    with pytest.raises(Refused, match="no deputy chair"):
        deputy.request(cast("主持人"), plain, STATEMENT)
    sid = cast.open(n=3, deputy="副主持")
    with pytest.raises(NotPermitted):
        deputy.request(cast("副主持"), sid, STATEMENT)
    with pytest.raises(InvalidInput):
        deputy.request(cast("主持人"), sid, "有")
    deputy.request(cast("主持人"), sid, STATEMENT)
    with pytest.raises(Refused, match="already asked"):
        deputy.request(cast("主持人"), sid, STATEMENT)
    for who in ("主持人", "另一主持", "甲"):
        with pytest.raises(NotPermitted, match="deputy chair"):
            deputy.decide(cast(who), sid, True)
    with pytest.raises(InvalidInput, match="written reason"):
        deputy.decide(cast("副主持"), sid, False)
    deputy.decide(cast("副主持"), sid, False, "亲属关系已另行查明，不构成回避事由")
    rows = recusal_decisions.listing(cast("主持人"), sid)
    assert rows[0]["chair"] and rows[0]["state"] == "refused" and rows[0]["statement"] == STATEMENT
    assert rows[0]["reason"] == "亲属关系已另行查明，不构成回避事由" and rows[0]["decided_by"] == "副主持"
    with pytest.raises(NotPermitted):  # refused: the chair stays the chair
        recusal_decisions.decide(cast("副主持"), sid, "一室", True)
    assert views.board(cast("主持人"), sid)["acting_chair"] == "主持人"


def test_approved_the_deputy_acts_as_chair_to_the_end(deputies: Cast) -> None:
    cast = deputies
    sid = _approved(cast)
    board = views.board(cast("副主持"), sid)
    assert board["acting_chair"] == "副主持" and board["chair_recused"] is True
    assert views.board(cast("主持人"), sid)["acting_chair"] == "副主持"  # the board holds no content
    # The deputy decides the reviewers' recusals now.
    cast.request_recusal(sid, "丙")
    with pytest.raises(NotPermitted):
        recusal_decisions.decide(cast("主持人"), sid, "三室", True)
    recusal_decisions.decide(cast("副主持"), sid, "三室", False, "同学关系不构成回避事由")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    assert views.show(cast("副主持"), sid)["status"] == "sealed"
    assert reveal.prepare(cast("副主持"), sid) == ["副主持", "主持人", "监督员"]  # whose passphrases the desk asks
    reveal.release(cast("监督员"), sid)
    with pytest.raises(Refused, match="主持人"):
        reveal.reveal(cast("副主持"), sid, {})  # waits for the recused chair's layer
    assert reveal.pending_releases(cast("副主持"), sid) == ["主持人"]
    reveal.release(cast("主持人"), sid)  # shows the recused chair nothing
    with pytest.raises(NotPermitted):
        reveal.reveal(cast("主持人"), sid, {})
    reveal.reveal(cast("副主持"), sid, {})
    with pytest.raises(NotPermitted):
        views.tally(cast("主持人"), sid)
    with pytest.raises(NotPermitted):
        chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=CHAIR_TEXT))
    chair.chair_position(cast("副主持"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=CHAIR_TEXT))
    chair.decide(cast("副主持"), sid, "经会审，对该线索予以初步核实。")
    t = views.tally(cast("副主持"), sid)
    assert t["acting_chair"] == "副主持" and t["status"] == "decided"
    check = _check(cast, sid)
    assert check.all() == [] and check.ignored == []


def test_a_new_round_is_keyed_to_the_deputy(deputies: Cast) -> None:
    from app.sessions import lifecycle

    cast = deputies
    sid = _approved(cast)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    reveal.release(cast("监督员"), sid)
    reveal.release(cast("主持人"), sid)
    reveal.reveal(cast("副主持"), sid, {})
    assert lifecycle.new_round(cast("副主持"), sid, "意见分歧较大，需补充材料后再议") == 2
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    assert reveal.prepare(cast("副主持"), sid) == ["副主持", "监督员"]
    reveal.release(cast("监督员"), sid)
    with pytest.raises(NotPermitted):
        reveal.release(cast("主持人"), sid)  # round 2: the chair holds no key of it
    reveal.reveal(cast("副主持"), sid, {})
    assert _check(cast, sid).all() == []


def test_no_reveal_while_the_chairs_request_waits(deputies: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    deputy.request(cast("主持人"), sid, STATEMENT)
    with pytest.raises(Refused, match="awaits the deputy chair"):
        cast.reveal(sid)
    # A modified program reveals anyway: the facts check flags it.
    monkeypatch.setattr(deputy, "ledger", lambda db, s: deputy.ChairRecusal("主持人", None))
    reveal.reveal(cast("主持人"), sid, {})
    monkeypatch.undo()
    assert any("awaited the deputy's decision" in p for p in _check(cast, sid).problems)


def test_approval_after_a_release_to_the_chair_is_refused(deputies: Cast) -> None:
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    deputy.request(cast("主持人"), sid, STATEMENT)
    reveal.release(cast("监督员"), sid)
    with pytest.raises(Refused, match="already released"):
        deputy.decide(cast("副主持"), sid, True)


def test_a_decision_by_anyone_but_the_deputy_has_no_effect(deputies: Cast) -> None:
    """A modified program of another chair-role account (or of the chair) signs an approval: nothing changes."""
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    for who in ("另一主持", "主持人"):
        other = cast(who)
        with other.store.transaction() as db:
            details = {"round": 1, "chair": "主持人", "approved": True, "reason": ""}
            audit.append(db, other.actor, deputy.DECIDE, f"session:{sid}", details)
    cast.close()
    assert views.board(cast("主持人"), sid)["acting_chair"] == "主持人"
    with pytest.raises(NotPermitted):
        recusal_decisions.decide(cast("另一主持"), sid, "一室", True)
    check = _check(cast, sid)
    assert check.problems == [] and not check.flagged
    assert sum("only the deputy chair named on the session" in i for i in check.ignored) == 2
    deputy.decide(cast("副主持"), sid, False, "不构成回避事由，继续主持")  # still pending: the deputy decides


def test_an_insider_cannot_name_another_deputy_in_the_rows(deputies: Cast) -> None:
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")
    key = cast("管理员").store.db_key
    other = cast("另一主持").account_id
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET deputy_id = ? WHERE id = ?", (other, sid))
    with pytest.raises(facts.Tampered, match="definition"):
        views.show(cast("主持人"), sid)
    with pytest.raises(facts.Tampered):
        deputy.request(cast("主持人"), sid, STATEMENT)


def test_cli_create_with_a_deputy_request_decide_list(deputies: Cast) -> None:
    from tests.conftest import run_cli_in_process as run_cli  # main.main in process

    cast = deputies
    store = str(cast.directory)
    cast.close()
    env = {"HUISHEN_PASSPHRASE": PASS}

    def run(user: str, *args: str) -> Any:
        return run_cli("--store", store, "--user", user, "--json", *args, env=env)

    base = ("session", "create", "--kind", "clue_disposal", "--title", "关于某某问题线索的处置", "--classification",
            "秘密★1年", "--department", "一室=甲", "--department", "二室=乙", "--department", "三室=丙",
            "--chair", "主持人", "--custodian", "监督员", "--clerk", "记录员")  # fmt: skip
    r = run("主持人", *base, "--ref", "D-1", "--deputy", "甲")
    assert r.returncode == 2 and "lacks that role" in r.stderr
    r = run("主持人", *base, "--ref", "D-2", "--deputy", "副主持")
    assert r.returncode == 0, r.stderr
    sid = json.loads(r.stdout)["id"]
    assert json.loads(run("主持人", "session", "show", str(sid)).stdout)["deputy"] == "副主持"
    assert run("主持人", "session", "open", str(sid)).returncode == 0
    r = run("主持人", "recusal", "request", str(sid), "--statement", STATEMENT)
    assert r.returncode == 0, r.stderr
    r = run("另一主持", "recusal", "decide", str(sid), "--chair", "--approve")
    assert r.returncode == 2 and "deputy chair" in r.stderr
    r = run("副主持", "recusal", "decide", str(sid), "--chair", "--refuse")
    assert r.returncode == 2 and "written reason" in r.stderr
    r = run("副主持", "recusal", "decide", str(sid), "--chair", "--approve")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["acting_chair"] == "副主持"
    rows = json.loads(run("副主持", "recusal", "list", str(sid)).stdout)
    assert [(x["reviewer"], x["state"], x.get("chair")) for x in rows] == [("主持人", "approved", True)]
    r = run("主持人", "session", "tally", str(sid))
    assert r.returncode == 2
    r = run("副主持", "session", "board", str(sid))
    assert r.returncode == 0 and json.loads(r.stdout)["acting_chair"] == "副主持"


def test_the_dossier_names_the_deputy_as_acting_chair(deputies: Cast, tmp_path: Any) -> None:
    import subprocess

    from app import cert_requests, certs
    from app.dossier import service

    cast = deputies
    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    deputy.decide(cast("副主持"), sid, True, "回避事由成立，由副主持人代行主持人职责")
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    reveal.release(cast("监督员"), sid)
    reveal.release(cast("主持人"), sid)
    reveal.reveal(cast("副主持"), sid, {})
    chair.chair_position(cast("副主持"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=CHAIR_TEXT))
    chair.decide(cast("副主持"), sid, "经会审，对该线索予以初步核实。")
    pdf = tmp_path / "dossier.pdf"
    service.export(cast("记录员"), sid, pdf)
    assert service.verify(pdf, [], cast("审计员")).ok
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(raw.split())
    assert "副主持（副主持人，代行主持人职责；主持人主持人已回避）" in text  # cover
    assert (
        "回避申请（第一轮）：主持人（主持人）：本人与被反映人系近亲属关系，依规申请回避。副主持人决定（副主持）" in text
    )
    assert "准予回避，由副主持人副主持代行主持人职责；理由：回避事由成立" in text
    assert "主持人：主持人（已回避）；副主持人：副主持（代行主持人职责）" in text
    assert "代行主持人（副主持人）副主持于" in text  # 七、the position stated last
    sign = text[text.index("九、签字") :]
    assert "代行主持人副主持" in sign and "主持人主持人" not in sign[: sign.index("记录员")]
    assert "副主持人对主持人回避作出决定" in text and "已回避的主持人释放揭封密钥" in text  # the timeline
    assert "代行主持人末位表态" in text  # the timeline names who acted


def test_the_deputy_finds_the_session_in_the_list_and_on_the_home_screen(deputies: Cast) -> None:
    cast = deputies
    sid = cast.open(n=3, deputy="副主持")

    def listed(who: str) -> bool:
        return sid in {r["id"] for r in views.list_sessions(cast(who))}

    def tasks(who: str) -> set[str]:
        return {w["task"] for w in views.my_work(cast(who)) if w["id"] == sid}

    assert listed("副主持") and not listed("另一主持")  # need to know: the named deputy only
    assert tasks("副主持") == set()
    deputy.request(cast("主持人"), sid, STATEMENT)
    assert tasks("副主持") == {"to_decide_chair_recusal"}
    deputy.decide(cast("副主持"), sid, True)
    assert tasks("副主持") == set() and listed("副主持")
    for name in ("甲", "乙", "丙"):
        cast.seal(sid, name)
    assert "to_reveal" in tasks("副主持")  # the deputy acts as chair
    assert tasks("主持人") == {"to_release"}  # the recused chair releases their layer, nothing else
