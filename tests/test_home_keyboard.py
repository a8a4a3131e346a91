"""The home screen (待我处理) shows each role its work with counts, and Enter opens; the keyboard works."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from app.opinion_form import OpinionForm
from app.sessions import opinions
from tests.cast import make_cast
from tests.test_gui_flow import WAIT, sign_in
from ui.application import Controller
from ui.home_view import HomeScreen
from ui.session_list import SessionListScreen


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    cast = make_cast(directory)
    collecting = cast.open(n=3, ref="纪线〔2026〕1号")
    sealed = cast.open(n=2, ref="纪线〔2026〕2号")
    cast.seal(sealed, "甲")
    cast.seal(sealed, "乙")
    draft = cast.create(n=2, ref="纪线〔2026〕3号")
    opinions.save_draft(cast("乙"), collecting, OpinionForm(positions={1: "初步核实"}, reasoning="草稿"))
    cast.close()
    c = Controller(directory, idle_ms=60_000)
    c.start()
    yield c, {"collecting": collecting, "sealed": sealed, "draft": draft}
    c.shutdown()


def _home(qtbot: QtBot, c: Controller) -> HomeScreen:
    assert c.main is not None
    assert c.main.screen_keys()[0] == "home"  # the first screen after sign-in
    home = c.main.screens["home"]
    assert isinstance(home, HomeScreen)
    qtbot.waitUntil(lambda: home.summary.text() != "", timeout=WAIT)
    return home


def test_each_role_sees_its_work_with_counts(qtbot: QtBot, world) -> None:  # type: ignore[no-untyped-def]
    c, sids = world
    sign_in(qtbot, c, "甲")
    assert _home(qtbot, c).counts == {"to_draft": 1}  # sealed in the other session already
    sign_in(qtbot, c, "乙")
    assert _home(qtbot, c).counts == {"to_seal": 1}  # has a draft
    sign_in(qtbot, c, "主持人")
    home = _home(qtbot, c)
    assert home.counts == {"to_open": 1, "to_reveal": 1}
    assert "1" in home.summary.text()
    sign_in(qtbot, c, "监督员")
    assert _home(qtbot, c).counts == {"to_release": 1}
    sign_in(qtbot, c, "丁")
    home = _home(qtbot, c)
    assert home.counts == {} and "Nothing" in home.summary.text()


def test_enter_opens_from_home_and_from_the_list(qtbot: QtBot, world) -> None:  # type: ignore[no-untyped-def]
    c, sids = world
    sign_in(qtbot, c, "主持人")
    home = _home(qtbot, c)
    tree = home.findChild(QTreeWidget, "workTree")
    assert tree is not None and tree.currentItem() is not None
    first = tree.currentItem().data(0, Qt.ItemDataRole.UserRole)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(c.main and c.main.session_dialogs()), timeout=WAIT)
    assert c.main.session_dialogs()[0].session_id == first  # type: ignore[union-attr]
    c.main.session_dialogs()[0].close()  # type: ignore[union-attr]
    c.main.show_screen("sessions")  # type: ignore[union-attr]
    screen = c.main.screens["sessions"]  # type: ignore[union-attr]
    assert isinstance(screen, SessionListScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=WAIT)
    screen.view.setFocus()
    screen.view.selectRow(1)
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(c.main.session_dialogs()), timeout=WAIT)  # type: ignore[union-attr]
    assert c.main.session_dialogs()[0].session_id == screen.model.row(1)["id"]  # type: ignore[union-attr]


def test_tab_moves_between_opinion_fields(qtbot: QtBot, world) -> None:  # type: ignore[no-untyped-def]
    c, sids = world
    sign_in(qtbot, c, "甲")
    from tests.test_gui_flow import session_dialog
    from tests.test_no_text_lost import _editor

    dialog = session_dialog(qtbot, c, sids["collecting"])
    editor = _editor(qtbot, dialog)
    editor.no_conflict.click()
    dialog.activateWindow()
    editor.reasoning.setFocus()
    for edit in (editor.reasoning, *editor.fields.values()):
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert "\t" not in edit.toPlainText()  # Tab moves on; it does not type a tab character


def test_a_session_withdrawn_before_opening_shows_no_error(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.sessions import lifecycle
    from tests.test_gui_flow import session_dialog

    directory = tmp_path / "store"
    cast = make_cast(directory)
    sid = cast.create(n=2)
    lifecycle.withdraw(cast("主持人"), sid, "已移交其他机关处置。")
    cast.close()
    c = Controller(directory, idle_ms=60_000)
    c.start()
    try:
        sign_in(qtbot, c, "主持人")
        dialog = session_dialog(qtbot, c, sid)
        dialog.select("board")
        board = dialog.tab("board")
        qtbot.waitUntil(lambda: board.summary.text() != "", timeout=WAIT)  # type: ignore[union-attr]
        qtbot.wait(300)
        assert not [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        assert "No round" in board.summary.text()  # type: ignore[union-attr]
    finally:
        c.shutdown()


def test_the_more_line_of_a_long_group_opens_the_session_list(
    qtbot: QtBot, world, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import home_view

    monkeypatch.setattr(home_view, "SHOWN_PER_TASK", 0)  # every group is "long": only its "more" line shows
    c, sids = world
    sign_in(qtbot, c, "主持人")
    home = _home(qtbot, c)
    tree = home.findChild(QTreeWidget, "workTree")
    assert tree is not None
    group = tree.topLevelItem(0)
    assert group.childCount() == 1 and group.child(0).data(0, Qt.ItemDataRole.UserRole) == home_view.MORE
    tree.setCurrentItem(group.child(0))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert c.main is not None
    qtbot.waitUntil(lambda: c.main.stack.currentWidget() is c.main.screens["sessions"], timeout=WAIT)  # type: ignore[union-attr]
    assert not c.main.session_dialogs()  # no session was opened
