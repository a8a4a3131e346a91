"""GB/T 9704 typesetting of the dossier, measured from the PDF as a reader's tools see it (pdftotext -bbox)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.units import mm

from app.dossier import layout
from app.dossier.elements import (
    BLOCK_H,
    BLOCK_W,
    CHARS_PER_LINE,
    LEADING,
    LEFT,
    LINES_PER_PAGE,
    TOP,
    grouped,
    make_styles,
    para,
    title_block,
)
from app.dossier.typeset import CANNOT_END, CANNOT_START, keep, title_lines

BLOCK_TOP = TOP  # from the top of the page, as pdftotext measures
BLOCK_BOTTOM = TOP + BLOCK_H
HAN = "审查调查线索处置意见核实谈话函询监督检查案件审理信访举报纪律作风廉政建设责任落实整改"
CLOSING = "，。、；：？！）》”"
OPENING = "（《“"
FINGERPRINT = "41390 67490 54197 31847 94049 13142"


@dataclass
class TextLine:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def han(n: int, start: int = 0) -> str:
    return "".join(HAN[(start + i) % len(HAN)] for i in range(n))


def pdf_lines(pdf: bytes, tmp_path: Path) -> list[TextLine]:
    path = tmp_path / "typeset.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True)
    lines: list[TextLine] = []
    for number, page in enumerate(out.stdout.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', page, re.S
        ):
            words = [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", m.group(5))]
            lines.append(TextLine(number, *(float(m.group(i)) for i in range(1, 5)), " ".join(words)))
    return lines


def in_block(lines: list[TextLine]) -> list[TextLine]:
    return [t for t in lines if t.y0 >= BLOCK_TOP - 1 and t.y1 <= BLOCK_BOTTOM + 1]


def compose(flowables: list[Any]) -> bytes:
    data = {"session": {"title": "测试", "ref": "测〔2026〕1号", "classification": ""}, "exported_by": "测试"}
    return layout.compose(data, flowables)


def test_22_lines_of_28_characters_fill_the_block(tmp_path: Path) -> None:
    s = make_styles()
    text = han(26 + 28 * 30)
    lines = [t for t in in_block(pdf_lines(compose([para(text, s["body"])]), tmp_path)) if t.page == 1]
    assert len(lines) == LINES_PER_PAGE
    assert len(lines[0].text) == CHARS_PER_LINE - 2  # 首行缩进二字
    for line in lines[1:]:
        assert len(line.text) == CHARS_PER_LINE, line.text
        assert line.x0 == pytest.approx(LEFT, abs=0.3) and line.x1 == pytest.approx(LEFT + BLOCK_W, abs=0.3)
    assert lines[0].x0 == pytest.approx(LEFT + 2 * BLOCK_W / CHARS_PER_LINE, abs=0.5)
    pitches = [b.y0 - a.y0 for a, b in zip(lines, lines[1:], strict=False)]
    assert all(p == pytest.approx(BLOCK_H / LINES_PER_PAGE, abs=0.05) for p in pitches)
    # the grid fills the block: as much room above the first line as under the last
    above, below = lines[0].y0 - BLOCK_TOP, BLOCK_BOTTOM - lines[-1].y1
    assert above == pytest.approx(below, abs=0.5) and above < (LEADING - 16) / 2 + 0.5
    # 28 characters of 三号: the character pitch is the block's width over 28
    assert (lines[1].x1 - lines[1].x0 - 16) / (CHARS_PER_LINE - 1) == pytest.approx((BLOCK_W - 16) / 27, abs=0.01)


def variants() -> list[str]:
    """Punctuation at every position of the first three lines (26 + 28 + 28 columns), alone and doubled."""
    out = []
    for k in range(1, 84):  # from 1: a paragraph may well begin with an opening mark, never a closing one
        for mark in (*CLOSING, "。”", "）。", "——", "……"):
            out.append(han(k) + mark + han(60, k))
        for mark in OPENING:
            out.append(han(k) + mark + han(8, k) + "”" + han(40, k))
    return out


def test_no_closing_mark_starts_a_line_and_no_opening_mark_ends_one(tmp_path: Path) -> None:
    s = make_styles()
    texts = variants()
    lines = in_block(pdf_lines(compose([para(t, s["body"]) for t in texts]), tmp_path))
    assert len(lines) > 3 * len(texts)
    starts = [t.text for t in lines if t.text[0] in CANNOT_START]
    ends = [t.text for t in lines if t.text[-1] in CANNOT_END]
    assert not starts, starts[:5]
    assert not ends, ends[:5]
    # the rule did work: some full lines hold fewer than 28 characters and are still stretched to the edge
    pushed = [t for t in lines if len(t.text) < CHARS_PER_LINE and t.x0 == pytest.approx(LEFT, abs=0.3)]
    assert any(t.x1 == pytest.approx(LEFT + BLOCK_W, abs=0.3) for t in pushed)
    for t in lines:
        assert t.x0 >= LEFT - 0.3 and t.x1 <= LEFT + BLOCK_W + 0.3, t.text


def test_fingerprints_file_names_and_document_numbers_never_split(tmp_path: Path) -> None:
    s = make_styles()
    texts = []
    for k in range(0, 30):
        texts.append(han(k) + "承诺指纹：" + grouped(FINGERPRINT) + "；" + han(20, k))
        texts.append(han(k) + "运行核验，使用" + keep("CA证书.pem") + "与huishen-manifest.json。" + han(10, k))
        texts.append(han(k) + "（" + keep("纪线〔2026〕18号") + "）" + han(30, k))
    lines = in_block(pdf_lines(compose([para(t, s["body"]) for t in texts]), tmp_path))
    joined = "\n".join(t.text for t in lines)
    assert joined.count(FINGERPRINT) == 30
    assert joined.count("CA证书.pem") == 30 and joined.count("huishen-manifest.json") == 30
    assert joined.count("纪线〔2026〕18号") == 30


def test_a_heading_is_kept_with_the_text_that_follows(tmp_path: Path) -> None:
    s = make_styles()
    filler = han(26 + 28 * 20)  # exactly 21 lines: the heading would be the page's last line
    story = [para(filler, s["body"]), para("五、计票结果", s["h1"]), para(han(60), s["body"])]
    lines = in_block(pdf_lines(compose(story), tmp_path))
    heading = next(t for t in lines if t.text == "五、计票结果")
    assert heading.page == 2
    page1 = [t for t in lines if t.page == 1]
    assert len(page1) == 21


TITLES = [
    "关于某局副局长违规插手工程招投标问题线索的处置",
    "关于修订《派驻机构工作规则》的集体研究",
    "关于某国有企业财务总监违规收受礼金及利用职务便利为亲属经商谋利问题线索的处置",
]
WORDS = ["招投标", "副局长", "问题线索", "派驻机构", "工作规则", "财务总监", "国有企业", "礼金", "职务便利"]


@pytest.mark.parametrize("title", TITLES)
def test_titles_break_at_word_boundaries_in_a_balanced_shape(title: str, tmp_path: Path) -> None:
    lines = in_block(pdf_lines(compose(title_block(title)), tmp_path))
    texts = [t.text for t in lines]
    assert "".join(texts) == title and len(texts) >= 2
    lengths = [len(t) for t in texts]
    assert max(lengths) - min(lengths) <= 6, texts
    position = 0
    for text in texts[:-1]:
        position += len(text)
        for word in WORDS:
            start = title.find(word)
            assert not (start >= 0 and start < position < start + len(word)), f"{word} split: {texts}"
    for t in lines:  # centred in the block
        assert (t.x0 + t.x1) / 2 == pytest.approx(LEFT + BLOCK_W / 2, abs=1.0)


def test_title_lines_respect_the_width() -> None:
    for title in TITLES:
        assert all(len(line) <= 18 for line in title_lines(title, 18))
    assert title_lines("关于某事的处置", 18) == ["关于某事的处置"]


def test_page_number_dash_is_7mm_under_the_block(tmp_path: Path) -> None:
    from tests.pdf_pixels import dark_rows

    s = make_styles()
    pdf = compose([para(han(28 * 50), s["body"])])
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    numbers = [t for t in pdf_lines(pdf, tmp_path) if t.y0 > BLOCK_BOTTOM + 1]
    assert [t.page for t in numbers] == [1, 2, 3]
    for t in numbers:
        dash_x1 = t.x0 + 14  # the first em dash of "— N —"
        rows = dark_rows(path, t.page, t.x0 + 1, dash_x1 - 1, BLOCK_BOTTOM, BLOCK_BOTTOM + 12 * mm)
        stroke = sum(rows) / len(rows)
        assert stroke - BLOCK_BOTTOM == pytest.approx(7 * mm, abs=0.3 * mm)
        right = LEFT + BLOCK_W - 14  # one character in from the outer edge
        if t.page % 2:
            assert t.x1 == pytest.approx(right, abs=0.5)
        else:
            assert t.x0 == pytest.approx(LEFT + 14, abs=0.5)
