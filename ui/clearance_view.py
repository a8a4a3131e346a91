"""The security officer's clearance levels (涉密人员定级): who may take part in and read sessions of which level."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clearance
from app.context import AccountContext
from app.sessions.access import LEVELS
from ui.common import confirm, error_label, read_only_table, set_message, show_error
from ui.labels import roles_label
from ui.worker import DbWorker


class ClearanceScreen(QWidget):
    """Every content account with its clearance; the security officer changes one at a time, confirmed."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.rows: list[dict[str, Any]] = []
        intro = QLabel(
            self.tr(
                "An account takes part in, and reads, only sessions classified at or below its clearance. "
                "An account never cleared may read 非密 sessions only. Each change is signed by you and recorded."
            )
        )
        intro.setWordWrap(True)
        self.table = read_only_table("clearances", [self.tr("Account"), self.tr("Roles"), self.tr("Clearance")])
        self.table.currentCellChanged.connect(lambda *_: self._selected())
        self.level = QComboBox()
        self.level.setObjectName("clearanceLevel")
        self.level.addItems(list(LEVELS))
        self.set_button = QPushButton(self.tr("&Set clearance…"))
        self.set_button.setObjectName("setClearance")
        self.set_button.clicked.connect(self.confirm)
        self.message = error_label()
        self.message.setObjectName("clearanceMessage")
        form = QFormLayout()
        form.addRow(self.tr("Clearance level:"), self.level)
        form.addRow("", self.set_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(
            lambda: clearance.clearances(self.ctx), on_done=self._show, on_error=lambda m: show_error(self, m)
        )

    def _show(self, rows: list[dict[str, Any]]) -> None:
        current = self.table.currentRow()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate([row["account"], roles_label(row["roles"]), row["clearance"]]):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(current if 0 <= current < len(rows) else 0)
        self.set_button.setEnabled(bool(rows))

    def _selected(self) -> None:
        row = self._row()
        if row is not None:
            self.level.setCurrentText(row["clearance"])

    def _row(self) -> dict[str, Any] | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def confirm(self) -> None:
        row = self._row()
        if row is None:
            return
        level = self.level.currentText()
        if level == row["clearance"]:
            set_message(
                self.message,
                self.tr("{name} is already cleared for {level}.").format(name=row["account"], level=level),
                ok=False,
            )
            return
        self.confirmation = confirm(
            self,
            "clearanceConfirmation",
            self.tr("Set clearance"),
            self.tr(
                "Clear {name} for {level} (now {was})? Sessions classified above it can no longer include "
                "this account, and it can no longer read them. The change is signed by you and recorded."
            ).format(name=row["account"], level=level, was=row["clearance"]),
            self.tr("Set {level}").format(level=level),
            lambda: self.apply(row["account"], level),
        )

    def apply(self, name: str, level: str) -> None:
        def done(info: dict[str, Any]) -> None:
            set_message(
                self.message,
                self.tr("{name} is now cleared for {level}.").format(name=name, level=info["clearance"]),
                ok=True,
            )
            self.refresh()

        self.worker.submit(
            lambda: clearance.set_clearance(self.ctx, name, level),
            mutates=True,
            on_done=done,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )
