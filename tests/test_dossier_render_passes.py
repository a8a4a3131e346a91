"""The dossier's layout passes (issue 16): the first pass, which only finds the page count and the sections'
pages, is laid out but not drawn, and each text is broken into lines once per rendering. The file must be the
one the former way made (every pass drawn, every text broken afresh): byte for byte, under ReportLab's
invariant mode (no clock, no random document id)."""

from __future__ import annotations

import contextlib
import copy
import random
from io import BytesIO
from typing import Any

import pytest
from reportlab import rl_config

from app.dossier import data as dossier_data
from app.dossier import grid, layout, page
from app.dossier.elements import BLOCK_W, grouped, hash_groups, make_styles, para
from app.dossier.typeset import KEEP_END, KEEP_START, NO_BREAK, keep
from tests import two_rounds


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a dossier of a session that went to a second round prints (collected once)."""
    store = two_rounds.make_store(tmp_path_factory.mktemp("passes") / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        return dossier_data.collect(clerk, two_rounds.session_id(clerk))
    finally:
        clerk.close()


@pytest.fixture(autouse=True)
def faces() -> None:
    from app.dossier.fonts import register

    register()


@pytest.fixture
def invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)


def _former(monkeypatch: pytest.MonkeyPatch) -> None:
    """render as it was: every pass drawn and saved, no line breaking remembered."""

    def drawn(self: page.Doc, flowables: list[Any]) -> int:
        self.build(flowables)
        return int(self.page)

    monkeypatch.setattr(page.Doc, "lay_out", drawn)
    monkeypatch.setattr(layout, "remembered", contextlib.nullcontext)


def test_the_file_is_the_one_every_pass_drawn_made(
    content: dict[str, Any], invariant: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    now_data = copy.deepcopy(content)
    now = layout.render(now_data)
    with monkeypatch.context() as m:
        _former(m)
        before_data = copy.deepcopy(content)
        before = layout.render(before_data)
    assert now == before
    assert now_data["archive"]["pages"] == before_data["archive"]["pages"] > 3
    assert now_data["archive"]["contents"] == before_data["archive"]["contents"]
    assert now_data["signature_slot"] == before_data["signature_slot"]


def test_a_third_pass_when_the_numbers_move_is_still_drawn(
    content: dict[str, Any], invariant: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the second pass come out with other numbers than the first (here: the first is told one page
    less), the third is drawn and is the file, as before."""
    real = page.Doc.lay_out
    builds: list[str] = []

    def short(self: page.Doc, flowables: list[Any]) -> int:
        builds.append("layout")
        return real(self, flowables) - 1

    monkeypatch.setattr(page.Doc, "lay_out", short)
    original_build = page.Doc.build

    def counting(self: page.Doc, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("canvasmaker") is not page.LayoutOnly:
            builds.append("drawn")
        return original_build(self, *args, **kwargs)

    monkeypatch.setattr(page.Doc, "build", counting)
    data = copy.deepcopy(content)
    pdf = layout.render(data)
    assert builds == ["layout", "drawn", "drawn"]
    monkeypatch.undo()
    monkeypatch.setattr(rl_config, "invariant", 1)
    assert pdf == layout.render(copy.deepcopy(content))


def test_a_render_given_its_numbers_draws_its_first_pass(content: dict[str, Any], invariant: None) -> None:
    """Numbers already known (a dossier laid out again from the same data): no layout-only pass, the first
    pass is the file when they hold."""
    data = copy.deepcopy(content)
    first = layout.render(data)
    again = layout.render(data)  # data keeps _page_count and _known_pages
    assert again == first


def test_the_layout_only_pass_draws_no_text_and_writes_nothing(content: dict[str, Any]) -> None:
    data = copy.deepcopy(content)
    layout.render(data)  # the numbers, so that the story is the final one
    data["_pages"] = {}
    buffer = BytesIO()
    count = page.Doc(buffer, data).lay_out(layout.story(data))
    assert count == data["_page_count"]
    assert data["_pages"] == data["_known_pages"]  # each section's page found all the same
    assert buffer.getvalue() == b""


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    han = "审查调查线索处置意见核实谈话函询监督检查案件审理信访举报纪律作风"
    marks = "，。、；：？！（）《》“”—…"
    latin = ["dossier-2026.pdf", "41390", "ABCD EF", "v1.2", "a/b/c", "x_y"]
    out = []
    for _ in range(60):
        parts: list[str] = []
        for _ in range(rng.randint(1, 120)):
            roll = rng.random()
            if roll < 0.7:
                parts.append(rng.choice(han))
            elif roll < 0.85:
                parts.append(rng.choice(marks))
            elif roll < 0.93:
                parts.append(" " + rng.choice(latin) + rng.choice(["", " "]))
            elif roll < 0.96:
                parts.append(keep(rng.choice(latin) + rng.choice(han)))
            elif roll < 0.98:
                parts.append(grouped("41390 67490 54197"))
            else:
                parts.append("\n")
        out.append("".join(parts))
    out.append(hash_groups("ab" * 32))
    out.append(f"{KEEP_START}{'长' * 40}{KEEP_END}{NO_BREAK}x")
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_remembered_breaking_gives_the_same_lines(seed: int) -> None:
    s = make_styles()
    widths = [BLOCK_W, BLOCK_W / 3, 90.0, 41.0]
    for text in _texts(seed):
        for style in ("body", "meta", "cell", "h1", "verify"):
            for width in widths:
                plain = para(text, s[style])
                plain.wrap(width, 1000)
                with grid.remembered():
                    once, twice = para(text, s[style]), para(text, s[style])
                    once.wrap(width, 1000)
                    twice.wrap(width, 1000)
                assert once._lines == plain._lines == twice._lines, (text, style, width)


def test_nothing_is_remembered_after_the_block() -> None:
    s = make_styles()
    with grid.remembered():
        memo = grid._memo.get()
        assert memo is not None
        with grid.remembered():  # nested: the same memo
            assert grid._memo.get() is memo
        para("意见：初步核实", s["body"]).wrap(BLOCK_W, 1000)
        assert memo.lines and memo.widths
    assert grid._memo.get() is None


def test_split_lines_are_not_shared_with_the_memo() -> None:
    """A paragraph split over two pages keeps its own lists: the next rendering of the same text is whole."""
    s = make_styles()
    text = "理由：" + "审查调查线索处置意见" * 40
    with grid.remembered():
        first = para(text, s["body"])
        first.wrap(BLOCK_W, 10_000)
        whole = len(first._lines or [])
        head, tail = first.split(BLOCK_W, 3 * s["body"].leading)
        assert len(head._lines or []) + len(tail._lines or []) == whole
        again = para(text, s["body"])
        again.wrap(BLOCK_W, 10_000)
        assert len(again._lines or []) == whole


def test_coverage_is_checked_once_per_text_and_still_refuses() -> None:
    from app.errors import Refused

    s = make_styles()
    covered: set[tuple[str, str]] = set()
    layout._check_coverage([para("意见：初步核实", s["body"])], covered)
    assert covered == {(s["body"].font, "意见：初步核实")}
    lacking = "意见：\U0001d11e"  # a musical symbol: no dossier face has it
    for _ in range(2):  # found lacking, never taken as checked
        with pytest.raises(Refused):
            layout._check_coverage([para("意见：初步核实", s["body"]), para(lacking, s["body"])], covered)
    assert (s["body"].font, lacking) not in covered


def test_tables_and_the_chart_draw_nothing_on_the_layout_only_canvas() -> None:
    from reportlab.pdfgen.canvas import Canvas

    from app.dossier.elements import make_chart, make_table

    s = make_styles()
    table = make_table([["部门", "意见"], ["第01室", "初步核实"]], [BLOCK_W / 2, BLOCK_W / 2], s)[0]
    chart = make_chart({"初步核实": 2, "谈话函询": 1})
    for flowable in (table, chart):
        flowable.wrapOn(Canvas(BytesIO()), BLOCK_W, 1000)
        dry, drawn = page.LayoutOnly(BytesIO()), Canvas(BytesIO())
        flowable.drawOn(dry, 0, 0)
        flowable.drawOn(drawn, 0, 0)
        assert len(dry._code) <= 3 < len(drawn._code), dry._code  # q, cm, Q: the flowable's frame only


def test_a_table_whose_cell_records_its_page_is_drawn_on_the_layout_only_canvas() -> None:
    from app.dossier.elements import make_table

    s = make_styles()
    where: dict[str, int] = {}
    heading = para("卷内目录", s["cell"])
    heading.bookmark = (where, "卷内目录")
    table = make_table([[heading, "页号"]], [BLOCK_W / 2, BLOCK_W / 2], s)[0]
    canvas = page.LayoutOnly(BytesIO())
    table.wrapOn(canvas, BLOCK_W, 1000)
    table.drawOn(canvas, 0, 0)
    assert where == {"卷内目录": 1}
