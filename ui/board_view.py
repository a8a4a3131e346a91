"""The seal board (who has sealed, when, fingerprints — no content) and close-early; opens the reveal dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import quorum
from app.context import AccountContext
from app.sessions import custodian_recusal, deputy, lifecycle, recusal_decisions, reveal, views
from ui.common import local_time, run_with_progress, set_message, show_error
from ui.recusal_panel import RecusalPanel
from ui.reveal_dialog import RevealDialog
from ui.worker import DbWorker


class BoardView(QWidget):
    """Per department: sealed or not, when, the commitment fingerprint; the chair's actions below."""

    revealed = Signal(dict)

    def __init__(
        self, ctx: AccountContext, worker: DbWorker, info: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.info = ctx, worker, info
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("board")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Department"), self.tr("Reviewer"), self.tr("State"), self.tr("Sealed at"), self.tr("Fingerprint")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        is_chair = info.get("acting_chair", info["chair"]) == ctx.name  # the deputy once the chair is recused
        self.open_button = QPushButton(self.tr("&Open for opinions"))
        self.open_button.setObjectName("openSession")
        self.close_button = QPushButton(self.tr("&Close early…"))
        self.close_button.setObjectName("closeEarly")
        self.reveal_button = QPushButton(self.tr("&Reveal…"))
        self.reveal_button.setObjectName("reveal")
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"))
        self.release_button = QPushButton(self.tr("Re&lease my reveal key"))
        self.release_button.setObjectName("release")
        self.release_button.setToolTip(
            self.tr("Seals your key for this round to the chair; only possible once every department has answered.")
        )
        status = info["status"]
        recused_chair = bool(info.get("chair_recused")) and info["chair"] == ctx.name
        self.release_button.setVisible((ctx.name in info.get("custodians", []) or recused_chair) and status == "sealed")
        self.release_button.clicked.connect(self.release)
        self.recuse_button = QPushButton(self.tr("Request recusal…"))
        self.recuse_button.setObjectName("custodianRecuse")
        self.recuse_button.setVisible(ctx.name in info.get("custodians", []) and status in ("collecting", "sealed"))
        self.recuse_button.clicked.connect(self.request_recusal)
        # The chair's own recusal: the chair asks, the deputy chair named on the session decides.
        open_stage = status in ("collecting", "sealed")
        self.chair_recuse_button = QPushButton(self.tr("Request my recusal as chair…"))
        self.chair_recuse_button.setObjectName("chairRecuse")
        self.chair_recuse_button.setVisible(
            open_stage and info["chair"] == ctx.name and bool(info.get("deputy")) and not info.get("chair_recusal")
        )
        self.chair_recuse_button.clicked.connect(self.request_chair_recusal)
        deciding = open_stage and info.get("deputy") == ctx.name and info.get("chair_recusal") == "requested"
        self.approve_chair_button = QPushButton(self.tr("Approve the chair's recusal…"))
        self.approve_chair_button.setObjectName("approveChairRecusal")
        self.refuse_chair_button = QPushButton(self.tr("Refuse the chair's recusal…"))
        self.refuse_chair_button.setObjectName("refuseChairRecusal")
        for b in (self.approve_chair_button, self.refuse_chair_button):
            b.setVisible(deciding)
        self.approve_chair_button.clicked.connect(lambda: self.decide_chair_recusal(True))
        self.refuse_chair_button.clicked.connect(lambda: self.decide_chair_recusal(False))
        self.open_button.setVisible(is_chair and status == "draft")
        self.withdraw_button.setVisible(is_chair and status in ("draft", "collecting"))
        self.close_button.setVisible(is_chair and status == "collecting")
        self.reveal_button.setVisible(is_chair and status == "sealed")
        self.open_button.clicked.connect(self.open_session)
        self.close_button.clicked.connect(self.close_early)
        self.reveal_button.clicked.connect(self.start_reveal)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.withdraw_button, self.close_button):
            buttons.addWidget(b)
        from ui.exchange_export import ExportButton

        self.exchange_message = QLabel()
        self.export_button = ExportButton(ctx, worker, info, self.exchange_message)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        for b in (self.chair_recuse_button, self.approve_chair_button, self.refuse_chair_button):
            buttons.addWidget(b)
        buttons.addWidget(self.recuse_button)
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.exchange_message)
        self.recusals: RecusalPanel | None = None
        if is_chair and status == "collecting":
            self.recusals = RecusalPanel(ctx, worker, info)
            self.recusals.decided.connect(self.refresh)
            self.recusals.decided.connect(self.recusals.refresh)
            layout.addWidget(self.recusals)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        if self.info["status"] == "draft":
            self.summary.setText(self.tr("Draft: the board fills once the session is open."))
            return
        if not self.info["rounds"]:  # e.g. withdrawn before it was ever opened: there is no board to show
            self.summary.setText(self.tr("No round was opened in this session."))
            return
        self.worker.submit(
            lambda: views.board(self.ctx, self.info["id"]), on_done=self._show, on_error=lambda m: show_error(self, m)
        )

    def _show(self, board: dict[str, Any]) -> None:
        names = {
            "sealed": self.tr("sealed"),
            "recused": self.tr("recused"),
            "pending": self.tr("pending"),
            "absent": self.tr("absent"),
            "recusal_requested": self.tr("recusal requested"),
        }
        rows = board["participants"]
        self.table.setRowCount(len(rows))
        for r, p in enumerate(rows):
            reviewer = p["reviewer"]
            if p.get("substitute_for"):
                reviewer = self.tr("{name} (substitute for {other})").format(name=reviewer, other=p["substitute_for"])
            values = [
                p["department"],
                reviewer,
                names[p["state"]],
                local_time(p["sealed_at"]),
                p["fingerprint"] or "",
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        done = sum(1 for p in rows if p["state"] in ("sealed", "recused"))
        text = self.tr("Round {round}: {done} of {n} departments have answered.").format(
            round=board["round"], done=done, n=len(rows)
        )
        if board["overdue"]:
            text += " " + self.tr("The deadline has passed: OVERDUE.")
        late = [p["department"] for p in rows if p.get("late")]
        if late:
            text += " " + self.tr("Sealed after the deadline (accepted, flagged late): {v}.").format(v="、".join(late))
        attendance = board.get("attendance")
        if attendance and not attendance["reached"] and board["status"] == "collecting" and done == len(rows):
            text += " " + quorum.shortfall_message(attendance)
        for w in board.get("waiting_for", []):
            if w["what"] == "envelope":
                line = self.tr("Waiting for the envelope of {who}.")
            elif w["what"] == "receipt":
                line = self.tr("The receipt for {who}'s envelope has not been sent.")
            else:
                line = self.tr("Waiting for the key release of {who}.")
            text += " " + line.format(who=w["who"])
            if w["remote"]:
                text += self.tr(" (another workstation)")
        if not self.info.get("custodians"):
            text += " " + self.tr("No custodian: the chair alone holds the reveal key (the security policy allows it).")
        if board.get("chair_recused"):
            text += " " + self.tr("Deputy chair {deputy} acts as chair: the chair {chair} is recused.").format(
                deputy=board["deputy"], chair=board["chair"]
            )
        elif board.get("chair_recusal") == "requested":
            text += " " + self.tr("The chair's recusal awaits the decision of the deputy chair {deputy}.").format(
                deputy=board["deputy"]
            )
        self.summary.setText(text)

    def _reason(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def open_session(self) -> None:
        self.worker.submit(
            lambda: lifecycle.open_session(self.ctx, self.info["id"]),
            mutates=True,
            on_error=lambda m: show_error(self, m),
        )

    def withdraw(self) -> None:
        reason = self._reason(self.tr("Withdraw session"), self.tr("Reason for withdrawing (recorded):"))
        if reason is not None:
            self.worker.submit(
                lambda: lifecycle.withdraw(self.ctx, self.info["id"], reason),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )

    def close_early(self) -> None:
        reason = self._reason(
            self.tr("Close collection early"), self.tr("Reason (recorded; missing departments are marked absent):")
        )
        if reason is not None:
            self.worker.submit(
                lambda: lifecycle.close_early(self.ctx, self.info["id"], reason),
                mutates=True,
                on_error=lambda m: show_error(self, m),
            )

    def request_recusal(self) -> None:
        """A custodian asks the chair to be recused (before releasing their key)."""
        statement = self._reason(
            self.tr("Request recusal"),
            self.tr("Describe the conflict of interest (the chair decides; you still release your key):"),
        )
        if statement is None:
            return
        self.worker.submit(
            lambda: custodian_recusal.request(self.ctx, self.info["id"], statement),
            mutates=True,
            on_done=lambda _r: set_message(
                self.summary, self.tr("Recusal requested; it takes effect when the chair approves it."), ok=True
            ),
            on_error=lambda m: show_error(self, m),
        )

    def request_chair_recusal(self) -> None:
        """The chair asks to be recused; the deputy chair named on the session decides."""
        statement = self._reason(
            self.tr("Request my recusal as chair"),
            self.tr("Describe the conflict of interest (the deputy chair decides, and then acts as chair):"),
        )
        if statement is None:
            return
        self.chair_recuse_button.setEnabled(False)
        self.worker.submit(
            lambda: deputy.request(self.ctx, self.info["id"], statement),
            mutates=True,
            on_done=lambda _r: set_message(
                self.summary,
                self.tr("Recusal requested; it takes effect when the deputy chair approves it."),
                ok=True,
            ),
            on_error=self._chair_recusal_failed,
        )

    def _chair_recusal_failed(self, message: str) -> None:
        self.chair_recuse_button.setEnabled(True)
        show_error(self, message)

    def decide_chair_recusal(self, approve: bool) -> None:
        """The deputy chair reads the chair's statement, then approves (and acts as chair) or refuses with a reason."""
        self.worker.submit(
            lambda: recusal_decisions.listing(self.ctx, self.info["id"]),
            on_done=lambda rows: self._decide_chair_recusal(approve, rows),
            on_error=lambda m: show_error(self, m),
        )

    def _decide_chair_recusal(self, approve: bool, rows: list[dict[str, Any]]) -> None:
        statement = next((r["statement"] for r in rows if r.get("chair") and r["state"] == "requested"), "") or ""
        label = (
            self.tr("Reason (optional). Approving, you act as chair of this session from now on:")
            if approve
            else self.tr("Why the chair's recusal is refused (required):")
        )
        label = self.tr("The chair's statement: {statement}").format(statement=statement) + "\n\n" + label
        reason = self._reason(self.tr("The chair's recusal"), label)
        if reason is None:
            return

        def done(result: dict[str, Any]) -> None:
            for b in (self.approve_chair_button, self.refuse_chair_button):
                b.setVisible(False)
            text = (
                self.tr("Approved: you act as chair of this session; reopen it to chair it.")
                if result["approved"]
                else self.tr("Refused: {chair} remains the chair.").format(chair=result["chair"])
            )
            set_message(self.summary, text, ok=True)

        self.worker.submit(
            lambda: deputy.decide(self.ctx, self.info["id"], approve, reason),
            mutates=True,
            on_done=done,
            on_error=lambda m: show_error(self, m),
        )

    def release(self) -> None:
        """The custodian, signed in on their own, releases their round key to the chair."""
        self.release_button.setEnabled(False)

        def done(result: dict[str, Any]) -> None:
            text = (
                self.tr("Your key for this round was already released.")
                if result["already"]
                else self.tr("Your key for round {round} is released to the chair.").format(round=result["round"])
            )
            set_message(self.summary, text, ok=True)

        def failed(message: str) -> None:
            self.release_button.setEnabled(True)
            show_error(self, message)

        self.worker.submit(
            lambda: reveal.release(self.ctx, self.info["id"]), mutates=True, on_done=done, on_error=failed
        )

    def start_reveal(self) -> None:
        self.reveal_button.setEnabled(False)
        self.worker.submit(
            lambda: reveal.prepare(self.ctx, self.info["id"]), on_done=self._ask, on_error=self._reveal_failed
        )

    def _ask(self, holders: list[str]) -> None:
        dialog = RevealDialog(holders, self, verify=self._verify, roles=self._roles(holders))
        dialog.collected.connect(self._reveal)
        dialog.rejected.connect(lambda: self.reveal_button.setEnabled(True))
        dialog.open()
        self.reveal_dialog = dialog

    def _roles(self, holders: list[str]) -> list[str]:
        """What each holder is at the reveal: the first is whoever acts as chair (the deputy once the chair is
        recused); a recused chair later in the list only releases their layer of the round key."""
        chair = self.info.get("chair")
        roles = []
        for i, name in enumerate(holders):
            if i == 0:
                roles.append(self.tr("chair") if name == chair else self.tr("acting chair"))
            elif name == chair:
                roles.append(self.tr("recused chair, releasing their layer of the key"))
            else:
                roles.append(self.tr("custodian"))
        return roles

    def _verify(
        self, name: str, passphrase: str, on_ok: Callable[[Any], None], on_error: Callable[[str], None]
    ) -> None:
        """Each holder's passphrase is checked at their own step (lock-out rules apply there too)."""
        sid = self.info["id"]
        self.worker.submit(
            lambda: reveal.check_passphrase(self.ctx, sid, name, passphrase), on_done=on_ok, on_error=on_error
        )

    def _reveal_failed(self, message: str) -> None:
        self.reveal_button.setEnabled(True)
        show_error(self, message)

    def _reveal(self, passphrases: dict[str, str]) -> None:
        secrets = dict(passphrases)
        passphrases.clear()

        def work() -> dict[str, Any]:
            try:
                return reveal.reveal(self.ctx, self.info["id"], secrets)
            finally:
                secrets.clear()  # secret fields are cleared after use

        run_with_progress(
            self,
            self.worker,
            work,
            self.tr("Revealing: verifying and opening every envelope…"),
            on_done=self._revealed,
            on_error=self._reveal_failed,
        )

    def _revealed(self, result: dict[str, Any]) -> None:
        self.revealed.emit(result)
        if result["rejected"]:
            show_error(
                self,
                self.tr("{n} envelope(s) failed verification and were excluded.").format(n=len(result["rejected"])),
            )
