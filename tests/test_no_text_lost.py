"""Nothing typed is lost: autosave, Esc and close ask, the idle lock warns, keeps drafts and reopens windows;
the head of the audit log is remembered at lock and sign-in warnings are shown (issue 8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app import accounts, opinion_form
from app.sessions import opinions
from tests.cast import PASS, make_cast, raw_db
from tests.test_gui_flow import WAIT, session_dialog, sign_in, type_text
from ui.admin_views import AccountsScreen, NewAccountDialog
from ui.application import Controller
from ui.opinion_editor import OpinionEditor
from ui.session_dialog import SessionDialog
from ui.session_editor import SessionEditor

REASONING = "经审查，该线索反映的问题具体明确，时间地点人物要素齐全，建议予以初步核实并固定相关证据材料。"


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, int]:
    directory = tmp_path / "store"
    cast = make_cast(directory)
    sid = cast.open(n=2)
    cast.close()
    return directory, sid


def _controller(directory: Path, idle_ms: int = 60_000) -> Controller:
    c = Controller(directory, idle_ms=idle_ms)
    c.start()
    return c


def _editor(qtbot: QtBot, dialog: SessionDialog) -> OpinionEditor:
    dialog.select("opinion")
    editor = dialog.tab("opinion")
    assert isinstance(editor, OpinionEditor)
    qtbot.waitUntil(lambda: editor.editable, timeout=WAIT)
    return editor


def _box(qtbot: QtBot, parent: QWidget, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in parent.findChildren(QMessageBox, name)), timeout=WAIT)
    return [b for b in parent.findChildren(QMessageBox, name) if b.isVisible()][0]


def _click(box: QMessageBox, name: str) -> None:
    button = box.findChild(QPushButton, name)
    assert button is not None, name
    button.click()


def _draft(c: Controller, qtbot: QtBot, sid: int) -> Any:
    got: list[Any] = []
    assert c.ctx is not None
    ctx = c.ctx
    c.worker.submit(lambda: opinions.load_draft(ctx, sid), on_done=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    return got[0]


def _esc(widget: QWidget) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))


def test_esc_with_unsaved_opinion_asks_and_can_save(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "甲")
        dialog = session_dialog(qtbot, c, sid)
        editor = _editor(qtbot, dialog)
        editor.autosave_timer.stop()  # this test is about the question, not the autosave
        editor.no_conflict.click()
        type_text(editor.reasoning, REASONING)
        assert editor.has_unsaved()
        _esc(dialog)
        box = _box(qtbot, dialog, "unsavedConfirmation")
        assert box.defaultButton() is box.findChild(QPushButton, "saveAndClose")  # the safe choice
        _click(box, "keepEditing")
        assert dialog.isVisible() and editor.reasoning.toPlainText() == REASONING
        dialog.close()  # the window's close button asks too
        box = _box(qtbot, dialog, "unsavedConfirmation")
        _click(box, "saveAndClose")
        qtbot.waitUntil(lambda: not c.main.session_dialogs(), timeout=WAIT)  # type: ignore[union-attr]
        draft = _draft(c, qtbot, sid)
        assert isinstance(draft, opinion_form.OpinionForm) and draft.reasoning == REASONING
    finally:
        c.shutdown()


def test_close_without_changes_does_not_ask_and_discard_discards(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "甲")
        dialog = session_dialog(qtbot, c, sid)
        editor = _editor(qtbot, dialog)
        editor.autosave_timer.stop()
        editor.no_conflict.click()
        type_text(editor.fields["facts"], "某局长在项目招标中")
        _esc(dialog)
        _click(_box(qtbot, dialog, "unsavedConfirmation"), "discardAndClose")
        qtbot.waitUntil(lambda: not c.main.session_dialogs(), timeout=WAIT)  # type: ignore[union-attr]
        assert _draft(c, qtbot, sid) is None
        dialog = session_dialog(qtbot, c, sid)
        _editor(qtbot, dialog)
        _esc(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    finally:
        c.shutdown()


def test_draft_is_saved_automatically(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "甲")
        dialog = session_dialog(qtbot, c, sid)
        editor = _editor(qtbot, dialog)
        editor.autosave_timer.setInterval(200)
        editor.no_conflict.click()
        type_text(editor.reasoning, REASONING)
        qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT)
        assert "automatically" in editor.message.text() and "1b5e20" in editor.message.styleSheet()
        assert _draft(c, qtbot, sid).reasoning == REASONING
        _esc(dialog)  # saved: nothing to ask
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    finally:
        c.shutdown()


def test_idle_lock_warns_keeps_the_draft_and_reopens_the_window(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory, idle_ms=4000)
    try:
        sign_in(qtbot, c, "甲")
        dialog = session_dialog(qtbot, c, sid)
        editor = _editor(qtbot, dialog)
        editor.autosave_timer.stop()  # the lock itself must save
        editor.no_conflict.click()
        type_text(editor.reasoning, REASONING)
        # The warning comes first, with a countdown; any key cancels it.
        qtbot.waitUntil(lambda: c.idle_warning.isVisible(), timeout=WAIT)
        assert "s." in c.idle_warning.label.text() and c.main is not None
        type_text(editor.fields["facts"], "某")
        assert not c.idle_warning.isVisible() and c.main is not None
        qtbot.waitUntil(lambda: c.idle_warning.isVisible(), timeout=WAIT)
        qtbot.waitUntil(lambda: c.main is None, timeout=WAIT)
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [c.unlock]
        # Signing back in as the same account reopens the window with the draft and the recusal choice.
        sign_in(qtbot, c, "甲")
        qtbot.waitUntil(lambda: bool(c.main and c.main.session_dialogs()), timeout=WAIT)
        reopened = c.main.session_dialogs()[0]  # type: ignore[union-attr]
        assert reopened.session_id == sid
        qtbot.waitUntil(lambda: reopened.tab("opinion") is not None, timeout=WAIT)
        again = reopened.tab("opinion")
        assert isinstance(again, OpinionEditor)
        qtbot.waitUntil(lambda: again.reasoning.toPlainText() == REASONING, timeout=WAIT)
        assert again.fields["facts"].toPlainText() == "某"
        assert again.no_conflict.isChecked() and again.opinion.isEnabled()
        assert reopened.tabs.currentWidget() is again
        assert not again.has_unsaved()
    finally:
        c.shutdown()


def test_another_account_does_not_get_the_windows_back(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "甲")
        session_dialog(qtbot, c, sid)
        sign_in(qtbot, c, "乙")  # locks first
        qtbot.wait(300)
        assert c.main is not None and not c.main.session_dialogs()
    finally:
        c.shutdown()


def test_new_session_editor_asks_before_discarding(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, _ = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "主持人")
        assert c.main is not None
        editor = c.main.new_session()
        type_text(editor.title, "关于某某问题线索的处置")
        _esc(editor)
        box = _box(qtbot, editor, "discardSessionConfirmation")
        assert box.defaultButton() is box.findChild(QPushButton, "keepEditing")
        _click(box, "keepEditing")
        assert editor.isVisible() and editor.title.text() == "关于某某问题线索的处置"
        _esc(editor)
        _click(_box(qtbot, editor, "discardSessionConfirmation"), "discard")
        qtbot.waitUntil(lambda: not c.main.findChildren(SessionEditor), timeout=WAIT)  # type: ignore[union-attr]
    finally:
        c.shutdown()


def test_add_account_keeps_what_was_typed_when_refused(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, _ = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "管理员")
        assert c.main is not None
        screen = c.main.screens["accounts"]
        assert isinstance(screen, AccountsScreen)
        screen.add()
        qtbot.waitUntil(lambda: screen.findChild(NewAccountDialog) is not None, timeout=WAIT)
        dialog = screen.findChild(NewAccountDialog)
        assert dialog is not None
        type_text(dialog.name, "甲")  # taken: the service refuses it
        dialog.roles["reviewer"].setChecked(True)
        qtbot.keyClicks(dialog.passphrase, "new-reviewer-pass")
        qtbot.keyClicks(dialog.again, "new-reviewer-pass")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and "甲" in dialog.message.text(), timeout=WAIT)
        assert dialog.passphrase.text() == dialog.again.text() == "new-reviewer-pass"
        assert dialog.name.text() == "甲" and dialog.isVisible()
        dialog.again.setText("different")
        dialog.buttons.accepted.emit()
        assert "differ" in dialog.message.text() and dialog.passphrase.text() == "new-reviewer-pass"
    finally:
        c.shutdown()


def test_lock_remembers_the_log_head_so_a_cut_log_is_reported_at_sign_in(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    probe = accounts.open_account(directory, "审计员", PASS)
    before, db_key = probe.registry.seq, probe.store.db_key
    probe.close()
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "审计员")  # the sign-in itself adds entries beyond ``before``
        c.lock()
        c.worker.drain()
        with raw_db(directory, db_key, drop_triggers=True) as conn:
            conn.execute("DELETE FROM audit_entries WHERE seq > ?", (before,))
        sign_in(qtbot, c, "审计员")
        assert c.main is not None
        box = _box(qtbot, c.main, "signInWarnings")
        assert f"{before + 1} to" in box.text() and "missing" in box.text()
    finally:
        c.shutdown()


def test_exit_remembers_the_log_head_too(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, _ = store
    probe = accounts.open_account(directory, "审计员", PASS)
    before, db_key = probe.registry.seq, probe.store.db_key
    probe.close()
    c = _controller(directory)
    sign_in(qtbot, c, "审计员")
    c.shutdown()  # what closing the program does
    with raw_db(directory, db_key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq > ?", (before,))
    again = accounts.open_account(directory, "审计员", PASS)
    try:
        assert any(f"{before + 1} to" in w for w in again.warnings)
    finally:
        again.close()


def test_idle_lock_reopens_the_new_session_editor_as_it_was(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, _ = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "主持人")
        assert c.main is not None
        editor = c.main.new_session()
        qtbot.waitUntil(lambda: editor.departments.rowCount() == 5, timeout=WAIT)
        type_text(editor.title, "关于某某问题线索的处置")
        type_text(editor.ref, "纪线〔2026〕40号")
        editor.invite("一室", "甲")
        editor.invite("二室", "乙")
        editor.check_custodian("监督员")
        c.lock()
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [c.unlock]
        sign_in(qtbot, c, "主持人")
        qtbot.waitUntil(lambda: any(e.isVisible() for e in c.main.findChildren(SessionEditor)), timeout=WAIT)  # type: ignore[union-attr]
        again = [e for e in c.main.findChildren(SessionEditor) if e.isVisible()][0]  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: again.departments.rowCount() == 5, timeout=WAIT)
        assert again.title.text() == "关于某某问题线索的处置" and again.ref.text() == "纪线〔2026〕40号"
        spec = again.spec()
        assert spec is not None
        assert sorted(spec.departments) == ["一室=甲", "二室=乙"] and spec.custodians == ["监督员"]
    finally:
        c.shutdown()


def test_switching_language_keeps_the_open_windows_and_the_draft(qtbot: QtBot, store: tuple[Path, int]) -> None:
    directory, sid = store
    c = _controller(directory)
    try:
        sign_in(qtbot, c, "甲")
        dialog = session_dialog(qtbot, c, sid)
        editor = _editor(qtbot, dialog)
        editor.autosave_timer.stop()
        editor.no_conflict.click()
        type_text(editor.reasoning, REASONING)
        c.switch_language("en")
        qtbot.waitUntil(lambda: bool(c.main and c.main.session_dialogs()), timeout=WAIT)
        again = c.main.session_dialogs()[0]  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: isinstance(again.tab("opinion"), OpinionEditor), timeout=WAIT)
        reopened = again.tab("opinion")
        assert isinstance(reopened, OpinionEditor)
        qtbot.waitUntil(lambda: reopened.reasoning.toPlainText() == REASONING, timeout=WAIT)
        assert reopened.no_conflict.isChecked()
    finally:
        c.shutdown()
