"""The clerk's dossier screen: export with preview, and printing recorded with the number of copies."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import accounts, demo
from app.sessions import views
from models import AuditEntry
from ui.dossier_view import DossierView
from ui.worker import DbWorker


def test_export_preview_and_print(qtbot: QtBot, tmp_path: Path) -> None:
    store = tmp_path / "store"
    ctx, _ = demo.create_store(store)
    demo.populate(ctx)
    ctx.close()
    clerk = accounts.open_account(store, "孙记录", demo.PASSPHRASE)
    worker = DbWorker()
    try:
        sid = next(r["id"] for r in views.list_sessions(clerk) if r["status"] == "decided")
        info = views.show(clerk, sid)
        view = DossierView(clerk, worker, info)
        qtbot.addWidget(view)
        out = tmp_path / "dossier.pdf"
        with qtbot.waitSignal(view.exported, timeout=30000):
            view.export_to(out)
        assert out.read_bytes().startswith(b"%PDF")
        qtbot.waitUntil(lambda: view.pages_layout.count() >= 5, timeout=30000)
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setCopyCount(2)
        view._print(printer)
        assert (tmp_path / "printed.pdf").stat().st_size > 10_000

        def printed() -> bool:
            with clerk.store.transaction() as db:
                last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
            return last is not None and last.action == "dossier.print" and json.loads(last.details)["copies"] == 2

        qtbot.waitUntil(printed, timeout=10000)
        assert views.show(clerk, sid)["status"] == "archived"
    finally:
        worker.shutdown()
        clerk.close()
