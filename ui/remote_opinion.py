"""A reviewer at their own workstation seals for a session chaired elsewhere (issue 10): the opinion editor on an
imported session package.

The same editor as for a session of this store (declaration, form with its live checks, confirmation, sealed copy
read-only), with another backend: sealing is the envelope file's export (app/exchange/envelope_file.py — sealed
on this store exactly as locally, to the chair alone), written to the file the reviewer chooses inside the
export's own transaction; the sealed copy is read back from the export entry (app/remote_desk.py).  Declaring a
conflict writes a recusal request as the envelope file instead (app/exchange/recusal_file.py: the statement
sealed to the chair); one envelope per round either way.  Drafts are not kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import policy, remote_desk
from app.context import AccountContext
from app.opinion_form import OpinionForm, Recusal
from ui.common import Watermark, local_time, place_window, save_file_dialog, set_message
from ui.opinion_editor import OpinionEditor
from ui.worker import DbWorker


class RemoteOpinionEditor(OpinionEditor):
    """The opinion editor for an imported session package; sealing writes the envelope file."""

    written = Signal(str)  # the envelope file's path

    def __init__(
        self, ctx: AccountContext, worker: DbWorker, info: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, worker, info, parent)
        self.save_button.hide()  # drafts of another workstation's session are not kept
        self.conflict.setToolTip(
            self.tr("Your recusal request is written as the envelope file; the chair decides it at their workstation.")
        )
        self.seal_button.setText(self.tr("&Seal and write the envelope file…"))
        self.path: Path | None = None

    def _load(self) -> tuple[policy.Policy, dict[str, Any] | None, OpinionForm | None, dict[str, Any] | None]:
        from app.exchange import recusal_file

        recused = {"state": "sent"} if recusal_file.sent_for(self.ctx, self.info["id"]) else None
        return policy.current(self.ctx), remote_desk.read_own_sealed(self.ctx, self.info["id"]), None, recused

    def _recusal_state(self, recusal: dict[str, Any]) -> bool:
        if recusal.get("state") != "sent":
            return super()._recusal_state(recusal)
        self.form_box.setEnabled(False)
        self.buttons_box.setEnabled(False)
        text = self.tr(
            "You asked for recusal in this round by envelope file; the chair decides at their workstation. "
            "Nothing more can be sealed for this round here."
        )
        set_message(self.message, text, ok=True)
        return False

    def _read_own(self) -> dict[str, Any] | None:
        return remote_desk.read_own_sealed(self.ctx, self.info["id"])

    def _loaded(
        self,
        loaded: tuple[policy.Policy, dict[str, Any] | None, OpinionForm | None, dict[str, Any] | None],
    ) -> None:
        super()._loaded(loaded)
        if self.editable:
            self.autosave_timer.stop()
            set_message(
                self.message,
                self.tr("This session is chaired at another workstation: your text is not kept as a draft here."),
                ok=True,
            )

    def save_draft(self, quiet: bool = False) -> None:
        """Nothing is kept: a draft of another workstation's session has no place in this store yet."""

    def _recusal_changed(self) -> None:
        super()._recusal_changed()
        if self.conflict.isChecked():
            self.seal_button.setText(self.tr("&Request recusal and write the envelope file…"))
        else:
            self.seal_button.setText(self.tr("&Seal and write the envelope file…"))

    def confirm_seal(self) -> None:
        from ui.common import confirm

        if self.conflict.isChecked():
            text = self.tr(
                "Request recusal for your conflict of interest and write it as an envelope file for the chair?\n\n"
                "The statement is encrypted to the chair and signed by you; the chair decides: approves or refuses "
                "with a reason. It cannot be withdrawn, and no opinion can be sealed for this round afterwards."
            )
            self.confirmation = confirm(
                self, "sealConfirmation", self.tr("Request recusal"), text, self.tr("Request — cannot be undone"),
                self.seal,
            )  # fmt: skip
            return
        text = self.tr(
            "Seal your department's opinion now and write it as an envelope file for the chair?\n\nSealing cannot "
            "be undone: the opinion is encrypted to the chair and the round's key holders and signed; nobody (you "
            "included) can change it. You carry the file to the chair's workstation, but cannot read it yourself."
        )
        self.confirmation = confirm(
            self, "sealConfirmation", self.tr("Seal opinion"), text, self.tr("Seal — cannot be undone"), self.seal
        )

    def seal(self) -> None:
        """Choose where the envelope file goes, then seal into it."""
        name = f"{self.info['ref']}-{self.info['department']}-{self.info['round']}.hsx".replace("/", "-")
        dialog = save_file_dialog(self, self.tr("Write the envelope file"), name, "*.hsx")
        dialog.setObjectName("envelopeFileDialog")
        dialog.fileSelected.connect(lambda path: self.seal_to(Path(path)))
        dialog.open()
        self.file_dialog = dialog

    def seal_to(self, path: Path) -> None:
        """Seal and write the envelope file to ``path`` (on the worker; a failure leaves no trace in the store)."""
        form = self.form()
        recusal = self.recusal()
        statement = recusal.statement if recusal is not None and recusal.conflict else None
        self.seal_button.setEnabled(False)
        self.path = path
        set_message(self.message, self.tr("Sealing and writing the envelope file…"), ok=True)
        package_id = self.info["id"]

        def work() -> dict[str, Any]:
            from app.errors import Refused
            from app.exchange import envelope_file, recusal_file
            from app.exchange.ledger import writing_to
            from app.fsutil import write_atomic

            if path.exists():
                raise Refused(self.tr("{path} exists already; choose a new file name.").format(path=path))
            with writing_to(path) as destination:  # written inside the export's own transaction
                if statement is not None:
                    data, result = recusal_file.export(self.ctx, package_id, statement)
                else:
                    data, result = envelope_file.export(self.ctx, package_id, form)
                if not destination.written:
                    write_atomic(path, data)
            return result

        self.worker.submit(work, on_done=self._sealed, on_error=self._seal_failed, mutates=True)

    def _sealed(self, result: dict[str, Any]) -> None:
        recusal = result.get("recusal") is True
        super()._sealed({**result, "recused": False, "requested": recusal})
        self.written.emit(str(self.path))
        text = self.tr("Sealed. The envelope file is written to {path}: carry it to the chair's workstation.")
        if recusal:
            text = self.tr(
                "Recusal requested. The envelope file is written to {path}: carry it to the chair's workstation, "
                "where the chair decides."
            )
        set_message(self.message, text.format(path=self.path), ok=True)
        self.message.show()

    def recusal(self) -> Recusal | None:
        if self.conflict.isChecked():
            return Recusal(True, self.conflict_text.text())
        return Recusal(False) if self.no_conflict.isChecked() else None


class RemoteSessionDialog(QDialog):
    """One imported session package: what it is, and the opinion editor for it."""

    def __init__(
        self, ctx: AccountContext, worker: DbWorker, info: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("remoteSession")
        self.setWindowTitle(self.tr("Session of another workstation — {ref}").format(ref=info["ref"]))
        place_window(self, ctx.name, "remote-session", 900, 720)
        head = QFormLayout()
        title = QLabel(info["title"])
        title.setWordWrap(True)
        head.addRow(self.tr("Matter:"), title)
        head.addRow(self.tr("Reference:"), QLabel(f"{info['ref']}　{info['classification']}"))
        where = self.tr("{department}, round {round}; chair {chair} (at another workstation)").format(
            department=info["department"], round=info["round"], chair=info["chair"]
        )
        head.addRow(self.tr("You seal for:"), QLabel(where))
        head.addRow(self.tr("Deadline:"), QLabel(local_time(info["deadline"]) if info["deadline"] else "—"))
        self.editor = RemoteOpinionEditor(ctx, worker, info, self)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.editor, 1)
        self.watermark = Watermark(self, ctx.name)  # the session's content is on screen, as in a session window
        self.force = False

    def _may_close(self) -> bool:
        """Typed text is not kept for a session of another workstation: closing asks before it is lost."""
        if self.force or not self.editor.has_unsaved():
            return True
        from ui.common import confirm

        self.confirmation = confirm(
            self,
            "discardConfirmation",
            self.tr("Close without sealing"),
            self.tr("The opinion you typed is not kept at this workstation: closing now loses it. Close anyway?"),
            self.tr("Close and lose the text"),
            self.force_close,
        )
        return False

    def force_close(self) -> None:
        self.force = True
        self.close()

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()
