"""Printed copies: one 份号 per copy, reserved in the audit log before printing, never given twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.dossier import printing, service
from app.dossier.elements import make_styles, para
from app.errors import InvalidInput, NotPermitted, Refused
from models import AuditEntry
from tests import two_rounds
from tests.test_dossier_typesetting import compose


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("printing") / "store")


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        service.export(clerk, two_rounds.session_id(clerk), out)
    finally:
        clerk.close()
    yield out


def _print_entries(store: Path) -> list[dict[str, object]]:
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        with clerk.store.transaction() as db:
            rows = db.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.print").order_by(AuditEntry.seq))
            return [json.loads(r.details) for r in rows]
    finally:
        clerk.close()


def test_copy_numbers_are_reserved_in_order_and_never_reused(store: Path, exported: Path, tmp_path: Path) -> None:
    clerk = two_rounds.open_as(store, "孙记录")
    chair = two_rounds.open_as(store, "王主持")
    try:
        sid = two_rounds.session_id(clerk)
        assert printing.printed_number(exported.read_bytes()) == "000001"
        assert service.record_print(clerk, sid, 3) == ["000002", "000003", "000004"]
        assert service.record_print(clerk, sid, 1) == ["000005"]
        for bad in (0, -1, printing.MAX_COPIES + 1):
            with pytest.raises(InvalidInput):
                service.record_print(clerk, sid, bad)
        with pytest.raises(NotPermitted):
            service.record_print(chair, sid, 1)
        with pytest.raises(Refused):  # a decided session not yet exported has no record to print
            service.record_print(clerk, two_rounds.session_id(clerk, "纪线〔2026〕6号"), 1)
        again = tmp_path / "again.pdf"
        result = service.export(clerk, sid, again)
        assert result["copy"] == "000006"  # after every printed number
    finally:
        clerk.close()
        chair.close()
    assert _print_entries(store)[-2:] == [
        {"copies": 3, "numbers": ["000002", "000003", "000004"]},
        {"copies": 1, "numbers": ["000005"]},
    ]


def _mask(image: object, box: tuple[float, ...], scale: float) -> list[bool]:
    region = image.crop(tuple(round(v * scale) for v in box)).convert("L")  # type: ignore[attr-defined]
    return [v < 128 for v in region.tobytes()]


def _reference(number: str, tmp_path: Path, dpi: float) -> object:
    """The layout's own rendering of a first page whose 份号 is ``number``."""
    pdf = compose([para(number, make_styles()["mark"])])
    return next(printing.copy_pages(pdf, None, dpi))


def test_each_copy_carries_its_number_in_the_layout_s_place(exported: Path, tmp_path: Path) -> None:
    dpi = 200
    scale = dpi / 72
    box = printing.NUMBER_BOX
    for number in ("000007", "000038"):
        drawn = _mask(next(printing.copy_pages(exported.read_bytes(), number, dpi)), box, scale)
        # read the number back: of the layout's own renderings of candidate numbers, the closest is the one drawn
        candidates = {number[:-1] + str(d) for d in range(10)} | {"000001", "000083", "000039"}
        distance = {
            c: sum(a != b for a, b in zip(drawn, _mask(_reference(c, tmp_path, dpi), box, scale), strict=True))
            for c in candidates
        }
        assert min(distance, key=lambda c: distance[c]) == number, distance
    # the other pages are the file's own
    pages = list(printing.copy_pages(exported.read_bytes(), "000007", 50))
    plain = list(printing.copy_pages(exported.read_bytes(), None, 50))
    assert len(pages) == len(plain) > 5
    assert all(a.tobytes() == b.tobytes() for a, b in zip(pages[1:], plain[1:], strict=True))
    assert pages[0].tobytes() != plain[0].tobytes()
