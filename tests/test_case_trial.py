"""案件审理 as a trial decides it: 定性 (with the violation and article written), 党纪处分, 政务处分 and
移送审查起诉, each item with its own options and tallied on its own; no 第一–第四种形态."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.errors import InvalidInput
from app.matters import kind
from app.opinion_form import OpinionForm, Recusal
from app.sessions import chair, opinions, views
from tests.cast import PASS, Cast, reasoning
from tests.conftest import run_cli_in_process as run_cli  # main.main in process

FINDING = "违反廉洁纪律，违规收受礼金（《中国共产党纪律处分条例》第一百零一条）"


def _form(who: str, positions: list[str], note: str | None = FINDING) -> OpinionForm:
    return OpinionForm(
        positions=dict(enumerate(positions, start=1)),
        position_notes={1: note} if note else {},
        reasoning=reasoning(who),
    )


def _seal(cast: Cast, sid: int, who: str, positions: list[str], note: str | None = FINDING) -> dict[str, Any]:
    return opinions.seal_opinion(cast(who), sid, _form(who, positions, note), Recusal(False))


def test_case_trial_has_the_four_items_and_no_forms_of_discipline(cast: Cast) -> None:
    matter = kind("case_trial")
    assert not any("形态" in o for o in matter.options)
    sid = cast.create(n=3, kind="case_trial")
    info = views.show(cast("主持人"), sid)
    assert [i["text"] for i in info["items"]] == [
        "定性（违纪违法事实及适用条款）",
        "党纪处分",
        "政务处分",
        "移送审查起诉",
    ]
    assert info["items"][1]["options"] == ["无", "警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"]
    assert info["items"][2]["options"] == ["无", "警告", "记过", "记大过", "降级", "撤职", "开除"]
    assert info["items"][3]["options"] == ["是", "否"]
    assert "其他" in info["free_text"] and "构成违纪" in info["free_text"]


def test_case_trial_items_and_options_cannot_be_replaced(cast: Cast) -> None:
    with pytest.raises(InvalidInput, match="fixed items"):
        cast.create(n=3, kind="case_trial", items=["第一种形态"])
    with pytest.raises(InvalidInput, match="fixed options"):
        cast.create(n=3, kind="case_trial", options=["第一种形态", "第二种形态"])


def test_each_item_takes_only_its_own_options_and_a_finding_needs_its_text(cast: Cast) -> None:
    sid = cast.open(n=3, kind="case_trial")
    with pytest.raises(InvalidInput, match="Item 2: '撤职' is not one of the options"):
        _seal(cast, sid, "甲", ["构成违纪", "撤职", "无", "否"])
    with pytest.raises(InvalidInput, match="Item 1: '构成违纪' needs a description"):
        _seal(cast, sid, "甲", ["构成违纪", "严重警告", "无", "否"], note=None)
    with pytest.raises(InvalidInput, match="Item 4"):
        _seal(cast, sid, "甲", ["构成违纪", "严重警告", "无"])
    assert _seal(cast, sid, "甲", ["构成违纪", "严重警告", "无", "否"])["recused"] is False
    # "不构成违纪违法" needs no article.
    _seal(cast, sid, "乙", ["不构成违纪违法", "无", "无", "否"], note=None)


def test_each_item_is_tallied_on_its_own_with_the_findings(cast: Cast) -> None:
    sid = cast.open(n=3, kind="case_trial")
    _seal(cast, sid, "甲", ["构成违纪", "严重警告", "无", "否"])
    _seal(cast, sid, "乙", ["构成违纪", "严重警告", "记过", "否"])
    _seal(cast, sid, "丙", ["其他", "撤销党内职务", "撤职", "是"], note="涉嫌职务违法，另案处理")
    cast.reveal(sid)
    boss = cast("主持人")
    with pytest.raises(InvalidInput, match="needs a description"):
        chair.chair_position(
            boss,
            sid,
            OpinionForm(positions={1: "构成违纪", 2: "严重警告", 3: "无", 4: "否"}, reasoning=reasoning("主持人")),
        )
    chair.chair_position(boss, sid, _form("主持人", ["构成违纪", "严重警告", "无", "否"]))
    t = views.tally(boss, sid)
    by_item = {i["item"]: i for i in t["items"]}
    assert by_item[1]["counts"] == {
        "构成违纪": 3,
        "构成职务违法": 0,
        "构成违纪和职务违法": 0,
        "不构成违纪违法": 0,
        "其他": 1,
    }
    assert by_item[2]["passed_option"] == "严重警告"
    assert set(by_item[3]["counts"]) == {"无", "警告", "记过", "记大过", "降级", "撤职", "开除"}
    assert by_item[3]["counts"]["无"] == 2 and by_item[3]["counts"]["撤职"] == 1
    assert by_item[4]["counts"] == {"是": 1, "否": 3}
    notes = {n["department"]: n["note"] for n in by_item[1]["notes"]}
    assert notes["三室"] == "涉嫌职务违法，另案处理" and notes["一室"] == FINDING
    assert by_item[2]["notes"] == []


def test_cli_case_trial_and_note_options(cast: Cast) -> None:
    store = str(cast.directory)
    cast.close()
    env = {"HUISHEN_PASSPHRASE": PASS}

    def run(user: str, *args: str, ok: int = 0) -> Any:
        r = run_cli("--store", store, "--user", user, "--json", *args, env=env)
        assert r.returncode == ok, (args, r.stdout, r.stderr)
        return json.loads(r.stdout) if ok == 0 else r.stderr

    base = ["session", "create", "--classification", "秘密", "--chair", "主持人", "--custodian", "监督员"]
    depts = ["--department", "一室", "二室", "三室"]
    info = run("主持人", *base, *depts, "--kind", "case_trial", "--title", "关于某某案件的审理", "--ref", "审1")
    assert [i["options"] for i in info["items"]][3] == ["是", "否"]
    err = run(
        "主持人", *base, *depts, "--kind", "case_trial", "--title", "T", "--ref", "审2", "--item", "第一种形态", ok=2
    )
    assert "fixed items" in err
    custom = run(
        "主持人",
        *base,
        *depts,
        "--kind",
        "custom",
        "--title",
        "T",
        "--ref",
        "审3",
        "--option",
        "同意",
        "其他",
        "--note-option",
        "其他",
    )
    assert custom["free_text"] == ["其他"]
    err = run(
        "主持人",
        *base,
        *depts,
        "--kind",
        "custom",
        "--title",
        "T",
        "--ref",
        "审4",
        "--option",
        "同意",
        "其他",
        "--note-option",
        "别的",
        ok=2,
    )
    assert "must be one of the options" in err
    sid = str(info["id"])
    run("主持人", "session", "open", sid)
    args = ["opinion", "seal", sid, "--no-conflict", "--reasoning", reasoning("甲")]
    positions = ["--position", "1=构成违纪", "--position", "2=警告", "--position", "3=无", "--position", "4=否"]
    assert "needs a description" in run("甲", *args, *positions, ok=2)
    run("甲", *args, *positions, "--position-note", f"1={FINDING}")
