"""Builds the QApplication and wires the unlock window to the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from app import i18n
from app.context import AccountContext
from ui.main_window import MainWindow
from ui.unlock import UnlockWindow
from ui.worker import DbWorker


class Controller:
    """Owns the worker and the top-level windows."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.worker = DbWorker()
        self.unlock = UnlockWindow(args.store, self.worker)
        self.unlock.unlocked.connect(self.open_main)
        self.main: MainWindow | None = None

    def open_main(self, ctx: AccountContext) -> None:
        self.main = MainWindow(ctx)
        self.main.show()
        self.unlock.hide()

    def shutdown(self) -> None:
        if self.main is not None:
            self.main.ctx.close()
        self.worker.shutdown()


def run_gui(args: argparse.Namespace) -> int:
    """Show the unlock window and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("run_gui needs a QApplication")
    app.setApplicationName("Huishen")
    i18n.install(args.lang)
    controller = Controller(args)
    controller.unlock.show()
    status = app.exec()
    controller.shutdown()
    return int(status)
