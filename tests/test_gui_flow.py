"""The desktop application driven through its real widgets: a complete back-to-back session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QGroupBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import accounts
from tests.cast import PASS, make_cast
from ui.application import Controller
from ui.reveal_dialog import RevealDialog
from ui.session_dialog import SessionDialog

WAIT = 15000


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese included, as key events (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    make_cast(store).close()
    c = Controller(store, idle_ms=60_000)
    c.start()
    yield c
    c.shutdown()


def sign_in(qtbot: QtBot, c: Controller, name: str, passphrase: str = PASS) -> None:
    if c.main is not None:
        c.lock()
    qtbot.waitUntil(lambda: c.main is None and c.unlock.isVisible(), timeout=WAIT)
    c.unlock.account.setCurrentText(name)
    qtbot.keyClicks(c.unlock.passphrase, passphrase)
    c.unlock.button.click()
    qtbot.waitUntil(lambda: c.main is not None and c.main.isVisible(), timeout=WAIT)


def session_dialog(qtbot: QtBot, c: Controller, sid: int) -> SessionDialog:
    assert c.main is not None
    dialog = c.main.open_session(sid)
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.tab("overview") is not None, timeout=WAIT)
    return dialog


def accept_box(qtbot: QtBot, parent: QWidget, name: str) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None, timeout=WAIT)
    box = parent.findChild(QMessageBox, name)
    assert box is not None
    yes = box.button(QMessageBox.StandardButton.Yes) or next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole
    )
    assert box.defaultButton() is not yes  # the safe choice is the default
    yes.click()


def seal_as(qtbot: QtBot, c: Controller, sid: int, reviewer: str, position: str, reasoning: str) -> str:
    sign_in(qtbot, c, reviewer)
    dialog = session_dialog(qtbot, c, sid)
    assert not dialog.tab_enabled("tally")  # nobody reads anything before reveal
    dialog.select("opinion")
    editor = dialog.tab("opinion")
    assert editor is not None
    qtbot.waitUntil(lambda: editor.policy is not None and editor.positions[1].count() > 1, timeout=WAIT)
    assert not editor.opinion.isEnabled()  # the recusal declaration comes first
    editor.no_conflict.click()
    assert editor.opinion.isEnabled()
    choose(editor.positions[1], position)
    type_text(editor.reasoning, "同意")
    assert "too short" in editor.reasoning_check.text() and not editor.seal_button.isEnabled()
    editor.reasoning.clear()
    type_text(editor.reasoning, reasoning)
    assert editor.reasoning.toPlainText() == reasoning
    qtbot.waitUntil(lambda: editor.seal_button.isEnabled(), timeout=WAIT)
    editor.seal_button.click()
    accept_box(qtbot, editor, "sealConfirmation")
    # the session view rebuilds after the seal; the new opinion tab shows the sealed copy, read-only
    qtbot.waitUntil(lambda: _sealed_view_shown(dialog), timeout=WAIT)
    text = dialog.tab("opinion").sealed_view.toPlainText()
    assert reasoning in text and "Commitment fingerprint" in text
    dialog.close()
    return text


def _sealed_view_shown(dialog: SessionDialog) -> bool:
    try:
        editor = dialog.tab("opinion")
        return editor is not None and editor.sealed_view.isVisible()
    except RuntimeError:  # the old tab was deleted while we looked
        return False


def test_complete_session_through_the_widgets(qtbot: QtBot, controller: Controller) -> None:
    c = controller
    # The chair creates the session.
    sign_in(qtbot, c, "主持人")
    assert c.main is not None
    assert set(c.main.screen_keys()) == {"home", "sessions", "statistics", "me"}
    assert "关于" not in c.main.windowTitle()
    editor = c.main.new_session()
    qtbot.waitUntil(lambda: editor.departments.rowCount() == 5, timeout=WAIT)
    type_text(editor.title, "关于某局长问题线索的处置")
    type_text(editor.ref, "纪线〔2026〕21号")
    for dept, reviewer in (("一室", "甲"), ("二室", "乙"), ("三室", "丙")):
        editor.invite(dept, reviewer)
    editor.check_custodian("监督员")
    with qtbot.waitSignal(editor.created, timeout=WAIT) as created:
        editor.buttons.accepted.emit()
    sid = created.args[0]
    qtbot.waitUntil(lambda: bool(c.main.findChildren(SessionDialog)), timeout=WAIT)
    dialog = c.main.findChildren(SessionDialog)[0]
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.info["status"] == "draft", timeout=WAIT)
    board = dialog.tab("board")
    board.open_button.click()
    qtbot.waitUntil(lambda: dialog.info["status"] == "collecting", timeout=WAIT)

    # Three reviewers each unlock, declare, type Chinese reasoning and seal; one dissents.
    reasons = {
        "甲": "经审查，该线索反映的问题具体明确，时间地点人物要素齐全，与已掌握情况相互印证，建议予以初步核实。",
        "乙": "举报情节多为传闻，缺少具体时间和金额，现有材料不足以支撑立即核查，建议先行谈话函询再作研判。",
        "丙": "从审理角度看，应同步固定招投标评审记录和银行流水，确保证据链完整，综合现有材料同意初步核实。",
    }
    seen = {}
    for reviewer, position in (("甲", "初步核实"), ("乙", "谈话函询"), ("丙", "初步核实")):
        seen[reviewer] = seal_as(qtbot, c, sid, reviewer, position, reasons[reviewer])
    # a reviewer's own sealed view holds only their own opinion
    assert reasons["乙"] not in seen["甲"] and reasons["甲"] not in seen["乙"]

    # The chair cannot reach the position form before reveal, then reveals with the custodian.
    sign_in(qtbot, c, "主持人")
    dialog = session_dialog(qtbot, c, sid)
    assert dialog.info["status"] == "sealed"
    assert not dialog.tab_enabled("tally")
    assert dialog.findChild(QGroupBox, "chairForm") is None
    board = dialog.tab("board")
    qtbot.waitUntil(lambda: board.table.rowCount() == 3, timeout=WAIT)
    board_text = " ".join(board.table.item(r, col).text() for r in range(3) for col in range(5))
    assert all(reasons[r] not in board_text for r in reasons) and "初步核实" not in board_text
    board.reveal_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(RevealDialog) is not None, timeout=WAIT)
    reveal = dialog.findChild(RevealDialog)
    assert "主持人" in reveal.prompt.text()
    qtbot.keyClicks(reveal.field, "wrong-one")
    reveal.buttons.accepted.emit()
    # the chair's wrong passphrase is refused at the chair's own step, and tried again there
    qtbot.waitUntil(lambda: "Wrong passphrase" in reveal.message.text(), timeout=WAIT)
    assert "主持人" in reveal.prompt.text() and reveal.field.text() == ""
    assert dialog.info["status"] == "sealed"
    qtbot.keyClicks(reveal.field, PASS)
    reveal.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "监督员" in reveal.prompt.text(), timeout=WAIT)
    qtbot.keyClicks(reveal.field, PASS)
    reveal.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.info["status"] == "revealed", timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.tab_enabled("tally"), timeout=WAIT)
    # success is said, with the count, and the tally is shown
    assert "3 envelope(s) opened" in dialog.banner.text() and dialog.banner.isVisible()
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget().objectName() == "tally", timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.findChild(QGroupBox, "chairForm") is not None, timeout=WAIT)
    from PySide6.QtWidgets import QTextBrowser

    dissent = dialog.findChild(QTextBrowser, "dissent1")
    assert dissent is not None and reasons["乙"] in dissent.toPlainText() and "二室" in dissent.toPlainText()

    # The chair states a position last, then records the decision.
    tally = dialog.findChild(QGroupBox, "chairForm").parentWidget()
    while not hasattr(tally, "chair_positions"):
        tally = tally.parentWidget()
    # validated before anything is confirmed: an incomplete position asks for nothing
    tally.findChild(QWidget, "sealChair").click()
    assert tally.findChild(QMessageBox, "chairConfirmation") is None and tally.chair_message.text()
    choose(tally.chair_positions[1], "初步核实")
    type_text(tally.chair_reasoning, "综合各部门意见，线索具体可查，应当依规予以初步核实，并严格控制知情范围。")
    tally.findChild(QWidget, "sealChair").click()
    accept_box(qtbot, tally, "chairConfirmation")
    qtbot.waitUntil(lambda: dialog.findChild(QGroupBox, "decisionForm") is not None, timeout=WAIT)
    decision = dialog.findChild(QGroupBox, "decisionForm")
    from PySide6.QtWidgets import QPlainTextEdit

    type_text(decision.findChild(QPlainTextEdit, "decisionText"), "予以初步核实，由一室承办，三个月内报告结果。")
    decision.findChild(QWidget, "recordDecision").click()
    accept_box(qtbot, dialog, "decisionConfirmation")
    qtbot.waitUntil(lambda: dialog.info["status"] == "decided", timeout=WAIT)
    dialog.close()

    # The auditor verifies the chain.
    sign_in(qtbot, c, "审计员")
    assert set(c.main.screen_keys()) == {"audit", "me"}
    c.main.show_screen("audit")
    audit = c.main.screens["audit"]
    qtbot.waitUntil(lambda: audit.table.rowCount() > 10, timeout=WAIT)
    audit.verify_button.click()
    qtbot.waitUntil(lambda: "verified" in audit.result.text(), timeout=WAIT)


def test_auto_lock_hides_all_content(qtbot: QtBot, tmp_path: Path) -> None:
    store = tmp_path / "store"
    cast = make_cast(store)
    sid = cast.open(n=2)
    cast.close()
    c = Controller(store, idle_ms=800)
    try:
        c.start()
        sign_in(qtbot, c, "主持人")
        dialog = session_dialog(qtbot, c, sid)
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: c.main is None, timeout=WAIT)
        assert c.unlock.isVisible() and c.unlock.passphrase.text() == ""
        visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        assert visible == [c.unlock]
        assert "Locked" in c.unlock.message.text()
    finally:
        c.shutdown()


def test_navigation_is_role_aware(qtbot: QtBot, controller: Controller) -> None:
    expected = {
        "管理员": {"accounts", "backup", "me"},
        "保密员": {"policy", "grants", "clearance", "me"},
        "审计员": {"audit", "me"},
        "记录员": {"home", "sessions", "statistics", "me"},
        "甲": {"home", "sessions", "me"},
        "监督员": {"home", "sessions", "me"},
    }
    for name, keys in expected.items():
        sign_in(qtbot, controller, name)
        assert controller.main is not None
        assert set(controller.main.screen_keys()) == keys, name


def test_first_run_wizard_creates_the_store(qtbot: QtBot, tmp_path: Path) -> None:
    c = Controller(tmp_path / "new", idle_ms=60_000)
    try:
        window = c.start()
        assert c.setup is not None and window is c.setup
        qtbot.keyClicks(c.setup.name, "admin")
        c.setup.next_button.click()
        qtbot.keyClicks(c.setup.passphrase, "short")
        qtbot.keyClicks(c.setup.again, "short")
        c.setup.next_button.click()
        assert "at least 8" in c.setup.message.text()
        assert c.setup.passphrase.text() == "short"  # kept, selected: typing replaces it
        qtbot.keyClicks(c.setup.passphrase, "harbor-lantern-52")
        c.setup.again.selectAll()
        qtbot.keyClicks(c.setup.again, "harbor-lantern-52")
        qtbot.keyClick(c.setup.again, Qt.Key.Key_Return)  # Enter goes on
        c.setup.next_button.click()
        qtbot.waitUntil(lambda: c.main is not None, timeout=WAIT)
        assert set(c.main.screen_keys()) == {"accounts", "backup", "me"}
    finally:
        c.shutdown()
    accounts.open_account(tmp_path / "new", "admin", "harbor-lantern-52").close()
