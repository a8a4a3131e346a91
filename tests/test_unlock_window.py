"""The unlock window: a wrong passphrase is shown in the window; the right one opens the main window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.context import AccountContext
from tests.conftest import ADMIN, ADMIN_PASS
from ui.unlock import UnlockWindow
from ui.worker import DbWorker


def test_wrong_then_right_passphrase(qtbot: QtBot, admin: AccountContext) -> None:
    directory: Path = admin.store.directory
    admin.close()
    worker = DbWorker()
    try:
        window = UnlockWindow(directory, worker)
        qtbot.addWidget(window)
        window.show()
        assert window.account.findText(ADMIN) >= 0
        window.account.setCurrentText(ADMIN)
        qtbot.keyClicks(window.passphrase, "not-the-passphrase")
        with qtbot.waitSignal(worker.failed, timeout=10000):
            qtbot.mouseClick(window.button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
        assert "Wrong passphrase" in window.message.text()
        assert window.passphrase.text() == ""  # secret fields are cleared after use

        qtbot.keyClicks(window.passphrase, ADMIN_PASS)
        with qtbot.waitSignal(window.unlocked, timeout=10000) as blocker:
            window.button.click()
        ctx = blocker.args[0]
        assert isinstance(ctx, AccountContext) and ctx.name == ADMIN
        assert window.message.text() == ""
        ctx.close()
    finally:
        worker.shutdown()
