"""The dossier as an archive item: 立档单位, 档号, 保管期限, page count, 卷内目录, 备考表, 定密责任人 — in the pages,
the PDF's metadata and the signed manifest; the signature notice and a visible signature field."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.dossier import archive, service
from app.errors import InvalidInput
from app.sessions import views
from tests import two_rounds


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("archive") / "store")


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any]]]:
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        result = service.export(clerk, two_rounds.session_id(clerk), out)
    finally:
        clerk.close()
    yield out, result


def _pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"[ \t]+", " ", page) for page in text.split("\f")[:-1]]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_cover_metadata_and_manifest_agree_with_the_file(exported: tuple[Path, dict[str, Any]]) -> None:
    path, result = exported
    pages = _pages(path)
    cover = _flat(pages[0])
    year = re.search(r"决定时间(\d{4})年", cover)
    assert year is not None
    code = f"HS·{year.group(1)}-D30-{result['session']:04d}"  # a clue disposal is kept 30 years
    assert result["archival_code"] == code and result["retention"] == "30年"
    assert f"档号{code}" in cover and "保管期限30年" in cover and "立档单位某市纪委监委" in cover
    assert f"共{len(pages)}页" in cover and result["pages"] == len(pages)
    assert "定密责任人王主持" in cover  # who set the classification when creating the matter
    xmp = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    keywords = re.search(r'pdf:Keywords="([^"]*)"', xmp).group(1)  # type: ignore[union-attr]
    for part in (f"档号={code}", "保管期限=30年", "立档单位=某市纪委监委", f"页数={len(pages)}", "定密责任人=王主持"):
        assert part in keywords
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.dossier.signing import read_manifest

    with path.open("rb") as fh:
        manifest = read_manifest(PdfFileReader(fh, strict=False))
    assert manifest is not None
    assert manifest["archive"]["archival_code"] == code and manifest["archive"]["pages"] == len(pages)


def test_table_of_contents_gives_the_page_each_section_is_on(exported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = exported
    pages = _pages(path)
    toc = pages[1]
    assert "卷内目录" in toc
    rows = re.findall(r"^\s*(\d+)\s+(\S+)\s+(\d+)\s*$", toc, re.M)
    assert len(rows) == 13
    assert rows[0][1:] == ("卷内目录", "2")
    for _, title, page in rows[1:]:
        landed = [i + 1 for i, p in enumerate(pages) if title in _flat(p) and i != 1]
        assert int(page) == landed[0], (title, page, landed)
    assert rows[-1][1] == "卷内备考表" and int(rows[-1][2]) == len(pages)


def test_reference_table_and_signature_notice_on_the_last_page(exported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = exported
    last = _flat(_pages(path)[-1])
    assert "卷内备考表" in last and "立卷人孙记录" in last and "检查人" in last and "立卷时间" in last
    assert "数字签名说明" in last and "非电子印章" in last
    assert "电子签章" not in "".join(_flat(p) for p in _pages(path))


def test_the_signature_field_is_visible_on_the_last_page(exported: tuple[Path, dict[str, Any]]) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    path, _ = exported
    with path.open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        signature = reader.embedded_signatures[0]
        widget = signature.sig_field
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        assert x2 - x1 > 100 and y2 - y1 > 40  # a visible box, not a zero-size field
        last = reader.root["/Pages"]["/Kids"][-1].get_object()
        assert any(a.get_object() is widget or a.get_object() == widget for a in last.get("/Annots", []))
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" in sig and "HuishenSignature" in sig  # B-LTA: timestamps follow, so not "total"


def test_retention_is_chosen_per_kind_and_can_be_changed(store: Path, tmp_path: Path) -> None:
    assert archive.retention_for("case_trial") == "永久"
    assert archive.retention_for("collective_study") == "10年"
    assert archive.retention_for("clue_disposal", "永久") == "永久"
    with pytest.raises(InvalidInput):
        archive.retention_for("clue_disposal", "5年")
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        sid = two_rounds.session_id(clerk, "纪线〔2026〕6号")
        bad = tmp_path / "bad.pdf"
        with pytest.raises(InvalidInput):
            service.export(clerk, sid, bad, retention="五年")
        assert not bad.exists() and views.show(clerk, sid)["status"] == "decided"
        result = service.export(clerk, sid, tmp_path / "kept.pdf", retention="永久")
        assert "-Y-" in result["archival_code"] and result["retention"] == "永久"
        assert "保管期限永久" in _flat(_pages(tmp_path / "kept.pdf")[0])
    finally:
        clerk.close()
