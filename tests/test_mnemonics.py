"""Keyboard: every push button and menu on the main screens has an ``&`` mnemonic, unique among the buttons
shown together; Alt+letter presses the button; the opinion editor keeps Ctrl+S and Ctrl+Return beside its
mnemonics (a button's own shortcut is replaced by setText)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.cast import make_cast
from tests.test_gui_flow import WAIT, session_dialog, sign_in, type_text
from ui.application import Controller
from ui.opinion_editor import OpinionEditor


@pytest.fixture
def c(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    cast = make_cast(directory)
    sid = cast.open(n=2)
    cast.close()
    controller = Controller(directory, idle_ms=60_000)
    controller.sid = sid  # type: ignore[attr-defined]
    controller.start()
    yield controller
    controller.shutdown()


def _buttons(page: QWidget) -> list[QPushButton]:
    return [b for b in page.findChildren(QPushButton) if b.isVisibleTo(page) and not isinstance(b.window(), QMessageBox)]


def _check_page(page: QWidget, where: str) -> None:
    buttons = _buttons(page)
    missing = [b.text() for b in buttons if "&" not in b.text()]
    assert not missing, f"{where}: no mnemonic on {missing}"
    keys = Counter(QKeySequence.mnemonic(b.text()).toString() for b in buttons)
    assert all(n == 1 for n in keys.values()), f"{where}: mnemonic used twice: {keys}"


@pytest.mark.parametrize("name", ["管理员", "保密员", "主持人", "甲"])
def test_main_screens_have_unique_mnemonics(qtbot: QtBot, c: Controller, name: str) -> None:
    sign_in(qtbot, c, name)
    main = c.main
    assert main is not None
    for key in main.screen_keys():
        main.show_screen(key)
        qtbot.wait(100)
        _check_page(main.screens[key], f"{name}/{key}")
    for menu_action in main.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()


def test_alt_letter_presses_the_button(qtbot: QtBot, c: Controller) -> None:
    sign_in(qtbot, c, "管理员")
    main = c.main
    assert main is not None
    main.show_screen("accounts")
    screen = main.screens["accounts"]
    add = next(b for b in screen.findChildren(QAbstractButton) if b.objectName() == "addAccount")
    assert add.shortcut() == QKeySequence("Alt+A")
    clicked: list[bool] = []
    add.clicked.disconnect()
    add.clicked.connect(lambda: clicked.append(True))
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(screen, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(clicked), timeout=WAIT)


def test_opinion_editor_keeps_ctrl_s_beside_its_mnemonics(qtbot: QtBot, c: Controller) -> None:
    sign_in(qtbot, c, "甲")
    dialog = session_dialog(qtbot, c, c.sid)  # type: ignore[attr-defined]
    dialog.select("opinion")
    editor = dialog.tab("opinion")
    assert isinstance(editor, OpinionEditor)
    qtbot.waitUntil(lambda: editor.editable, timeout=WAIT)
    _check_page(editor, "opinion editor")
    assert editor.save_button.shortcut() == QKeySequence("Alt+D")
    editor.autosave_timer.setInterval(600_000)  # only the shortcut saves here
    editor.no_conflict.click()
    type_text(editor.reasoning, "经审查")
    assert editor.dirty
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.keyClick(editor.reasoning, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT)
