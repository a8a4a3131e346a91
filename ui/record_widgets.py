"""The record in the tally view (issue 14): which round this is and why, how 应到 is made up and the quorum,
the votes a motion needed, splits, the decision's adopted option and a departure from the tally flagged with
the chair's reason, late seals; and the chair's decision form parts (adopted option per item, reason)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from app import quorum
from app.i18n import tr


def header(t: dict[str, Any]) -> QLabel:
    """Round n of m, final or superseded, the reasons; the attendance; late seals."""
    lines = []
    if t.get("is_final_round"):
        lines.append(tr("Round {n} of {count} — the final round").format(n=t["round"], count=t["round_count"]))
    else:
        lines.append(tr("Round {n} of {count} — superseded").format(n=t["round"], count=t["round_count"]))
    info = t.get("round_info") or {}
    if info.get("reason"):
        lines.append(tr("Opened again because: {v}").format(v=info["reason"]))
    if info.get("close_reason"):
        lines.append(tr("Closed early because: {v}").format(v=info["close_reason"]))
    if t.get("superseded_reason"):
        lines.append(tr("Superseded by a new round because: {v}").format(v=t["superseded_reason"]))
    lines.append(quorum.describe(t["attendance"]))
    html = "<br/>".join(escape(line) for line in lines)
    if t.get("late"):
        late = tr("LATE seals (after the deadline): {v}").format(v="、".join(t["late"]))
        html += f"<br/><b style='color:#8b1a1a'>⚑ {escape(late)}</b>"
    label = QLabel(html)
    label.setObjectName("roundRecord")
    label.setWordWrap(True)
    return label


def item_notes(t: dict[str, Any], item: dict[str, Any]) -> QLabel | None:
    """Votes needed, a split, the decision adopted, a departure flagged with the reason."""
    parts = []
    if item.get("needed") is not None:
        parts.append(escape(tr("Needed to pass: {n} votes").format(n=item["needed"])))
    if item.get("split"):
        counts = "、".join(f"{o} {n}" for o, n in item["counts"].items() if n)
        parts.append(escape(tr("Split, no majority formed: {v}").format(v=counts)))
    if item.get("decided_option"):
        parts.append(escape(tr("Decision adopts: {v}").format(v=item["decided_option"])))
    if item.get("departs"):
        reason = (t.get("decision") or {}).get("reason", "")
        flag = tr("The decision departs from the tally — the chair's written reason: {v}").format(v=reason)
        parts.append(f"<b style='color:#8b1a1a'>⚑ {escape(flag)}</b>")
    if not parts:
        return None
    label = QLabel("<br/>".join(parts))
    label.setObjectName(f"itemRecord{item['item']}")
    label.setWordWrap(True)
    return label


def dissent_heading(item: dict[str, Any]) -> str:
    if item.get("split"):
        return tr("No majority formed: the positions are a split, nobody is counted as dissenting")
    if item.get("decided_option"):
        return tr("Dissent from the decision (recorded verbatim)")
    return tr("Dissent (recorded verbatim)")


class DecisionBasis(QWidget):
    """Per item the option the decision adopts (default: what the rule passed, else the chair's position) and
    the reason, required when the decision departs from the tally or no majority formed."""

    def __init__(self, t: dict[str, Any], options: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tally = t
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.adopt: dict[int, QComboBox] = {}
        for item in t["items"]:
            combo = QComboBox()
            combo.setObjectName(f"adopt{item['item']}")
            for option in options:
                combo.addItem(option, option)
            default = item["passed_option"] or (item["chair_position"] or {}).get("position")
            if default:
                combo.setCurrentIndex(max(combo.findData(default), 0))
            combo.currentIndexChanged.connect(self._update)
            self.adopt[item["item"]] = combo
            form.addRow(tr("Item {n} — the decision adopts:").format(n=item["item"]), combo)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("decisionReason")
        self.reason.setMaximumHeight(80)
        self.reason.setTabChangesFocus(True)
        self.hint = QLabel()
        self.hint.setObjectName("decisionDeparts")
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        form.addRow(tr("Reason for departing from the tally:"), self.reason)
        self._update()

    def adopted(self) -> dict[str, str]:
        return {str(n): str(c.currentData()) for n, c in self.adopt.items()}

    def departs(self) -> list[int]:
        chosen = self.adopted()
        return [
            i["item"]
            for i in self.tally["items"]
            if i["outcome"] != "advisory"
            and (i["outcome"] == "no_majority" or chosen[str(i["item"])] != i["passed_option"])
        ]

    def _update(self) -> None:
        departs = self.departs()
        self.reason.setEnabled(bool(departs))
        if departs:
            self.hint.setText(
                "<b style='color:#8b1a1a'>⚑ "
                + escape(
                    tr(
                        "The decision departs from the tally (or no majority formed) on item(s) {items}: a written "
                        "reason is required; it is signed and shown in the tally and the dossier."
                    ).format(items=", ".join(str(i) for i in departs))
                )
                + "</b>"
            )
        else:
            self.hint.setText(escape(tr("The decision follows the tally.")))
