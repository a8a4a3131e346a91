"""The administrator's 备份与恢复 screen, and the reminder at sign-in when the last backup is old.

Backing up and restoring run on the database worker, never on the GUI thread, behind a busy dialog
(``run_with_progress``). Restoring never touches the open store: it makes a new store directory from a backup
file, verified before anything is put in place, and says how to open it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import backup, backup_status
from app.context import AccountContext
from app.i18n import tr
from ui.common import documents_dir, error_label, local_time, run_with_progress, save_file_dialog, set_message
from ui.worker import DbWorker

SUFFIX = ".huishen-backup"


def status_text(info: dict[str, Any]) -> str:
    """The last backup and the policy, in words."""
    if info["never"] and info["days"] == 0:
        first = QCoreApplication.translate("BackupScreen", "This store has not been backed up yet.")
    elif info["never"]:
        first = QCoreApplication.translate(
            "BackupScreen", "This store has never been backed up (it was created {days} days ago)."
        ).format(days=info["days"])
    elif info["days"] == 0:
        first = QCoreApplication.translate("BackupScreen", "Last backup: {time} by {name} (today).").format(
            time=local_time(info["last_backup"]), name=info["last_by"]
        )
    else:
        first = QCoreApplication.translate("BackupScreen", "Last backup: {time} by {name} ({days} days ago).").format(
            time=local_time(info["last_backup"]), name=info["last_by"], days=info["days"]
        )
    policy = QCoreApplication.translate(
        "BackupScreen", "The security policy asks for a backup at least every {n} days."
    ).format(n=info["reminder_days"])
    return first + "\n" + policy


class BackupScreen(QWidget):
    """Back up the store now; restore a backup into a new directory; the last backup and the policy."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.message = error_label()
        self.message.setObjectName("backupMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton(self.tr("&Back up now…"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.choose_backup_file)
        self.restore_button = QPushButton(self.tr("&Restore a backup…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.choose_restore_file)
        save_box = QGroupBox(self.tr("Backup"))
        save_layout = QVBoxLayout(save_box)
        save_layout.addWidget(self.status)
        save_layout.addWidget(
            self._note(
                self.tr(
                    "A backup is one encrypted file: the database and the key slots, signed by you and verified "
                    "after writing. Keep it outside this computer; it opens only with a passphrase of this store."
                )
            )
        )
        save_layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        restore_box = QGroupBox(self.tr("Restore"))
        restore_layout = QVBoxLayout(restore_box)
        restore_layout.addWidget(
            self._note(
                self.tr(
                    "Restoring makes a new store in an empty directory from a backup file, after checking its "
                    "signature and integrity; this store is not changed. You sign in to the restored store with "
                    "your passphrase as it was when the backup was made."
                )
            )
        )
        restore_layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(save_box)
        layout.addWidget(restore_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.info: dict[str, Any] | None = None
        worker.changed.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def refresh(self) -> None:
        self.worker.submit(
            lambda: backup_status.status(self.ctx),
            on_done=self._show,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show(self, info: dict[str, Any]) -> None:
        self.info = info
        self.status.setText(status_text(info))
        self.status.setStyleSheet("color: #b00020;" if info["due"] else "")

    def _busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    # Backing up ---------------------------------------------------------------------------------------

    def choose_backup_file(self) -> QFileDialog:
        name = "huishen-{d}{s}".format(d=date.today().strftime("%Y%m%d"), s=SUFFIX)
        dialog = save_file_dialog(
            self, self.tr("Back up the store to"), name, self.tr("Huishen backups (*.huishen-backup)")
        )
        dialog.setDefaultSuffix(SUFFIX.lstrip("."))
        dialog.fileSelected.connect(lambda path: self.backup_to(Path(path)))
        dialog.open()
        return dialog

    def backup_to(self, path: Path) -> None:
        """Write and verify a backup on the worker; success in green, a refusal in red."""
        self._busy(True)
        set_message(self.message, self.tr("Writing and verifying the backup…"), ok=True)

        def done(result: dict[str, Any]) -> None:
            self._busy(False)
            set_message(
                self.message,
                self.tr("Backup written to {file} and verified (audit log up to entry {seq}).\nSHA-256: {sha}").format(
                    file=result["file"], seq=result["audit_seq"], sha=result["sha256"]
                ),
                ok=True,
            )

        def failed(message: str) -> None:
            self._busy(False)
            set_message(self.message, message, ok=False)

        run_with_progress(
            self,
            self.worker,
            lambda: backup.create(self.ctx, path),
            self.tr("Writing and verifying the backup…"),
            on_done=done,
            on_error=failed,
            mutates=True,
        )

    # Restoring ----------------------------------------------------------------------------------------

    def choose_restore_file(self) -> QFileDialog:
        title = self.tr("Choose the backup to restore")
        dialog = QFileDialog(self, title, documents_dir(), self.tr("Huishen backups (*.huishen-backup)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for which, text in {
            QFileDialog.DialogLabel.LookIn: tr("Look in:"),
            QFileDialog.DialogLabel.FileName: tr("File name:"),
            QFileDialog.DialogLabel.FileType: tr("Files of type:"),
            QFileDialog.DialogLabel.Accept: self.tr("Open"),
            QFileDialog.DialogLabel.Reject: tr("Cancel"),
        }.items():
            dialog.setLabelText(which, text)
        dialog.fileSelected.connect(lambda path: self.choose_restore_target(Path(path)))
        dialog.open()
        return dialog

    def choose_restore_target(self, backup_file: Path) -> QFileDialog:
        dialog = save_file_dialog(self, self.tr("New store directory for the restored copy"), "huishen-restored", "")
        dialog.fileSelected.connect(lambda path: self.ask_passphrase(backup_file, Path(path)))
        dialog.open()
        return dialog

    def ask_passphrase(self, backup_file: Path, target: Path) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setObjectName("restorePassphrase")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Restore a backup"))
        dialog.setLabelText(
            self.tr("Your passphrase ({name}) as it was when the backup was made:").format(name=self.ctx.name)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText(self.tr("Restore"))
        dialog.setCancelButtonText(tr("Cancel"))
        dialog.textValueSelected.connect(lambda text: self.restore_into(backup_file, target, text) if text else None)
        dialog.open()
        return dialog

    def restore_into(self, backup_file: Path, target: Path, passphrase: str) -> None:
        """Verify and restore on the worker into a new directory; the open store is not touched."""
        self._busy(True)
        name = self.ctx.name

        def done(result: dict[str, Any]) -> None:
            self._busy(False)
            text = self.tr(
                "Restored the backup of {time} into {store}; the restore is recorded in its audit log. "
                "To work in it, start Huishen with: huishen --store {store}"
            ).format(time=local_time(result["backup_created"]), store=result["store"])
            for warning in result["warnings"]:
                text += "\n" + self.tr("Warning: {problem}").format(problem=warning)
            set_message(self.message, text, ok=True)

        def failed(message: str) -> None:
            self._busy(False)
            set_message(self.message, message, ok=False)

        run_with_progress(
            self,
            self.worker,
            lambda: backup.restore(backup_file, target, name, passphrase),
            self.tr("Verifying and restoring the backup…"),
            on_done=done,
            on_error=failed,
            mutates=False,
        )


def remind_if_due(window: QMainWindow, ctx: AccountContext, worker: DbWorker, show_backup: Any) -> None:
    """At sign-in: if the last backup is older than the policy allows, say so and offer to back up now."""

    def check(info: dict[str, Any]) -> None:
        if not info["due"] or not window.isVisible():
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("BackupScreen", "Backup reminder"),
            status_text(info) + "\n\n" + QCoreApplication.translate("BackupScreen", "Back up the store now?"),
            QMessageBox.StandardButton.NoButton,
            window,
        )
        box.setObjectName("backupReminder")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        now = box.addButton(
            QCoreApplication.translate("BackupScreen", "Back up now…"), QMessageBox.ButtonRole.AcceptRole
        )
        later = box.addButton(QCoreApplication.translate("BackupScreen", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.setEscapeButton(later)
        box.buttonClicked.connect(lambda button: show_backup() if button is now else None)
        box.open()
        window.statusBar().showMessage(
            QCoreApplication.translate("BackupScreen", "The last backup is older than the security policy allows.")
        )

    worker.submit(lambda: backup_status.status(ctx), on_done=check, on_error=lambda _m: None)
