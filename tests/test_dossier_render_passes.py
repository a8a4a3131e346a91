"""The dossier's layout (issue 16): each text is broken into lines once per rendering, the same lines as
without the memo; what is laid out without being drawn (the 卷内备考表 alone, for the page count it prints: see
test_dossier_one_pass.py) draws nothing and writes nothing."""

from __future__ import annotations

import copy
import random
from io import BytesIO
from typing import Any

import pytest

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


def test_the_remarks_laid_out_alone_draw_no_text_and_write_nothing(content: dict[str, Any]) -> None:
    """The 卷内备考表 is laid out alone (for the page count it prints) on a canvas that draws nothing: it records
    no page and no signature place of the dossier's own, and its page count is the one the file has."""
    from app.dossier import remarks

    data = copy.deepcopy(content)
    pdf = layout.render(data)
    slot = data["signature_slot"]
    buffer = BytesIO()
    pages: dict[str, int] = {}
    where: dict[str, Any] = {}
    alone = page.Doc(buffer, data).lay_out(remarks.table(data, make_styles(), data["_page_count"], pages, where))
    assert alone == data["_page_count"] - data["_pages"]["卷内备考表"] + 1
    assert buffer.getvalue() == b""
    assert data["signature_slot"] == slot  # the dossier's own, untouched
    assert pdf


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
