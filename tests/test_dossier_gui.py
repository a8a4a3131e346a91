"""The clerk's dossier screen: a preview that archives nothing, export only after confirmation, and printing by
clicking 打印 — the dialog opens, copies come out at 100 % on A4, each with its own audited 份号."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from reportlab.lib.units import mm
from sqlalchemy import select

from app.dossier import printing
from app.dossier.elements import BLOCK_W, LEFT, PAGE_H, PAGE_W, TOP
from app.sessions import views
from models import AuditEntry
from tests import two_rounds
from tests.pdf_pixels import crop, rule_geometry
from ui.dossier_view import DossierView
from ui.worker import DbWorker


@pytest.fixture
def clerk_view(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[DossierView, Any, int]]:
    store = two_rounds.make_store(tmp_path / "store")
    clerk = two_rounds.open_as(store, "孙记录")
    worker = DbWorker()
    try:
        sid = two_rounds.session_id(clerk)
        view = DossierView(clerk, worker, views.show(clerk, sid))
        qtbot.addWidget(view)
        yield view, clerk, sid
    finally:
        worker.shutdown()
        clerk.close()


def _last_entry(clerk: Any) -> AuditEntry:
    with clerk.store.transaction() as db:
        entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        db.expunge(entry)
        return entry


def test_preview_then_confirmed_export_then_printed_copies(
    clerk_view: tuple[DossierView, Any, int], qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clerk, sid = clerk_view
    qtbot.mouseClick(view.preview_button, qtbot_left())
    qtbot.waitUntil(lambda: view.pages_layout.count() >= 5, timeout=30000)
    assert views.show(clerk, sid)["status"] == "decided"  # a preview archives nothing
    assert "not archived" in view.status.text() or "未归档" in view.status.text()

    out = tmp_path / "dossier.pdf"
    monkeypatch.setattr("ui.dossier_view.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(view.export_button, qtbot_left())
    box = view.confirmation
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert not out.exists() and views.show(clerk, sid)["status"] == "decided"

    qtbot.mouseClick(view.export_button, qtbot_left())
    with qtbot.waitSignal(view.exported, timeout=30000):
        view.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert views.show(clerk, sid)["status"] == "archived"
    assert printing.printed_number(out.read_bytes()) == "000001"

    qtbot.mouseClick(view.print_button, qtbot_left())
    dialog = view.print_dialog
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    printer = dialog.printer()
    printed = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setCopyCount(2)
    printer.setResolution(150)
    with qtbot.waitSignal(view.printed, timeout=60000) as signal:
        dialog.done(QDialog.DialogCode.Accepted)
    assert signal.args == [["000002", "000003"]]
    entry = _last_entry(clerk)
    assert entry.action == "dossier.print"
    assert json.loads(entry.details) == {"copies": 2, "numbers": ["000002", "000003"]}

    from pypdf import PdfReader

    pages = PdfReader(str(printed)).pages
    n = len(PdfReader(str(out)).pages)
    assert len(pages) == 2 * n
    for page in pages:  # A4, not scaled to a printable area
        assert round(float(page.mediabox.width)) == round(PAGE_W) and round(float(page.mediabox.height)) == round(
            PAGE_H
        )
    # 100 %: the header rule lies exactly where the file has it (a print fitted to a printable area moves it)
    header = (LEFT + 20, LEFT + BLOCK_W - 20, TOP - 12 * mm, TOP - 2 * mm)
    expected = rule_geometry(out, 1, *header)
    for page in (1, n, 2 * n):
        found = rule_geometry(printed, page, *header)
        assert found == pytest.approx(expected, abs=0.6), (page, found, expected)
    # each copy its own number: the 份号 areas of the two copies differ, and copy 1 differs from the file's
    a, b, c = (crop(f, p, *_box()).convert("L").tobytes() for f, p in ((out, 1), (printed, 1), (printed, n + 1)))
    assert _ink(a) > 0 and _ink(b) > 0 and _ink(c) > 0
    assert a != b and b != c


def _box() -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = printing.NUMBER_BOX
    return x0, x1, y0, y1


def _ink(pixels: bytes) -> int:
    return sum(1 for v in pixels if v < 128)


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
