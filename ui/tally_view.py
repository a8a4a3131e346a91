"""The tally: counts, outcome, a chart, dissent verbatim, recusals, absentees, near-duplicates;
then, for the chair only and only now, the chair's own position (末位表态) and the decision."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import policy
from app.context import AccountContext
from app.opinion_form import OpinionForm, check_form
from app.sessions import chair, lifecycle, views
from ui import record_widgets
from ui.common import error_label, set_message, show_error
from ui.opinion_text import RevealedOpinions, bar_chart
from ui.position_field import PositionField, item_options
from ui.worker import DbWorker


class TallyView(QWidget):
    def __init__(
        self,
        ctx: AccountContext,
        worker: DbWorker,
        info: dict[str, Any],
        round_number: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.info, self.round_number = ctx, worker, info, round_number
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.chair_form: QGroupBox | None = None
        self.chair_reasoning: QPlainTextEdit | None = None
        self.decision: QPlainTextEdit | None = None
        self.pending_state: dict[str, Any] | None = None
        self.policy = policy.Policy()
        worker.submit(
            lambda: (
                views.tally(ctx, info["id"], round_number),
                views.opinions(ctx, info["id"], None, round_number),
                policy.current(ctx),
            ),
            on_done=self._show,
            on_error=lambda m: self.body.addWidget(QLabel(m)),
        )

    def _show(self, loaded: tuple[dict[str, Any], dict[str, Any], policy.Policy]) -> None:
        t, revealed, self.policy = loaded
        outcomes = {
            "passed": self.tr("Passed: {option}"),
            "no_majority": self.tr("No majority (未形成多数意见)"),
            "advisory": self.tr("Advisory: no binding count"),
        }
        state = self.tr("final") if t["final"] else self.tr("preliminary — the chair has not yet stated a position")
        if not t.get("is_final_round", True):
            state = self.tr("superseded by a new round, not decided")
        header = QLabel(self.tr("Round {round} — {state}").format(round=t["round"], state=state))
        header.setObjectName("tallyHeader")
        header.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.body.addWidget(header)
        if t.get("chair_recused"):
            acting = QLabel(
                self.tr("Deputy chair {deputy} acts as chair: the chair {chair} is recused.").format(
                    deputy=t["deputy"], chair=self.info["chair"]
                )
            )
            acting.setObjectName("actingChair")
            acting.setWordWrap(True)
            acting.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.body.addWidget(acting)
        # The count on the left, every department's full opinion beside it: the chair reads both before stating.
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("tallySplit")
        split.setChildrenCollapsible(False)
        column = QWidget()
        tally_column = QVBoxLayout(column)
        tally_column.setContentsMargins(0, 0, 0, 0)
        split.addWidget(column)
        tally_column.addWidget(record_widgets.header(t))  # in the column: its wrapped lines take the column's width
        self.opinions_view = RevealedOpinions(self.info, revealed["opinions"])
        split.addWidget(self.opinions_view)
        split.setStretchFactor(0, 3)  # room for the chart's option names
        split.setStretchFactor(1, 2)
        self.body.addWidget(split, 1)
        for item in t["items"]:
            box = QGroupBox(self.tr("Item {n}: {text}").format(n=item["item"], text=item["text"]))
            inner = QVBoxLayout(box)
            counts = "  ".join(f"{o}: {n}" for o, n in item["counts"].items())
            outcome = outcomes[item["outcome"]].format(option=item["passed_option"])
            summary = QLabel(
                self.tr("{counts} — expected {e}, cast {c}. <b>{outcome}</b>").format(
                    counts=escape(counts), e=item["expected"], c=item["cast"], outcome=escape(outcome)
                )
            )
            summary.setObjectName(f"outcome{item['item']}")
            summary.setWordWrap(True)
            inner.addWidget(summary)
            notes_label = record_widgets.item_notes(t, item)
            if notes_label is not None:
                inner.addWidget(notes_label)
            inner.addWidget(bar_chart(item["text"], item["counts"]))
            dissent = QTextBrowser()
            dissent.setObjectName(f"dissent{item['item']}")
            dissent.setMaximumHeight(140)
            chair_name = self.tr("Chair")
            parts = [
                f"<p><b>{escape(chair_name if d.get('is_chair') else d['department'])}</b>"
                f"（{escape(d['position'])}）：{escape(d['reasoning'])}</p>"
                for d in item["dissent"]
            ]
            heading, none = record_widgets.dissent_heading(item), self.tr("None.")
            dissent.setHtml(f"<h4>{escape(heading)}</h4>" + ("".join(parts) or f"<p>{escape(none)}</p>"))
            inner.addWidget(dissent)
            if item.get("notes"):
                note_label = QLabel(
                    "<br>".join(
                        f"<b>{escape(n['department'])}</b>（{escape(n['position'])}）：{escape(n['note'])}"
                        for n in item["notes"]
                    )
                )
                note_label.setObjectName(f"notes{item['item']}")
                note_label.setWordWrap(True)
                inner.addWidget(note_label)
            if item["chair_position"]:
                chair_label = QLabel(
                    self.tr("Chair's position (stated last): {p} — {r}").format(
                        p=item["chair_position"]["position"], r=item["chair_position"]["reasoning"]
                    )
                )
                chair_label.setWordWrap(True)
                inner.addWidget(chair_label)
            tally_column.addWidget(box)
        notes = []
        if t["recused"]:
            notes.append(self.tr("Recused: {v}").format(v="、".join(t["recused"])))
        if t["absent"]:
            notes.append(self.tr("Absent: {v}").format(v="、".join(t["absent"])))
        if t["rejected"]:
            notes.append(self.tr("Failed verification, excluded: {v}").format(v="、".join(t["rejected"])))
        for pair in t["near_duplicates"]:
            notes.append(
                self.tr("Near-duplicate opinions (意见高度雷同): {a} / {b}, {p}%").format(
                    a=pair["a"], b=pair["b"], p=pair["percent"]
                )
            )
        if notes:
            label = QLabel("<br/>".join(escape(n) for n in notes))
            label.setObjectName("tallyNotes")
            label.setWordWrap(True)
            tally_column.addWidget(label)
        tally_column.addStretch(1)
        # the count, chart and dissent keep their full height; the page scrolls instead of squeezing them
        split.setMinimumHeight(max(360, column.sizeHint().height()))
        if t["is_chair"] and self.info["status"] == "revealed" and self.round_number in (None, t["round"]):
            self._chair_section(t)
            if self.pending_state is not None:
                self.restore_state(self.pending_state)
                self.pending_state = None
        self.body.addStretch(1)
        # Lay out now, not a pass later: what the chair reads sits where it belongs as soon as the form is there.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def has_unsaved(self) -> bool:
        """The chair's reasoning or the decision typed and not yet recorded."""
        return any(edit is not None and edit.toPlainText().strip() for edit in (self.chair_reasoning, self.decision))

    def state(self) -> dict[str, Any]:
        """What the chair has typed, to put back after the idle lock (kept in memory only)."""
        state: dict[str, Any] = {}
        if self.chair_reasoning is not None:
            state["chair_reasoning"] = self.chair_reasoning.toPlainText()
            state["chair_positions"] = {n: c.currentIndex() for n, c in self.chair_positions.items()}
        if self.decision is not None:
            state["decision"] = self.decision.toPlainText()
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        if self.chair_reasoning is not None and "chair_reasoning" in state:
            self.chair_reasoning.setPlainText(state["chair_reasoning"])
            for number, index in state.get("chair_positions", {}).items():
                if number in self.chair_positions:
                    self.chair_positions[number].setCurrentIndex(index)
        if self.decision is not None and "decision" in state:
            self.decision.setPlainText(state["decision"])

    def _chair_section(self, t: dict[str, Any]) -> None:
        if not t["chair_stated"]:
            box = QGroupBox(self.tr("The chair's own position (末位表态)"))
            box.setObjectName("chairForm")
            form = QFormLayout(box)
            self.chair_positions: dict[int, QComboBox] = {}
            self.chair_fields: dict[int, PositionField] = {}
            for item in self.info["items"]:
                field = PositionField(
                    f"chairPosition{item['number']}",
                    item.get("options", self.info["options"]),
                    self.info.get("free_text", []),
                )
                self.chair_positions[item["number"]] = field.combo
                self.chair_fields[item["number"]] = field
                form.addRow(self.tr("Item {n}:").format(n=item["number"]), field)
            self.chair_reasoning = QPlainTextEdit()
            self.chair_reasoning.setObjectName("chairReasoning")
            self.chair_reasoning.setMaximumHeight(90)
            self.chair_reasoning.setTabChangesFocus(True)
            form.addRow(self.tr("Reasoning:"), self.chair_reasoning)
            self.chair_message = error_label()
            form.addRow("", self.chair_message)
            buttons = QHBoxLayout()
            new_round = QPushButton(self.tr("Open a &new round…"))
            new_round.setObjectName("newRound")
            new_round.clicked.connect(self.new_round)
            seal = QPushButton(self.tr("&Seal the chair's position"))
            seal.setObjectName("sealChair")
            seal.clicked.connect(self.seal_chair)
            buttons.addWidget(new_round)
            buttons.addStretch(1)
            buttons.addWidget(seal)
            form.addRow(buttons)
            self.chair_form = box
            self.body.addWidget(box)
            return
        box = QGroupBox(self.tr("Decision"))
        box.setObjectName("decisionForm")
        column = QVBoxLayout(box)
        self.decision = QPlainTextEdit()
        self.decision.setObjectName("decisionText")
        self.decision.setMaximumHeight(100)
        self.decision.setTabChangesFocus(True)
        self.decision_message = error_label()
        self.basis = record_widgets.DecisionBasis(t, self.info["options"])
        record = QPushButton(self.tr("&Record the decision"))
        record.setObjectName("recordDecision")
        record.clicked.connect(self.decide)
        for w in (self.decision, self.basis, self.decision_message):
            column.addWidget(w)
        buttons = QHBoxLayout()
        if any(i["outcome"] == "no_majority" for i in t["items"]):  # 暂缓: defer even after the position
            again = QPushButton(self.tr("Defer: open a new round…"))
            again.setObjectName("deferNewRound")
            again.clicked.connect(self.new_round)
            withdraw = QPushButton(self.tr("Defer: withdraw…"))
            withdraw.setObjectName("deferWithdraw")
            withdraw.clicked.connect(self.withdraw)
            buttons.addWidget(again)
            buttons.addWidget(withdraw)
        buttons.addStretch(1)
        buttons.addWidget(record)
        column.addLayout(buttons)
        self.body.addWidget(box)

    def seal_chair(self) -> None:
        """Check first (the same rules the service applies); only a complete position is confirmed."""
        assert self.chair_reasoning is not None
        form = OpinionForm(
            positions={n: p for n, f in self.chair_fields.items() if (p := f.position())},
            position_notes={n: t for n, f in self.chair_fields.items() if (t := f.note_text())},
            reasoning=self.chair_reasoning.toPlainText(),
        )
        problems = check_form(
            form, list(self.chair_positions), item_options(self.info), self.info.get("free_text", []), self.policy
        )
        if problems:
            set_message(self.chair_message, problems[0].message, ok=False)
            return
        self.chair_message.clear()
        self._confirm(
            "chairConfirmation",
            self.tr("Chair's position"),
            self.tr(
                "Seal the chair's position now? It is signed and counted as stated last, and it cannot be "
                "changed afterwards."
            ),
            self.tr("Seal position — cannot be changed"),
            lambda: self.worker.submit(
                lambda: chair.chair_position(self.ctx, self.info["id"], form),
                mutates=True,
                on_error=lambda m: set_message(self.chair_message, m, ok=False),
            ),
        )

    def decide(self) -> None:
        assert self.decision is not None
        text = self.decision.toPlainText()
        if not text.strip():
            set_message(self.decision_message, self.tr("Write the decision text."), ok=False)
            return
        adopted, reason = self.basis.adopted(), self.basis.reason.toPlainText()
        if self.basis.departs() and len(reason.strip()) < 4:
            set_message(
                self.decision_message,
                self.tr("The decision departs from the tally: write the reason (it is signed and shown)."),
                ok=False,
            )
            return
        self._confirm(
            "decisionConfirmation",
            self.tr("Record the decision"),
            self.tr(
                "Record this decision now? The session becomes decided; the decision is signed and cannot be "
                "changed or withdrawn."
            ),
            self.tr("Record — cannot be undone"),
            lambda: self.worker.submit(
                lambda: chair.decide(self.ctx, self.info["id"], text, reason, adopted),
                mutates=True,
                on_error=lambda m: set_message(self.decision_message, m, ok=False),
            ),
        )

    def _confirm(self, name: str, title: str, text: str, action: str, then: Callable[[], None]) -> None:
        """An irreversible step: say the consequence; the default (Enter, Esc) is to go back."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(action, QMessageBox.ButtonRole.YesRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.buttonClicked.connect(lambda button: then() if button is go else None)
        box.open()
        self.confirmation = box

    def withdraw(self) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Withdraw"), self.tr("Reason for withdrawing (暂缓; recorded, your position stays):")
        )
        if ok:
            self.worker.submit(
                lambda: lifecycle.withdraw(self.ctx, self.info["id"], reason),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )

    def new_round(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("New round"), self.tr("Reason for a new round (recorded):"))
        if ok:
            self.worker.submit(
                lambda: lifecycle.new_round(self.ctx, self.info["id"], reason),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )
