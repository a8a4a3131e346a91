"""The window's side of issue 10 for members at their own workstations: the reviewer seals an imported session
package in the opinion editor and the envelope file is written; the receipt shows; the custodian writes a key
batch and releases a round key for an imported reveal request; the result is shown read-only.  Each file the
window writes is imported on the chair's store by the exchange services, as it would be carried there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.exchange import imports
from app.opinion_form import OpinionForm
from tests import exchange_world
from tests.cast import reasoning
from tests.exchange_world import CHAIR, CUSTODIAN, REVIEWER, World, store_files
from ui.exchange_desk import ExchangeScreen
from ui.remote_opinion import RemoteSessionDialog
from ui.worker import DbWorker

WAIT = 20000


@dataclass
class Case:
    world: World
    sid: int


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Case:
    root = tmp_path_factory.mktemp("desk")
    world = exchange_world.copy(exchange_world.build(root / "world"), root / "open")
    sid = exchange_world.open_remote_reviewer(world)
    imports.import_file(world.b(REVIEWER), world.root / "package.hsx")
    world.close()
    return Case(world, sid)


@pytest.fixture
def case(base: Case, tmp_path: Path) -> Iterator[Case]:
    w = exchange_world.copy(base.world, tmp_path / "w")
    yield Case(w, base.sid)
    w.close()


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


def press_go(qtbot: QtBot, box: QMessageBox) -> None:
    go = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole)
    assert box.defaultButton() is not go  # going back is the default
    go.click()


def open_editor(qtbot: QtBot, screen: ExchangeScreen) -> RemoteSessionDialog:
    qtbot.waitUntil(lambda: screen.packages.rowCount() == 1, timeout=WAIT)
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(screen, "session_dialog", None) is not None, timeout=WAIT)
    dialog = screen.session_dialog
    qtbot.waitUntil(lambda: not dialog.editor._loading, timeout=WAIT)
    return dialog


def test_reviewer_seals_in_the_window_the_chair_imports_the_envelope_and_the_receipt_shows(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    from app.exchange import receipts

    reviewer, chair = case.world.b(REVIEWER), case.world.a(CHAIR)
    screen = ExchangeScreen(reviewer, worker)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.packages.rowCount() == 1, timeout=WAIT)
    assert screen.packages.item(0, 5).text() == "to seal"
    assert screen.packages.item(0, 0).text() == "REF-REMOTE-1"
    dialog = open_editor(qtbot, screen)
    editor = dialog.editor
    assert editor.conflict.isEnabled()  # a recusal travels as an envelope file too (tests/test_exchange_recusal_gui.py)
    assert not editor.save_button.isVisibleTo(editor)
    assert not editor.seal_button.isEnabled()
    editor.no_conflict.click()
    editor.positions[1].setCurrentText("初步核实")
    editor.reasoning.setPlainText(reasoning(REVIEWER))
    assert editor.seal_button.isEnabled()
    # Closing with typed text asks first (it is not kept as a draft): going back keeps the window and the text.
    dialog.close()
    assert dialog.isVisible()
    assert dialog.confirmation.objectName() == "discardConfirmation"
    dialog.confirmation.defaultButton().click()
    assert dialog.isVisible() and editor.reasoning.toPlainText() == reasoning(REVIEWER)
    # A file name that exists already is refused before anything is sealed: the store is unchanged.
    taken = case.world.root / "taken.hsx"
    taken.write_bytes(b"x")
    before = store_files(reviewer.store.directory)
    editor.seal_to(taken)
    qtbot.waitUntil(lambda: "exists already" in editor.message.text(), timeout=WAIT)
    assert store_files(reviewer.store.directory) == before and taken.read_bytes() == b"x"
    assert editor.seal_button.isEnabled()
    qtbot.mouseClick(editor.seal_button, Qt.MouseButton.LeftButton)
    press_go(qtbot, editor.confirmation)
    qtbot.waitUntil(lambda: getattr(editor, "file_dialog", None) is not None, timeout=WAIT)
    target = case.world.root / "envelope-from-window.hsx"
    with qtbot.waitSignal(editor.written, timeout=WAIT):
        editor.file_dialog.fileSelected.emit(str(target))
    qtbot.waitUntil(lambda: editor.sealed_view.isVisibleTo(editor), timeout=WAIT)
    assert str(target) in editor.message.text()
    sealed_text = editor.sealed_view.toPlainText()
    assert "标记甲号" in sealed_text and "初步核实" in sealed_text
    # The file is the chair's: the chair's store imports it as this department's sealed opinion.
    result = imports.import_file(chair, target)
    assert result["imported"] and result["round"].endswith(f"/{case.sid}/1")
    qtbot.waitUntil(lambda: screen.packages.item(0, 5).text().startswith("sealed, envelope"), timeout=WAIT)
    # The chair's receipt, imported here, is shown beside the package.
    data, _info = receipts.export(chair, case.sid)
    receipt = case.world.root / "receipt.hsx"
    receipt.write_bytes(data)
    assert imports.import_file(reviewer, receipt)["imported"]
    worker.changed.emit()
    qtbot.waitUntil(lambda: "receipt received" in screen.packages.item(0, 5).text(), timeout=WAIT)
    # Opened again, the editor shows the sealed copy, read-only, and offers no second seal.
    dialog.close()
    screen.session_dialog = None  # type: ignore[assignment]
    again = open_editor(qtbot, screen)
    qtbot.waitUntil(lambda: again.editor.sealed_view.isVisibleTo(again.editor), timeout=WAIT)
    assert "标记甲号" in again.editor.sealed_view.toPlainText()
    assert not again.editor.form_scroll.isVisibleTo(again.editor)


def test_a_second_envelope_for_the_round_is_refused_and_nothing_changes(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    from app.exchange import envelope_file

    reviewer = case.world.b(REVIEWER)
    screen = ExchangeScreen(reviewer, worker)
    qtbot.addWidget(screen)
    dialog = open_editor(qtbot, screen)
    editor = dialog.editor
    editor.no_conflict.click()
    editor.positions[1].setCurrentText("初步核实")
    editor.reasoning.setPlainText(reasoning(REVIEWER))
    # Meanwhile the reviewer sealed from the command line's service: the window's seal is a second envelope.
    package_id = screen.rows["packages"][0]["id"]
    envelope_file.export(reviewer, package_id, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER)))
    before = store_files(reviewer.store.directory)
    target = case.world.root / "second.hsx"
    editor.seal_to(target)
    qtbot.waitUntil(lambda: "already sealed" in editor.message.text(), timeout=WAIT)
    assert not target.exists()
    assert store_files(reviewer.store.directory) == before


def test_custodian_writes_a_key_batch_and_releases_the_round_key(case: Case, qtbot: QtBot, worker: DbWorker) -> None:
    world = case.world
    sid = exchange_world.seal_remote(world)
    custodian, chair = world.b(CUSTODIAN), world.a(CHAIR)
    screen = ExchangeScreen(custodian, worker)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.batch_button.isVisibleTo(screen) and screen.release_button.isVisibleTo(screen)
    assert not screen.open_button.isVisibleTo(screen)  # a custodian seals no opinion
    # The key batch: refused until a chair is ticked; then written, and the chair's store takes its keys.
    qtbot.mouseClick(screen.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(screen, "batch_dialog", None) is not None, timeout=WAIT)
    batch = screen.batch_dialog
    assert batch.chairs.count() == 1 and CHAIR in batch.chairs.item(0).text()
    batch.choose()
    assert "Tick at least one chair" in batch.message.text()
    batch.chairs.item(0).setCheckState(Qt.CheckState.Checked)
    batch.count.setValue(3)
    batch_file = world.root / "batch-from-window.hsx"
    batch.export_to(batch_file)
    qtbot.waitUntil(lambda: str(batch_file) in batch.message.text(), timeout=WAIT)
    assert imports.import_file(chair, batch_file)["keys"] == 3
    batch.close()
    # The reveal request imported here; the release written from the window and taken by the chair's store.
    dialog = screen.import_file(str(world.root / "request.hsx"))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT)
    assert dialog.kind.text() == "reveal request (the signed seal board)"
    assert "under 'Other workstations'" in dialog.effect.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.requests.rowCount() == 1, timeout=WAIT)
    assert screen.requests.item(0, 4).text() == "not released"
    assert screen.requests.item(0, 0).text().startswith(f"No. {sid} of")
    assert screen.requests.item(0, 1).text() == "1" and screen.requests.item(0, 3).text() == "2"
    screen.confirm_release()
    press_go(qtbot, screen.confirmation)
    qtbot.waitUntil(lambda: getattr(screen, "file_dialog", None) is not None, timeout=WAIT)
    release = world.root / "release-from-window.hsx"
    screen.file_dialog.fileSelected.emit(str(release))
    qtbot.waitUntil(lambda: str(release) in screen.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: screen.requests.item(0, 4).text() == "released", timeout=WAIT)
    result = imports.import_file(chair, release)
    assert result["imported"], result
    from app.sessions import reveal

    assert reveal.pending_releases(chair, sid) == []
    out = reveal.reveal(chair, sid, {})
    assert out["opened"] == 2 and out["rejected"] == [], out


def decided(case: Case, qtbot: QtBot, worker: DbWorker) -> ExchangeScreen:
    """The reviewer's envelope imported by the chair, the session revealed and decided, the result in result.hsx."""
    from app.exchange import envelope_file, result_package
    from app.sessions import chair as chair_service

    world, reviewer, chair = case.world, case.world.b(REVIEWER), case.world.a(CHAIR)
    screen = ExchangeScreen(reviewer, worker)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.packages.rowCount() == 1, timeout=WAIT)
    assert not screen.result_button.isEnabled()
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
    data, _ = envelope_file.export(reviewer, screen.rows["packages"][0]["id"], form)
    (world.root / "e.hsx").write_bytes(data)
    imports.import_file(chair, world.root / "e.hsx")
    world.a.seal(case.sid, "乙")
    world.a.reveal(case.sid)
    chair_service.chair_position(chair, case.sid, OpinionForm(positions={1: "暂存待查"}, reasoning=reasoning(CHAIR)))
    chair_service.decide(chair, case.sid, "经集体研究，决定对该线索予以初步核实。")
    data, _ = result_package.export(chair, case.sid)
    (world.root / "result.hsx").write_bytes(data)
    return screen


def test_the_result_is_shown_read_only_with_the_members_own_envelope_found(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    world, screen = case.world, decided(case, qtbot, worker)
    dialog = screen.import_file(str(world.root / "result.hsx"))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT)
    assert dialog.kind.text() == "result package (the session's outcome)"
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.results.rowCount() == 1, timeout=WAIT)
    assert screen.results.item(0, 3).text().startswith("经集体研究")
    screen.view_result()
    qtbot.waitUntil(lambda: getattr(screen, "result_dialog", None) is not None, timeout=WAIT)
    shown = screen.result_dialog
    qtbot.addWidget(shown)
    text = shown.view.toPlainText()
    assert "the opinion printed for it is the one you sealed (rounds 1)" in text
    assert "✗" not in text
    assert "经集体研究，决定对该线索予以初步核实。" in text
    assert "Chair's position: 暂存待查" in text
    assert "一室" in text and "二室" in text and "标记甲号" in text and "标记乙号" in text
    assert "Passed: 初步核实" in text
    assert shown.view.isReadOnly()


def test_another_opinion_printed_beside_the_members_commitment_is_refused_and_flagged(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    """A chair's program that prints another text beside the reviewer's (unchanged) commitment: the import refuses
    the file (store unchanged); and should such a result ever be shown, the window says the printed opinion is not
    the one sealed (the view compares again, independently of the import)."""
    import json

    from app import remote_desk
    from app.exchange import cards, container
    from app.exchange.schema import ExchangeRefused
    from ui.remote_result import ResultDialog

    screen = decided(case, qtbot, worker)
    reviewer, chair = case.world.b(REVIEWER), case.world.a(CHAIR)
    doc = container.open_file((case.world.root / "result.hsx").read_bytes(), reviewer.keys.kem.private)
    rounds = []
    for r in doc.body["rounds"]:
        opinions = json.loads(r["opinions"])
        for o in opinions:
            if o["department"] == "一室":
                o["opinion"]["reasoning"] = "（主持人程序改写的文字）" + o["opinion"]["reasoning"]
        rounds.append({**r, "opinions": json.dumps(opinions, ensure_ascii=False)})
    forged = case.world.root / "forged-result.hsx"
    forged.write_bytes(
        container.build(
            container.RESULT_PACKAGE,
            cards.sender_of(chair),
            [(reviewer.fingerprint, reviewer.keys.kem.public)],
            {**doc.body, "rounds": rounds},
        )
    )
    before = store_files(reviewer.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(reviewer, forged)
    assert info.value.reason == "altered"
    assert store_files(reviewer.store.directory) == before
    imports.import_file(reviewer, case.world.root / "result.hsx")
    from app.exchange import result_package

    [shown] = result_package.results(reviewer)
    assert remote_desk.own_opinions_in_result(reviewer, shown) == {1: True}
    changed = {
        **shown,
        "rounds": [{**r, "opinions": json.loads(f["opinions"])} for r, f in zip(shown["rounds"], rounds, strict=True)],
    }
    checks = remote_desk.own_opinions_in_result(reviewer, changed)
    assert checks == {1: False}
    dialog = ResultDialog(changed, checks, reviewer.name, screen)
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "✗ Round 1: the opinion printed beside your envelope is not the one you sealed" in text


def test_the_screen_is_in_the_navigation_of_reviewers_and_custodians_where_another_workstation_is_registered(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    from ui.main_window import MainWindow

    for name, shown in ((REVIEWER, True), (CUSTODIAN, True), ("记录员", False), ("管理员", False)):
        window = MainWindow(case.world.b(name), worker)
        qtbot.addWidget(window)
        assert ("exchange" in window.screen_keys()) is shown, name
        window.force = True
        window.close()


def seal_in_window(qtbot: QtBot, screen: ExchangeScreen, target: Path, text: str) -> None:
    dialog = open_editor(qtbot, screen)
    editor = dialog.editor
    editor.no_conflict.click()
    editor.positions[1].setCurrentText("初步核实")
    editor.reasoning.setPlainText(text)
    with qtbot.waitSignal(editor.written, timeout=WAIT):
        editor.seal_to(target)
    dialog.close()
    screen.session_dialog = None  # type: ignore[assignment]


def test_a_second_round_is_sealed_from_the_new_package_and_the_result_checks_both(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    from app.exchange import result_package, session_package
    from app.sessions import chair as chair_service
    from app.sessions import lifecycle

    world, reviewer, chair = case.world, case.world.b(REVIEWER), case.world.a(CHAIR)
    screen = ExchangeScreen(reviewer, worker)
    qtbot.addWidget(screen)
    first = world.root / "round1.hsx"
    seal_in_window(qtbot, screen, first, reasoning(REVIEWER))
    imports.import_file(chair, first)
    world.a.seal(case.sid, "乙")
    world.a.reveal(case.sid)
    lifecycle.new_round(chair, case.sid, "意见分歧较大，补充材料后再议一轮")
    data, _ = session_package.export(chair, case.sid)
    (world.root / "package2.hsx").write_bytes(data)
    assert imports.import_file(reviewer, world.root / "package2.hsx")["imported"]
    worker.changed.emit()
    # One row per session: the newest round's package, to seal again.
    qtbot.waitUntil(lambda: screen.packages.item(0, 3).text() == "2", timeout=WAIT)
    assert screen.packages.rowCount() == 1 and screen.packages.item(0, 5).text() == "to seal"
    second = world.root / "round2.hsx"
    seal_in_window(qtbot, screen, second, "第二轮：" + reasoning(REVIEWER))
    assert imports.import_file(chair, second)["round"].endswith(f"/{case.sid}/2")
    world.a.seal(case.sid, "乙")
    world.a.reveal(case.sid)
    chair_service.chair_position(chair, case.sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(CHAIR)))
    chair_service.decide(chair, case.sid, "经两轮集体研究，决定对该线索予以初步核实。")
    data, _ = result_package.export(chair, case.sid)
    (world.root / "result.hsx").write_bytes(data)
    assert imports.import_file(reviewer, world.root / "result.hsx")["included"] == [1, 2]
    worker.changed.emit()
    qtbot.waitUntil(lambda: screen.results.rowCount() == 1, timeout=WAIT)
    screen.view_result()
    qtbot.waitUntil(lambda: getattr(screen, "result_dialog", None) is not None, timeout=WAIT)
    text = screen.result_dialog.view.toPlainText()
    assert "the one you sealed (rounds 1, 2)" in text and "第二轮：" in text


def test_leaving_the_window_with_text_typed_for_another_workstation_asks_first(
    case: Case, qtbot: QtBot, worker: DbWorker
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(case.world.b(REVIEWER), worker)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("exchange")
    screen = window.screens["exchange"]
    assert isinstance(screen, ExchangeScreen)
    dialog = open_editor(qtbot, screen)
    dialog.editor.reasoning.setPlainText(reasoning(REVIEWER))
    window.close()
    assert window.isVisible() and dialog.isVisible()
    press_go(qtbot, dialog.confirmation)  # close and lose the text
    assert not dialog.isVisible()
    window.close()
    assert not window.isVisible()
