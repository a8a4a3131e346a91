"""Sections 五 (tally) and 六 (dissent) are rebuilt whole from the manifest by ``dossier verify`` and must be
printed exactly (issue 8, finding R3-4): a line inserted, removed or changed in either is refused from the file
alone, naming the section; a genuine dossier of two rounds with dissent, position notes, near-duplicate texts, a
late seal and a recusal verifies from the file alone and against the store."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app import cert_requests, certs
from app.dossier.blocks import flat
from app.opinion_form import OpinionForm, Recusal
from app.sessions import chair, lifecycle, opinions
from models.base import utcnow
from tests.cast import Cast, make_cast, reasoning

TWIN = "经认真审阅线索材料，本部门认为反映的问题具体明确，时间地点人物要素齐全，具有较强的可查性，应当依规依纪开展初步核实{x}。"
NOTE = "建议由第一监督检查室牵头，三个月内报告核实结果"
ROUND_TWO = "意见分歧较大，补充材料后再议一轮"


def _seal(cast: Cast, sid: int, who: str, position: str, text: str, note: str | None = None) -> None:
    form = OpinionForm(positions={1: position}, reasoning=text, position_notes={1: note} if note else {})
    opinions.seal_opinion(cast(who), sid, form, Recusal(False))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cast, int]]:
    """Round 1: 乙 dissents; round 2: 甲 and 乙 near-identical (甲 with a position note), 丙 recused, 丁 sealed
    after the deadline and dissents, 戊 dissents; the chair states last and decides 初步核实."""
    cast = make_cast(tmp_path_factory.mktemp("sections") / "store")
    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    sid = cast.open(n=5, deadline=utcnow() + timedelta(days=1))
    for who, position in (("甲", "初步核实"), ("乙", "谈话函询"), ("丙", "初步核实"), ("丁", "初步核实")):
        cast.seal(sid, who, position=position)
    cast.seal(sid, "戊")
    cast.reveal(sid)
    lifecycle.new_round(cast("主持人"), sid, ROUND_TWO)
    _seal(cast, sid, "甲", "初步核实", TWIN.format(x="工作"), NOTE)
    _seal(cast, sid, "乙", "初步核实", TWIN.format(x="相关工作"))  # 89 % alike
    cast.recuse(sid, "丙")
    _seal(cast, sid, "戊", "暂存待查", reasoning("戊", "，但现有材料尚需补充，宜暂存待查"))
    late = utcnow() + timedelta(days=2)
    with pytest.MonkeyPatch.context() as m:  # 丁's program seals two days on, a day after the deadline
        m.setattr(opinions, "utcnow", lambda: late)
        _seal(cast, sid, "丁", "谈话函询", reasoning("丁", "，建议先行谈话函询"))
    cast.reveal(sid)
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, "对该问题线索予以初步核实，由第一监督检查室牵头办理。")
    yield cast, sid
    cast.close()


Change = Callable[[dict[str, Any]], None]


def _export(cast: Cast, sid: int, out: Path, monkeypatch: pytest.MonkeyPatch, change: Change | None = None) -> Path:
    """The clerk's own program (own certificate, export recorded in the log), laying the pages out from content
    altered by ``change``; the manifest stays genuine."""
    from app.dossier import layout, service

    real_render = layout.render

    def render(content: dict[str, Any]) -> bytes:
        altered = copy.deepcopy(content)
        if change is not None:
            change(altered)
        pdf = real_render(altered)
        # what layout adds (page count, signature slot, ...) goes back; what the manifest carries stays genuine
        content.update(
            {k: v for k, v in altered.items() if k not in ("opinions", "session", "earlier_rounds", "tally")}
        )
        return pdf

    monkeypatch.setattr(layout, "render", render)
    service.export(cast("记录员"), sid, out)
    monkeypatch.setattr(layout, "render", real_render)
    return out


def _verify(cast: Cast, path: Path, against_store: bool = False) -> Any:
    from app.dossier import service

    if against_store:
        return service.verify(path, [], cast("审计员"))
    return service.verify(path, [certs.export_ca_pem(cast("审计员")).encode()])


def _sections(path: Path) -> tuple[str, str]:
    from app.dossier import proofs

    text = flat(proofs.page_text(path.read_bytes()))
    five = text.index("五、计票结果", text.index("卷内备考表"))
    six = text.index("六、不同意见（如实记录）", five)
    return text[five:six], text[six : text.index("七、主持人表态", six)]


def test_a_genuine_dossier_with_every_kind_of_line_verifies(
    store: tuple[Cast, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast, sid = store
    path = _export(cast, sid, tmp_path / "genuine.pdf", monkeypatch)
    five, six = _sections(path)
    for line in (
        "意见高度雷同：一室与二室",
        "【逾期密封】审理室于截止时间后密封意见",
        flat(f"一室（初步核实）：{NOTE}"),
        "回避：三室。",
        "第一轮（已被新一轮取代）",
        "不同意见：二室（谈话函询）。",
    ):
        assert line in five, line
    for line in (
        "议题1，二室（谈话函询）",
        "议题1，审理室（谈话函询）",
        "议题1，信访室（暂存待查）",
        "第二轮（最终轮，据以决定）",
    ):
        assert line in six, line
    from_file, from_store = _verify(cast, path), _verify(cast, path, against_store=True)
    assert from_file.ok, from_file.failure
    assert from_store.ok, from_store.failure
    assert any("sections 五 and 六 print exactly" in c for c in from_file.checks)
    assert any("similarity threshold match the store" in c for c in from_store.checks)


def _final(content: dict[str, Any]) -> dict[str, Any]:
    return dict(content["tally"]["items"][0])


def _insert_five(content: dict[str, Any]) -> None:  # a near-duplicate flag nobody's texts give
    content["tally"]["near_duplicates"].append({"a": "审理室", "b": "信访室", "percent": 97})


def _remove_five(content: dict[str, Any]) -> None:  # the late seal left out
    content["tally"]["late"] = []


def _change_five(content: dict[str, Any]) -> None:  # the position note rewritten
    content["tally"]["items"][0]["notes"][0]["note"] = "建议予以了结，不再核实"


def _insert_six(content: dict[str, Any]) -> None:  # a dissent in the final round nobody sealed
    item = content["tally"]["items"][0]
    item["dissent"].append({"department": "一室", "position": "予以了结", "reasoning": "查无实据", "is_chair": False})


def _remove_six(content: dict[str, Any]) -> None:  # 戊's dissent left out of the final round
    item = content["tally"]["items"][0]
    item["dissent"] = [d for d in item["dissent"] if d["department"] != "信访室"]


def _change_six(content: dict[str, Any]) -> None:  # 丁's dissenting reasoning rewritten
    item = content["tally"]["items"][0]
    next(d for d in item["dissent"] if d["department"] == "审理室")["reasoning"] = "同意初步核实"


@pytest.mark.parametrize(
    ("change", "section"),
    [
        (_insert_five, "五"),
        (_remove_five, "五"),
        (_change_five, "五"),
        (_insert_six, "六"),
        (_remove_six, "六"),
        (_change_six, "六"),
    ],
    ids=["five-inserted", "five-removed", "five-changed", "six-inserted", "six-removed", "six-changed"],
)
def test_a_line_inserted_removed_or_changed_is_refused_naming_the_section(
    store: tuple[Cast, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Change, section: str
) -> None:
    cast, sid = store
    genuine = _sections(_export(cast, sid, tmp_path / "genuine.pdf", monkeypatch))
    path = _export(cast, sid, tmp_path / "forged.pdf", monkeypatch, change)
    assert _sections(path) != genuine  # the forged file prints something else in the section
    report = _verify(cast, path)
    assert not report.ok
    assert f"Section {section}" in (report.failure or ""), report.failure


def test_a_manifest_of_the_previous_format_is_refused(
    store: tuple[Cast, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 4 carried no similarity threshold, so its sections 五 and 六 cannot be rebuilt: refused, saying so."""
    from app.dossier import data as dossier_data

    cast, sid = store
    real = dossier_data.manifest

    def older(content: dict[str, Any]) -> dict[str, Any]:
        m = real(content)
        m["version"] = 4
        del m["similarity_percent"]
        return m

    monkeypatch.setattr(dossier_data, "manifest", older)
    path = _export(cast, sid, tmp_path / "older.pdf", monkeypatch)
    report = _verify(cast, path)
    assert not report.ok and "older format (4)" in (report.failure or ""), report.failure


def test_a_manifest_naming_another_similarity_threshold_is_refused_against_the_store(
    store: tuple[Cast, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The threshold is the exporter's word in the file alone (the flagged pairs are recomputed from the signed
    texts under it); against the store it must be the one the security officer's signed policy had in force."""
    from app.dossier import data as dossier_data

    cast, sid = store
    real = dossier_data.collect

    def lower(*args: Any, **kwargs: Any) -> dict[str, Any]:
        content = real(*args, **kwargs)
        content["similarity_percent"] = 95  # 一室 and 二室 (89 %) fall under it: the flag disappears, consistently
        content["tally"]["near_duplicates"] = []
        return content

    monkeypatch.setattr(dossier_data, "collect", lower)
    path = _export(cast, sid, tmp_path / "threshold.pdf", monkeypatch)
    assert "意见高度雷同" not in _sections(path)[0]
    assert _verify(cast, path).ok  # from the file alone: consistent with the threshold it names
    report = _verify(cast, path, against_store=True)
    assert not report.ok and "similarity threshold" in (report.failure or ""), report.failure
