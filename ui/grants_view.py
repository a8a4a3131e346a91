"""The security officer's countersignature (三员分立): roles and re-issued keys awaiting authorisation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import grants
from app.context import AccountContext
from ui.common import confirm, error_label, read_only_table, set_message, show_error
from ui.labels import roles_label
from ui.worker import DbWorker


class GrantsScreen(QWidget):
    """Accounts whose roles (or re-issued key) wait for the security officer; authorised one by one, in person."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.rows: list[dict[str, Any]] = []
        intro = QLabel(
            self.tr(
                "The administrator creates accounts; a role that reaches session content takes effect only when "
                "you authorise it here. Ask the person to sign in, change the passphrase the administrator gave "
                "them, and read their fingerprint aloud (我的账户); type it below, then authorise."
            )
        )
        intro.setWordWrap(True)
        self.table = read_only_table(
            "pendingGrants",
            [self.tr("Account"), self.tr("Roles asked for"), self.tr("Department"), self.tr("Fingerprint")],
        )
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("readAloud")
        self.fingerprint.setPlaceholderText(self.tr("the fingerprint the person reads aloud"))
        self.authorise_button = QPushButton(self.tr("&Authorise…"))
        self.authorise_button.setObjectName("authorise")
        self.authorise_button.clicked.connect(self.authorise)
        self.message = error_label()
        self.message.setObjectName("grantsMessage")
        form = QFormLayout()
        form.addRow(self.tr("Fingerprint read aloud:"), self.fingerprint)
        form.addRow("", self.authorise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(lambda: grants.pending(self.ctx), on_done=self._show, on_error=lambda m: show_error(self, m))

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            roles = roles_label(row["roles"])
            if row["reissued"]:
                roles += self.tr(" (re-issued key)")
            values = [row["account"], roles, row["department"] or "—", row["fingerprint"] or ""]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.authorise_button.setEnabled(bool(rows))
        if not rows:
            set_message(self.message, self.tr("Nothing awaits your authorisation."), ok=True)

    def authorise(self) -> None:
        row = self.rows[self.table.currentRow()] if 0 <= self.table.currentRow() < len(self.rows) else None
        if row is None:
            return
        spoken = " ".join(self.fingerprint.text().split())
        if not spoken:
            set_message(self.message, self.tr("Type the fingerprint the person reads aloud first."), ok=False)
            self.fingerprint.setFocus()
            return
        if not row["own_passphrase"] and not row["reissued"]:
            set_message(
                self.message,
                self.tr("{name} must first change the passphrase the administrator gave (我的账户).").format(
                    name=row["account"]
                ),
                ok=False,
            )
            return
        self.confirmation = confirm(
            self,
            "authoriseConfirmation",
            self.tr("Authorise account"),
            self.tr(
                "Authorise {name} as {roles}? From then on this account can read the content of its sessions. "
                "The authorisation is signed by you and recorded in the audit log."
            ).format(name=row["account"], roles=roles_label(row["roles"])),
            self.tr("Authorise {name}").format(name=row["account"]),
            lambda: self._apply(row["account"], spoken),
        )

    def _apply(self, name: str, spoken: str) -> None:
        def done(info: dict[str, Any]) -> None:
            self.fingerprint.clear()
            set_message(
                self.message,
                self.tr("{name} is authorised ({roles}).").format(name=name, roles=roles_label(info["roles"])),
                ok=True,
            )
            self.refresh()

        self.worker.submit(
            lambda: grants.authorise(self.ctx, name, spoken),
            mutates=True,
            on_done=done,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )
