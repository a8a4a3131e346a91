"""The reveal dialog: the chair's and then each key holder's passphrase, one person at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.common import error_label, set_message

Verifier = Callable[[str, str, Callable[[Any], None], Callable[[str], None]], None]


class RevealDialog(QDialog):
    """Collects the chair's and then each custodian's passphrase, one person at a time; each passphrase is
    verified at its own step, and a wrong one is retried there."""

    collected = Signal(dict)

    def __init__(
        self,
        holders: list[str],
        parent: QWidget | None = None,
        verify: Verifier | None = None,
        roles: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.verify = verify
        self.roles = roles
        self.setWindowTitle(self.tr("Reveal"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.holders = holders
        self.index = 0
        self.passphrases: dict[str, str] = {}
        self.prompt = QLabel()
        self.prompt.setObjectName("revealPrompt")
        self.prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("revealPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "All sealed opinions are opened together. Each key holder enters their own "
                "passphrase in turn, out of sight of the others."
            )
        )
        intro.setWordWrap(True)
        for w in (intro, self.prompt, self.field, self.message, self.buttons):
            layout.addWidget(w)
        self._show()

    def _show(self) -> None:
        name = self.holders[self.index]
        if self.roles is not None:
            role = self.roles[self.index]
        else:
            role = self.tr("chair") if self.index == 0 else self.tr("custodian")
        self.prompt.setText(
            self.tr("Step {i} of {n}: {name} ({role}), enter your passphrase.").format(
                i=self.index + 1, n=len(self.holders), name=name, role=role
            )
        )
        self.field.clear()
        self.field.setFocus()

    def next(self) -> None:
        if not self.field.text():
            self.message.setText(self.tr("Enter the passphrase."))
            return
        passphrase = self.field.text()
        self.field.clear()
        if self.verify is None:
            self._accepted(passphrase)
            return
        self.buttons.setEnabled(False)
        self.field.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking the passphrase…"))
        self.verify(self.holders[self.index], passphrase, lambda _: self._accepted(passphrase), self._refused)

    def _refused(self, message: str) -> None:
        """Wrong (or locked out): the same holder tries again at the same step."""
        self.buttons.setEnabled(True)
        self.field.setEnabled(True)
        set_message(self.message, message, ok=False)
        self.field.setFocus()

    def _accepted(self, passphrase: str) -> None:
        self.buttons.setEnabled(True)
        self.field.setEnabled(True)
        self.passphrases[self.holders[self.index]] = passphrase
        self.message.clear()
        self.index += 1
        if self.index < len(self.holders):
            self._show()
            return
        self.collected.emit(dict(self.passphrases))
        self.passphrases.clear()
        self.accept()

    def reject(self) -> None:
        self.passphrases.clear()
        self.field.clear()
        super().reject()
