"""Builds the QApplication and wires first run, unlock, main window, idle lock and language together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from app import i18n, policy
from app.context import AccountContext
from app.i18n import tr
from app.setup_wizard import SetupWizard
from ui.main_window import MainWindow
from ui.setup_window import SetupWindow
from ui.unlock import UnlockWindow
from ui.worker import DbWorker

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


def install_fonts(app: QApplication) -> None:
    """Use the CJK font shipped with Huishen, so no character is ever a box."""
    family = None
    for name in ("wqy-microhei.ttc", "uming.ttc"):
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        if font_id >= 0 and family is None:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)


class IdleLock(QObject):
    """Locks after a period without keyboard or mouse input."""

    def __init__(self, milliseconds: int, on_idle: object) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(milliseconds)
        self.timer.timeout.connect(on_idle)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class Controller:
    """Owns the worker and the top-level windows; nothing here decides a business rule."""

    def __init__(self, store_dir: Path, idle_ms: int | None = None) -> None:
        self.store_dir = store_dir
        self.worker = DbWorker()
        self.idle_override = idle_ms
        self.idle = IdleLock(idle_ms or 5 * 60_000, self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.idle)
        self.main: MainWindow | None = None
        self.ctx: AccountContext | None = None
        self.unlock = UnlockWindow(store_dir, self.worker)
        self.unlock.unlocked.connect(self.open_main)
        self.setup: SetupWindow | None = None

    def start(self) -> QWidget:
        """The first window: the set-up wizard on an empty store, else the unlock window."""
        if SetupWizard.needed(self.store_dir):
            self.setup = SetupWindow(self.store_dir, self.worker)
            self.setup.created.connect(self._setup_done)
            self.setup.show()
            return self.setup
        self.unlock.load_accounts()
        self.unlock.show()
        return self.unlock

    def _setup_done(self, ctx: AccountContext) -> None:
        if self.setup is not None:
            self.setup.close()
            self.setup.deleteLater()
            self.setup = None
        self.unlock.load_accounts()
        self.open_main(ctx)

    def open_main(self, ctx: AccountContext) -> None:
        self.ctx = ctx
        self.main = MainWindow(ctx, self.worker)
        self.main.lock_requested.connect(self.lock)
        self.main.language_requested.connect(self.switch_language)
        self.main.show()
        self.unlock.hide()
        if self.idle_override is None:
            self.worker.submit(
                lambda: policy.current(ctx).idle_lock_minutes,
                on_done=lambda minutes: self.idle.timer.setInterval(minutes * 60_000),
            )
        self.idle.timer.start()

    def lock(self) -> None:
        """Back to the unlock window, with no content left on screen and the keys dropped."""
        self.idle.timer.stop()
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None
        if self.ctx is not None:
            ctx = self.ctx
            self.ctx = None
            self.worker.submit(ctx.close)
        self.unlock.passphrase.clear()
        self.unlock.message.setText(self.unlock.tr("Locked. Enter your passphrase to continue."))
        self.unlock.show()
        self.unlock.raise_()

    def switch_language(self, language: str) -> None:
        """Install the language and rebuild the windows in it (the account stays unlocked)."""
        i18n.install(language)
        QSettings("Huishen", "Huishen").setValue("language", language)
        if self.main is not None and self.ctx is not None:
            ctx = self.ctx
            self.main.close()
            self.main.deleteLater()
            self.main = None
            old_unlock = self.unlock
            self.unlock = UnlockWindow(self.store_dir, self.worker)
            self.unlock.unlocked.connect(self.open_main)
            old_unlock.deleteLater()
            self.open_main(ctx)

    def shutdown(self) -> None:
        """Close every window, drop the keys, stop the worker."""
        self.idle.timer.stop()
        for window in (self.main, self.setup, self.unlock):
            if window is not None:
                window.close()
                window.deleteLater()
        self.main = self.setup = None
        # Let the worker finish what it is running before the engine goes: never close it under a query.
        self.worker.shutdown()
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None


def has_display() -> bool:
    """On Linux, Qt's xcb/wayland platforms abort without a display: check before making the application."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "") not in ("", "xcb", "wayland"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def no_display_message() -> str:
    """What to tell someone who started the window without a display (e.g. over a terminal)."""
    i18n.install(None)
    return tr("No display: the desktop window needs a graphical session (or run a command, see --help).")


def run_gui(args: argparse.Namespace) -> int:
    """Show the first window and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("run_gui needs a QApplication")
    app.setApplicationName("Huishen")
    language = args.lang or QSettings("Huishen", "Huishen").value("language") or None
    i18n.install(language)
    install_fonts(app)
    controller = Controller(args.store)
    controller.start()
    status = app.exec()
    controller.shutdown()
    return int(status)
