"""The custodian's key batch for chairs of other workstations (issue 10), and the one way the window writes an
exchange file: inside the export's own transaction (app/exchange/ledger.writing_to), never over an existing file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from app.context import AccountContext
from ui.common import error_label, save_file_dialog, set_message
from ui.worker import DbWorker

Export = Callable[[], tuple[bytes, dict[str, Any]]]


def write_export(
    worker: DbWorker, path: Path, export: Export, done: Callable[[Any], None], failed: Callable[[str], None]
) -> None:
    """Run ``export`` on the worker and write its file to ``path`` inside the export's own transaction."""

    def work() -> dict[str, Any]:
        from app.errors import Refused
        from app.exchange.ledger import writing_to
        from app.fsutil import write_atomic
        from app.i18n import tr

        if path.exists():
            raise Refused(tr("{path} exists already; choose a new file name.").format(path=path))
        with writing_to(path) as destination:
            data, result = export()
            if not destination.written:
                write_atomic(path, data)
        return result

    worker.submit(work, on_done=done, on_error=failed, mutates=True)


class KeyBatchDialog(QDialog):
    """The custodian's key batch for chairs of other workstations: which chairs, how many one-time keys."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, chairs: list[dict[str, Any]], parent: QWidget) -> None:
        super().__init__(parent)
        from app.sessions import holder_keys

        self.ctx, self.worker = ctx, worker
        self.setObjectName("keyBatchDialog")
        self.setWindowTitle(self.tr("Key batch for chairs of other workstations"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(620)
        self.chairs = QListWidget()
        self.chairs.setObjectName("batchChairs")
        for chair in chairs:
            item = QListWidgetItem(f"{chair['name']}　{chair['fingerprint']}")
            item.setData(Qt.ItemDataRole.UserRole, chair["fingerprint"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.chairs.addItem(item)
        self.count = QSpinBox()
        self.count.setObjectName("batchCount")
        self.count.setRange(1, 100)
        self.count.setValue(holder_keys.BATCH)
        self.message = error_label()
        self.message.setObjectName("batchMessage")
        explain = QLabel(
            self.tr(
                "New one-time round keys are made here; only their public halves go into the file, sealed to the "
                "chairs you tick. The private halves never leave this workstation until you release one."
            )
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton(self.tr("Write the key batch…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setObjectName("writeBatch")
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("For the chairs:"), self.chairs)
        form.addRow(self.tr("Number of keys:"), self.count)
        form.addRow(self.message)
        form.addRow(buttons)
        if not chairs:
            self.message.setText(
                self.tr("No chair of another workstation is registered here; the administrator imports their card.")
            )
            self.write_button.setEnabled(False)

    def chosen(self) -> list[str]:
        items = (self.chairs.item(i) for i in range(self.chairs.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def choose(self) -> None:
        if not self.chosen():
            self.message.setText(self.tr("Tick at least one chair."))
            return
        dialog = save_file_dialog(self, self.tr("Write the key batch"), "key-batch.hsx", "*.hsx")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        self.file_dialog = dialog

    def export_to(self, path: Path) -> None:
        from app.exchange import batches

        to, count = self.chosen(), self.count.value()
        self.write_button.setEnabled(False)
        self.message.setText(self.tr("Making the keys and writing the file…"))

        def done(result: dict[str, Any]) -> None:
            text = self.tr("{keys} round keys written to {path}; carry the file to the chairs' workstations.")
            set_message(self.message, text.format(keys=result["keys"], path=path), ok=True)
            self.buttons_done()

        def failed(message: str) -> None:
            self.write_button.setEnabled(True)
            set_message(self.message, message, ok=False)

        write_export(self.worker, path, lambda: batches.export(self.ctx, to, count), done, failed)

    def buttons_done(self) -> None:
        self.write_button.hide()
        box = self.findChild(QDialogButtonBox)
        if box is not None:
            box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
