"""Every screen rendered in Chinese, as each role sees it, holds no untranslated English (issue 11, item 5).

The demo store's content is Chinese, so any Latin word on a screen is a source string that missed the
catalogue (a ``tr`` inside an f-string, a wrong context) or a raw code (a role, a status, an audit action).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app import demo, i18n
from app.sessions import views
from ui.application import Controller

WAIT = 15000
# Words that are meant to stay as they are in the Chinese interface.
ALLOWED = {"English", "PDF", "CA", "Ctrl", "SHA", "CN", "Scrypt"}  # CN: the X.509 name attribute; Scrypt: the KDF
LATIN = re.compile(r"[A-Za-z]{2,}")
DIGEST = re.compile(r"\b[0-9a-fA-F:]{8,}…?")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a widget tree puts on screen."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow():
            yield where + ".title", w.windowTitle()
        for action in w.actions():
            yield where + ".action", action.text().replace("&", "")
        if isinstance(w, QLabel):
            yield where, re.sub(r"<[^>]+>", " ", w.text())
        elif isinstance(w, QAbstractButton):
            yield where, w.text().replace("&", "")
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where + ".tab", w.tabText(i)
        elif isinstance(w, QTextBrowser):
            yield where, w.toPlainText()
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where + ".item", w.itemText(i)
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                yield where + ".item", w.item(i).text()
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                yield where + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for r in range(min(model.rowCount(), 60)):
                    yield where + f".cell[{r},{c}]", str(model.index(r, c).data() or "")
        if isinstance(w, QMainWindow):
            for menu_action in w.menuBar().actions():
                yield where + ".menu", menu_action.text().replace("&", "")


def untranslated(root: QWidget) -> list[str]:
    found = []
    for where, text in visible_texts(root):
        cleaned = DIGEST.sub("", text)
        words = [w for w in LATIN.findall(cleaned) if w not in ALLOWED]
        if words:
            found.append(f"{where}: {text[:120]!r}")
    return found


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    store = tmp_path_factory.mktemp("demo") / "store"
    i18n.install("zh_CN")  # the demo's certificate names are made in the language in use
    try:
        ctx, _ = demo.create_store(store)
        demo.populate(ctx)
        ctx.close()
    finally:
        i18n.install("en")
    from app import accounts

    clerk = accounts.open_account(store, "孙记录", demo.PASSPHRASE)
    refs = {row["ref"]: row["id"] for row in views.list_sessions(clerk)}
    clerk.close()
    return store, refs


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install("zh_CN")
    yield
    i18n.install("en")


def _sign_in(qtbot: QtBot, c: Controller, name: str) -> None:
    if c.main is not None:
        c.sign_out()
    qtbot.waitUntil(lambda: c.main is None and c.unlock.isVisible(), timeout=WAIT)
    c.unlock.account.setCurrentText(name)
    c.unlock.passphrase.setText(demo.PASSPHRASE)
    c.unlock.button.click()
    qtbot.waitUntil(lambda: c.main is not None and c.main.isVisible(), timeout=WAIT)
    for box in c.main.findChildren(QWidget, "signInWarnings"):
        box.close()


def _settle(qtbot: QtBot, c: Controller, quiet_ms: int = 150) -> None:
    """Wait until the screens have what they load: every store call the window submitted has come back and none
    was submitted for ``quiet_ms`` (longer than the views' own reload timers, 100 ms), instead of a fixed sleep."""
    import time

    deadline = time.monotonic() + WAIT / 1000
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        qtbot.wait(20)
        now = time.monotonic()
        if c.worker._jobs:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= quiet_ms / 1000:
            return
    raise AssertionError("the window's store calls did not settle")


def test_every_screen_in_chinese_has_no_untranslated_text(
    qtbot: QtBot, demo_store: tuple[Path, dict[str, int]], chinese: None
) -> None:
    assert QCoreApplication.translate("UnlockWindow", "Unlock") == "解锁"
    store, refs = demo_store
    c = Controller(store, idle_ms=3_600_000)
    problems: list[str] = []

    def check(label: str, widget: QWidget) -> None:
        problems.extend(f"[{label}] {p}" for p in untranslated(widget))

    try:
        c.start()
        check("unlock", c.unlock)
        c.idle_warning.show_countdown(30)
        check("idle warning", c.idle_warning)
        c.idle_warning.hide()
        for name in ("王主持", "孙记录", "审计员", "管理员", "保密员", "周一", "吴二"):
            _sign_in(qtbot, c, name)
            assert c.main is not None
            for key in c.main.screen_keys():  # each screen loads on the worker when first shown
                c.main.show_screen(key)
                qtbot.wait(1)
            _settle(qtbot, c)
            check(name, c.main)
        # the chair: a new session, a sealed session's reveal, a revealed session's tally, a decided one
        _sign_in(qtbot, c, "王主持")
        editor = c.main.new_session()  # type: ignore[union-attr]
        _settle(qtbot, c)
        check("session editor", editor)
        editor.force = True
        editor.close()
        for ref in ("纪审〔2026〕7号", "纪线〔2026〕8号", "纪线〔2026〕6号", "纪线〔2026〕9号", "纪线〔2026〕11号"):
            dialog = c.main.open_session(refs[ref])  # type: ignore[union-attr]
            qtbot.waitUntil(lambda d=dialog: d.info is not None, timeout=WAIT)
            _settle(qtbot, c)
            check(f"chair {ref}", dialog)
            board = dialog.tab("board")
            if ref == "纪审〔2026〕7号" and board is not None:
                board.start_reveal()  # type: ignore[attr-defined]
                qtbot.waitUntil(lambda b=board: hasattr(b, "reveal_dialog"), timeout=WAIT)
                check("reveal dialog", board.reveal_dialog)  # type: ignore[attr-defined]
                board.reveal_dialog.reject()  # type: ignore[attr-defined]
            dialog.force_close()
        # reviewers: an opinion being written, and one sealed
        for name in ("吴二", "周一"):
            _sign_in(qtbot, c, name)
            dialog = c.main.open_session(refs["纪线〔2026〕12号"])  # type: ignore[union-attr]
            qtbot.waitUntil(lambda d=dialog: d.tab("opinion") is not None, timeout=WAIT)
            _settle(qtbot, c)
            check(f"reviewer {name}", dialog)
            dialog.force_close()
        # the administrator's new-account dialog
        _sign_in(qtbot, c, "管理员")
        c.main.show_screen("accounts")  # type: ignore[union-attr]
        c.main.screens["accounts"].add()  # type: ignore[union-attr, attr-defined]
        _settle(qtbot, c)
        from ui.admin_views import NewAccountDialog

        for dialog in c.main.findChildren(NewAccountDialog):  # type: ignore[union-attr]
            check("new account", dialog)
            dialog.reject()
        # a file dialog, as the dossier's export opens it: Chinese throughout, in the documents folder
        from ui.common import documents_dir, save_file_dialog

        files = save_file_dialog(c.main, "导出案卷", "案卷.pdf", "PDF (*.pdf)")  # type: ignore[arg-type]
        files.show()
        _settle(qtbot, c)
        # its labels and buttons (the listing itself is the file system's data)
        texts = [files.windowTitle()] + [
            w.text() for w in files.findChildren(QLabel) + files.findChildren(QAbstractButton)
        ]
        problems.extend(f"[file dialog] {t!r}" for t in texts if [w for w in LATIN.findall(t) if w not in ALLOWED])
        assert Path(files.directory().absolutePath()) == Path(documents_dir()).resolve()
        files.reject()
    finally:
        c.shutdown()
    assert problems == [], "\n".join(problems)
