"""Opinions shown in full: every revealed opinion beside the tally's count (with a bar chart of an item's
votes), and an author's own sealed copy."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QTextBrowser, QWidget

from ui.common import local_time


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


def opinion_html(doc: dict[str, Any], items: dict[str, str]) -> list[str]:
    """An opinion's positions (with their notes) and texts as HTML paragraphs: the author's sealed copy and the
    revealed opinions are shown alike.  ``items``: item number (as text) → the item's wording."""
    parts = []
    for number, position in doc.get("positions", {}).items():
        text = QCoreApplication.translate("OpinionText", "Item {n}: {text}").format(
            n=number, text=items.get(str(number), "")
        )
        note = doc.get("position_notes", {}).get(str(number))
        shown = f"{position}（{note}）" if note else str(position)
        parts.append(f"<p><b>{escape(text)}</b> — {escape(shown)}</p>")
    labels = {
        "reasoning": QCoreApplication.translate("OpinionText", "Reasoning"),
        "facts": QCoreApplication.translate("OpinionText", "Facts reviewed"),
        "causes": QCoreApplication.translate("OpinionText", "Causes found"),
        "disposition": QCoreApplication.translate("OpinionText", "Proposed disposition"),
        "rectification": QCoreApplication.translate("OpinionText", "Proposed rectification"),
    }
    for key, label in labels.items():
        if doc.get(key):
            parts.append(f"<p><b>{escape(label)}：</b>{_html(doc[key])}</p>")
    return parts


def sealed_copy_html(own: dict[str, Any], items: dict[str, str]) -> str:
    """The author's own sealed copy, read-only, with its fingerprints."""
    heading = QCoreApplication.translate("OpinionText", "Sealed — read-only")
    sealed_at = QCoreApplication.translate("OpinionText", "Sealed at: {t}").format(t=local_time(own["sealed_at"]))
    commitment = QCoreApplication.translate("OpinionText", "Commitment fingerprint: {f}").format(f=own["fingerprint"])
    signer = QCoreApplication.translate("OpinionText", "Your identity fingerprint: {f}").format(f=own["signer"])
    parts = [
        f"<h3>{_html(heading)}</h3>",
        f"<p>{_html(sealed_at)}<br/><b>{_html(commitment)}</b><br/>{_html(signer)}</p>",
    ]
    return "".join(parts + opinion_html(own["document"]["opinion"], items))


class RevealedOpinions(QTextBrowser):
    """Each revealed opinion in full, department by department: positions, reasoning, facts, causes,
    disposition, rectification — and a loud note where an envelope failed verification."""

    def __init__(self, info: dict[str, Any], rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealedOpinions")
        self.setMinimumHeight(360)
        self.setOpenLinks(False)
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
            parts += opinion_html(row["opinion"], items)
            fingerprint = self.tr("Commitment fingerprint: {f}").format(f=row["fingerprint"])
            parts.append(f"<p style='color:#666'>{escape(fingerprint)}</p><hr/>")
        if not rows:
            empty = self.tr("No opinion was opened in this round.")
            parts.append(f"<p>{escape(empty)}</p>")
        self.setHtml("".join(parts))
