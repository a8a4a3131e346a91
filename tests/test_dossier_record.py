"""The dossier of a two-round session as an archive record: black text, record dates, page numbers."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from app.dossier import service
from app.dossier.elements import BLOCK_H, BLOCK_W, LEFT, TOP
from tests import two_rounds


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("record") / "store")


@pytest.fixture(scope="module")
def dossier(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        service.export(clerk, two_rounds.session_id(clerk), out)
    finally:
        clerk.close()
    yield out


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_all_text_is_black(dossier: Path, tmp_path: Path) -> None:
    from tests.pdf_pixels import coloured_pixels

    assert coloured_pixels(dossier, tmp_path) == 0


def test_dates_are_written_as_a_record_writes_them(dossier: Path) -> None:
    text = _text(dossier)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "ISO date in the dossier"
    assert re.search(r"20\d\d年1?\d月[1-3]?\d日", text)
    assert not re.search(r"年0\d月|月0\d日", text)  # GB/T 9704: no leading zeros
    for page in text.split("\f"):
        zone_in_header = "时间（北京时间）" in page
        for line in page.splitlines():
            for m in re.finditer(r"\d\d:\d\d:\d\d", line):
                assert zone_in_header or "北京时间" in line[m.end() : m.end() + 12], line


def test_page_numbers_sit_7mm_under_the_block_on_alternating_sides(dossier: Path) -> None:
    from tests.pdf_pixels import dark_rows

    html = subprocess.run(["pdftotext", "-bbox", str(dossier), "-"], capture_output=True, text=True, check=True).stdout
    bottom = TOP + BLOCK_H
    pages = html.split("<page ")[1:]
    assert len(pages) >= 6
    for number, page in enumerate(pages, start=1):
        dashes = [
            (float(a), float(b), float(c))
            for a, b, c in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">—</word>', page
            )
            if float(b) > bottom
        ]
        assert len(dashes) == 2, number
        x0, _y0, x1 = dashes[0]
        rows = dark_rows(dossier, number, x0 + 1, x1 - 1, bottom, bottom + 12 * mm)
        assert sum(rows) / len(rows) - bottom == pytest.approx(7 * mm, abs=0.3 * mm)
        if number % 2:
            assert dashes[1][2] == pytest.approx(LEFT + BLOCK_W - 14, abs=0.5)
        else:
            assert dashes[0][0] == pytest.approx(LEFT + 14, abs=0.5)
