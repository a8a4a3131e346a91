"""The dossier of a two-round session decided against the tally (issue 14 items 1–3): both rounds in order, the
final round marked, the superseded round's reason, split and dissent, 应到 and its quorum, the flagged decision."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from app.dossier import service
from tests import two_rounds


@pytest.fixture(scope="module")
def text(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = two_rounds.make_store(tmp_path_factory.mktemp("against") / "store", against_tally=True)
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        service.export(clerk, two_rounds.session_id(clerk), out)
    finally:
        clerk.close()
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    yield "".join(raw.split())  # the grid breaks lines anywhere: compare without white space


def test_both_rounds_in_order_the_final_marked(text: str) -> None:
    first = text.index("第一轮（已被新一轮取代）")
    second = text.index("第二轮（最终轮，据以决定）")
    assert first < second
    assert "意见分歧较大，补充材料后再议一轮" in text


def test_decision_against_the_tally_is_flagged_with_its_reason(text: str) -> None:
    assert "【决定与计票结果不一致】" in text
    assert "".join(two_rounds.AGAINST_REASON.split()) in text
    assert "决定采纳" in text


def test_attendance_make_up_and_threshold(text: str) -> None:
    assert "出席法定人数须达应到会人数的过半数" in text
    assert "通过所需票数" in text


def test_dissent_is_counted_against_the_decision(text: str) -> None:
    section = text[text.index("六、不同意见（如实记录）", text.index("卷内目录") + 200) :]
    section = section[: section.index("七、主持人表态")]
    assert "无不同意见" not in section.split("第二轮")[-1]  # round 2 voted 初步核实, the decision is 予以了结


def test_record_lines_for_late_seals_splits_and_quorum() -> None:
    from app.dossier import record

    tally = {
        "items": [
            {
                "item": 1,
                "counts": {"A": 1, "B": 1, "C": 0},
                "expected": 3,
                "cast": 2,
                "outcome": "no_majority",
                "passed_option": None,
                "needed": 2,
                "split": True,
                "decided_option": None,
                "departs": False,
                "dissent": [],
            }
        ],
        "late": ["二室"],
        "recused": [],
        "absent": [],
        "attendance": {
            "rule": "two-thirds",
            "departments": 2,
            "chair": 1,
            "original": 3,
            "recused": 0,
            "expected": 3,
            "present": 3,
            "required": 2,
            "reached": True,
        },
    }
    text = "".join(record.tally_summary(tally))
    assert "【逾期密封】二室" in text
    assert "未形成多数意见（意见分散：A1票，B1票）" in text
    assert "三分之二以上（不少于2人），已达到" in text
    assert record.dissent_lines(tally) == ["议题1未形成多数意见：A1票，B1票。"]
