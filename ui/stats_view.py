"""Statistics per department (质效可评价), with charts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app import statistics
from app.context import AccountContext
from ui.common import show_error
from ui.worker import DbWorker


class StatsScreen(QWidget):
    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("statsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Department"),
                self.tr("Sessions"),
                self.tr("Opinions"),
                self.tr("On time"),
                self.tr("Dissent rate"),
                self.tr("Avg. reasoning (chars)"),
                self.tr("Near-duplicate flags"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(260)
        self.deadlines = QLabel()
        self.deadlines.setObjectName("deadlineCounts")
        self.deadlines.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.table)
        layout.addWidget(self.chart)
        worker.submit(
            lambda: statistics.per_department(ctx), on_done=self._show, on_error=lambda m: show_error(self, m)
        )
        worker.submit(lambda: statistics.deadline_counts(ctx), on_done=self._show_deadlines)

    def _show_deadlines(self, counts: dict[str, int]) -> None:
        """Overdue and due-soon sessions, at each stage before DECIDED."""
        stages = [
            (self.tr("collecting"), "collecting"),
            (self.tr("sealed, not revealed"), "sealed"),
            (self.tr("revealed, not decided"), "revealed"),
        ]
        detail = "；".join(
            f"{label} {counts.get(f'overdue_{key}', 0)}/{counts.get(f'warning_{key}', 0)}" for label, key in stages
        )
        self.deadlines.setText(
            self.tr("Time limits: {overdue} overdue, {warning} due soon (overdue/due soon by stage: {detail})").format(
                overdue=counts.get("overdue", 0), warning=counts.get("warning", 0), detail=detail
            )
        )

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            on_time = "—" if row["on_time_percent"] is None else f"{row['on_time_percent']}%"
            values = [
                row["department"],
                str(row["sessions"]),
                str(row["opinions"]),
                on_time,
                f"{row['dissent_percent']}%",
                str(row["avg_reasoning_chars"]),
                str(row["near_duplicate_flags"]),
            ]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        on_time_bars = QBarSet(self.tr("On time %"))
        on_time_bars.append([float(r["on_time_percent"] or 0) for r in rows])
        dissent_bars = QBarSet(self.tr("Dissent %"))
        dissent_bars.append([float(r["dissent_percent"]) for r in rows])
        series = QBarSeries()
        series.append(on_time_bars)
        series.append(dissent_bars)
        chart = QChart()
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([r["department"] for r in rows])
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d%%")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.chart.setChart(chart)
