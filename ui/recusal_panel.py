"""The chair's recusal decisions on the seal board: each request with its statement; approve (naming, if wished,
a substitute reviewer of the same department) or refuse with a written reason; confirmed, signed, recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import accounts
from app.context import AccountContext
from app.sessions import custodian_recusal, recusal_decisions
from ui.common import error_label, set_message
from ui.worker import DbWorker


class RecusalPanel(QWidget):
    """Pending recusal requests of the current round, for the session's chair."""

    decided = Signal()

    def __init__(
        self, ctx: AccountContext, worker: DbWorker, info: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.info = ctx, worker, info
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.message = error_label()
        self.message.setObjectName("recusalMessage")
        self.boxes: dict[str, dict[str, Any]] = {}
        self.refresh()

    def refresh(self) -> None:
        sid = self.info["id"]
        self.worker.submit(
            lambda: (recusal_decisions.listing(self.ctx, sid), accounts.directory(self.ctx)),
            on_done=self._show,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show(self, loaded: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        rows, people = loaded
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.message:
                widget.deleteLater()
        self.boxes.clear()
        reviewers = {d["name"]: d["reviewers"] for d in people["departments"]}
        pending = [r for r in rows if r["state"] == "requested"]
        for row in pending:
            same = reviewers.get(row["department"], []) if not row.get("custodian") else []
            self.layout_.addWidget(self._box(row, [n for n in same if n != row["reviewer"]]))
        self.layout_.addWidget(self.message)
        self.setVisible(bool(pending) or bool(self.message.text()))

    def _box(self, row: dict[str, Any], candidates: list[str]) -> QGroupBox:
        custodian = bool(row.get("custodian"))
        who = row["reviewer"] if custodian else row["department"]
        box = QGroupBox(
            self.tr("Recusal request: {department} ({reviewer})").format(
                department=self.tr("custodian") if custodian else row["department"], reviewer=row["reviewer"]
            )
        )
        box.setObjectName(f"recusal-{who}")
        statement = QLabel(self.tr("Statement: {text}").format(text=row["statement"] or "—"))
        statement.setWordWrap(True)
        substitute = QComboBox()
        substitute.setObjectName("substitute")
        substitute.addItem(self.tr("— no substitute (the department is recused) —"), None)
        for name in candidates:
            substitute.addItem(name, name)
        reason = QLineEdit()
        reason.setObjectName("recusalReason")
        reason.setPlaceholderText(self.tr("Reason (required when refusing)"))
        approve = QPushButton(self.tr("Approve…"))
        approve.setObjectName("approveRecusal")
        refuse = QPushButton(self.tr("Refuse…"))
        refuse.setObjectName("refuseRecusal")
        approve.clicked.connect(lambda: self.confirm(who, True))
        refuse.clicked.connect(lambda: self.confirm(who, False))
        form = QFormLayout()
        form.addRow(statement)
        if custodian:
            note = QLabel(
                self.tr(
                    "If approved, the custodian still releases their key at the reveal but no longer reads content."
                )
            )
            note.setWordWrap(True)
            form.addRow(note)
        else:
            form.addRow(self.tr("Substitute reviewer:"), substitute)
        form.addRow(self.tr("Reason:"), reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(refuse)
        buttons.addWidget(approve)
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addLayout(buttons)
        self.boxes[who] = {
            "substitute": substitute,
            "reason": reason,
            "approve": approve,
            "refuse": refuse,
            "custodian": custodian,
        }
        return box

    def confirm(self, department: str, approve: bool) -> None:
        fields = self.boxes[department]
        substitute = fields["substitute"].currentData() if approve else None
        reason = fields["reason"].text()
        if not approve and not reason.strip():
            set_message(self.message, self.tr("Write the reason for refusing first."), ok=False)
            fields["reason"].setFocus()
            return
        if approve and substitute:
            text = self.tr("Approve the recusal of {department}? {substitute} then seals in the department's place.")
        elif approve:
            text = self.tr("Approve the recusal of {department}? The department gives no opinion in this round.")
        else:
            text = self.tr("Refuse the recusal of {department}? Its reviewer must then seal an opinion.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Recusal decision"),
            text.format(department=department, substitute=substitute)
            + "\n\n"
            + self.tr("The decision is signed by you and recorded; it cannot be changed."),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("recusalConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(self.tr("Approve") if approve else self.tr("Refuse"), QMessageBox.ButtonRole.YesRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.buttonClicked.connect(
            lambda button: self.apply(department, approve, reason, substitute) if button is go else None
        )
        box.open()
        self.confirmation = box

    def apply(self, department: str, approve: bool, reason: str, substitute: str | None) -> None:
        def done(result: dict[str, Any]) -> None:
            set_message(
                self.message, self.tr("Decision recorded for {department}.").format(department=department), ok=True
            )
            self.decided.emit()

        sid = self.info["id"]
        if self.boxes[department]["custodian"]:
            self.worker.submit(
                lambda: custodian_recusal.decide(self.ctx, sid, department, approve, reason),
                mutates=True,
                on_done=done,
                on_error=lambda m: set_message(self.message, m, ok=False),
            )
            return
        self.worker.submit(
            lambda: recusal_decisions.decide(self.ctx, sid, department, approve, reason, substitute),
            mutates=True,
            on_done=done,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )
