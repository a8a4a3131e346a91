"""What the tally shows beside the count: every revealed opinion in full, and a bar chart of an item's votes."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QTextBrowser, QWidget


def bar_chart(title: str, counts: dict[str, int]) -> QChartView:
    """A bar chart of the counts per option."""
    bars = QBarSet(title)
    bars.append([float(v) for v in counts.values()])
    bars.setColor(QColor("#8b1a1a"))
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart = QChart()
    chart.addSeries(series)
    chart.legend().hide()
    axis_x = QBarCategoryAxis()
    axis_x.append(list(counts))
    axis_y = QValueAxis()
    axis_y.setRange(0, max([*counts.values(), 1]) + 1)
    axis_y.setLabelFormat("%d")
    axis_y.setTickCount(max([*counts.values(), 1]) + 2)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


class RevealedOpinions(QTextBrowser):
    """Each revealed opinion in full, department by department: positions, reasoning, facts, causes,
    disposition, rectification — and a loud note where an envelope failed verification."""

    def __init__(self, info: dict[str, Any], rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealedOpinions")
        self.setMinimumHeight(360)
        self.setOpenLinks(False)
        labels = {
            "reasoning": self.tr("Reasoning"),
            "facts": self.tr("Facts reviewed"),
            "causes": self.tr("Causes found"),
            "disposition": self.tr("Proposed disposition"),
            "rectification": self.tr("Proposed rectification"),
        }
        items = {str(i["number"]): i["text"] for i in info["items"]}
        heading = self.tr("Revealed opinions, in full")
        parts = [f"<h3>{escape(heading)}</h3>"]
        for row in rows:
            who = self.tr("Chair") if row["is_chair"] else row["department"]
            parts.append(f"<h4>{escape(who)}（{escape(row['author'])}）</h4>")
            if not row["valid"] or row["opinion"] is None:
                problem = row.get("problem") or ""
                parts.append(
                    "<p style='color:#b00020'><b>"
                    + escape(self.tr("Failed verification; excluded from the count: {p}").format(p=problem))
                    + "</b></p>"
                )
                continue
            doc = row["opinion"]
            for number, position in doc.get("positions", {}).items():
                text = self.tr("Item {n}: {text}").format(n=number, text=items.get(str(number), ""))
                note = doc.get("position_notes", {}).get(str(number))
                shown = f"{position}（{note}）" if note else str(position)
                parts.append(f"<p><b>{escape(text)}</b> — {escape(shown)}</p>")
            for key, label in labels.items():
                if doc.get(key):
                    parts.append(f"<p><b>{escape(label)}：</b>{_html(doc[key])}</p>")
            fingerprint = self.tr("Commitment fingerprint: {f}").format(f=row["fingerprint"])
            parts.append(f"<p style='color:#666'>{escape(fingerprint)}</p><hr/>")
        if not rows:
            empty = self.tr("No opinion was opened in this round.")
            parts.append(f"<p>{escape(empty)}</p>")
        self.setHtml("".join(parts))
