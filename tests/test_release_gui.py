"""The custodian releases their round key from their own sign-in (the seal board's button), then the chair reveals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.errors import Refused
from app.sessions import reveal, views
from tests.cast import Cast
from ui.board_view import BoardView
from ui.worker import DbWorker


def test_custodian_releases_from_the_board_then_the_chair_reveals(cast: Cast, qtbot: QtBot) -> None:
    sid = cast.open(n=2)
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    with pytest.raises(Refused, match="监督员"):
        reveal.reveal(cast("主持人"), sid, {})
    custodian = cast("监督员")
    worker = DbWorker()
    try:
        chair_board = BoardView(cast("主持人"), worker, views.show(cast("主持人"), sid))
        qtbot.addWidget(chair_board)
        assert chair_board.reveal_button.isVisibleTo(chair_board) and not chair_board.release_button.isVisibleTo(
            chair_board
        )
        board = BoardView(custodian, worker, views.show(custodian, sid))
        qtbot.addWidget(board)
        assert board.release_button.isVisibleTo(board) and not board.reveal_button.isVisibleTo(board)
        qtbot.mouseClick(board.release_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "released" in board.summary.text() or "释放" in board.summary.text(), timeout=15000)
        assert not board.release_button.isEnabled()
    finally:
        worker.shutdown()
    assert reveal.pending_releases(cast("主持人"), sid) == []
    assert reveal.reveal(cast("主持人"), sid, {})["opened"] == 2


def test_a_chair_only_session_is_marked_on_the_board(cast: Cast, qtbot: QtBot) -> None:
    from app import policy

    policy.set_value(cast("保密员"), "min_custodians", 0)
    cast.close()
    sid = cast.open(n=2, custodians=())
    worker = DbWorker()
    try:
        board = BoardView(cast("主持人"), worker, views.show(cast("主持人"), sid))
        qtbot.addWidget(board)
        qtbot.waitUntil(
            lambda: "chair alone" in board.summary.text() or "仅主持人" in board.summary.text(), timeout=15000
        )
    finally:
        worker.shutdown()
    listed = next(r for r in views.list_sessions(cast("甲")) if r["id"] == sid)
    assert listed["chair_only"] is True
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    assert cast.reveal(sid, custodians=())["opened"] == 2  # nobody else to release: the chair alone reveals
