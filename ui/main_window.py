"""The main window (screens arrive with the GUI issue)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from app.context import AccountContext


class MainWindow(QMainWindow):
    """Role-aware navigation will live here; for now it greets the unlocked account."""

    def __init__(self, ctx: AccountContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Huishen"))
        label = QLabel(
            self.tr("Signed in as {name} ({roles}).").format(name=ctx.name, roles=", ".join(sorted(ctx.roles)))
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        self.resize(960, 640)
