"""`make screenshots`: every main screen, in Chinese and in English, from a fresh demo store.

Run offscreen: python -m ui.screenshots OUTDIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUISHEN_INSECURE_FAST_KDF", "1")  # a throw-away demo store

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app import accounts, demo
    from app.sessions import views
    from ui.application import install_fonts

    assert isinstance(app, QApplication)
    install_fonts(app)
    out.mkdir(parents=True, exist_ok=True)
    store = Path(tempfile.mkdtemp()) / "store"
    ctx, _ = demo.create_store(store)
    demo.populate(ctx)
    ctx.close()
    refs = {}
    clerk = accounts.open_account(store, "孙记录", demo.PASSPHRASE)
    for row in views.list_sessions(clerk):
        refs[row["ref"]] = row["id"]
    clerk.close()

    for language in ("zh_CN", "en"):
        _shoot(language, store, refs, out)
    return 0


def _shoot(language: str, store: Path, refs: dict[str, int], out: Path) -> None:
    from PySide6.QtCore import QSettings

    from app import accounts, demo, i18n
    from ui.admin_views import AuditScreen
    from ui.application import Controller
    from ui.dossier_view import DossierView
    from ui.main_window import MainWindow
    from ui.opinion_editor import OpinionEditor
    from ui.session_dialog import SessionDialog

    i18n.install(language)
    # Remembered window places must not change the pictures: use throw-away settings.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    controller = Controller(store, idle_ms=3_600_000)

    def shot(name: str, widget: QWidget, settle: int = 900) -> None:
        widget.show()
        wait(settle)
        widget.grab().save(str(out / f"{language}-{name}.png"))
        print(f"{language}-{name}.png")

    def as_(name: str) -> MainWindow:
        if controller.main is not None:
            controller.sign_out()
            wait(200)
        controller.open_main(accounts.open_account(store, name, demo.PASSPHRASE))
        wait(600)
        assert controller.main is not None
        return controller.main

    def session(ref: str, tab: str, prepare: Callable[[SessionDialog], None] | None = None) -> SessionDialog:
        assert controller.main is not None
        dialog = controller.main.open_session(refs[ref])
        wait(900)
        dialog.select(tab)
        if prepare:
            prepare(dialog)
        return dialog

    controller.unlock.load_accounts()
    controller.unlock.account.setCurrentText("王主持")
    shot("unlock", controller.unlock)
    main = as_("王主持")
    shot("home", main)
    main.show_screen("sessions")
    shot("sessions", main)
    editor = main.new_session()
    wait(600)
    editor.title.setText("关于某县水利局局长问题线索的处置")
    editor.ref.setText("纪线〔2026〕30号")
    editor.invite("第一监督检查室", "周一")
    editor.invite("案件审理室", "陈审")
    shot("session-editor", editor)
    editor.force = True
    editor.close()
    d = session("纪审〔2026〕7号", "board")
    shot("seal-board", d)
    d.force_close()
    d = session("纪线〔2026〕8号", "tally")
    shot("tally-chair", d, 1500)
    d.force_close()
    d = session("纪线〔2026〕6号", "tally")
    shot("tally-decided", d, 1500)
    d.force_close()
    main.show_screen("statistics")
    shot("statistics", main, 1500)
    as_("吴二")

    def fill(dialog: SessionDialog) -> None:
        editor = dialog.tab("opinion")
        wait(500)
        assert isinstance(editor, OpinionEditor)
        editor.no_conflict.click()
        editor.positions[1].setCurrentIndex(2)
        editor.reasoning.setPlainText(
            "经核查，该企业财务总监分管的两笔大额支出审批手续不全，与举报内容相互印证，建议初步核实。"
        )

    d = session("纪线〔2026〕12号", "opinion", fill)
    shot("opinion-editor", d)
    d.force_close()
    as_("周一")
    d = session("纪线〔2026〕12号", "opinion")
    shot("opinion-sealed", d)
    d.force_close()
    as_("孙记录")
    d = session("纪线〔2026〕6号", "dossier")
    dossier = d.tab("dossier")
    assert isinstance(dossier, DossierView)
    dossier.export_to(Path(tempfile.mkdtemp()) / "dossier.pdf")
    shot("dossier", d, 4000)
    d.force_close()
    clerk_window = controller.main
    assert clerk_window is not None
    clerk_window.show_screen("me")
    shot("my-certificate", clerk_window)
    from app import cert_requests

    cert_requests.request(clerk_window.ctx)  # a new request, for the security officer's list below
    main = as_("审计员")
    main.show_screen("audit")
    audit = main.screens["audit"]
    assert isinstance(audit, AuditScreen)
    audit.verify()
    shot("audit", main, 1500)
    main = as_("管理员")
    main.show_screen("accounts")
    shot("accounts", main)
    main = as_("保密员")
    main.show_screen("policy")
    shot("policy", main)
    controller.shutdown()
    wait(200)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")))
