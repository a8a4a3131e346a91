"""First run: create the store, the administrator and the workstation identity (logic in app.setup_wizard)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AccountContext
from app.setup_wizard import SetupWizard
from ui.common import error_label
from ui.worker import DbWorker


class SetupWindow(QWidget):
    created = Signal(object)

    def __init__(self, directory: Path, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wizard = SetupWizard(directory)
        self.worker = worker
        self.setWindowTitle(self.tr("Huishen — first run"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "No store exists yet in {path}. Create it now: you become its administrator. "
                "The workstation also gets its own identity key."
            ).format(path=directory)
        )
        intro.setWordWrap(True)
        self.pages = QStackedWidget()
        # step 1
        self.name = QLineEdit()
        self.name.setObjectName("adminName")
        self.name.setPlaceholderText(self.tr("Administrator's account name"))
        page1 = QWidget()
        l1 = QFormLayout(page1)
        l1.addRow(QLabel(self.tr("Step 1 of 3: the administrator's account name")))
        l1.addRow(self.tr("Account name:"), self.name)
        # step 2
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("adminPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("adminPassphraseAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        page2 = QWidget()
        l2 = QFormLayout(page2)
        l2.addRow(QLabel(self.tr("Step 2 of 3: the administrator's passphrase (at least 8 characters), twice")))
        l2.addRow(self.tr("Passphrase:"), self.passphrase)
        l2.addRow(self.tr("Again:"), self.again)
        for edit in (self.name, self.passphrase, self.again):
            edit.returnPressed.connect(self.next)  # Enter goes on
        # step 3
        page3 = QWidget()
        l3 = QVBoxLayout(page3)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        l3.addWidget(self.summary)
        for page in (page1, page2, page3):
            self.pages.addWidget(page)
        self.message = error_label()
        self.message.setObjectName("setupMessage")
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setObjectName("setupNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        for w in (intro, self.pages, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._sync()

    def _sync(self) -> None:
        index = {"administrator": 0, "passphrase": 1, "create": 2}[self.wizard.step]
        self.pages.setCurrentIndex(index)
        (self.name, self.passphrase, self.next_button)[index].setFocus()
        self.back_button.setEnabled(index > 0)
        self.next_button.setText(self.tr("&Create the store") if index == 2 else self.tr("&Next"))
        if index == 2:
            self.summary.setText(
                self.tr("Step 3 of 3: create the encrypted store with administrator {name}.").format(
                    name=self.wizard.admin_name
                )
            )

    def back(self) -> None:
        self.wizard.back()
        self.message.clear()
        self._sync()

    def next(self) -> None:
        step = self.wizard.step
        if step == "administrator":
            error = self.wizard.submit_administrator(self.name.text())
        elif step == "passphrase":
            error = self.wizard.submit_passphrase(self.passphrase.text(), self.again.text())
            if error:  # what was typed stays, selected, so it can be corrected or typed over
                self.passphrase.setFocus()
                self.passphrase.selectAll()
            else:
                self.passphrase.clear()
                self.again.clear()
        else:
            self.next_button.setEnabled(False)
            self.worker.submit(self.wizard.create, on_done=self._created, on_error=self._failed)
            return
        self.message.setText(error or "")
        self._sync()

    def _created(self, ctx: AccountContext) -> None:
        self.created.emit(ctx)

    def _failed(self, message: str) -> None:
        self.next_button.setEnabled(True)
        self.message.setText(message)
        self._sync()
