"""One session: overview and rounds, seal board, my opinion, tally, dossier — each shown only to whom it concerns."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.context import AccountContext
from app.permissions import Operation, allowed
from app.sessions import views
from app.sessions.common import status_label
from ui.board_view import BoardView
from ui.common import Watermark, local_time, place_window, remember_window, set_message, show_error
from ui.dossier_view import DossierView
from ui.labels import rule_label
from ui.opinion_editor import OpinionEditor
from ui.tally_view import TallyView
from ui.worker import DbWorker

REVEALED_STATES = ("revealed", "decided", "archived")


class SessionDialog(QDialog):
    def __init__(
        self,
        ctx: AccountContext,
        worker: DbWorker,
        session_id: int,
        parent: QWidget | None = None,
        restore: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.session_id = ctx, worker, session_id
        self.restore = restore  # what was open and typed before the idle lock
        self.force = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Huishen — session"))  # never the matter's title: the title bar is visible
        place_window(self, ctx.name, "session", 1000, 760)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionTabs")
        self.banner = QLabel()
        self.banner.setObjectName("sessionBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.next_tab: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs)
        self.watermark = Watermark(self, ctx.name)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.reject)  # Ctrl+W asks like Esc when something is unsaved
        self.info: dict[str, Any] | None = None
        self.last_export: dict[str, Any] | None = None
        worker.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.worker.submit(
            lambda: views.show(self.ctx, self.session_id), on_done=self._build, on_error=lambda m: show_error(self, m)
        )

    def _index(self, name: str) -> int:
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if widget is not None and widget.objectName() == name:
                return i
        return -1

    def tab(self, name: str) -> QWidget | None:
        index = self._index(name)
        return self.tabs.widget(index) if index >= 0 else None

    def tab_enabled(self, name: str) -> bool:
        index = self._index(name)
        return index >= 0 and self.tabs.isTabEnabled(index)

    def select(self, name: str) -> None:
        index = self._index(name)
        if index >= 0:
            self.tabs.setCurrentIndex(index)

    @staticmethod
    def _shape(info: dict[str, Any]) -> tuple[Any, ...]:
        """What decides which tabs exist and what they offer."""
        rounds = tuple((r["number"], r["closed_at"], r["revealed_at"]) for r in info["rounds"])
        return info["status"], rounds, bool(info["decision"]), info["chair_stated"], info["sealed"], info["recused"]

    def _build(self, info: dict[str, Any]) -> None:
        if self.info is not None and self._shape(info) == self._shape(self.info) and self.tabs.count():
            # Nothing this window shows has moved on (a change elsewhere): keep every tab, and what is typed in it.
            self.info = info
            return
        shown_tab = self.tabs.currentWidget()
        current = shown_tab.objectName() if shown_tab is not None else None
        self.info = info
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self._add(self._overview(info), "overview", self.tr("Overview"))
        board = BoardView(self.ctx, self.worker, info)
        board.revealed.connect(self._revealed)
        self._add(board, "board", self.tr("Seal board"))
        if any(p["reviewer"] == self.ctx.name for p in info["participants"]):
            self._add(OpinionEditor(self.ctx, self.worker, info), "opinion", self.tr("My opinion"))
        tally = self._tally(info)
        index = self._add(tally, "tally", self.tr("Tally"))
        self.tabs.setTabEnabled(index, info["status"] in REVEALED_STATES or len(info["rounds"]) > 1)
        if allowed(self.ctx.roles, Operation.DOSSIER_EXPORT) and info["status"] in ("decided", "archived"):
            dossier = DossierView(self.ctx, self.worker, info, self.last_export)
            dossier.exported.connect(self._remember_export)
            self._add(dossier, "dossier", self.tr("Dossier"))
        if self.restore is not None:
            editor = self.tab("opinion")
            if isinstance(editor, OpinionEditor) and self.restore.get("opinion"):
                editor.pending_state = self.restore["opinion"]
            shown = self.tally_view()
            if shown is not None and self.restore.get("tally"):
                shown.pending_state = self.restore["tally"]
            current = self.restore.get("tab") or current
            self.restore = None
        if self.next_tab is not None and self.tab(self.next_tab) is not None:
            current, self.next_tab = self.next_tab, None
        if current:
            self.select(current)
        self.watermark.raise_()

    # -- nothing typed is lost ---------------------------------------------------------------------------
    def opinion_editor(self) -> OpinionEditor | None:
        editor = self.tab("opinion")
        return editor if isinstance(editor, OpinionEditor) else None

    def tally_view(self) -> TallyView | None:
        views_ = self.findChildren(TallyView)
        return views_[0] if views_ else None

    def has_unsaved(self) -> bool:
        editor, tally = self.opinion_editor(), self.tally_view()
        return bool((editor and editor.has_unsaved()) or (tally and tally.has_unsaved()))

    def snapshot(self) -> dict[str, Any]:
        """Which session, which tab, and what the encrypted draft does not hold (for after the idle lock)."""
        editor, tally = self.opinion_editor(), self.tally_view()
        current = self.tabs.currentWidget()
        return {
            "session_id": self.session_id,
            "tab": current.objectName() if current is not None else None,
            "opinion": editor.state() if editor is not None and editor.editable else None,
            "tally": tally.state() if tally is not None else None,
        }

    def save_drafts(self) -> None:
        editor = self.opinion_editor()
        if editor is not None and editor.has_unsaved():
            editor.save_draft(quiet=True)

    def force_close(self) -> None:
        """Close without asking (the idle lock and exit save the draft first)."""
        self.force = True
        self.close()

    def done(self, result: int) -> None:
        remember_window(self, self.ctx.name, "session")
        super().done(result)

    def reject(self) -> None:
        """Esc and the close button: ask first when something typed would be lost."""
        if self.force or not self.has_unsaved():
            super().reject()
            return
        editor = self.opinion_editor()
        draftable = editor is not None and editor.has_unsaved()
        box = QMessageBox(self)
        box.setObjectName("unsavedConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if draftable:
            box.setText(self.tr("Your opinion has changes that are not saved yet. Save the encrypted draft and close?"))
            save = box.addButton(self.tr("Save draft and close"), QMessageBox.ButtonRole.AcceptRole)
            save.setObjectName("saveAndClose")
            box.setDefaultButton(save)
        else:
            box.setText(self.tr("What you typed here has not been recorded and will be lost if you close."))
        discard = box.addButton(self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardAndClose")
        cancel = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("keepEditing")
        box.setEscapeButton(cancel)
        if not draftable:
            box.setDefaultButton(cancel)

        def chosen(button: object) -> None:
            if button is cancel:
                return
            if button is not discard:
                self.save_drafts()
            self.force_close()

        box.buttonClicked.connect(chosen)
        box.open()
        self.confirmation = box

    def _revealed(self, result: dict[str, Any]) -> None:
        """Say what the reveal did, then show the tally (the tabs rebuild once the status has moved on)."""
        text = self.tr("Revealed round {round}: {n} envelope(s) opened and verified.").format(
            round=result["round"], n=result["opened"]
        )
        if result["rejected"]:
            text += " " + self.tr("{n} failed verification and were excluded.").format(n=len(result["rejected"]))
        set_message(self.banner, text, ok=not result["rejected"])
        self.banner.show()
        self.next_tab = "tally"

    def _remember_export(self, result: dict[str, Any]) -> None:
        self.last_export = result

    def _add(self, widget: QWidget, name: str, label: str) -> int:
        widget.setObjectName(name)
        return self.tabs.addTab(widget, label)

    def _tally(self, info: dict[str, Any]) -> QWidget:
        """The tally of the latest revealed round, with earlier rounds selectable (read-only)."""
        revealed = [r["number"] for r in info["rounds"] if r["revealed_at"]]
        holder = QWidget()
        layout = QVBoxLayout(holder)
        if not revealed:
            layout.addWidget(QLabel(self.tr("Opinions stay sealed until the chair and custodians reveal them.")))
            return holder
        chooser = QComboBox()
        chooser.setObjectName("roundChooser")
        for number in reversed(revealed):
            chooser.addItem(self.tr("Round {n}").format(n=number), number)
        layout.addWidget(chooser)
        view = TallyView(self.ctx, self.worker, info, None)
        view.setObjectName("tallyView")
        layout.addWidget(view, 1)

        def switch() -> None:
            nonlocal view
            layout.removeWidget(view)
            view.deleteLater()
            number = chooser.currentData()
            view = TallyView(self.ctx, self.worker, info, None if number == revealed[-1] else number)
            layout.addWidget(view, 1)

        chooser.currentIndexChanged.connect(switch)
        return holder

    def _overview(self, info: dict[str, Any]) -> QWidget:
        view = QTextBrowser()
        rows = [
            (self.tr("Reference number"), info["ref"]),
            (self.tr("Title"), info["title"]),
            (self.tr("Matter kind"), info["kind_label"]),
            (self.tr("Classification"), info["classification"] or self.tr("unclassified")),
            (self.tr("Status"), status_label(info["status"]) + (" — " + self.tr("OVERDUE") if info["overdue"] else "")),
            (self.tr("Deadline"), local_time(info["deadline"])),
            (self.tr("Rule"), rule_label(info["rule"])),
            (self.tr("Options"), "、".join(info["options"])),
            (self.tr("Chair"), info["chair"] + (" — " + self.tr("recused") if info.get("chair_recused") else "")),
            (
                self.tr("Deputy chair"),
                (info.get("deputy") or self.tr("none"))
                + (" — " + self.tr("acts as chair") if info.get("chair_recused") else ""),
            ),
            (
                self.tr("Custodians"),
                "、".join(info["custodians"])
                or self.tr("none — the chair alone holds the reveal key (the security policy allows it)"),
            ),
            (self.tr("Departments"), "；".join(f"{p['department']}（{p['reviewer']}）" for p in info["participants"])),
            (
                self.tr("Clerks"),
                self.tr("every clerk (created before clerks were named)")
                if info.get("clerks") is None
                else "、".join(info["clerks"]) or self.tr("none"),
            ),
        ]
        html = ["<table cellpadding='4'>"]
        html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>" for k, v in rows]
        html.append("</table>")
        items_heading, rounds_heading = self.tr("Items"), self.tr("Rounds")
        html.append(f"<h4>{escape(items_heading)}</h4><ol>")
        html += [
            f"<li>{escape(i['text'])}"
            + (f"（{escape('、'.join(i['options']))}）" if i.get("options", info["options"]) != info["options"] else "")
            + "</li>"
            for i in info["items"]
        ]
        html.append(f"</ol><h4>{escape(rounds_heading)}</h4><ul>")
        for r in info["rounds"]:
            line = self.tr("Round {n}: opened {opened}").format(n=r["number"], opened=local_time(r["opened_at"]))
            if r["reason"]:
                line += " — " + r["reason"]
            if r["closed_at"]:
                line += "; " + self.tr("closed {t}").format(t=local_time(r["closed_at"]))
            if r["close_reason"]:
                line += f"（{r['close_reason']}）"
            if r["revealed_at"]:
                line += "; " + self.tr("revealed {t}").format(t=local_time(r["revealed_at"]))
            html.append(f"<li>{escape(line)}</li>")
        html.append("</ul>")
        if info["decision"]:
            heading = self.tr("Decision")
            html.append(f"<h4>{escape(heading)}</h4><p>{escape(info['decision']['text'])}</p>")
        if info["withdrawn_reason"]:
            heading = self.tr("Withdrawn")
            html.append(f"<h4>{escape(heading)}</h4><p>{escape(info['withdrawn_reason'])}</p>")
        view.setHtml("".join(html))
        return view
