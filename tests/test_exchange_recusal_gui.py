"""The window's side of a recusal by envelope file (issue 10): the reviewer at their own workstation declares a
conflict in the opinion editor of an imported session package and the recusal request is written as the
envelope file; the chair's store imports it and the chair's recusal panel shows the statement sealed to the
chair's identity key; opened again, the editor offers no second envelope for the round."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.exchange import imports
from tests import exchange_world
from tests.exchange_world import CHAIR, MEMBER, REVIEWER, store_files
from tests.test_exchange_desk_gui import WAIT, Case, open_editor, press_go
from ui.exchange_desk import ExchangeScreen
from ui.worker import DbWorker

STATEMENT = "本人与被反映人系近亲属关系，申请回避。"


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    world = exchange_world.copy(exchange_world.build(tmp_path / "world"), tmp_path / "open")
    sid = exchange_world.open_remote_reviewer(world)
    imports.import_file(world.b(REVIEWER), world.root / "package.hsx")
    yield Case(world, sid)
    world.close()


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


def test_reviewer_requests_recusal_in_the_window_and_the_chair_reads_it(
    case: Case, qtbot: QtBot, worker: DbWorker, tmp_path: Path
) -> None:
    from app.sessions import recusal_decisions

    reviewer, chair = case.world.b(REVIEWER), case.world.a(CHAIR)
    screen = ExchangeScreen(reviewer, worker)
    qtbot.addWidget(screen)
    screen.show()
    dialog = open_editor(qtbot, screen)
    editor = dialog.editor
    assert editor.conflict.isEnabled()
    editor.conflict.click()
    assert "recusal" in editor.seal_button.text()
    # Without a statement the service refuses and nothing is written.
    before = store_files(reviewer.store.directory)
    empty = case.world.root / "empty.hsx"
    editor.seal_to(empty)
    qtbot.waitUntil(lambda: "reason for your recusal" in editor.message.text(), timeout=WAIT)
    assert not empty.exists() and store_files(reviewer.store.directory) == before
    editor.conflict_text.setText(STATEMENT)
    qtbot.mouseClick(editor.seal_button, Qt.MouseButton.LeftButton)
    assert editor.confirmation.windowTitle() == "Request recusal"
    press_go(qtbot, editor.confirmation)
    qtbot.waitUntil(lambda: getattr(editor, "file_dialog", None) is not None, timeout=WAIT)
    target = case.world.root / "recusal-from-window.hsx"
    with qtbot.waitSignal(editor.written, timeout=WAIT):
        editor.file_dialog.fileSelected.emit(str(target))
    qtbot.waitUntil(lambda: str(target) in editor.message.text(), timeout=WAIT)
    assert "Recusal requested" in editor.message.text()
    assert STATEMENT.encode() not in target.read_bytes()
    worker.changed.emit()
    qtbot.waitUntil(lambda: screen.packages.item(0, 5).text().startswith("recusal requested"), timeout=WAIT)
    result = imports.import_file(chair, target)
    assert result["imported"] and result["recusal"], result
    rows = recusal_decisions.listing(chair, case.sid)
    assert [(r["reviewer"], r["statement"], r["state"]) for r in rows] == [(MEMBER, STATEMENT, "requested")]
    # Opened again, the editor says a recusal was sent and offers nothing more for the round.
    dialog.close()
    screen.session_dialog = None  # type: ignore[assignment]
    again = open_editor(qtbot, screen)
    qtbot.waitUntil(lambda: "by envelope file" in again.editor.message.text(), timeout=WAIT)
    assert not again.editor.form_box.isEnabled() and not again.editor.buttons_box.isEnabled()


def test_the_import_dialog_names_a_recusal_file(case: Case, qtbot: QtBot, worker: DbWorker) -> None:
    from app.exchange import recusal_file
    from ui.exchange_dialog import ImportDialog

    reviewer, chair = case.world.b(REVIEWER), case.world.a(CHAIR)
    package = imports.import_file(reviewer, case.world.root / "package.hsx")["file"]
    data, _info = recusal_file.export(reviewer, package, STATEMENT)
    path = case.world.root / "recusal.hsx"
    path.write_bytes(data)
    dialog = ImportDialog(chair, worker, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=WAIT)
    assert dialog.kind.text() == "envelope file (a recusal request)"
    assert "recusal request of reviewer" in dialog.effect.text()
    assert dialog.import_button.isEnabled()
