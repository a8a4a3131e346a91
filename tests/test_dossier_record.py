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


def test_preview_is_marked_on_every_page_unsigned_and_archives_nothing(store: Path, tmp_path: Path) -> None:
    from app.sessions import views

    clerk = two_rounds.open_as(store, "孙记录")
    try:
        sid = two_rounds.session_id(clerk, "纪线〔2026〕6号")
        pdf = service.preview(clerk, sid)
        assert views.show(clerk, sid)["status"] == "decided"
    finally:
        clerk.close()
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = raw.split("\f")[:-1]
    assert len(pages) >= 6
    for page in pages:  # drawn diagonally: one glyph a line in reading order
        assert "预览稿—未归档" in re.sub(r"\s+", "", page)
    assert b"/ByteRange" not in pdf and b"huishen-manifest" not in pdf  # not signed, no manifest: not a record
    report = service.verify(path, [])
    assert not report.ok


def test_cli_preview_writes_an_unsigned_preview_and_refuses_to_overwrite(store: Path, tmp_path: Path) -> None:
    import json

    from app import demo
    from tests.conftest import run_cli

    clerk = two_rounds.open_as(store, "孙记录")
    sid = two_rounds.session_id(clerk, "纪线〔2026〕6号")
    clerk.close()
    env = {"HUISHEN_PASSPHRASE": demo.PASSPHRASE}
    out = tmp_path / "preview.pdf"
    base = ("--store", str(store), "--user", "孙记录")
    r = run_cli(*base, "--json", "dossier", "preview", str(sid), "--out", str(out), env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["archived"] is False
    assert out.read_bytes().startswith(b"%PDF")
    before = out.read_bytes()
    r = run_cli(*base, "dossier", "preview", str(sid), "--out", str(out), env=env)
    assert r.returncode == 2 and "already exists" in r.stderr and out.read_bytes() == before
