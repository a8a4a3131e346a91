"""The chair's export button for exchange files (issue 10), on the seal board of a session with members at
other workstations: the session package (collecting), the receipt for imported envelopes, the reveal request
(sealed), the result package (decided).  Each writes a new file atomically; what it is and where it went is
said below the board."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QPushButton, QWidget

from app.context import AccountContext
from ui.common import set_message, show_error
from ui.worker import DbWorker

Exporter = Callable[[AccountContext, int], tuple[bytes, dict[str, Any]]]


def has_remote_members(ctx: AccountContext, info: dict[str, Any]) -> bool:
    names = [p["reviewer"] for p in info.get("participants", [])] + list(info.get("custodians", []))
    return any(ctx.registry.is_remote(n) for n in names)


class ExportButton(QPushButton):
    """导出交换文件: a menu of the files this session's state allows."""

    def __init__(
        self,
        ctx: AccountContext,
        worker: DbWorker,
        info: dict[str, Any],
        message: QLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("E&xport exchange file"), parent)
        self.setObjectName("exportExchange")
        self.ctx, self.worker, self.info, self.message = ctx, worker, info, message
        from app.exchange import receipts, result_package, reveal_request, session_package

        status = info["status"]
        menu = QMenu(self)
        choices: list[tuple[str, Exporter]] = []
        if status == "collecting":
            choices.append((self.tr("Session package for the reviewers…"), session_package.export))
        if status in ("collecting", "sealed"):
            choices.append((self.tr("Receipt for the envelopes received…"), receipts.export))
        if status == "sealed":
            choices.append((self.tr("Reveal request for the custodians…"), reveal_request.export))
        if status in ("decided", "archived"):
            choices.append((self.tr("Result package for every member…"), result_package.export))
        for label, exporter in choices:
            menu.addAction(label).triggered.connect(lambda _=False, e=exporter: self.choose(e))
        self.setMenu(menu)
        self.setVisible(info["chair"] == ctx.name and bool(choices) and has_remote_members(ctx, info))

    def choose(self, exporter: Exporter) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export exchange file"), f"{self.info['ref']}.hsx".replace("/", "-"), "*.hsx"
        )
        if path:
            self.export_to(exporter, Path(path))

    def export_to(self, exporter: Exporter, path: Path) -> None:
        from app.fsutil import write_atomic

        sid = int(self.info["id"])

        def work() -> dict[str, Any]:
            if path.exists():
                from app.errors import Refused

                raise Refused(self.tr("{path} exists already; choose a new file name.").format(path=path))
            from app.exchange.ledger import writing_to

            with writing_to(path) as destination:  # written inside the export's own transaction
                data, result = exporter(self.ctx, sid)
                if not destination.written:
                    write_atomic(path, data)
            return result

        def done(result: dict[str, Any]) -> None:
            text = self.tr("Written to {path} ({type}); carry it to the other workstation and import it there.")
            set_message(self.message, text.format(path=path, type=result["type"]), True)

        self.worker.submit(work, on_done=done, on_error=lambda m: show_error(self, m))
