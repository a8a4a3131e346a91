"""The session list: a lazily filled model/view table with filters and search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AccountContext
from app.matters import kinds
from app.permissions import Operation, allowed
from app.sessions import views
from app.sessions.common import STATUSES, status_label
from ui.common import local_time, show_error
from ui.worker import DbWorker

BATCH = 200
Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    """Rows arrive all at once from the worker but are shown in batches as the view scrolls."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[dict[str, Any]] = []
        self._shown = 0
        self.headers = [
            self.tr("Reference"),
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Classification"),
            self.tr("Status"),
            self.tr("Deadline"),
            self.tr("Sealed"),
            self.tr("Overdue"),
        ]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show ``rows``.  When the rows on screen are unchanged (the whole list arriving after its first page,
        or a refresh that changed nothing visible) the view keeps its place and only the rest is taken in."""
        shown = self._shown
        if shown and len(rows) >= shown and rows[:shown] == self._rows[:shown]:
            self._rows = rows
            want = max(shown, min(BATCH, len(rows)))
            if want > shown:
                self.beginInsertRows(QModelIndex(), shown, want - 1)
                self._shown = want
                self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = rows
        self._shown = min(BATCH, len(rows))
        self.endResetModel()

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def total(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        more = min(BATCH, len(self._rows) - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            return [
                row["ref"],
                row["title"] + (self.tr(" [chair alone holds the key]") if row.get("chair_only") else ""),
                row["kind_label"],
                row["classification"] or self.tr("unclassified"),
                status_label(row["status"]),
                local_time(row["deadline"]),
                f"{row['sealed'] + row['recused']}/{row['expected']}",
                self.tr("overdue") + (f"（{row['stage_label']}）" if row.get("stage_label") else "")
                if row["overdue"]
                else self.tr("due soon")
                if row.get("deadline_state") == "warning"
                else "",
            ][col]
        if role == Qt.ItemDataRole.BackgroundRole and row["overdue"]:
            return QBrush(QColor("#fde2e2"))
        if role == Qt.ItemDataRole.ForegroundRole and row["overdue"] and index.column() == 7:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


class SessionListScreen(QWidget):
    """Filter by status and kind, search by title or number; double-click opens a session."""

    open_session = Signal(int)
    new_session = Signal()

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for k in kinds().values():
            self.kind.addItem(k.label, k.code)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search title or reference number"))
        self.new_button = QPushButton(self.tr("&New session…"))
        self.new_button.setObjectName("newSession")
        self.new_button.setVisible(allowed(ctx.roles, Operation.SESSION_CREATE))
        self.new_button.clicked.connect(self.new_session)
        self.count = QLabel()
        self.model = SessionTableModel()
        self.view = QTableView()
        self.view.setObjectName("sessionTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # activated: Enter on the selected row, or a double-click
        self.view.activated.connect(lambda idx: self.open_session.emit(self.model.row(idx.row())["id"]))
        self.view.setTabKeyNavigation(False)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_search)
        reload_ = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        reload_.activated.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        top = QHBoxLayout()
        for w in (self.status, self.kind, self.search):
            top.addWidget(w)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        # A burst of changes (e.g. several drafts saved) reloads the list once.
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(100)
        self._changed.timeout.connect(self.refresh)
        worker.changed.connect(self._changed.start)
        self._filters: tuple[Any, ...] | None = None
        self._generation = 0
        self.refresh()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Reload the list; a new filter (or the first load) paints its first page before the whole list."""
        status, kind, text = self.status.currentData(), self.kind.currentData(), self.search.text().strip() or None
        ctx = self.ctx
        self._generation += 1
        generation = self._generation
        if self._filters != (status, kind, text) or not self.model.total():
            self._filters = (status, kind, text)
            self.worker.submit(
                lambda: views.list_sessions(ctx, False, status, kind, text, limit=BATCH),
                on_done=lambda rows: self._first_page(generation, rows),
                on_error=lambda m: show_error(self, m),
            )
        self.worker.submit(
            lambda: views.list_sessions(ctx, False, status, kind, text),
            on_done=lambda rows: self._loaded(rows, generation),
            on_error=lambda m: show_error(self, m),
        )

    def _first_page(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation == self._generation:
            self.model.set_rows(rows)

    def _loaded(self, rows: list[dict[str, Any]], generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # a newer refresh is on its way
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r["overdue"])
        self.count.setText(self.tr("{n} sessions, {overdue} overdue").format(n=len(rows), overdue=overdue))
        for column in (0, 5, 6):
            self.view.resizeColumnToContents(column)
