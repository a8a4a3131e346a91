"""Certificates as people handle them: a clerk asks for their own signing certificate (keys made here, sealed to
the clerk), the security officer issues what clerks asked for. Each step is a signed fact (app.cert_requests)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import cert_requests
from app.context import AccountContext
from ui.common import confirm, error_label, local_time, set_message
from ui.worker import DbWorker


class MyCertificateBox(QGroupBox):
    """The clerk's own dossier-signing certificate: issued, awaiting the security officer, or to be requested."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("My dossier-signing certificate"), parent)
        self.setObjectName("myCertificate")
        self.ctx, self.worker = ctx, worker
        self.state: dict[str, Any] = {}
        self.status = QLabel()
        self.status.setObjectName("myCertificateStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Request a signing &certificate"))
        self.button.setObjectName("requestCertificate")
        self.button.clicked.connect(self.ask)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        self.worker.submit(
            lambda: cert_requests.my_status(self.ctx),
            on_done=self._show,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show(self, state: dict[str, Any]) -> None:
        self.state = state
        if state["state"] == "issued":
            self.status.setText(
                self.tr("Issued to you: {subject}\nValid until {until}; fingerprint {fp}").format(
                    subject=state["subject"], until=local_time(state["not_after"]), fp=state["fingerprint"]
                )
            )
            self.button.setText(self.tr("Request a new &certificate…"))
        elif state["state"] == "requested":
            self.status.setText(
                self.tr(
                    "Requested: your keys are made and sealed to you. The security officer now issues the "
                    "certificate. Request digest {digest}."
                ).format(digest=state["request"][:16])
            )
            self.button.setText(self.tr("Request &again…"))
        else:
            self.status.setText(
                self.tr(
                    "You have no signing certificate yet: dossiers you export cannot be signed. Request one; the "
                    "keys are made on this workstation and only your passphrase opens them."
                )
            )
            self.button.setText(self.tr("Request a signing &certificate"))

    def ask(self) -> None:
        if self.state.get("state") == "none":
            self.request()
            return
        self.confirmation = confirm(
            self,
            "requestAgainConfirmation",
            self.tr("Request a new certificate"),
            self.tr(
                "A new request makes new keys; the security officer must issue them before you can sign again "
                "with them. Make a new request?"
            ),
            self.tr("Request"),
            lambda: self.request(),
        )

    def request(self) -> None:
        self.button.setEnabled(False)
        set_message(self.message, self.tr("Making your keys…"), ok=True)

        def done(_: dict[str, Any]) -> None:
            self.button.setEnabled(True)
            set_message(self.message, self.tr("Requested. The security officer now issues the certificate."), ok=True)
            self.load()

        def failed(message: str) -> None:
            self.button.setEnabled(True)
            set_message(self.message, message, ok=False)

        self.worker.submit(lambda: cert_requests.request(self.ctx), mutates=True, on_done=done, on_error=failed)


class CertificateRequestsBox(QGroupBox):
    """The security officer's list of clerks' certificate requests, issued one at a time."""

    issued = Signal()

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Clerks' certificate requests"), parent)
        self.setObjectName("certificateRequests")
        self.ctx, self.worker = ctx, worker
        self.rows: list[dict[str, Any]] = []
        self.list = QListWidget()
        self.list.setObjectName("certificateRequestList")
        self.list.setMaximumHeight(110)
        self.button = QPushButton(self.tr("&Issue the selected request…"))
        self.button.setObjectName("issueCertificate")
        self.button.clicked.connect(self.ask)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        self.worker.submit(
            lambda: cert_requests.pending(self.ctx),
            on_done=self._show,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(
                self.tr("{name} — request {digest}").format(name=row["account"], digest=row["request"][:16])
            )
            self.list.addItem(item)
        if not rows:
            self.list.addItem(QListWidgetItem(self.tr("No request awaits you.")))
        else:
            self.list.setCurrentRow(0)
        self.button.setEnabled(bool(rows))

    def ask(self) -> None:
        index = self.list.currentRow()
        if not 0 <= index < len(self.rows):
            set_message(self.message, self.tr("Choose a request first."), ok=False)
            return
        row = self.rows[index]
        self.confirmation = confirm(
            self,
            "issueConfirmation",
            self.tr("Issue certificates"),
            self.tr(
                "Issue a signing and a timestamping certificate to {name} for the keys of request {digest}? "
                "Dossiers they sign will carry the organisation's name. Compare the digest with the one the "
                "clerk reads from their screen."
            ).format(name=row["account"], digest=row["request"][:16]),
            self.tr("Issue to {name}").format(name=row["account"]),
            lambda: self.issue(row["account"]),
        )

    def issue(self, name: str) -> None:
        self.button.setEnabled(False)

        def done(result: dict[str, Any]) -> None:
            set_message(self.message, self.tr("Certificates issued to {name}.").format(name=result["account"]), ok=True)
            self.load()
            self.issued.emit()

        def failed(message: str) -> None:
            self.button.setEnabled(True)
            set_message(self.message, message, ok=False)

        self.worker.submit(lambda: cert_requests.issue(self.ctx, name), mutates=True, on_done=done, on_error=failed)
