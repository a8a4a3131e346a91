"""The 三员 screens: audit log (auditor), accounts (administrator), policies and certificates (security officer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import accounts, auditlog
from app.context import AccountContext
from app.permissions import Role
from ui.common import error_label, local_time, read_only_table, run_with_progress, set_message, show_error
from ui.labels import ACTIONS, action_label, details_label, object_label, roles_label
from ui.worker import DbWorker


def _aware(value: QDateTime) -> datetime:
    """A QDateTime as an aware datetime in the local zone."""
    python = value.toPython()
    assert isinstance(python, datetime)
    return python.astimezone()


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


def _table(headers: list[str], name: str) -> QTableWidget:
    return read_only_table(name, headers, fit=True)


AUDIT_PAGE = 500  # entries per page of the audit screen


class AuditScreen(QWidget):
    """Filter the log by actor, action, object and time, a page at a time; verify the whole chain with progress."""

    paged = Signal()  # a page was shown

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.refs: dict[str, str] = {}  # "session:7" → the matter's 编号, from the signed log itself
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Actor"))
        self.action = QComboBox()
        self.action.setObjectName("actionFilter")
        self.action.addItem(self.tr("All actions"), "")
        for code in ACTIONS:
            self.action.addItem(action_label(code), code)
        self.object = QLineEdit()
        self.object.setPlaceholderText(self.tr("Object: reference number or account"))
        for edit in (self.actor, self.object):
            edit.returnPressed.connect(self.refresh)  # Enter filters
        self.use_since = QCheckBox(self.tr("Since"))
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addDays(-30))
        self.since.setCalendarPopup(True)
        search = QPushButton(self.tr("&Filter"))
        search.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify)
        self.older_button = QPushButton(self.tr("&Older entries"))
        self.older_button.setObjectName("olderEntries")
        self.older_button.clicked.connect(self.older)
        self.shown = QLabel()
        self.shown.setObjectName("auditShown")
        self.rows: list[dict[str, Any]] = []
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.table = _table(
            [
                self.tr("No."),
                self.tr("Time"),
                self.tr("Actor"),
                self.tr("Action"),
                self.tr("Object"),
                self.tr("Details"),
            ],
            "auditTable",
        )
        top = QHBoxLayout()
        for w in (self.actor, self.action, self.object, self.use_since, self.since, search):
            top.addWidget(w)
        bottom = QHBoxLayout()
        bottom.addWidget(self.older_button)
        bottom.addWidget(self.shown)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        worker.changed.connect(self.refresh)
        self.refresh()

    def _filters(self) -> tuple[datetime | None, str | None, str | None, str | None]:
        since = _aware(self.since.dateTime()) if self.use_since.isChecked() else None
        actor, action, obj = self.actor.text().strip(), self.action.currentData() or "", self.object.text().strip()
        by_ref = {ref: code for code, ref in self.refs.items()}
        if obj in by_ref:
            obj = by_ref[obj]
        elif obj and ":" not in obj:
            obj = f"account:{obj}"
        return since, actor or None, action or None, obj or None

    def refresh(self) -> None:
        """The newest page matching the filters (a log of a million entries is never loaded whole)."""
        since, actor, action, obj = self._filters()
        self.worker.submit(
            lambda: auditlog.list_entries(self.ctx, since, actor, action, obj, limit=AUDIT_PAGE),
            on_done=lambda rows: self._show(rows, older=False),
            on_error=lambda m: show_error(self, m),
        )

    def older(self) -> None:
        """The page before the oldest entry shown, added above it."""
        if not self.rows:
            return
        since, actor, action, obj = self._filters()
        first = int(self.rows[0]["seq"])
        self.older_button.setEnabled(False)
        self.worker.submit(
            lambda: auditlog.list_entries(self.ctx, since, actor, action, obj, limit=AUDIT_PAGE, before=first),
            on_done=lambda rows: self._show(rows, older=True),
            on_error=lambda m: show_error(self, m),
        )

    def _show(self, rows: list[dict[str, Any]], older: bool) -> None:
        import json

        for r in rows:
            if r["action"] == "session.create" and isinstance(r["details"], dict) and r["details"].get("ref"):
                self.refs[r["object"]] = str(r["details"]["ref"])
        self.rows = rows + self.rows if older else rows
        _fill(
            self.table,
            [
                [
                    str(r["seq"]),
                    local_time(r["ts"]),
                    self.tr("workstation") if r["actor"] == "workstation" else r["actor"],
                    action_label(r["action"]),
                    object_label(r["object"], self.refs),
                    details_label(r["details"]),
                ]
                for r in self.rows
            ],
        )
        for row, r in enumerate(self.rows):  # the exact record stays one hover away
            for column, raw in ((3, r["action"]), (4, r["object"]), (5, json.dumps(r["details"], ensure_ascii=False))):
                item = self.table.item(row, column)
                if item is not None:
                    item.setToolTip(raw)
        more = len(rows) == AUDIT_PAGE
        self.older_button.setEnabled(more)
        self.shown.setText(
            self.tr("Showing the newest {count} entries; older ones one page at a time.").format(count=len(self.rows))
            if more
            else self.tr("Showing all {count} entries.").format(count=len(self.rows))
        )
        if older:
            self.table.scrollToTop()
        else:
            self.table.scrollToBottom()
        self.paged.emit()

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        run_with_progress(
            self,
            self.worker,
            lambda: auditlog.verify_chain(self.ctx),
            self.tr("Verifying the audit chain…"),
            on_done=self._verified,
            mutates=False,
        )

    def _verified(self, report: Any) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self.result.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.result.setText(
                self.tr("Chain verified: {n} entries, every hash and signature holds.").format(n=report.count)
            )
        else:
            self.result.setStyleSheet("color: #b00020; font-weight: bold;")
            self.result.setText(
                self.tr("Chain BROKEN at entry {seq}: {problem}").format(seq=report.broken_seq, problem=report.problem)
            )


class NewAccountDialog(QDialog):
    submitted = Signal(str, list, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add account"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.name = QLineEdit()
        self.department = QLineEdit()
        self.roles: dict[str, QCheckBox] = {}
        names = {
            Role.ADMINISTRATOR: self.tr("administrator"),
            Role.SECURITY_OFFICER: self.tr("security officer"),
            Role.AUDITOR: self.tr("auditor"),
            Role.CHAIR: self.tr("chair"),
            Role.REVIEWER: self.tr("reviewer"),
            Role.CUSTODIAN: self.tr("custodian"),
            Role.CLERK: self.tr("clerk"),
        }
        role_box = QVBoxLayout()
        for role in Role:
            box = QCheckBox(names[role])
            self.roles[role.value] = box
            role_box.addWidget(box)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Roles:"), role_box)
        form.addRow(self.tr("Initial passphrase:"), self.passphrase)
        form.addRow(self.tr("Again:"), self.again)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form.addRow(buttons)

    def _ok(self) -> None:
        # What was typed stays when something is wrong: the user corrects it rather than typing it all again.
        if self.passphrase.text() != self.again.text():
            self.message.setText(self.tr("The two passphrases differ."))
            self.again.setFocus()
            self.again.selectAll()
            return
        roles = [r for r, box in self.roles.items() if box.isChecked()]
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Adding the account…"))
        self.buttons.setEnabled(False)
        self.submitted.emit(self.name.text(), roles, self.department.text(), self.passphrase.text())

    def refused(self, message: str) -> None:
        """The service said no: show why, keep every field as typed."""
        self.buttons.setEnabled(True)
        set_message(self.message, message, ok=False)

    def done(self, result: int) -> None:
        self.passphrase.clear()  # secret fields are cleared once the dialog is finished with
        self.again.clear()
        super().done(result)


class AccountsScreen(QWidget):
    """Add and disable accounts, reset forgotten passphrases (recorded); never any session content."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.table = _table(
            [
                self.tr("Account"),
                self.tr("Roles"),
                self.tr("Department"),
                self.tr("State"),
                self.tr("Identity fingerprint"),
            ],
            "accountsTable",
        )
        add = QPushButton(self.tr("&Add account…"))
        add.setObjectName("addAccount")
        add.clicked.connect(self.add)
        toggle = QPushButton(self.tr("&Disable / enable"))
        toggle.clicked.connect(self.toggle)
        reset = QPushButton(self.tr("Reset &passphrase…"))
        reset.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for b in (add, toggle, reset):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        worker.changed.connect(self.refresh)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(
            lambda: accounts.list_accounts(self.ctx), on_done=self._show, on_error=lambda m: show_error(self, m)
        )

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        _fill(
            self.table,
            [
                [
                    r["account"],
                    roles_label(r["roles"]),
                    r["department"] or "—",
                    self.tr("disabled")
                    if r["disabled"]
                    else self.tr("awaiting the security officer")
                    if r.get("awaiting_authorisation")
                    else self.tr("active"),
                    r["fingerprint"] or "",
                ]
                for r in rows
            ],
        )

    def _selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def add(self) -> None:
        dialog = NewAccountDialog(self)

        def submit(name: str, roles: list[str], dept: str, passphrase: str) -> None:
            self.worker.submit(
                lambda: accounts.add_account(self.ctx, name, roles, dept or None, passphrase),
                on_done=lambda _: dialog.accept(),
                on_error=dialog.refused,
                mutates=True,
            )

        dialog.submitted.connect(submit)
        dialog.open()

    def toggle(self) -> None:
        row = self._selected()
        if row is None:
            show_error(self, self.tr("Select an account in the table first."))
            return

        def apply(reason: str) -> None:
            self.worker.submit(
                lambda: accounts.set_disabled(self.ctx, row["account"], not row["disabled"], reason),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )

        if row["disabled"]:
            apply("")  # enabling takes nothing away
            return
        from ui.account_dialogs import DisableAccountDialog

        dialog = DisableAccountDialog(row["account"], self)
        dialog.confirmed.connect(apply)
        dialog.open()
        self.confirmation = dialog

    def reset(self) -> None:
        row = self._selected()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Reset passphrase"),
            self.tr("New passphrase for {name} (they get a new identity key; recorded):").format(name=row["account"]),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.worker.submit(
                lambda: accounts.reissue_slot(self.ctx, row["account"], text),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )
