"""The dossier's faces: 楷体 (AR PL UKai) for level-2 headings; the organisation's licensed fonts installed by
the security officer — refused unless embeddable and complete, verified against the signed log on use."""

from __future__ import annotations

import json
import re
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.dossier import fontcheck, fonts, service
from app.errors import InvalidInput, NotPermitted, Refused
from models import AuditEntry
from tests import two_rounds

UKAI = fonts.FONT_DIR / "ukai.ttc"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield two_rounds.make_store(tmp_path_factory.mktemp("fonts") / "store")
    fonts._current.clear()  # later tests start from the shipped faces


def _font_entries(store: Path) -> list[dict[str, object]]:
    officer = two_rounds.open_as(store, "保密员")
    try:
        with officer.store.transaction() as db:
            rows = db.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.font"))
            return [json.loads(r.details) for r in rows]
    finally:
        officer.close()


def _with_fs_type(source: Path, target: Path, flags: int) -> Path:
    """A copy of face 0 of ``source`` whose OS/2 fsType says ``flags``."""
    data = bytearray(source.read_bytes())
    start = fontcheck._table_directory(bytes(data), 0)
    offset, _ = fontcheck._tables(bytes(data), 0)[b"OS/2"]
    assert start is not None
    data[offset + 8 : offset + 10] = struct.pack(">H", flags)
    target.write_bytes(bytes(data))
    return target


def _pdffonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_shipped_faces_include_kai_for_level_two_headings(store: Path, tmp_path: Path) -> None:
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        out = tmp_path / "shipped.pdf"
        pdf, _ = service.build(clerk, two_rounds.session_id(clerk))
        out.write_bytes(pdf)
    finally:
        clerk.close()
    listing = _pdffonts(out)
    assert "UKaiCN" in listing and "UMingCN" in listing and "WenQuanYiMicroHei" in listing
    for row in listing.splitlines()[2:]:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda tmp: _with_fs_type(UKAI, tmp / "restricted.ttf", 0x0002), "licence"),
        (lambda tmp: _with_fs_type(UKAI, tmp / "nosubset.ttf", 0x0100), "licence"),
        (lambda tmp: _with_fs_type(UKAI, tmp / "bitmap.ttf", 0x0200), "licence"),
        (lambda tmp: DEJAVU, "lacks"),
        (
            lambda tmp: (tmp / "junk.ttf").write_bytes(b"not a font at all, just bytes" * 10) and tmp / "junk.ttf",
            "TrueType",
        ),
    ],
)
def test_unusable_fonts_are_refused_and_nothing_is_installed(
    store: Path, tmp_path: Path, make: object, needle: str
) -> None:
    if not DEJAVU.exists() and needle == "lacks":
        pytest.skip("DejaVu Sans is not installed")
    path = make(tmp_path)  # type: ignore[operator]
    before = _font_entries(store)
    officer = two_rounds.open_as(store, "保密员")
    try:
        with pytest.raises(InvalidInput, match=needle):
            fonts.install(officer, "body", path)
    finally:
        officer.close()
    assert _font_entries(store) == before


def test_installed_font_is_used_and_verified_on_use(store: Path, tmp_path: Path) -> None:
    officer = two_rounds.open_as(store, "保密员")
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        with pytest.raises(NotPermitted):
            fonts.install(clerk, "heading1", UKAI)
        with pytest.raises(InvalidInput, match="role"):
            fonts.install(officer, "footnote", UKAI)
        result = fonts.install(officer, "heading1", UKAI)  # the organisation's 黑体 stand-in
        assert Path(str(result["file"])).is_file()
        assert _font_entries(store)[-1]["role"] == "heading1"
        out = tmp_path / "installed.pdf"
        pdf, _ = service.build(clerk, two_rounds.session_id(clerk))
        out.write_bytes(pdf)
        listing = _pdffonts(out)
        assert "WenQuanYiMicroHei" in listing  # still the 份号 face
        # an insider swaps the installed file: the export refuses instead of printing other glyphs
        installed = Path(str(result["file"]))
        installed.write_bytes(DEJAVU.read_bytes() if DEJAVU.exists() else b"swapped")
        with pytest.raises(Refused, match="changed or removed"):
            service.build(clerk, two_rounds.session_id(clerk))
        installed.unlink()
        with pytest.raises(Refused, match="changed or removed"):
            service.build(clerk, two_rounds.session_id(clerk))
    finally:
        officer.close()
        clerk.close()


def test_gb2312_level_one_is_the_coverage_asked_for() -> None:
    level1 = fontcheck.gb2312_level1()
    assert len(level1) == 3755 and "啊" in level1 and "座" in level1
    assert fontcheck.check(UKAI)["fsType"] == 0
