"""Windows fit the screen and remember their place per account."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.cast import make_cast
from tests.test_gui_flow import WAIT, session_dialog, sign_in
from ui.application import Controller


@pytest.fixture
def c(tmp_path: Path):  # type: ignore[no-untyped-def]
    # settings of this test only, not the user's
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings("Huishen", "Huishen").clear()
    directory = tmp_path / "store"
    cast = make_cast(directory)
    sid = cast.open(n=2)
    cast.close()
    controller = Controller(directory, idle_ms=60_000)
    controller.start()
    controller.sid = sid  # type: ignore[attr-defined]
    yield controller
    controller.shutdown()
    QSettings("Huishen", "Huishen").clear()


def test_windows_fit_on_the_screen(qtbot: QtBot, c: Controller) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    sign_in(qtbot, c, "主持人")
    assert c.main is not None
    editor = c.main.new_session()
    dialog = session_dialog(qtbot, c, c.sid)  # type: ignore[attr-defined]
    for window in (c.main, editor, dialog):
        assert available.contains(window.geometry()), (type(window).__name__, window.geometry(), available)
    editor.force = True
    editor.close()


def test_geometry_is_remembered_per_account(qtbot: QtBot, c: Controller) -> None:
    sign_in(qtbot, c, "甲")
    assert c.main is not None
    default = c.main.size()
    c.main.resize(default.width() - 100, default.height() - 120)
    c.main.move(10, 20)
    chosen = c.main.size()
    sign_in(qtbot, c, "乙")  # locks 甲 first: the place is kept
    assert c.main.size() == default
    sign_in(qtbot, c, "甲")
    qtbot.waitUntil(lambda: c.main is not None and c.main.size() == chosen, timeout=WAIT)
