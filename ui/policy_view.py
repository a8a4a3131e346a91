"""The security officer's screen: policies, and the certificates that sign dossiers (shown before any change)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import certs, policy
from app.context import AccountContext
from app.sessions import views
from ui.cert_widgets import CertificateRequestsBox
from ui.common import error_label, local_time, set_message
from ui.worker import DbWorker


class PolicyScreen(QWidget):
    """The security officer's policies and the workstation's signing certificate."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.min_chars = QSpinBox()
        self.min_chars.setRange(1, 2000)
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.similarity = QSpinBox()
        self.similarity.setRange(50, 100)
        self.custodians = QSpinBox()
        self.custodians.setObjectName("minCustodians")
        self.custodians.setRange(0, 5)
        self.strength = QSpinBox()
        self.strength.setObjectName("passphraseStrength")
        self.strength.setRange(1, 4)
        self.backup_days = QSpinBox()
        self.backup_days.setObjectName("backupReminderDays")
        self.backup_days.setRange(1, 365)
        self.warning_days = QSpinBox()
        self.warning_days.setObjectName("deadlineWarningDays")
        self.warning_days.setRange(0, 60)
        self.kdf_cost = QSpinBox()
        self.kdf_cost.setObjectName("kdfCostLog2")
        self.kdf_cost.setRange(18, 20)
        self.kdf_cost.setPrefix("2^")
        spins = (self.kdf_cost, self.min_chars, self.idle, self.similarity, self.custodians, self.strength)
        for spin in (*spins, self.backup_days, self.warning_days):
            spin.setMaximumWidth(120)  # a number, not a banner
        self.phrases = QPlainTextEdit()
        self.phrases.setMaximumHeight(120)
        self.message = error_label()
        self.message.setObjectName("policyMessage")
        save = QPushButton(self.tr("&Save policies"))
        save.clicked.connect(self.save)
        policies = QGroupBox(self.tr("Policies"))
        form = QFormLayout(policies)
        form.addRow(self.tr("Minimum reasoning length (characters):"), self.min_chars)
        form.addRow(self.tr("Lock after idle (minutes):"), self.idle)
        form.addRow(self.tr("Near-duplicate threshold (%):"), self.similarity)
        form.addRow(self.tr("Custodians besides the chair, at least:"), self.custodians)
        form.addRow(self.tr("Passphrase strength, at least (1–4):"), self.strength)
        form.addRow(self.tr("Remind the administrator to back up after (days):"), self.backup_days)
        form.addRow(self.tr("Warn of a deadline this many days ahead (0: no warning):"), self.warning_days)
        form.addRow(self.tr("Key-derivation cost of key slots (Scrypt N, 2^18 ≈ 1 s):"), self.kdf_cost)
        form.addRow(self.tr("Stock phrases (one per line):"), self.phrases)
        form.addRow("", save)

        certificates = QGroupBox(self.tr("Dossier-signing certificates"))
        certificates.setObjectName("certificates")
        self.current = QLabel()
        self.current.setObjectName("currentCertificate")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.org = QLineEdit()
        self.org.setPlaceholderText(self.tr("Organisation name"))
        self.init_button = QPushButton(self.tr("&Create local CA"))
        self.init_button.setObjectName("initCa")
        self.init_button.clicked.connect(self.init_ca)
        cert_form = QFormLayout(certificates)
        scroll = QScrollArea()  # three certificates and their fingerprints: scroll rather than squeeze
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(170)
        scroll.setWidget(self.current)
        cert_form.addRow(scroll)
        cert_form.addRow(self.tr("Organisation:"), self.org)
        cert_form.addRow("", self.init_button)
        layout = QVBoxLayout(self)
        layout.addWidget(policies)
        layout.addWidget(certificates)
        self.requests = CertificateRequestsBox(ctx, worker)
        self.requests.issued.connect(self.load_certificates)
        layout.addWidget(self.requests)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.certificates: list[dict[str, Any]] = []
        worker.submit(lambda: policy.current(ctx), on_done=self._show, on_error=self.message.setText)
        self.load_certificates()

    def _show(self, p: policy.Policy) -> None:
        self.min_chars.setValue(p.min_reasoning_chars)
        self.idle.setValue(p.idle_lock_minutes)
        self.similarity.setValue(p.similarity_threshold_percent)
        self.custodians.setValue(p.min_custodians)
        self.strength.setValue(p.passphrase_min_score)
        self.backup_days.setValue(p.backup_reminder_days)
        self.warning_days.setValue(p.deadline_warning_days)
        self.kdf_cost.setValue(p.kdf_cost_log2)
        self.phrases.setPlainText("\n".join(p.stock_phrases))

    def load_certificates(self) -> None:
        self.worker.submit(
            lambda: views.current_certificates(self.ctx),
            on_done=self._show_certificates,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show_certificates(self, rows: list[dict[str, Any]]) -> None:
        self.certificates = rows
        if not rows:
            self.current.setText(self.tr("No certificate yet: dossiers cannot be signed until one is created."))
            self.init_button.setText(self.tr("&Create local CA"))
            return
        kinds = {
            "ca": self.tr("Certificate authority"),
            "signing": self.tr("Signing certificate"),
            "tsa": self.tr("Timestamping certificate"),
        }
        lines = [
            self.tr("{kind} ({holder}): {subject}\nValid until {until}; fingerprint {fp}").format(
                kind=kinds.get(r["kind"], r["kind"]),
                holder=r.get("holder") or "—",
                subject=r["subject"],
                until=local_time(r["not_after"]),
                fp=_two_lines(r["fingerprint"]),
            )
            for r in rows
        ]
        self.current.setText("\n\n".join(lines))
        self.init_button.setText(self.tr("&Replace the CA…"))

    def save(self) -> None:
        values = {
            "min_reasoning_chars": self.min_chars.value(),
            "idle_lock_minutes": self.idle.value(),
            "similarity_threshold_percent": self.similarity.value(),
            "min_custodians": self.custodians.value(),
            "passphrase_min_score": self.strength.value(),
            "backup_reminder_days": self.backup_days.value(),
            "deadline_warning_days": self.warning_days.value(),
            "kdf_cost_log2": self.kdf_cost.value(),
            "stock_phrases": [line for line in self.phrases.toPlainText().splitlines() if line.strip()],
        }

        def apply() -> None:
            current = policy.current(self.ctx)
            for key, value in values.items():
                if getattr(current, key) != value:
                    policy.set_value(self.ctx, key, value)

        self.worker.submit(
            apply,
            mutates=True,
            on_done=lambda _: set_message(self.message, self.tr("Saved."), ok=True),
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def init_ca(self) -> None:
        org = self.org.text()
        if not org.strip():
            set_message(self.message, self.tr("Give the organisation's name."), ok=False)
            self.org.setFocus()
            return
        if not self.certificates:
            self._create(org)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Replace the certificates"),
            self.tr(
                "A certificate authority already exists. Replacing it retires the current CA: clerks' certificates "
                "must be issued again, and readers who verify dossiers must be given the new CA certificate. "
                "Replace it?"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("replaceCaConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.YesRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.buttonClicked.connect(lambda button: self._create(org) if button is go else None)
        box.open()
        self.confirmation = box

    def _create(self, org: str) -> None:
        self.init_button.setEnabled(False)

        def done(result: dict[str, Any]) -> None:
            self.init_button.setEnabled(True)
            set_message(self.message, self.tr("CA created: {s}").format(s=result["ca_subject"]), ok=True)
            self.load_certificates()
            self.requests.load()

        def failed(message: str) -> None:
            self.init_button.setEnabled(True)
            set_message(self.message, message, ok=False)

        self.worker.submit(lambda: certs.init_ca(self.ctx, org), mutates=True, on_done=done, on_error=failed)


def _two_lines(fingerprint: str) -> str:
    """A SHA-256 fingerprint (32 pairs) on two lines of 16 pairs, so it fits without a sideways scroll."""
    pairs = fingerprint.split(":")
    if len(pairs) < 17:
        return fingerprint
    return ":".join(pairs[:16]) + ":\n" + ":".join(pairs[16:])
