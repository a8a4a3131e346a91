"""The result of a session chaired at another workstation, read-only (issue 10): decision, the chair's position,
every revealed round's tally and opinions, and whether this member's own envelopes were found in it unchanged.

The result was imported only once each envelope this store sealed for the session was found in it unchanged
(app/exchange/result_package.py); the view says which rounds that check covered, and the chair store's log head.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.common import local_time


def _h(text: Any) -> str:
    return escape(str(text)).replace("\n", "<br/>")


class ResultDialog(QDialog):
    """One imported result package, shown read-only."""

    def __init__(
        self, result: dict[str, Any], checks: dict[int, bool], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("remoteResult")
        self.setWindowTitle(self.tr("Result of a session of another workstation — {ref}").format(ref=result["ref"]))
        from ui.common import place_window

        place_window(self, name, "remote-result", 880, 720)
        self.view = QTextBrowser()
        self.view.setObjectName("resultView")
        self.checks = checks  # round → the opinion printed beside this member's envelope is the one sealed here
        self.view.setHtml(self.html(result))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        from ui.common import Watermark

        self.watermark = Watermark(self, name)

    def html(self, r: dict[str, Any]) -> str:
        parts = [f"<h2>{_h(r['ref'])}　{_h(r['title'])}</h2>"]
        parts.append(
            "<p>"
            + _h(self.tr("Chaired by {chair} at another workstation; read-only.").format(chair=r["chair"]))
            + "</p>"
        )
        included = r.get("included") or []
        wrong = sorted(n for n, same in self.checks.items() if not same)
        if included and not wrong:
            text = self.tr(
                "✓ Your sealed envelope was found in the result unchanged, and the opinion printed for it is the one "
                "you sealed (rounds {rounds})."
            ).format(rounds=", ".join(str(n) for n in included))
            parts.append(f"<p style='color:#1b5e20'><b>{_h(text)}</b></p>")
        elif included:
            for n in wrong:
                text = self.tr(
                    "✗ Round {round}: the opinion printed beside your envelope is not the one you sealed; do not rely "
                    "on this result and tell the auditor."
                ).format(round=n)
                parts.append(f"<p style='color:#b00020'><b>{_h(text)}</b></p>")
        else:
            text = self.tr("You sealed no envelope in this session at this workstation; nothing of yours was checked.")
            parts.append(f"<p><b>{_h(text)}</b></p>")
        decision = r.get("decision") or {}
        heading = self.tr("Decision")
        parts.append(f"<h3>{_h(heading)}</h3>")
        if decision:
            parts.append(f"<p><b>{_h(decision.get('text', ''))}</b></p>")
            meta = self.tr("Recorded by {by} at {t}, after round {round}.").format(
                by=decision.get("by", "—"), t=local_time(decision.get("decided_at")), round=decision.get("round", "—")
            )
            parts.append(f"<p>{_h(meta)}</p>")
        else:
            nothing = self.tr("No decision is recorded.")
            parts.append(f"<p>{_h(nothing)}</p>")
        for rnd in r["rounds"]:
            parts.extend(self._round(rnd))
        head = r.get("chain_head", {})
        footer = self.tr("The chair store's signed log ended at entry {seq} ({hash}) when the result was sent.")
        parts.append(
            f"<p style='color:#555'>{_h(footer.format(seq=head.get('seq'), hash=head.get('hash', '')[:16]))}</p>"
        )
        return "".join(parts)

    def _round(self, rnd: dict[str, Any]) -> list[str]:
        outcomes = {
            "passed": self.tr("Passed: {option}"),
            "no_majority": self.tr("No majority (未形成多数意见)"),
            "advisory": self.tr("Advisory: no binding count"),
        }
        tally = rnd["tally"]
        heading = self.tr("Round {round}").format(round=rnd["round"])
        parts = [f"<h3>{_h(heading)}</h3>"]
        for item in tally.get("items", []):
            label = self.tr("Item {n}: {text}").format(n=item.get("item"), text=item.get("text", ""))
            counts = "　".join(f"{o}: {n}" for o, n in item.get("counts", {}).items())
            outcome = outcomes.get(str(item.get("outcome")), str(item.get("outcome")))
            outcome = outcome.format(option=item.get("passed_option") or "—")
            summary = self.tr("{counts} — expected {e}, cast {c}.").format(
                counts=counts, e=item.get("expected", "—"), c=item.get("cast", "—")
            )
            parts.append(f"<p><b>{_h(label)}</b><br/>{_h(summary)} <b>{_h(outcome)}</b>")
            position = item.get("chair_position")
            if position:
                stated = self.tr("Chair's position: {position}").format(position=position.get("position", "—"))
                parts.append(f"<br/><i>{_h(stated)}</i>")
            parts.append("</p>")
        revealed = self.tr("Opinions revealed")
        parts.append(f"<h4>{_h(revealed)}</h4>")
        for opinion in rnd.get("opinions", []):
            parts.append(self._opinion(opinion))
        return parts

    def _opinion(self, o: dict[str, Any]) -> str:
        if o.get("is_chair"):
            who = self.tr("Chair {name} (position)").format(name=o.get("author", ""))
        else:
            who = self.tr("{department} — {name}").format(department=o.get("department") or "—", name=o.get("author"))
        doc = o.get("opinion") or {}
        if not o.get("valid", True) or not doc:
            problem = self.tr("not counted: {problem}").format(problem=o.get("problem") or "—")
            return f"<p><b>{_h(who)}</b> — <span style='color:#b00020'>{_h(problem)}</span></p>"
        positions = "；".join(
            self.tr("Item {n}: {text}").format(n=n, text=p) for n, p in doc.get("positions", {}).items()
        )
        reasoning = self.tr("Reasoning:")
        commitment = self.tr("Commitment fingerprint: {f}").format(f=o.get("fingerprint", ""))
        return (
            f"<p><b>{_h(who)}</b> — {_h(positions)}<br/>{_h(reasoning)}{_h(doc.get('reasoning', ''))}<br/>"
            f"<span style='color:#555'>{_h(commitment)}</span></p>"
        )
