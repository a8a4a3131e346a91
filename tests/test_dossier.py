"""The signed dossier, checked from the file alone as an archive would, and against the store."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

from app import accounts, demo
from app.context import AccountContext
from app.dossier import layout, service
from app.errors import InvalidInput, NotPermitted, Refused
from tests.conftest import run_cli

DECIDED_REF = "纪线〔2026〕6号"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("dossier") / "store"
    ctx, _ = demo.create_store(directory)
    demo.populate(ctx)
    ctx.close()
    return directory


def _open(directory: Path, name: str) -> AccountContext:
    return accounts.open_account(directory, name, demo.PASSPHRASE)


def _session_id(ctx: AccountContext, ref: str) -> int:
    from app.sessions import views

    return next(r["id"] for r in views.list_sessions(ctx) if r["ref"] == ref)


@pytest.fixture(scope="module")
def exported(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, int]]:
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    clerk = _open(demo_store, "孙记录")
    sid = _session_id(clerk, DECIDED_REF)
    result = service.export(clerk, sid, out)
    assert result["status"] == "archived"
    clerk.close()
    officer = _open(demo_store, "保密员")
    ca = out.parent / "ca.pem"
    from app import certs

    ca.write_text(certs.export_ca_pem(officer), "utf-8")
    officer.close()
    yield out, ca, sid


def test_fonts_are_all_embedded(exported: tuple[Path, Path, int]) -> None:
    out = subprocess.run(["pdffonts", str(exported[0])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"not embedded: {row}"


def test_text_comes_back_in_chinese(exported: tuple[Path, Path, int]) -> None:
    text = subprocess.run(["pdftotext", str(exported[0]), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for department in ("第一监督检查室", "第二监督检查室", "第三监督检查室", "案件审理室", "信访室"):
        assert department in flat
    assert "举报内容虽有项目名称，但关于收受好处的情节仅为传闻" in flat  # the dissent, verbatim
    assert "对该问题线索予以初步核实，由第一监督检查室牵头" in flat  # the decision
    assert "主持人末位表态" in flat and "秘密★1年" in flat and "000001" in flat
    assert "—1—" in flat


def test_a4_and_text_within_the_gbt9704_block(exported: tuple[Path, Path, int]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(exported[0]))
    assert len(reader.pages) >= 5
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    html = subprocess.run(
        ["pdftotext", "-bbox", str(exported[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        tuple(float(v) for v in m)
        for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html)
    ]
    assert len(words) > 200
    top = layout.TOP  # measured from the top of the page, as pdftotext does
    bottom = layout.PAGE_H - layout.BOTTOM
    tolerance = 2.0
    in_block = [w for w in words if w[1] >= top - tolerance and w[3] <= bottom + tolerance]
    for x0, _y0, x1, _y1 in in_block:
        assert x0 >= layout.LEFT - tolerance and x1 <= layout.LEFT + layout.BLOCK_W + tolerance
    outside = [w for w in words if w not in in_block]
    # outside the block: only the running header (mark, ref) and the page number "— N —"
    for _x0, y0, _x1, y1 in outside:
        assert y1 < top or y0 > bottom


def test_signature_validates_and_matches_the_store(exported: tuple[Path, Path, int], demo_store: Path) -> None:
    out, ca, _ = exported
    report = service.verify(out, [ca.read_bytes()])
    assert report.ok, report.failure
    clerk = _open(demo_store, "孙记录")
    try:
        report = service.verify(out, [], clerk)
    finally:
        clerk.close()
    assert report.ok, report.failure
    assert any("match the store" in c for c in report.checks)
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" in pdfsig and "记录员 孙记录" in pdfsig


@pytest.mark.parametrize("where", [0.02, 0.3, 0.5, 0.9, 0.999])
def test_one_flipped_byte_fails(exported: tuple[Path, Path, int], tmp_path: Path, where: float) -> None:
    out, ca, _ = exported
    data = bytearray(out.read_bytes())
    # B-LTA: pyHanko appends validation data (and the XMP date it rewrites) after the last document timestamp;
    # that revision is checked only as "validation data" (README, limits). Flip inside what the signature and
    # the timestamp cover: everything up to the end of the revision before it.
    covered = [m.end() for m in re.finditer(rb"%%EOF", bytes(data))][-2]
    index = int(covered * where)
    data[index] ^= 0x01
    bad = tmp_path / "flipped.pdf"
    bad.write_bytes(bytes(data))
    report = service.verify(bad, [ca.read_bytes()])
    assert not report.ok, f"flip at {index} not detected"


def test_appended_update_fails_and_cli_exits_1(exported: tuple[Path, Path, int], tmp_path: Path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    out, ca, _ = exported
    writer = IncrementalPdfFileWriter(BytesIO(out.read_bytes()))
    writer.root["/Lang"] = generic.pdf_string("en")
    writer.update_root()
    buffer = BytesIO()
    writer.write(buffer)
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(buffer.getvalue())
    report = service.verify(appended, [ca.read_bytes()])
    assert not report.ok and "entire file" in (report.failure or "")
    r = run_cli("dossier", "verify", str(appended), "--trust", str(ca))
    assert r.returncode == 1 and "FAILED" in r.stdout
    r = run_cli("dossier", "verify", str(out), "--trust", str(ca))
    assert r.returncode == 0 and "VERIFIED" in r.stdout
    other_ca = tmp_path / "other.pem"
    shutil.copy(ca, other_ca)
    r = run_cli("dossier", "verify", str(out))
    assert r.returncode == 1  # no trust root: not verified


def test_export_refusals(demo_store: Path, tmp_path: Path) -> None:
    clerk = _open(demo_store, "孙记录")
    chair = _open(demo_store, "王主持")
    try:
        revealed = _session_id(clerk, "纪线〔2026〕8号")
        with pytest.raises(Refused, match="decided"):
            service.export(clerk, revealed, tmp_path / "x.pdf")
        with pytest.raises(NotPermitted):
            service.export(chair, revealed, tmp_path / "x.pdf")
        existing = tmp_path / "exists.pdf"
        existing.write_bytes(b"keep me")
        with pytest.raises(InvalidInput):
            service.export(clerk, _session_id(clerk, DECIDED_REF), existing)
        assert existing.read_bytes() == b"keep me"
        assert not (tmp_path / "x.pdf").exists()
    finally:
        clerk.close()
        chair.close()


def test_missing_font_stops_the_export(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.dossier import fonts

    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path / "no-fonts")
    monkeypatch.setattr(fonts, "_current", {})
    clerk = _open(demo_store, "孙记录")
    try:
        out = tmp_path / "never.pdf"
        with pytest.raises(Refused, match="font"):
            service.export(clerk, _session_id(clerk, DECIDED_REF), out, overwrite=True)
        assert not out.exists()
    finally:
        clerk.close()


def test_font_covers_what_the_dossier_prints() -> None:
    from app.dossier import fonts

    fonts.register()
    assert fonts.covers(fonts.SONG, "纪线〔2026〕6号 秘密★1年 — 1 — ABCxyz：，。（）") == []
    assert fonts.covers(fonts.SONG, "\U0001f600") == ["\U0001f600"]
