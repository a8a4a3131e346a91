"""The unlock window: account and passphrase; errors shown in the window, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import keyslots
from app.errors import HuishenError
from ui.worker import DbWorker

if TYPE_CHECKING:
    from app.context import AccountContext


class UnlockWindow(QWidget):
    """Asks for an account and its passphrase; emits ``unlocked`` with the account context."""

    unlocked = Signal(object)
    first_painted = Signal()  # once, when the window is first on screen (start-up defers work until then)

    def __init__(self, store_dir: Path, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_dir = store_dir
        self.worker = worker
        self._painted = False
        self.setWindowTitle(self.tr("Huishen — unlock"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("Huishen back-to-back joint review"))
        # Centred by the style sheet: the first use of Qt's namespace builds all of its enums, which costs the
        # first paint ~20 ms (issue 16); it is imported after the paint instead.
        title.setStyleSheet("font-size: 18pt; font-weight: bold; margin: 12px; qproperty-alignment: AlignCenter;")

        self.account = QComboBox()
        self.account.setEditable(True)
        self.account.setObjectName("account")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setObjectName("unlock")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_unlock)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        form = QFormLayout()
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.load_accounts()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def load_accounts(self) -> None:
        """Offer the account names that have a key slot (names are not secret)."""
        self.account.clear()
        try:
            names = sorted(keyslots.load(self.store_dir).slots)
        except HuishenError as exc:
            self.show_error(exc.message)
            return
        self.account.addItems(names)
        self.account.setCurrentIndex(-1)

    def show_error(self, message: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    def try_unlock(self) -> None:
        """Unlock off the GUI thread (the key derivation takes about half a second)."""
        name = self.account.currentText().strip()
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        if not name:
            self.show_error(self.tr("Enter your account name."))
            return
        self.button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Unlocking…"))
        from PySide6.QtCore import Qt

        self.setCursor(Qt.CursorShape.BusyCursor)  # the key derivation takes a moment
        store_dir = self.store_dir

        def unlock() -> AccountContext:
            from app import accounts  # imported on the worker, after the window is painted

            return accounts.open_account(store_dir, name, passphrase, record_unlock=True)

        self.worker.submit(
            unlock,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, ctx: AccountContext) -> None:
        self.unsetCursor()
        self.button.setEnabled(True)
        self.message.clear()
        self.unlocked.emit(ctx)

    def _failed(self, message: str) -> None:
        self.unsetCursor()
        self.button.setEnabled(True)
        self.show_error(message)
        self.passphrase.setFocus()
