"""The deputy chair on screen (issue 14): named in the session editor; on the seal board the deputy reads the chair's
statement and approves; the board, overview and tally view name the deputy as acting chair."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app import accounts
from app.sessions import deputy, reveal, views
from tests.cast import PASS, Cast, grant, make_cast
from tests.test_gui_flow import WAIT, session_dialog, sign_in
from tests.test_tally_gui import controller_for  # noqa: F401  (fixture)
from ui.board_view import BoardView
from ui.reveal_dialog import RevealDialog

STATEMENT = "本人与被反映人系近亲属关系，依规申请回避。"


def _cast(directory: Path) -> Cast:
    cast = make_cast(directory)
    accounts.add_account(cast("管理员"), "副主持", ["chair"], None, PASS)
    grant(cast.directory, ["副主持"])
    return cast


def test_the_editor_names_a_deputy(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    _cast(tmp_path / "store").close()
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "主持人")
    editor = c.main.new_session()
    qtbot.waitUntil(lambda: editor.deputy.count() > 1, timeout=WAIT)
    editor.deputy.setCurrentText("副主持")
    assert editor.state()["deputy"] == editor.deputy.currentIndex()
    editor.force = True
    editor.close()


def test_the_deputy_approves_on_the_board_and_then_chairs(
    qtbot: QtBot,
    tmp_path: Path,
    controller_for: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cast = _cast(tmp_path / "store")
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    cast.close()
    asked: list[str] = []

    def answer(self: BoardView, title: str, label: str) -> str:
        asked.append(label)
        return "回避事由成立，由副主持人代行"

    monkeypatch.setattr(BoardView, "_reason", answer)
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "副主持")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("board")
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "approveChairRecusal") is not None, timeout=WAIT)
    button = dialog.findChild(QPushButton, "approveChairRecusal")
    assert button.isVisible() and dialog.findChild(QPushButton, "refuseChairRecusal").isVisible()
    button.click()
    qtbot.waitUntil(lambda: views.show(c.main.ctx, sid)["chair_recused"] is True, timeout=WAIT)
    assert STATEMENT in asked[0]  # the deputy read the chair's statement before deciding
    dialog.force_close()
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("board")
    board = dialog.findChild(BoardView)
    qtbot.waitUntil(lambda: "acts as chair" in board.summary.text(), timeout=WAIT)
    assert board.withdraw_button.isVisibleTo(dialog) or board.close_button.isVisibleTo(dialog)  # chair's actions
    dialog.force_close()


def test_the_tally_view_names_the_acting_chair(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    cast = _cast(tmp_path / "store")
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    deputy.decide(cast("副主持"), sid, True)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    reveal.release(cast("监督员"), sid)
    reveal.release(cast("主持人"), sid)
    reveal.reveal(cast("副主持"), sid, {})
    cast.close()
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "副主持")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")
    qtbot.waitUntil(lambda: dialog.findChild(QLabel, "actingChair") is not None, timeout=WAIT)
    assert "副主持" in dialog.findChild(QLabel, "actingChair").text()
    qtbot.waitUntil(lambda: dialog.findChild(QGroupBox, "chairForm") is not None, timeout=WAIT)  # the deputy states
    dialog.force_close()


def test_the_reveal_dialog_names_each_holders_part(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """The deputy reveals: step 1 is the acting chair, the recused chair only releases their layer, then the
    custodian — the recused chair is not called a custodian, nor the deputy the chair."""
    cast = _cast(tmp_path / "store")
    sid = cast.open(n=3, deputy="副主持")
    deputy.request(cast("主持人"), sid, STATEMENT)
    deputy.decide(cast("副主持"), sid, True)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.close()
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "副主持")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("board")
    board = dialog.tab("board")
    assert isinstance(board, BoardView)
    assert board.reveal_button.isVisibleTo(dialog)
    board.reveal_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(RevealDialog) is not None, timeout=WAIT)
    dlg = dialog.findChild(RevealDialog)
    assert dlg.holders[0] == "副主持" and "主持人" in dlg.holders
    prompts = []
    for name in dlg.holders:
        dlg.index = dlg.holders.index(name)
        dlg._show()
        prompts.append(dlg.prompt.text())
    assert "副主持 (acting chair)" in prompts[0]
    recused = prompts[dlg.holders.index("主持人")]
    assert "recused chair" in recused and "custodian" not in recused
    assert "(custodian)" in prompts[dlg.holders.index("监督员")]
    dlg.reject()
    dialog.force_close()
