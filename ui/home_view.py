"""待我处理: the sessions waiting for this account, grouped by what it has to do, with counts; Enter opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.context import AccountContext
from app.sessions import views
from ui.common import add_shortcut, local_time, show_error
from ui.worker import DbWorker

SHOWN_PER_TASK = 200  # a longer group is a search, not a to-do list: the session list's filters find the rest
MORE = -1  # the data of the line that stands for a group's hidden rest


class HomeScreen(QWidget):
    open_session = Signal(int)
    show_all = Signal()  # the "… more" line of a long group was activated: the session list finds the rest

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.task_names = {
            "to_draft": self.tr("To draft (my opinion)"),
            "to_seal": self.tr("To seal (draft saved)"),
            "to_open": self.tr("To open for opinions"),
            "to_reveal": self.tr("To reveal"),
            "to_state": self.tr("To state the chair's position"),
            "to_decide": self.tr("To record the decision"),
            "to_release": self.tr("To release my reveal key (all sealed)"),
            "to_archive": self.tr("To export the dossier"),
            "to_decide_chair_recusal": self.tr("To decide the chair's own recusal (deputy chair)"),
        }
        self.summary = QLabel()
        self.summary.setObjectName("workSummary")
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setPointSize(font.pointSize() + 2)
        self.summary.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("workTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Reference number"), self.tr("Title"), self.tr("Deadline")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes the room, not the deadline
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)  # Enter and double-click
        refresh = QPushButton(self.tr("&Refresh"))
        add_shortcut(refresh, "F5")
        refresh.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(refresh, 0, Qt.AlignmentFlag.AlignRight)
        self.counts: dict[str, int] = {}
        # A burst of changes (several drafts saved, a file imported) reads the work once, as the session list does.
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(100)
        self._changed.timeout.connect(self.refresh)
        worker.changed.connect(self._changed.start)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(lambda: views.my_work(self.ctx), on_done=self._show, on_error=lambda m: show_error(self, m))

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.tree.clear()
        self.counts = {}
        for row in rows:
            self.counts[row["task"]] = self.counts.get(row["task"], 0) + 1
        first: QTreeWidgetItem | None = None
        for task in views.TASKS:
            if not self.counts.get(task):
                continue
            group = QTreeWidgetItem([self.tr("{task}: {n}").format(task=self.task_names[task], n=self.counts[task])])
            group.setData(0, Qt.ItemDataRole.UserRole, None)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            mine = [row for row in rows if row["task"] == task]
            for row in mine[:SHOWN_PER_TASK]:
                item = QTreeWidgetItem([row["ref"], row["title"], local_time(row["deadline"])])
                item.setData(0, Qt.ItemDataRole.UserRole, row["id"])
                group.addChild(item)
                first = first or item
            if len(mine) > SHOWN_PER_TASK:
                more = QTreeWidgetItem(
                    [
                        self.tr("… and {n} more: open the session list (Enter) and filter it to find them").format(
                            n=len(mine) - SHOWN_PER_TASK
                        )
                    ]
                )
                more.setData(0, Qt.ItemDataRole.UserRole, MORE)
                group.addChild(more)
                more.setFirstColumnSpanned(True)
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        if rows:
            parts = [
                self.tr("{task}: {n}").format(task=self.task_names[t], n=self.counts[t])
                for t in views.TASKS
                if self.counts.get(t)
            ]
            self.summary.setText(self.tr("Waiting for you: {tasks}").format(tasks=self.tr("; ").join(parts)))
        else:
            self.summary.setText(self.tr("Nothing is waiting for you."))
        if first is not None:
            self.tree.setCurrentItem(first)

    def _activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        session_id = item.data(0, Qt.ItemDataRole.UserRole)
        if session_id == MORE:
            self.show_all.emit()
        elif session_id is not None:
            self.open_session.emit(int(session_id))
