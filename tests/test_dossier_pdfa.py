"""What can be checked of PDF/A-4f here (no veraPDF): identification, the metadata in XMP and the Info dictionary
reduced to ModDate after signing and timestamping, the sRGB output intent, the manifest as an associated file,
PDF 2.0 declared, no encryption."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.dossier import longterm, service
from tests import two_rounds


@pytest.fixture(scope="module", params=["basic", "long-term"])
def dossier(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    store = two_rounds.make_store(tmp_path_factory.mktemp("pdfa") / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    out = store.parent / "dossier.pdf"
    try:
        with pytest.MonkeyPatch.context() as mp:
            if request.param == "basic":  # a clerk without a timestamping certificate signs B-B
                mp.setattr(longterm, "material", lambda ctx: None)
            service.export(clerk, two_rounds.session_id(clerk), out)
    finally:
        clerk.close()
    yield out


def _reader(path: Path) -> Any:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(BytesIO(path.read_bytes()), strict=False)


def _xmp(reader: Any) -> str:
    return bytes(reader.root["/Metadata"].get_object().data).decode("utf-8")


def _attr(xmp: str, name: str) -> str | None:
    m = re.search(rf'{name}="([^"]*)"', xmp)
    return m.group(1) if m else None


def _element(xmp: str, name: str) -> str | None:
    m = re.search(rf"<{name}[^>]*>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    return m.group(1) if m else None


def _pdf_date(value: str) -> datetime:
    digits = value.removeprefix("D:")
    return datetime.strptime(digits[:14], "%Y%m%d%H%M%S")


def test_identified_as_pdfa_4f_with_the_metadata_in_xmp(dossier: Path) -> None:
    reader = _reader(dossier)
    xmp = _xmp(reader)
    assert (_attr(xmp, "pdfaid:part"), _attr(xmp, "pdfaid:rev"), _attr(xmp, "pdfaid:conformance")) == ("4", "2020", "F")
    assert (_element(xmp, "dc:title") or "").startswith("会审案卷 ")
    assert _element(xmp, "dc:creator") == "孙记录"
    assert _element(xmp, "dc:description") == "关于某区住建局局长问题线索的处置"
    keywords = _attr(xmp, "pdf:Keywords") or ""
    assert "档号=HS·" in keywords and "保管期限=30年" in keywords and "立档单位=" in keywords
    assert _attr(xmp, "xmp:CreatorTool") == "Huishen 会审" and _attr(xmp, "xmp:CreateDate")
    info = reader.trailer["/Info"]
    # PDF 2.0 / PDF/A-4: the rest lives in XMP only (pyHanko always writes its Producer; XMP says the same)
    assert set(info.keys()) == {"/ModDate", "/Producer"}
    assert _attr(xmp, "pdf:Producer") == str(info["/Producer"])
    modified = _attr(xmp, "xmp:ModifyDate")
    assert modified is not None
    assert datetime.fromisoformat(modified).replace(tzinfo=None) == _pdf_date(str(info["/ModDate"]))


def test_srgb_output_intent_and_manifest_as_associated_file(dossier: Path) -> None:
    reader = _reader(dossier)
    intents = reader.root["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert str(intent["/S"]) == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert int(profile["/N"]) == 3
    icc = bytes(profile.data)
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    associated = [a.get_object() for a in reader.root["/AF"]]
    assert [str(a["/AFRelationship"]) for a in associated] == ["/Data"]
    assert str(associated[0]["/F"]) == "huishen-manifest.json"
    stream = associated[0]["/EF"]["/F"].get_object()
    assert str(stream["/Subtype"]) == "/application#2Fjson" or "json" in str(stream["/Subtype"])


def test_pdf_2_0_declared_and_not_encrypted(dossier: Path) -> None:
    reader = _reader(dossier)
    assert not reader.encrypted
    assert str(reader.root.get("/Version", "/1.4")).lstrip("/") == "2.0"  # ECDSA signatures (ISO 32002)
