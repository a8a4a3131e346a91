"""The administrator's confirmation for disabling an account: it names the consequence and asks for a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.accounts import check_reason
from app.errors import InvalidInput
from ui.common import error_label, set_message


class DisableAccountDialog(QDialog):
    """Disable NAME? — with a required reason (recorded in the signed audit entry); defaults to going back."""

    confirmed = Signal(str)  # the reason, checked

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disableConfirmation")
        self.setWindowTitle(self.tr("Disable account"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.name = name
        text = QLabel(
            self.tr(
                "Disable {name}? They can no longer sign in, seal, or release a reveal key; sessions that need "
                "them wait until the account is enabled again. The change is recorded in the audit log."
            ).format(name=name)
        )
        text.setWordWrap(True)
        self.text = text
        prompt = QLabel(self.tr("&Reason (recorded in the audit log):"))
        self.reason = QLineEdit()
        self.reason.setObjectName("disableReason")
        self.reason.setMaxLength(500)
        prompt.setBuddy(self.reason)
        self.message = error_label()
        self.buttons = QDialogButtonBox()
        self.go: QPushButton = self.buttons.addButton(
            self.tr("Disable {name}").format(name=name), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go.setObjectName("disableGo")
        self.back: QPushButton = self.buttons.addButton(self.tr("Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back.setObjectName("disableBack")
        self.go.setAutoDefault(False)
        self.back.setDefault(True)  # the safe choice
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _confirm(self) -> None:
        try:
            reason = check_reason(self.reason.text())
        except InvalidInput as exc:
            set_message(self.message, exc.message, ok=False)  # what was typed stays
            self.reason.setFocus()
            return
        self.confirmed.emit(reason)
        self.accept()
