"""The session editor (chair, DRAFT): matter, items, options, rule, deadline, departments, custodians."""

from __future__ import annotations

import re
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
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import accounts
from app.context import AccountContext
from app.errors import InvalidInput
from app.matters import CLASSIFICATIONS, RULES, kinds, parse_classification
from app.sessions import lifecycle
from ui.common import error_label, place_window, remember_window
from ui.worker import DbWorker


class SessionEditor(QDialog):
    """Create a session; validation messages appear next to the fields."""

    created = Signal(int)

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.pending_state: dict[str, Any] | None = None
        self.force = False  # close without asking (after "discard", or at the idle lock)
        self.setWindowTitle(self.tr("New session"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        place_window(self, ctx.name, "session-editor", 800, 760)
        self.kind = QComboBox()
        for k in kinds().values():
            self.kind.addItem(k.label, k.code)
        self.kind.addItem(self.tr("Custom options"), "custom")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.ref = QLineEdit()
        self.ref.setObjectName("ref")
        self.classification = QComboBox()
        self.classification.addItems(list(CLASSIFICATIONS))
        self.classification.setCurrentText("秘密")
        self.term = QLineEdit()
        self.term.setPlaceholderText(self.tr("e.g. 1年 (default by level)"))
        self.rule = QComboBox()
        names = {
            "majority-of-expected": self.tr("Majority of members expected (党组工作条例 art. 27)"),
            "two-thirds": self.tr("Two-thirds of members expected"),
            "unanimity": self.tr("Unanimity"),
            "advisory": self.tr("Advisory (no binding count)"),
        }
        for rule in RULES:
            self.rule.addItem(names[rule], rule)
        self.quorum = QComboBox()
        self.quorum.setObjectName("quorum")
        self.quorum.addItem(self.tr("By the matter kind (more than half; case trial two thirds)"), None)
        self.quorum.addItem(self.tr("Two thirds of the original 应到"), "two-thirds")
        self.term.setObjectName("term")
        self.term.textChanged.connect(self._check_term)
        self.classification.currentTextChanged.connect(self._check_term)
        self.chair_counts = QCheckBox(self.tr("The chair's position counts as a vote (cast last)"))
        self.chair_counts.setChecked(True)
        self.has_deadline = QCheckBox(self.tr("Deadline"))
        self.has_deadline.setChecked(True)
        self.deadline = QDateTimeEdit(QDateTime.currentDateTime().addDays(7))
        self.deadline.setCalendarPopup(True)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.items = QPlainTextEdit()
        self.items.setObjectName("items")
        self.items.setPlaceholderText(self.tr("One item (议题) per line; empty: the title is the only item"))
        self.items.setMaximumHeight(70)
        self.items.setTabChangesFocus(True)
        self.options = QPlainTextEdit()
        self.options.setObjectName("options")
        self.options.setMaximumHeight(80)
        self.options.setTabChangesFocus(True)
        self.note_options = QLineEdit()
        self.note_options.setObjectName("noteOptions")
        self.note_options.setPlaceholderText(self.tr("e.g. 其他 — separate several with 、"))
        self.departments = QTableWidget(0, 2)
        self.departments.setObjectName("departments")
        self.departments.setHorizontalHeaderLabels([self.tr("Department"), self.tr("Reviewer")])
        self.departments.horizontalHeader().setStretchLastSection(True)
        self.departments.verticalHeader().hide()
        self.departments.setMinimumHeight(170)
        self.chair = QComboBox()
        self.deputy = QComboBox()
        self.deputy.setObjectName("deputy")
        self.deputy.setToolTip(
            self.tr(
                "Decides the chair's own recusal and, approving it, acts as chair. Another chair with no part "
                "in the session."
            )
        )
        self.custodians = QListWidget()
        self.custodians.setMaximumHeight(60)
        self.clerks = QListWidget()
        self.clerks.setObjectName("clerks")
        self.clerks.setMaximumHeight(60)
        self.clerks.setToolTip(self.tr("Only the clerks checked here may read the session (need to know)."))
        self.errors: dict[str, QLabel] = {k: error_label() for k in ("title", "ref", "term", "options", "departments")}
        for label in self.errors.values():
            label.hide()
        self.general = error_label()

        form = QFormLayout()
        form.addRow(self.tr("Matter kind:"), self.kind)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.errors["title"])
        form.addRow(self.tr("Reference number:"), self.ref)
        form.addRow(self.errors["ref"])
        form.addRow(self.tr("Classification:"), self.classification)
        form.addRow(self.tr("Classification term:"), self.term)
        form.addRow(self.errors["term"])
        form.addRow(self.tr("Decision rule:"), self.rule)
        form.addRow("", self.chair_counts)
        form.addRow(self.tr("Attendance quorum:"), self.quorum)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(self.tr("Items:"), self.items)
        form.addRow(self.tr("Options (one per line):"), self.options)
        form.addRow(self.tr("Options needing a written note:"), self.note_options)
        form.addRow(self.errors["options"])
        form.addRow(self.tr("Departments:"), self.departments)
        form.addRow(self.errors["departments"])
        form.addRow(self.tr("Chair:"), self.chair)
        form.addRow(self.tr("Deputy chair:"), self.deputy)
        form.addRow(self.tr("Custodians:"), self.custodians)
        form.addRow(self.tr("Clerks (may read it):"), self.clerks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Create (draft)"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # The form scrolls; the buttons stay in view on a 1366×768 screen.
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self._kind_changed()
        worker.submit(lambda: accounts.directory(ctx), on_done=self._fill, on_error=self.general.setText)

    def _kind_changed(self) -> None:
        code = self.kind.currentData()
        matter = kinds().get(code)
        options = list(matter.options) if matter else []
        fixed = bool(matter and matter.items)
        if fixed and matter:
            # 案件审理: fixed items, each with its own options, shown (not editable) as they will be asked.
            self.items.setPlainText("\n".join(text for text, _ in matter.items))
            self.options.setPlainText("\n".join(f"{text}：{'、'.join(opts)}" for text, opts in matter.items))
        else:
            if self.items.isReadOnly():
                self.items.clear()
            self.options.setPlainText("\n".join(options))
        self.items.setReadOnly(fixed)
        self.options.setReadOnly(fixed)
        self.note_options.setText("、".join(matter.free_text_options) if matter else "")
        self.note_options.setReadOnly(fixed)

    def _fill(self, people: dict[str, Any]) -> None:
        invitable = [d for d in people["departments"] if d["reviewers"]]
        self.departments.setRowCount(len(invitable))
        for row, dept in enumerate(invitable):
            item = _cell(dept["name"])
            self.departments.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("— not invited —"), None)
            for name in dept["reviewers"]:
                combo.addItem(name, name)
            self.departments.setCellWidget(row, 1, combo)
        self.chair.addItems(people["chairs"])
        if self.ctx.name in people["chairs"]:
            self.chair.setCurrentText(self.ctx.name)
        self.deputy.addItem(self.tr("— none —"), None)
        for name in people["chairs"]:
            self.deputy.addItem(name, name)
        for name in people["custodians"]:
            entry = QListWidgetItem(name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.custodians.addItem(entry)
        for name in people.get("clerks", []):
            entry = QListWidgetItem(name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.clerks.addItem(entry)
        if self.pending_state is not None:
            self.restore_state(self.pending_state)
            self.pending_state = None

    def state(self) -> dict[str, Any]:
        """Everything typed and chosen, to reopen the editor as it was after the idle lock (memory only)."""
        invited = {}
        for row in range(self.departments.rowCount()):
            combo = self._reviewer_combo(row)
            if combo is not None and combo.currentData():
                invited[self._department(row)] = combo.currentData()
        return {
            "kind": self.kind.currentIndex(),
            "title": self.title.text(),
            "ref": self.ref.text(),
            "classification": self.classification.currentText(),
            "term": self.term.text(),
            "rule": self.rule.currentIndex(),
            "chair_counts": self.chair_counts.isChecked(),
            "has_deadline": self.has_deadline.isChecked(),
            "deadline": self.deadline.dateTime(),
            "items": self.items.toPlainText(),
            "options": self.options.toPlainText(),
            "note_options": self.note_options.text(),
            "invited": invited,
            "chair": self.chair.currentText(),
            "deputy": self.deputy.currentIndex(),
            "custodians": _checked(self.custodians),
            "clerks": _checked(self.clerks),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(state["kind"])  # resets the options: restored below
        self.title.setText(state["title"])
        self.ref.setText(state["ref"])
        self.classification.setCurrentText(state["classification"])
        self.term.setText(state["term"])
        self.rule.setCurrentIndex(state["rule"])
        self.chair_counts.setChecked(state["chair_counts"])
        self.has_deadline.setChecked(state["has_deadline"])
        self.deadline.setDateTime(state["deadline"])
        if not self.options.isReadOnly():
            self.items.setPlainText(state["items"])
            self.options.setPlainText(state["options"])
            self.note_options.setText(state.get("note_options", ""))
        for department, reviewer in state["invited"].items():
            self.invite(department, reviewer)
        self.chair.setCurrentText(state["chair"])
        self.deputy.setCurrentIndex(state.get("deputy", 0))
        for name in state["custodians"]:
            self.check_custodian(name)
        for name in state.get("clerks", []):
            self.check_clerk(name)

    def invite(self, department: str, reviewer: str) -> None:
        """Select ``reviewer`` for ``department`` (also used by tests and screenshots)."""
        for row in range(self.departments.rowCount()):
            if self._department(row) == department:
                combo = self._reviewer_combo(row)
                if combo is not None:
                    combo.setCurrentIndex(combo.findData(reviewer))

    def _department(self, row: int) -> str:
        item = self.departments.item(row, 0)
        return item.text() if item is not None else ""

    def _reviewer_combo(self, row: int) -> QComboBox | None:
        combo = self.departments.cellWidget(row, 1)
        return combo if isinstance(combo, QComboBox) else None

    def check_clerk(self, name: str) -> None:
        for i in range(self.clerks.count()):
            if self.clerks.item(i).text() == name:
                self.clerks.item(i).setCheckState(Qt.CheckState.Checked)

    def check_custodian(self, name: str) -> None:
        for i in range(self.custodians.count()):
            if self.custodians.item(i).text() == name:
                self.custodians.item(i).setCheckState(Qt.CheckState.Checked)

    def spec(self) -> lifecycle.SessionSpec | None:
        """The form as a spec, or None after showing the problems next to their fields."""
        for label in self.errors.values():
            label.clear()
            label.hide()
        departments = []
        for row in range(self.departments.rowCount()):
            combo = self._reviewer_combo(row)
            reviewer = combo.currentData() if combo is not None else None
            if reviewer:
                departments.append(f"{self._department(row)}={reviewer}")
        fixed = self.options.isReadOnly()
        options = [] if fixed else [o.strip() for o in self.options.toPlainText().splitlines() if o.strip()]
        self._check_term()
        if not self.title.text().strip():
            self.errors["title"].setText(self.tr("Give the matter a title."))
        if not self.ref.text().strip():
            self.errors["ref"].setText(self.tr("Give the reference number (编号)."))
        if not fixed and len(set(options)) < 2:
            self.errors["options"].setText(self.tr("At least two distinct options are needed."))
        if len(departments) < 2:
            self.errors["departments"].setText(self.tr("Invite at least two departments, each with a reviewer."))
        problems = [label for label in self.errors.values() if label.text()]
        for label in problems:
            label.show()
        if problems:
            return None
        custodians = _checked(self.custodians)
        deadline = None
        if self.has_deadline.isChecked():
            python = self.deadline.dateTime().toPython()
            assert isinstance(python, datetime)
            deadline = python.astimezone()
        return lifecycle.SessionSpec(
            kind=self.kind.currentData(),
            title=self.title.text(),
            ref_number=self.ref.text(),
            classification=self.classification.currentText(),
            classification_term=self.term.text() or None,
            departments=departments,
            chair=self.chair.currentText(),
            custodians=custodians,
            rule=self.rule.currentData(),
            deadline=deadline,
            items=[] if fixed else self.items.toPlainText().splitlines(),
            options=options,
            free_text=None if fixed else [o for o in re.split(r"[、,，\s]+", self.note_options.text()) if o],
            chair_counts=self.chair_counts.isChecked(),
            clerks=_checked(self.clerks),
            quorum=self.quorum.currentData(),
            deputy=self.deputy.currentData(),
        )

    def _check_term(self) -> None:
        """保密期限 checked as typed: the message names the level's limit (the service checks it again)."""
        label = self.errors["term"]
        try:
            parse_classification(self.classification.currentText(), self.term.text().strip() or None)
        except InvalidInput as exc:
            label.setText(exc.message)
            label.show()
        else:
            label.clear()
            label.hide()

    def done(self, result: int) -> None:
        remember_window(self, self.ctx.name, "session-editor")
        super().done(result)

    def has_typed(self) -> bool:
        """Anything the chair typed or chose that closing would throw away."""
        invited = any(
            (combo := self._reviewer_combo(row)) is not None and combo.currentData()
            for row in range(self.departments.rowCount())
        )
        return bool(self.title.text().strip() or self.ref.text().strip() or self.items.toPlainText().strip() or invited)

    def reject(self) -> None:
        """Esc or 取消 with something typed asks first; the default keeps editing."""
        if self.force or not self.has_typed():
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard the new session?"),
            self.tr("The new session has not been created; what you typed will be lost."),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("discardSessionConfirmation")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discard")
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepEditing")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def chosen(button: object) -> None:
            if button is discard:
                self.force = True
                super(SessionEditor, self).reject()

        box.buttonClicked.connect(chosen)
        box.open()
        self.confirmation = box

    def submit(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.buttons.setEnabled(False)
        self.worker.submit(
            lambda: lifecycle.create(self.ctx, spec), on_done=self._done, on_error=self._failed, mutates=True
        )

    def _done(self, session_id: int) -> None:
        self.created.emit(session_id)
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.general.setText(message)


def _cell(text: str) -> QTableWidgetItem:
    """A read-only table cell."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _checked(names: QListWidget) -> list[str]:
    return [names.item(i).text() for i in range(names.count()) if names.item(i).checkState() == Qt.CheckState.Checked]
