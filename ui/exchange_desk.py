"""与其他工作站交换: a reviewer's and a custodian's work for sessions chaired at other workstations (issue 10).

A reviewer sees the session packages they imported (to seal, sealed, acknowledged by the chair's receipt) and
opens one in the opinion editor, which writes the envelope file; a custodian writes a key batch for registered
chairs and releases their round key for an imported reveal request; both see the results they imported,
read-only.  Every file is imported through the import dialog (what it is, from whom, what importing does) and
every export writes a new file inside the export's own transaction (app/exchange/ledger.writing_to).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import remote_desk
from app.context import AccountContext
from app.permissions import Operation, allowed
from ui.common import confirm, error_label, read_only_table, save_file_dialog, set_message
from ui.key_batch_dialog import KeyBatchDialog, write_export
from ui.worker import DbWorker


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    if rows:
        table.selectRow(0)


class ExchangeScreen(QWidget):
    """What this account does for sessions chaired at other workstations."""

    def __init__(self, ctx: AccountContext, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.worker = ctx, worker
        self.reviewer = allowed(ctx.roles, Operation.OPINION_SEAL)
        self.custodian = allowed(ctx.roles, Operation.REVEAL_SHARE)
        self.rows: dict[str, list[dict[str, Any]]] = {"packages": [], "requests": [], "results": []}
        intro = QLabel(
            self.tr(
                "Sessions chaired at another workstation reach you as files on removable media: import each file, "
                "do your part here, and carry the file this screen writes back to the chair."
            )
        )
        intro.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import an exchange file…"))
        self.import_button.setObjectName("deskImport")
        self.import_button.clicked.connect(lambda: self.import_file())
        self.message = error_label()
        self.message.setObjectName("deskMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.packages = read_only_table(
            "remotePackages",
            [
                self.tr("Reference"),
                self.tr("Matter"),
                self.tr("Department"),
                self.tr("Round"),
                self.tr("Chair"),
                self.tr("State"),
            ],
            fit=True,
        )
        self.open_button = QPushButton(self.tr("&Open the opinion…"))
        self.open_button.setObjectName("openPackage")
        self.open_button.clicked.connect(lambda: self.open_package())
        self.packages.doubleClicked.connect(lambda _index: self.open_package())
        if self.reviewer:
            layout.addWidget(
                self._group(self.tr("My opinions for other workstations"), self.packages, [self.open_button]), 2
            )
        self.requests = read_only_table(
            "revealRequests",
            [
                self.tr("Session"),
                self.tr("Round"),
                self.tr("Chair"),
                self.tr("Envelopes sealed"),
                self.tr("My round key"),
            ],
            fit=True,
        )
        self.batch_button = QPushButton(self.tr("Write a &key batch…"))
        self.batch_button.setObjectName("keyBatch")
        self.batch_button.clicked.connect(lambda: self.key_batch())
        self.release_button = QPushButton(self.tr("&Release my round key…"))
        self.release_button.setObjectName("releaseKey")
        self.release_button.clicked.connect(lambda: self.confirm_release())
        if self.custodian:
            group = self._group(
                self.tr("My round keys for other workstations"), self.requests, [self.batch_button, self.release_button]
            )
            layout.addWidget(group, 1)
        self.results = read_only_table(
            "remoteResults", [self.tr("Reference"), self.tr("Matter"), self.tr("Chair"), self.tr("Decision")], fit=True
        )
        self.result_button = QPushButton(self.tr("&View the result…"))
        self.result_button.setObjectName("viewResult")
        self.result_button.clicked.connect(lambda: self.view_result())
        self.results.doubleClicked.connect(lambda _index: self.view_result())
        layout.addWidget(self._group(self.tr("Results received"), self.results, [self.result_button]), 1)
        layout.addWidget(self.message)
        worker.changed.connect(self.refresh)
        self.refresh()

    def _group(self, title: str, table: QTableWidget, buttons: list[QPushButton]) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(table, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    # -- reading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from app.exchange import result_package

        ctx, reviewer, custodian = self.ctx, self.reviewer, self.custodian
        self.worker.submit(
            lambda: {
                "packages": remote_desk.packages(ctx) if reviewer else [],
                "requests": remote_desk.reveal_requests(ctx) if custodian else [],
                "results": result_package.results(ctx),
            },
            on_done=self._show,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _state(self, row: dict[str, Any]) -> str:
        labels = {
            remote_desk.TO_SEAL: self.tr("to seal"),
            remote_desk.SEALED: self.tr("sealed, envelope file written; no receipt yet"),
            remote_desk.ACKNOWLEDGED: self.tr("sealed; the chair's receipt received"),
            remote_desk.RECUSAL_SENT: self.tr("recusal requested, envelope file written; the chair decides"),
        }
        return labels[row["state"]]

    def _show(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = rows
        _fill(
            self.packages,
            [
                [p["ref"], p["title"], p["department"], str(p["round"]), p["chair"], self._state(p)]
                for p in rows["packages"]
            ],
        )
        _fill(
            self.requests,
            [
                [
                    self.tr("No. {session} of workstation store {store}").format(
                        session=r["session"], store=r["store"][:8]
                    ),
                    str(r["round"]),
                    r["chair"],
                    str(r["envelopes"]),
                    self.tr("released") if r["released"] else self.tr("not released"),
                ]
                for r in rows["requests"]
            ],
        )
        _fill(
            self.results,
            [[r["ref"], r["title"], r["chair"], (r["decision"] or {}).get("text", "—")] for r in rows["results"]],
        )
        self.open_button.setEnabled(bool(rows["packages"]))
        self.release_button.setEnabled(bool(rows["requests"]))
        self.result_button.setEnabled(bool(rows["results"]))

    def _selected(self, table: QTableWidget, key: str) -> dict[str, Any] | None:
        row = table.currentRow()
        return self.rows[key][row] if 0 <= row < len(self.rows[key]) else None

    # -- actions ----------------------------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> QDialog | None:
        from ui.exchange_dialog import choose_and_open

        return choose_and_open(self, self.ctx, self.worker, path)

    def open_package(self) -> None:
        package = self._selected(self.packages, "packages")
        if package is None:
            return
        self.worker.submit(
            lambda: remote_desk.opinion_info(self.ctx, package["id"]),
            on_done=self._open,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _open(self, info: dict[str, Any]) -> None:
        from ui.remote_opinion import RemoteSessionDialog

        self.session_dialog = RemoteSessionDialog(self.ctx, self.worker, info, self)
        self.session_dialog.show()

    def view_result(self) -> None:
        """The selected result, once this member's own opinions in it are compared with what was sealed here."""
        result = self._selected(self.results, "results")
        if result is None:
            return
        self.worker.submit(
            lambda: remote_desk.own_opinions_in_result(self.ctx, result),
            on_done=lambda checks: self._show_result(result, checks),
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _show_result(self, result: dict[str, Any], checks: dict[int, bool]) -> None:
        from ui.remote_result import ResultDialog

        self.result_dialog = ResultDialog(result, checks, self.ctx.name, self)
        self.result_dialog.show()

    def key_batch(self) -> None:
        self.worker.submit(
            lambda: remote_desk.chairs(self.ctx),
            on_done=self._batch_dialog,
            on_error=lambda m: set_message(self.message, m, ok=False),
        )

    def _batch_dialog(self, chairs: list[dict[str, Any]]) -> None:
        self.batch_dialog = KeyBatchDialog(self.ctx, self.worker, chairs, self)
        self.batch_dialog.open()

    def confirm_release(self) -> None:
        request = self._selected(self.requests, "requests")
        if request is None:
            return
        text = self.tr(
            "Release your round key for round {round} to the chair {chair}?\n\nThe key is sealed to the chair alone "
            "and bound to the seal board of this request: it opens this round's envelopes, and it is never "
            "released for another board."
        ).format(round=request["round"], chair=request["chair"])
        self.confirmation = confirm(
            self,
            "releaseConfirmation",
            self.tr("Release round key"),
            text,
            self.tr("Release the key"),
            lambda: self.choose_release(request),
        )

    def choose_release(self, request: dict[str, Any]) -> None:
        dialog = save_file_dialog(self, self.tr("Write the key release"), "key-release.hsx", "*.hsx")
        dialog.fileSelected.connect(lambda path: self.release_to(request, Path(path)))
        dialog.open()
        self.file_dialog = dialog

    def release_to(self, request: dict[str, Any], path: Path) -> None:
        from app.exchange import key_release

        set_message(self.message, self.tr("Releasing the key and writing the file…"), ok=True)

        def done(_result: dict[str, Any]) -> None:
            text = self.tr("Your round key is written to {path}; carry it to the chair's workstation.")
            set_message(self.message, text.format(path=path), ok=True)

        write_export(
            self.worker,
            path,
            lambda: key_release.export(self.ctx, request["id"]),
            done,
            lambda m: set_message(self.message, m, ok=False),
        )
