"""The main window: role-aware navigation to the screens an account can use, and only those."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import accounts
from app.context import AccountContext
from app.permissions import Operation, allowed
from ui.admin_views import AccountsScreen, AuditScreen
from ui.backup_view import BackupScreen, remind_if_due
from ui.cert_widgets import MyCertificateBox
from ui.clearance_view import ClearanceScreen
from ui.common import Watermark, error_label, place_window, remember_window, set_message
from ui.exchange_dialog import ImportDialog, choose_and_open
from ui.grants_view import GrantsScreen
from ui.home_view import HomeScreen
from ui.labels import roles_label
from ui.passphrase_dialog import ChangePassphraseDialog
from ui.policy_view import PolicyScreen
from ui.session_dialog import SessionDialog
from ui.session_editor import SessionEditor
from ui.session_list import SessionListScreen
from ui.stats_view import StatsScreen
from ui.worker import DbWorker


class MyAccountScreen(QWidget):
    """Who am I; change my own passphrase."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.info = QLabel()
        self.info.setObjectName("whoami")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = error_label()
        change = QPushButton(self.tr("Change my &passphrase…"))
        change.clicked.connect(self.change)
        exchange = QPushButton(self.tr("&Import an exchange file…"))
        exchange.setObjectName("importExchange")
        exchange.clicked.connect(self.import_file)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(change, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(exchange, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        if allowed(ctx.roles, Operation.DOSSIER_EXPORT):
            self.certificate = MyCertificateBox(ctx, worker)
            layout.addWidget(self.certificate)
        layout.addStretch(1)
        worker.submit(lambda: accounts.whoami(ctx), on_done=self._show, on_error=self.message.setText)

    def _show(self, info: dict[str, Any]) -> None:
        self.info.setText(
            self.tr(
                "Account: {a}\nRoles: {r}\nDepartment: {d}\nIdentity fingerprint: {f}\nWorkstation fingerprint: {w}"
            ).format(
                a=info["account"],
                r=roles_label(info["roles"]),
                d=info["department"] or "—",
                f=info["fingerprint"],
                w=info["workstation_fingerprint"],
            )
        )

    def import_file(self, path: str | None = None) -> ImportDialog | None:
        """Choose an exchange file (from removable media), then see what it is before importing it."""
        return choose_and_open(self, self.ctx, self.worker, path)

    def change(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self.ctx, self.worker, self)
        dialog.changed.connect(lambda: set_message(self.message, self.tr("Passphrase changed."), ok=True))
        dialog.open()
        return dialog


class MainWindow(QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.force = False
        # The title bar shows only the program and the account: never session content.
        self.setWindowTitle(self.tr("Huishen — {name}").format(name=ctx.name))
        place_window(self, ctx.name, "main", 1200, 780)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.screens: dict[str, QWidget] = {}
        roles = ctx.roles
        if allowed(roles, Operation.SESSION_LIST):
            home = HomeScreen(ctx, worker)
            home.open_session.connect(self.open_session)
            home.show_all.connect(lambda: self.show_screen("sessions"))
            self._add("home", self.tr("My work"), home)
            sessions = SessionListScreen(ctx, worker)
            sessions.open_session.connect(self.open_session)
            sessions.new_session.connect(self.new_session)
            self._add("sessions", self.tr("Sessions"), sessions)
        if allowed(roles, Operation.SESSION_READ_CONTENT) and (
            allowed(roles, Operation.SESSION_CREATE) or allowed(roles, Operation.DOSSIER_EXPORT)
        ):
            self._add("statistics", self.tr("Statistics"), None)
        if allowed(roles, Operation.AUDIT_LIST):
            self._add("audit", self.tr("Audit log"), AuditScreen(ctx, worker))
        if allowed(roles, Operation.ACCOUNT_ADD):
            self._add("accounts", self.tr("Accounts"), AccountsScreen(ctx, worker))
        if allowed(roles, Operation.STORE_BACKUP):
            backup_screen = BackupScreen(ctx, worker)
            self._add("backup", self.tr("Backup and restore"), backup_screen)

            def back_up_now() -> None:
                self.show_screen("backup")
                backup_screen.choose_backup_file()

            remind_if_due(self, ctx, worker, back_up_now)
        if allowed(roles, Operation.POLICY_SET):
            self._add("policy", self.tr("Security policy"), PolicyScreen(ctx, worker))
        if allowed(roles, Operation.ACCOUNT_AUTHORISE):
            self._add("grants", self.tr("Authorisations"), GrantsScreen(ctx, worker))
            self._add("clearance", self.tr("Clearance levels"), ClearanceScreen(ctx, worker))
        # Sessions chaired at other workstations: only where an identity of another workstation is registered.
        remote_work = allowed(roles, Operation.OPINION_SEAL) or allowed(roles, Operation.REVEAL_SHARE)
        if remote_work and ctx.registry.foreign:
            from ui.exchange_desk import ExchangeScreen

            self._add("exchange", self.tr("Other workstations"), ExchangeScreen(ctx, worker))
        self._add("me", self.tr("My account"), MyAccountScreen(ctx, worker))
        self.nav.currentRowChanged.connect(self._switch)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.watermark = Watermark(central, ctx.name)
        self.nav.setCurrentRow(0)
        lock = QAction(self.tr("Lock"), self)
        lock.setShortcut("Ctrl+L")
        lock.triggered.connect(self.lock_requested)
        chinese = QAction("中文", self)
        chinese.triggered.connect(lambda: self.language_requested.emit("zh_CN"))
        english = QAction("English", self)
        english.triggered.connect(lambda: self.language_requested.emit("en"))
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(lock)
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.setObjectName("signOut")
        sign_out.triggered.connect(self.sign_out_requested)
        toolbar.addAction(sign_out)
        language = self.menuBar().addMenu(self.tr("&Language"))
        language.addAction(chinese)
        language.addAction(english)
        self.statusBar().showMessage(
            self.tr("Signed in as {name} ({roles}).").format(name=ctx.name, roles=roles_label(roles))
        )

    def _add(self, key: str, label: str, widget: QWidget | None) -> None:
        placeholder = widget or QWidget()
        placeholder.setObjectName(f"screen-{key}")
        self.screens[key] = placeholder
        self.nav.addItem(label)
        self.nav.item(self.nav.count() - 1).setData(Qt.ItemDataRole.UserRole, key)
        self.stack.addWidget(placeholder)

    def _switch(self, row: int) -> None:
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        if key == "statistics" and isinstance(self.screens[key], QWidget) and not self.screens[key].layout():
            stats = StatsScreen(self.ctx, self.worker)  # built on first view: it reads every revealed round
            stats.setObjectName("screen-statistics")
            index = self.stack.indexOf(self.screens[key])
            self.stack.removeWidget(self.screens[key])
            self.screens[key] = stats
            self.stack.insertWidget(index, stats)
        self.stack.setCurrentWidget(self.screens[key])
        self.watermark.raise_()

    def show_screen(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)

    def screen_keys(self) -> list[str]:
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.nav.count())]

    def open_session(self, session_id: int, restore: dict[str, Any] | None = None) -> SessionDialog:
        for dialog in self.session_dialogs():
            if dialog.session_id == session_id:  # one window per session: typed text lives in one place
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = SessionDialog(self.ctx, self.worker, session_id, self, restore=restore)
        dialog.show()
        return dialog

    def session_dialogs(self) -> list[SessionDialog]:
        return [d for d in self.findChildren(SessionDialog) if d.isVisible()]

    def save_and_close_all(self) -> list[dict[str, Any]]:
        """For the idle lock and exit: save every draft, note what was open, close without asking."""
        snapshots = []
        for dialog in self.session_dialogs():
            snapshots.append(dialog.snapshot())
            dialog.save_drafts()
            dialog.force_close()
        for editor in self.findChildren(SessionEditor):
            if editor.isVisible():
                snapshots.append({"new_session": editor.state()})
                editor.force = True
                editor.close()
        self.force = True
        self.close()
        return snapshots

    def new_session(self, restore: dict[str, Any] | None = None) -> SessionEditor:
        editor = SessionEditor(self.ctx, self.worker, self)
        editor.pending_state = restore
        editor.created.connect(self.open_session)
        editor.open()
        return editor

    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.remote_opinion import RemoteSessionDialog

        typed = [d for d in self.findChildren(RemoteSessionDialog) if d.isVisible() and d.editor.has_unsaved()]
        if typed and not self.force:  # text typed for another workstation's session is kept nowhere: it asks first
            event.ignore()
            typed[0].raise_()
            typed[0].close()
            return
        unsaved = [d for d in self.session_dialogs() if d.has_unsaved()]
        if unsaved and not self.force:
            event.ignore()
            self._ask_exit()
            return
        for child in self.findChildren(SessionDialog):
            child.force_close()
        remember_window(self, self.ctx.name, "main")
        super().closeEvent(event)

    def _ask_exit(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr(
                "Some session windows have typed text that is not saved. Opinion drafts will be saved "
                "(encrypted); a chair's position or decision that is typed but not recorded will be lost."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("exitConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        leave = box.addButton(self.tr("Save drafts and exit"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.buttonClicked.connect(lambda button: self.save_and_close_all() if button is leave else None)
        box.open()
        self.confirmation = box
