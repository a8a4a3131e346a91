"""The reviewer's opinion editor: recusal declaration first, the structured form with live checks,
a seal confirmation that says sealing cannot be undone, then the sealed copy, read-only, with its fingerprint."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import policy
from app.context import AccountContext
from app.opinion_form import OpinionForm, Recusal, check_form, check_reasoning
from app.sessions import opinions, recusal_decisions
from ui.common import add_shortcut, error_label, set_message
from ui.opinion_text import sealed_copy_html
from ui.position_field import PositionField, item_options
from ui.worker import DbWorker

FIELDS = ("facts", "causes", "disposition", "rectification")
AUTOSAVE_MS = 5000  # typed text reaches the encrypted draft within a few seconds


class OpinionEditor(QWidget):
    """Everything a reviewer does with their department's opinion in one session."""

    sealed = Signal()

    def __init__(
        self, ctx: AccountContext, worker: DbWorker, info: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.info = info
        self.policy = policy.Policy()
        self.dirty = False  # typed text not yet in the encrypted draft
        self.editable = False
        self._generation = 0
        self._loading = True
        self.pending_state: dict[str, Any] | None = None
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.stack = QVBoxLayout(self)
        self.form_box = QWidget()
        self.sealed_view = QTextBrowser()
        self.sealed_view.setObjectName("sealedView")
        self.sealed_view.hide()
        self._build_form()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_box)
        self.stack.addWidget(scroll, 1)
        self.stack.addWidget(self.sealed_view, 1)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.buttons_box)
        self.form_scroll = scroll
        worker.submit(self._load, on_done=self._loaded, on_error=self.message.setText)

    # -- the backend (a session of this store; ui/remote_opinion.py: a package of another workstation) --------
    def _load(self) -> tuple[policy.Policy, dict[str, Any] | None, OpinionForm | None, dict[str, Any] | None]:
        """On the worker: the policy, the sealed copy, the draft and the recusal state."""
        ctx, sid, collecting = self.ctx, self.info["id"], self.info["status"] == "collecting"
        return (
            policy.current(ctx),
            opinions.read_own_sealed(ctx, sid),
            opinions.load_draft(ctx, sid) if collecting else None,
            recusal_decisions.mine(ctx, sid) if collecting else None,
        )

    def _read_own(self) -> dict[str, Any] | None:
        return opinions.read_own_sealed(self.ctx, self.info["id"])

    # -- building -------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        recusal = QGroupBox(self.tr("1. Recusal declaration (回避声明) — required first"))
        self.no_conflict = QRadioButton(self.tr("I have no conflict of interest in this matter"))
        self.no_conflict.setObjectName("noConflict")
        self.conflict = QRadioButton(self.tr("I have a conflict of interest and recuse myself"))
        self.conflict.setObjectName("conflict")
        self.conflict_text = QLineEdit()
        self.conflict_text.setObjectName("conflictText")
        self.conflict_text.setPlaceholderText(self.tr("Describe the conflict (e.g. relationship with the person)"))
        self.conflict_text.setEnabled(False)
        self.conflict_text.textEdited.connect(self._edited)
        group = QButtonGroup(self)
        group.addButton(self.no_conflict)
        group.addButton(self.conflict)
        group.buttonToggled.connect(self._recusal_changed)
        box = QVBoxLayout(recusal)
        for w in (self.no_conflict, self.conflict, self.conflict_text):
            box.addWidget(w)

        self.opinion = QGroupBox(self.tr("2. Opinion"))
        self.opinion.setEnabled(False)
        form = QFormLayout(self.opinion)
        self.positions: dict[int, QComboBox] = {}
        self.position_fields: dict[int, PositionField] = {}
        for item in self.info["items"]:
            field = PositionField(
                f"position{item['number']}", item.get("options", self.info["options"]), self.info.get("free_text", [])
            )
            field.changed.connect(self._check)
            field.changed.connect(self._edited)
            self.positions[item["number"]] = field.combo
            self.position_fields[item["number"]] = field
            form.addRow(self.tr("Item {n}: {text}").format(n=item["number"], text=item["text"]), field)
        self.reasoning = QPlainTextEdit()
        self.reasoning.setObjectName("reasoning")
        self.reasoning.setPlaceholderText(self.tr("Why you hold this position: facts, grounds, rules (required)"))
        self.reasoning.textChanged.connect(self._check)
        self.reasoning.textChanged.connect(self._edited)
        self.reasoning.setTabChangesFocus(True)
        self.reasoning_check = QLabel()
        self.reasoning_check.setObjectName("reasoningCheck")
        self.reasoning_check.setWordWrap(True)
        form.addRow(self.tr("Reasoning:"), self.reasoning)
        form.addRow("", self.reasoning_check)
        labels = {
            "facts": self.tr("Facts reviewed:"),
            "causes": self.tr("Causes found:"),
            "disposition": self.tr("Proposed disposition:"),
            "rectification": self.tr("Proposed rectification:"),
        }
        self.fields: dict[str, QPlainTextEdit] = {}
        for name in FIELDS:
            edit = QPlainTextEdit()
            edit.setObjectName(name)
            edit.setMaximumHeight(70)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._edited)
            self.fields[name] = edit
            form.addRow(labels[name], edit)

        self.save_button = QPushButton(self.tr("Save &draft"))
        self.save_button.setObjectName("saveDraft")
        self.save_button.clicked.connect(lambda: self.save_draft())
        add_shortcut(self.save_button, "Ctrl+S")
        self.save_button.setToolTip(self.tr("Save the encrypted draft (Ctrl+S); it is also saved automatically."))
        self.seal_button = QPushButton(self.tr("&Seal…"))
        self.seal_button.setObjectName("seal")
        self.seal_button.setEnabled(False)
        self.seal_button.clicked.connect(self.confirm_seal)
        add_shortcut(self.seal_button, "Ctrl+Return")  # still asks for confirmation
        self.message = error_label()
        self.message.setObjectName("opinionMessage")
        # The message and the buttons stay below the scrolled form: always in view, even at 1366×768.
        self.buttons_box = QWidget()
        buttons = QHBoxLayout(self.buttons_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.seal_button)
        layout = QVBoxLayout(self.form_box)
        layout.addWidget(recusal)
        layout.addWidget(self.opinion)

    # -- state ------------------------------------------------------------------------------------------
    def _loaded(
        self,
        loaded: tuple[policy.Policy, dict[str, Any] | None, OpinionForm | None, dict[str, Any] | None],
    ) -> None:
        self.policy, own, draft, recusal = loaded
        self._loading = False
        if own is not None:
            self.show_sealed(own)
            return
        if self.info["status"] != "collecting":
            self.form_box.setEnabled(False)
            self.buttons_box.setEnabled(False)
            self.message.setText(self.tr("Opinions can be sealed only while the session is collecting."))
            return
        if recusal is not None and not self._recusal_state(recusal):
            return
        self._loading = True
        if draft is not None:
            self.set_form(draft)
        if self.pending_state is not None:
            self.restore_state(self.pending_state)
            self.pending_state = None
        self._loading = False
        self.editable = True
        self.autosave_timer.start()
        self._check()

    def _recusal_state(self, recusal: dict[str, Any]) -> bool:
        """Show where the recusal request stands; False when nothing can be sealed through this account now."""
        state = recusal["state"]
        if state == "requested":
            self.form_box.setEnabled(False)
            set_message(
                self.message,
                self.tr("Your recusal request awaits the chair's decision; nothing can be sealed."),
                ok=True,
            )
            return False
        if state == "approved":
            self.form_box.setEnabled(False)
            text = self.tr("The chair approved your recusal; your department gives no opinion through you.")
            if recusal.get("substitute"):
                text += " " + self.tr("{name} seals in your place.").format(name=recusal["substitute"])
            set_message(self.message, text, ok=True)
            return False
        if state == "refused":
            self.no_conflict.setChecked(True)
            self.conflict.setEnabled(False)
            set_message(
                self.message,
                self.tr("The chair refused your recusal ({reason}). Seal your department's opinion.").format(
                    reason=recusal.get("reason") or "—"
                ),
                ok=False,
            )
        elif state == "substitute":
            self.no_conflict.setChecked(True)
            self.conflict.setEnabled(False)
            set_message(
                self.message,
                self.tr("You seal for {department} in place of {name}, as the chair decided.").format(
                    department=recusal["department"], name=recusal["for"]
                ),
                ok=True,
            )
        return True

    def _edited(self) -> None:
        if not self._loading:
            self.dirty = True
            self._generation += 1

    def has_unsaved(self) -> bool:
        """Typed text that is not yet in the encrypted draft."""
        return self.editable and self.dirty

    def state(self) -> dict[str, Any]:
        """What the draft does not hold (the recusal choice), to restore after the idle lock."""
        choice = "conflict" if self.conflict.isChecked() else "none" if self.no_conflict.isChecked() else ""
        return {"recusal": choice, "conflict_text": self.conflict_text.text()}

    def restore_state(self, state: dict[str, Any]) -> None:
        if state.get("recusal") == "none":
            self.no_conflict.setChecked(True)
        elif state.get("recusal") == "conflict":
            self.conflict.setChecked(True)
            self.conflict_text.setText(state.get("conflict_text", ""))

    def autosave(self) -> None:
        if self.has_unsaved():
            self.save_draft(quiet=True)

    def set_form(self, form: OpinionForm) -> None:
        for number, field in self.position_fields.items():
            field.set_position(form.positions.get(number), form.position_notes.get(number, ""))
        self.reasoning.setPlainText(form.reasoning)
        for name in FIELDS:
            self.fields[name].setPlainText(getattr(form, name))

    def form(self) -> OpinionForm:
        return OpinionForm(
            positions={n: p for n, f in self.position_fields.items() if (p := f.position())},
            position_notes={n: t for n, f in self.position_fields.items() if (t := f.note_text())},
            reasoning=self.reasoning.toPlainText(),
            facts=self.fields["facts"].toPlainText(),
            causes=self.fields["causes"].toPlainText(),
            disposition=self.fields["disposition"].toPlainText(),
            rectification=self.fields["rectification"].toPlainText(),
        )

    def recusal(self) -> Recusal | None:
        if self.no_conflict.isChecked():
            return Recusal(False)
        if self.conflict.isChecked():
            return Recusal(True, self.conflict_text.text())
        return None

    def _recusal_changed(self) -> None:
        conflicted = self.conflict.isChecked()
        self.conflict_text.setEnabled(conflicted)
        self.opinion.setEnabled(self.no_conflict.isChecked())
        self.seal_button.setText(self.tr("&Request recusal…") if conflicted else self.tr("&Seal…"))
        self._check()

    def _check(self) -> None:
        """The anti-formalism checks, live, from the same rules the service applies."""
        problem = check_reasoning(self.reasoning.toPlainText(), self.policy)
        if problem is None:
            self.reasoning_check.setText(self.tr("✓ Reasoning meets the requirements."))
            self.reasoning_check.setStyleSheet("color: #1b5e20;")
        else:
            self.reasoning_check.setText(problem.message)
            self.reasoning_check.setStyleSheet("color: #b00020;")
        if self.conflict.isChecked():
            self.seal_button.setEnabled(True)
            return
        problems = check_form(
            self.form(), list(self.positions), item_options(self.info), self.info.get("free_text", []), self.policy
        )
        self.seal_button.setEnabled(self.no_conflict.isChecked() and not problems)

    # -- actions ----------------------------------------------------------------------------------------
    def save_draft(self, quiet: bool = False) -> None:
        """Save the encrypted draft; ``quiet`` for the automatic saves (a note, not a message)."""
        if not self.editable:
            return
        form = self.form()
        generation = self._generation

        def saved(_: object) -> None:
            if generation == self._generation:
                self.dirty = False
            when = QLocale().toString(QDateTime.currentDateTime(), "HH:mm:ss")
            if quiet:
                text = self.tr("Draft saved automatically at {t}; only you can read it.").format(t=when)
            else:
                text = self.tr("Draft saved at {t}; only you can read it.").format(t=when)
            set_message(self.message, text, ok=True)

        self.worker.submit(
            lambda: opinions.save_draft(self.ctx, self.info["id"], form),
            on_done=saved,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def confirm_seal(self) -> None:
        recusal = self.recusal()
        if recusal is not None and recusal.conflict:
            text = self.tr(
                "Request recusal for your conflict of interest? The chair decides: approves (possibly naming a "
                "substitute of your department) or refuses with a reason. The request cannot be withdrawn."
            )
        else:
            text = self.tr(
                "Seal your department's opinion now?\n\nSealing cannot be undone: the opinion is "
                "encrypted and signed, nobody (you included) can change it, and nobody else can read "
                "it until the chair and custodians reveal all opinions together."
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Seal opinion"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("sealConfirmation")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Seal — cannot be undone"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.seal)
        box.open()
        self.confirmation = box

    def seal(self) -> None:
        recusal = self.recusal()
        form = None if recusal is not None and recusal.conflict else self.form()
        self.seal_button.setEnabled(False)
        self.worker.submit(
            lambda: opinions.seal_opinion(self.ctx, self.info["id"], form, recusal),
            on_done=self._sealed,
            on_error=self._seal_failed,
            mutates=True,
        )

    def _seal_failed(self, message: str) -> None:
        self.message.setText(message)
        self._check()

    def _sealed(self, result: dict[str, Any]) -> None:
        self.dirty = self.editable = False
        self.autosave_timer.stop()
        self.sealed.emit()
        if result.get("requested") or result["recused"]:
            self.form_box.setEnabled(False)
            self.buttons_box.setEnabled(False)
            self.message.setStyleSheet("color: #1b5e20;")
            self.message.setText(
                self.tr(
                    "Recusal requested. It takes effect when the chair approves it; you will see the decision here."
                )
            )
            return
        self.worker.submit(
            self._read_own,
            on_done=self.show_sealed,
            on_error=self.message.setText,
        )

    def show_sealed(self, own: dict[str, Any]) -> None:
        """The sealed copy, read-only, with its fingerprint."""
        items = {str(i["number"]): i["text"] for i in self.info["items"]}
        self.sealed_view.setHtml(sealed_copy_html(own, items))
        self.dirty = self.editable = False
        self.autosave_timer.stop()
        self.form_scroll.hide()
        self.buttons_box.hide()
        self.sealed_view.show()
