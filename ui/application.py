"""Builds the QApplication and wires first run, unlock, main window, idle lock and language together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import i18n
from app.i18n import tr
from ui.idle import IdleLock, IdleWarning
from ui.unlock import UnlockWindow
from ui.worker import DbWorker

if TYPE_CHECKING:
    from app.context import AccountContext
    from ui.main_window import MainWindow
    from ui.setup_window import SetupWindow

# The unlock window needs only the slot names: the services (SQLAlchemy, cryptography, the models) and the main
# window's screens (ReportLab through the dossier view) are imported after its first paint.


def _warm_up() -> None:
    """Import the services on the worker while the user types the passphrase (no widget is made there)."""
    import app.accounts  # noqa: F401
    import app.policy  # noqa: F401
    from app import gc_policy

    gc_policy.settle()  # the imported program is left out of later collections


FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"


PRIMARY_FONT, FALLBACK_FONTS = "wqy-microhei.ttc", ("uming.ttc",)


def install_fonts(app: QApplication, fallback: bool = True) -> None:
    """Use the CJK font shipped with Huishen, so no character is ever a box.

    ``fallback=False`` registers only the primary font (what the unlock window needs); the larger fallback font
    is then registered after the first paint with ``install_fallback_fonts``.
    """
    font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / PRIMARY_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if fallback or not families:
        install_fallback_fonts()
    if not families:
        for name in FALLBACK_FONTS:
            families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT_DIR / name)))
            if families:
                break
    if families:
        font = QFont(families[0])
        font.setPointSize(10)
        app.setFont(font)


def install_fallback_fonts() -> None:
    """Register the fallback CJK fonts (for characters the primary font lacks); registering twice is harmless."""
    for name in FALLBACK_FONTS:
        QFontDatabase.addApplicationFont(str(FONT_DIR / name))


class Controller:
    """Owns the worker and the top-level windows; nothing here decides a business rule."""

    def __init__(self, store_dir: Path, idle_ms: int | None = None) -> None:
        self.store_dir = store_dir
        self.worker = DbWorker()
        self.idle_override = idle_ms
        self.idle = IdleLock(idle_ms or 5 * 60_000)
        self.idle.idle.connect(self.lock)
        self._idle_warning: IdleWarning | None = None  # made when first needed (not before the first paint)
        self.idle.warning.connect(self._warn_idle)
        self.idle.cleared.connect(self._hide_idle_warning)
        self._watching_input = False  # the idle lock's application-wide filter, installed once it is needed
        # Windows and what the encrypted drafts do not hold, kept across the idle lock for the same account only.
        self.restore: tuple[str, list[dict[str, Any]]] | None = None
        self.main: MainWindow | None = None
        self.ctx: AccountContext | None = None
        self.unlock = UnlockWindow(store_dir, self.worker)
        self.unlock.unlocked.connect(self.open_main)
        self.setup: SetupWindow | None = None

    def start(self) -> QWidget:
        """The first window: the set-up wizard on an empty store, else the unlock window."""
        from app.keyslots import SLOT_FILE

        # What SetupWizard.needed (store.exists) says, without importing the wizard, the store and SQLAlchemy.
        if not ((self.store_dir / "huishen.db").exists() or (self.store_dir / SLOT_FILE).exists()):
            from ui.setup_window import SetupWindow

            self.setup = SetupWindow(self.store_dir, self.worker)
            self.setup.created.connect(self._setup_done)
            self.setup.show()
            return self.setup
        self.unlock.load_accounts()
        # After the first paint: the services are imported on the worker (an import holds the interpreter lock
        # and would slow the paint) and the fallback font is registered.
        self.unlock.first_painted.connect(lambda: QTimer.singleShot(0, self._after_first_paint))
        self.unlock.show()
        return self.unlock

    def _after_first_paint(self) -> None:
        self.worker.submit(_warm_up)
        install_fallback_fonts()
        self._watch_input()

    def _watch_input(self) -> None:
        """Install the idle lock's filter on every event of the application (once; not before the first paint:
        a Python filter on every event of the start-up would slow it, and nothing is unlocked then)."""
        if self._watching_input:
            return
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.idle)
        self._watching_input = True

    def _setup_done(self, ctx: AccountContext) -> None:
        if self.setup is not None:
            self.setup.close()
            self.setup.deleteLater()
            self.setup = None
        self.unlock.load_accounts()
        self.open_main(ctx)

    def open_main(self, ctx: AccountContext, restore: bool = True) -> None:
        from app import policy
        from ui.main_window import MainWindow

        self.ctx = ctx
        self.main = MainWindow(ctx, self.worker)
        self.main.lock_requested.connect(self.lock)
        self.main.sign_out_requested.connect(self.sign_out)
        self.main.language_requested.connect(self.switch_language)
        self._watch_input()
        self.main.show()
        self.unlock.hide()
        if self.idle_override is None:
            self.worker.submit(lambda: policy.current(ctx).idle_lock_minutes, on_done=self.idle.set_minutes)
        self.idle.start()
        pending, self.restore = self.restore, None
        if restore and pending is not None and pending[0] == ctx.name:
            for snapshot in pending[1]:
                if "new_session" in snapshot:
                    self.main.new_session(restore=snapshot["new_session"])
                else:
                    self.main.open_session(snapshot["session_id"], restore=snapshot)
        if ctx.warnings:
            self.show_warnings(ctx.warnings)

    def show_warnings(self, warnings: list[str]) -> QMessageBox | None:
        """What the sign-in found wrong with the store (e.g. audit entries missing), said plainly."""
        if self.main is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Huishen — warning"),
            tr("Signing in found problems with this store. Tell the auditor:")
            + "\n\n"
            + "\n".join(f"• {w}" for w in warnings),
            QMessageBox.StandardButton.Ok,
            self.main,
        )
        box.setObjectName("signInWarnings")
        from PySide6.QtCore import Qt

        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.main.statusBar().showMessage(tr("Warning: the store has problems; see the message."))
        return box

    @property
    def idle_warning(self) -> IdleWarning:
        if self._idle_warning is None:
            self._idle_warning = IdleWarning()
        return self._idle_warning

    def _hide_idle_warning(self) -> None:
        if self._idle_warning is not None:
            self._idle_warning.hide()

    def _warn_idle(self, seconds: int) -> None:
        if self.main is None:
            return
        self.idle_warning.show_countdown(seconds)

    def _leave(self) -> list[dict[str, Any]]:
        """Save drafts, close every content window, remember the log head, drop the keys."""
        self.idle.stop()
        self._hide_idle_warning()
        snapshots: list[dict[str, Any]] = []
        if self.main is not None:
            snapshots = self.main.save_and_close_all()
            self.main.deleteLater()
            self.main = None
        if self.ctx is not None:
            ctx = self.ctx
            self.ctx = None
            # The worker runs jobs in order: the drafts above are saved before the head is remembered and the keys go.
            from app import accounts

            self.worker.submit(lambda: accounts.remember_head(ctx))
            self.worker.submit(ctx.close)
        return snapshots

    def lock(self) -> None:
        """Back to the unlock window, with no content left on screen and the keys dropped;
        the same account's windows and drafts come back after unlock."""
        name = self.ctx.name if self.ctx is not None else None
        snapshots = self._leave()
        if name is not None:
            self.restore = (name, snapshots)
        self._show_unlock(tr("Locked. Enter your passphrase to continue."))

    def sign_out(self) -> None:
        """Like the lock, but nothing is kept for reopening."""
        self._leave()
        self.restore = None
        self._show_unlock(tr("Signed out."))

    def _show_unlock(self, message: str) -> None:
        self.unlock.passphrase.clear()
        self.unlock.message.setStyleSheet("")
        self.unlock.message.setText(message)
        self.unlock.show()
        self.unlock.raise_()

    def switch_language(self, language: str) -> None:
        """Install the language and rebuild the windows in it (the account stays unlocked)."""
        i18n.install(language)
        QSettings("Huishen", "Huishen").setValue("language", language)
        if self.main is not None and self.ctx is not None:
            ctx = self.ctx
            snapshots = self.main.save_and_close_all()
            self.main.deleteLater()
            self.main = None
            self.restore = (ctx.name, snapshots)
            old_unlock = self.unlock
            self.unlock = UnlockWindow(self.store_dir, self.worker)
            self.unlock.unlocked.connect(self.open_main)
            old_unlock.deleteLater()
            self.open_main(ctx)

    def shutdown(self) -> None:
        """Save drafts, close every window, remember the log head, drop the keys, stop the worker."""
        self._leave()
        self.restore = None
        for window in (self.setup, self.unlock, self._idle_warning):
            if window is not None:
                window.close()
                window.deleteLater()
        self.setup = None
        # Let the worker finish the saves and the close before the engine goes: never close it under a query.
        self.worker.drain()
        self.worker.shutdown()


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
    install_fonts(app, fallback=False)
    controller = Controller(args.store)
    controller.start()
    status = app.exec()
    controller.shutdown()
    return int(status)
