"""The dossier is laid out and drawn in one pass (issue 16): the story is made once and built once; the numbers
known only at the end (the cover's "共 N 页", the 卷内目录's page numbers) are forms defined before the file is
saved, the 卷内备考表's "本卷共 N 页" is made when the layout reaches it. Checked on a dossier of more than ten
pages, against the page each section's heading is really found on."""

from __future__ import annotations

import copy
import re
from typing import Any

import pypdfium2 as pdfium
import pytest
from reportlab import rl_config

from app.dossier import data as dossier_data
from app.dossier import layout, page
from app.dossier.elements import make_styles
from app.dossier.late import LateText
from app.errors import Refused
from tests import two_rounds


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A second-round dossier's content, its log printed four times over so that it runs past page ten."""
    store = two_rounds.make_store(tmp_path_factory.mktemp("one_pass") / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        data = dossier_data.collect(clerk, two_rounds.session_id(clerk))
    finally:
        clerk.close()
    data["audit"] = data["audit"] * 4
    return data


@pytest.fixture(autouse=True)
def faces() -> None:
    from app.dossier.fonts import register

    register()


def _page_lines(pdf: bytes) -> list[list[str]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            [line.strip() for line in document[i].get_textpage().get_text_range().splitlines() if line.strip()]
            for i in range(len(document))
        ]
    finally:
        document.close()


def _counted_render(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, dict[str, list[Any]]]:
    calls: dict[str, list[Any]] = {"story": [], "drawn": [], "laid_out": []}
    real_story, real_build = layout.story, page.Doc.build

    def story(d: dict[str, Any]) -> Any:
        calls["story"].append(1)
        return real_story(d)

    def build(self: page.Doc, flowables: list[Any], *args: Any, **kwargs: Any) -> Any:
        kind = "laid_out" if kwargs.get("canvasmaker") is page.LayoutOnly else "drawn"
        calls[kind].append([getattr(f, "text", type(f).__name__) for f in flowables[:1]])
        return real_build(self, flowables, *args, **kwargs)

    monkeypatch.setattr(layout, "story", story)
    monkeypatch.setattr(page.Doc, "build", build)
    pdf = layout.render(data)
    monkeypatch.undo()
    return pdf, calls


def test_one_pass_and_the_numbers_are_the_real_pages(content: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    data = copy.deepcopy(content)
    pdf, calls = _counted_render(data, monkeypatch)
    assert len(calls["story"]) == 1 and len(calls["drawn"]) == 1  # one story, built and drawn once
    # the only other layout: the 卷内备考表 alone, to know the pages it takes (not the story)
    assert calls["laid_out"] and all(first == ["卷内备考表"] for first in calls["laid_out"]), calls["laid_out"]
    assert len(calls["laid_out"]) <= 2

    pages = _page_lines(pdf)
    count = len(pages)
    assert count >= 10, count  # two-digit numbers
    assert data["archive"]["pages"] == count
    cover = "".join(pages[0])
    assert f"共 {count} 页" in cover or f"共{count}页" in re.sub(r"\s+", "", cover)
    remarks = re.sub(r"\s+", "", "".join(pages[-1]) + "".join(pages[-2]))
    assert f"本卷共{count}页" in remarks

    toc = pages[1]
    assert "卷内目录" in toc[:3]  # under the running header and the page number
    found: dict[str, int] = {}
    for number, title in enumerate(layout.CONTENTS, start=1):
        after = 1 if title == "卷内目录" else 2  # every title is listed on the 卷内目录's page itself
        found[title] = next(n + 1 for n in range(after, count) if title in pages[n])  # its heading's line
        listed = toc[toc.index(f"{number} {title}") + 1]  # the 页号 cell (a form) follows the row's text
        assert listed == str(found[title]), (title, listed, found[title])
    assert max(found.values()) >= 10
    assert data["archive"]["contents"] == [{"title": t, "page": found[t]} for t in layout.CONTENTS]


def test_the_file_is_the_same_each_time(content: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered again from the same data (as a preview is), byte for byte under ReportLab's invariant mode."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    data = copy.deepcopy(content)
    first = layout.render(data)
    assert layout.render(data) == first
    assert layout.render(copy.deepcopy(content)) == first


def test_the_late_numbers_are_checked_against_the_font(
    content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page count printed on the cover is known only after the layout: its digits are checked all the same."""
    real = layout.covers
    count = len(_page_lines(layout.render(copy.deepcopy(content))))
    digit = str(count)[-1]

    def lacking_on_the_cover(font: str, text: str) -> list[str]:
        return [digit] if text == f"共 {count} 页" else real(font, text)

    monkeypatch.setattr(layout, "covers", lacking_on_the_cover)
    with pytest.raises(Refused):
        layout.render(copy.deepcopy(content))


def test_a_late_text_keeps_its_box_and_refuses_a_text_that_does_not_fit() -> None:
    s = make_styles()
    numbers = {"n": 7}
    late = LateText("probe", "—", lambda: str(numbers["n"]), s["cell"])
    width, height = late.wrap(60.0, 1000.0)
    assert (width, height) == (60.0, s["cell"].leading)
    for n in (7, 42, 999):
        numbers["n"] = n
        printed = late.final()
        assert printed.getPlainText() == str(n) and (printed.width, printed.height) == (width, height)
    numbers["n"] = 10**40
    with pytest.raises(AssertionError):
        late.final()


def _printed_count(flowables: list[Any]) -> int:
    table = next(f for f in flowables if hasattr(f, "_cellvalues"))
    match = re.match(r"本卷共 (\d+) 页", table._cellvalues[0][1].text)
    assert match is not None
    return int(match.group(1))


def test_the_remarks_count_settles_when_its_digits_move_a_page(
    content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a two-digit count push the 卷内备考表 onto a second page, it prints the count with that page."""
    from app.dossier import remarks

    def taken(self: page.Doc, flowables: list[Any]) -> int:
        return 1 if _printed_count(flowables) < 10 else 2

    monkeypatch.setattr(page.Doc, "lay_out", taken)
    data = copy.deepcopy(content)
    made = remarks.made_at(data, make_styles(), {}, lambda _: None)(10)  # the 备考表 starts on page 10
    assert data["_page_count"] == 11 and _printed_count(made) == 11
    made = remarks.made_at(data, make_styles(), {}, lambda _: None)(9)
    assert data["_page_count"] == 9 and _printed_count(made) == 9

    monkeypatch.setattr(page.Doc, "lay_out", lambda self, f: 2 - _printed_count(f) % 2)  # 10 → 11 → 10…
    with pytest.raises(AssertionError):
        remarks.made_at(data, make_styles(), {}, lambda _: None)(10)
