"""The import dialog: what the file is, from whom, what importing does; refusals shown, nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.exchange import cards
from tests import exchange_world
from tests.exchange_world import ADMIN, World, store_files
from ui.exchange_dialog import ImportDialog
from ui.worker import DbWorker


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = exchange_world.build(tmp_path / "world")
    yield w
    w.close()


def test_card_described_refused_on_a_wrong_fingerprint_then_registered(
    world: World, tmp_path: Path, qtbot: QtBot
) -> None:
    data, info = cards.export(world.b("乙"))
    card = tmp_path / "yi.card"
    card.write_bytes(data)
    admin = world.a(ADMIN)
    worker = DbWorker()
    try:
        dialog = ImportDialog(admin, worker, card)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=15000)
        assert "乙" in dialog.from_label.text() and info["fingerprint"] in dialog.from_label.text()
        assert dialog.fingerprint.isVisible()
        before = store_files(admin.store.directory)
        dialog.fingerprint.setText("12345 67890 12345 67890 12345 67890")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not the card" in dialog.message.text(), timeout=15000)
        assert store_files(admin.store.directory) == before
        dialog.fingerprint.setText(info["fingerprint"])
        with qtbot.waitSignal(dialog.imported, timeout=15000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert info["fingerprint"] in admin.registry.foreign
    finally:
        worker.shutdown()


def test_a_file_for_someone_else_is_refused_before_any_button(world: World, qtbot: QtBot) -> None:
    clerk = world.a("记录员")
    worker = DbWorker()
    try:
        dialog = ImportDialog(clerk, worker, world.batch)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: "not addressed to you" in dialog.message.text(), timeout=15000)
        assert not dialog.import_button.isEnabled()
    finally:
        worker.shutdown()
