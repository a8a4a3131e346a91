"""导入交换文件: say what an exchange file is, from whom, and what importing it will do — then, on request, do it.

An identity card is imported by the administrator only once they have typed the fingerprint its owner
reads out to them (by telephone or in person); any refusal is shown with its reason, and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.context import AccountContext
from app.exchange import imports
from ui.common import error_label, set_message
from ui.worker import DbWorker


def choose_and_open(
    parent: QWidget, ctx: AccountContext, worker: DbWorker, path: str | None = None
) -> ImportDialog | None:
    """Choose an exchange file (from removable media) unless ``path`` is given, then open the dialog that says what
    it is before importing it; an import tells every screen that the store changed."""
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        title = QCoreApplication.translate("ImportDialog", "Import an exchange file")
        path, _filter = QFileDialog.getOpenFileName(parent, title)
        if not path:
            return None
    dialog = ImportDialog(ctx, worker, Path(path), parent)
    dialog.imported.connect(lambda _r: worker.changed.emit())
    dialog.open()
    return dialog


class ImportDialog(QDialog):
    imported = Signal(dict)

    def __init__(self, ctx: AccountContext, worker: DbWorker, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.path = ctx, worker, path
        self.info: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Import an exchange file"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self.kind = QLabel()
        self.from_label = QLabel()
        self.from_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("fingerprintConfirm")
        self.fingerprint.setPlaceholderText(self.tr("the fingerprint its owner reads out: 12345 67890 …"))
        self.message = error_label()
        self.message.setObjectName("importMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), QLabel(str(path)))
        form.addRow(self.tr("What it is:"), self.kind)
        form.addRow(self.tr("From:"), self.from_label)
        form.addRow(self.tr("Importing it:"), self.effect)
        self.fingerprint_label = QLabel(self.tr("Fingerprint, as read aloud:"))
        form.addRow(self.fingerprint_label, self.fingerprint)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.fingerprint_label.hide()
        self.fingerprint.hide()
        self.message.setText(self.tr("Reading the file…"))
        worker.submit(lambda: imports.describe(ctx, path), on_done=self._described, on_error=self._refused)

    def _kind_label(self, kind: str) -> str:
        labels = {
            "identity-card": self.tr("identity card"),
            "key-batch": self.tr("key batch (one-time round keys)"),
            "session-package": self.tr("session package (for your department's opinion)"),
            "envelope": self.tr("envelope file (a sealed opinion)"),
            "receipt": self.tr("receipt (the chair's acknowledgement of your envelope)"),
            "reveal-request": self.tr("reveal request (the signed seal board)"),
            "key-release": self.tr("key release (a custodian's round key)"),
            "result-package": self.tr("result package (the session's outcome)"),
        }
        return labels.get(kind, kind)

    def _effect(self, info: dict[str, Any]) -> str:
        """What importing does; where the window goes on from it, it says so instead of naming a command."""
        if info["type"] == "session-package":
            return self.tr(
                "Records the chair {name}'s session package; then you open it under 'Other workstations' and seal "
                "your department's opinion, which writes the envelope file for the chair."
            ).format(name=info["sender"])
        if info["type"] == "reveal-request":
            return self.tr(
                "Records the chair {name}'s reveal request (the signed seal board); then you release your round key "
                "for it under 'Other workstations', which writes the key release for the chair."
            ).format(name=info["sender"])
        return str(info["effect"])

    def _described(self, info: dict[str, Any]) -> None:
        self.info = info
        kind = self._kind_label(info["type"])
        if info.get("recusal"):
            kind = self.tr("envelope file (a recusal request)")
        self.kind.setText(kind)
        self.from_label.setText(
            self.tr("{name}, fingerprint {fingerprint}\nworkstation store {store}").format(
                name=info["sender"], fingerprint=info["fingerprint"], store=info["store"]
            )
        )
        self.effect.setText(self._effect(info))
        card = info["type"] == "identity-card"
        self.fingerprint_label.setVisible(card and not info["already"])
        self.fingerprint.setVisible(card and not info["already"])
        if info["already"]:
            set_message(self.message, self.tr("It was imported before; importing it again changes nothing."), ok=True)
        elif info["problem"]:
            set_message(self.message, info["problem"], ok=False)
            self.adjustSize()
            return
        else:
            self.message.setText("")
        self.import_button.setEnabled(not info["already"])
        self.adjustSize()

    def _refused(self, message: str) -> None:
        self.import_button.setEnabled(False)
        for label in (self.kind, self.from_label, self.effect):
            label.setText("—")
        set_message(self.message, message, ok=False)
        self.adjustSize()

    def submit(self) -> None:
        if self.info is None:
            return
        confirm = self.fingerprint.text().strip() or None
        self.import_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking and importing…"))
        self.worker.submit(
            lambda: imports.import_file(self.ctx, self.path, confirm),
            on_done=self._done,
            on_error=self._failed,
            mutates=True,
        )

    def _failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        set_message(self.message, message, ok=False)
        self.adjustSize()

    def _done(self, result: dict[str, Any]) -> None:
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        if result.get("already"):
            set_message(self.message, self.tr("It was imported before; nothing was changed."), ok=True)
        else:
            set_message(self.message, self.tr("Imported, and recorded in the signed audit log."), ok=True)
        self.imported.emit(result)
