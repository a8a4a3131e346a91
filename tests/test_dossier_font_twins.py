"""One font file registered under several names is read once (issue 16): the shipped Song face serves the body,
the title and the page numbers. Each name must still be a font of its own, and the file the same as when each
name read the file for itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.dossier import fonts, layout
from app.dossier.elements import make_styles, para, title_block


@pytest.fixture
def fresh() -> Iterator[None]:
    fonts._current.clear()
    yield
    fonts._current.clear()  # later tests register the shipped faces afresh


def _pdf() -> bytes:
    s = make_styles()
    data = {"session": {"title": "测试", "ref": "测〔2026〕1号", "classification": "秘密"}, "exported_by": "测试"}
    story = [
        *title_block("关于某某问题线索的处置"),
        para("一、事项与议题", s["h1"]),
        para("理由：经认真审阅线索材料，认为反映的问题具体明确。" * 8, s["body"]),
        para("（一）核实情况", s["h2"]),
        para("000001", s["copy"]),
    ]
    return layout.compose(data, story)


def test_names_of_one_file_share_its_face(fresh: None) -> None:
    fonts.use()
    song, title, page_no = (pdfmetrics.getFont(n) for n in (fonts.SONG, fonts.TITLE, fonts.PAGE_NO))
    assert song.face is title.face is page_no.face
    assert pdfmetrics.getFont(fonts.HEI).face is pdfmetrics.getFont(fonts.NUMBER).face
    assert pdfmetrics.getFont(fonts.KAI).face is not song.face


def test_a_twin_is_a_font_of_its_own_on_the_same_face() -> None:
    path, index = fonts.face_file(fonts.SONG)
    read = TTFont(fonts.SONG, path, subfontIndex=index)
    twin = fonts._twin(read, "HuishenTwinTest")
    separate = TTFont("HuishenTwinTest", path, subfontIndex=index)
    assert twin.face is read.face
    assert twin.fontName == "HuishenTwinTest" and read.fontName == fonts.SONG
    assert twin.state is not read.state and len(twin.state) == 0
    assert twin.shapable == separate.shapable
    assert twin._asciiReadable == separate._asciiReadable
    assert twin.stringWidth("意见：初步核实 ok", 16) == separate.stringWidth("意见：初步核实 ok", 16)


def _unregister() -> None:
    for name in fonts.SHIPPED:
        font = pdfmetrics._fonts.pop(name, None)
        if font is not None:
            pdfmetrics._dynFaceNames.pop(font.face.name, None)
    fonts._current.clear()


def test_the_file_is_the_one_separately_read_faces_make(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    _unregister()
    for name in fonts.SHIPPED:  # as use() did: each name reads its file itself
        path, index = fonts.face_file(name)
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    before = _pdf()
    _unregister()
    fonts.use()
    assert _pdf() == before


def test_a_face_chosen_later_replaces_the_one_registered_before(fresh: None) -> None:
    """ReportLab ignores a second registration of a name: use() must replace it, or an organisation's face
    installed after a first dossier (or removed again) would silently not be drawn."""
    kai_file = fonts.face_file(fonts.KAI)
    try:
        fonts.use()
        shipped = pdfmetrics.getFont(fonts.SONG).face.name
        fonts.use({fonts.SONG: kai_file})
        assert pdfmetrics.getFont(fonts.SONG).face.name == pdfmetrics.getFont(fonts.KAI).face.name != shipped
        assert fonts.face_file(fonts.SONG) == kai_file
        assert pdfmetrics.getFont(fonts.TITLE).face.name == shipped  # the other names keep their face
        fonts.use()
        assert pdfmetrics.getFont(fonts.SONG).face.name == shipped
        assert pdfmetrics.getFont(fonts.TITLE).face is pdfmetrics.getFont(fonts.SONG).face  # one object again
    finally:
        fonts._current.clear()
        fonts.use()
