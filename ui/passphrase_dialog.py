"""修改本人口令: the current passphrase first, then the new one twice; typed text stays when something is wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from app import accounts, store
from app.context import AccountContext
from ui.common import error_label, set_message
from ui.worker import DbWorker


def _check_and_change(ctx: AccountContext, current: str, new: str) -> None:
    """The current passphrase must open this account's slot (a failure counts toward lock-out), then change."""
    unlocked = store.unlock(ctx.store.directory, ctx.name, current)
    unlocked.store.close()
    accounts.change_passphrase(ctx, new)


class ChangePassphraseDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.setWindowTitle(self.tr("Change my passphrase"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(420)
        self.current = QLineEdit()
        self.current.setObjectName("currentPassphrase")
        self.new = QLineEdit()
        self.new.setObjectName("newPassphrase")
        self.again = QLineEdit()
        self.again.setObjectName("againPassphrase")
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        self.message.setObjectName("passphraseMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Current passphrase:"), self.current)
        form.addRow(self.tr("New passphrase:"), self.new)
        form.addRow(self.tr("Again:"), self.again)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def submit(self) -> None:
        current, new = self.current.text(), self.new.text()
        if not current:
            set_message(self.message, self.tr("Enter your current passphrase."), ok=False)
            self.current.setFocus()
            return
        if new != self.again.text():
            set_message(self.message, self.tr("The two new passphrases differ."), ok=False)
            self.again.setFocus()
            self.again.selectAll()
            return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking and changing the passphrase…"))
        self.worker.submit(
            lambda: _check_and_change(self.ctx, current, new), on_done=self._done, on_error=self._failed, mutates=True
        )

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        set_message(self.message, message, ok=False)

    def _done(self, _: object) -> None:
        self.changed.emit()
        self.accept()

    def done(self, result: int) -> None:
        for edit in (self.current, self.new, self.again):
            edit.clear()  # secret fields are cleared once the dialog is finished with
        super().done(result)
