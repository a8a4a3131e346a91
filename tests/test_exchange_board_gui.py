"""The seal board's "waiting for" list in the window (issue 10): the envelope of the reviewer at another
workstation, then the receipt not yet sent for it."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.exchange import envelope_file, imports
from app.opinion_form import OpinionForm
from app.sessions import views
from tests import exchange_world
from tests.cast import reasoning
from tests.exchange_world import CHAIR, MEMBER, REVIEWER
from ui.board_view import BoardView
from ui.worker import DbWorker


def test_the_board_names_what_it_waits_for(tmp_path: Path, qtbot: QtBot) -> None:
    world = exchange_world.build(tmp_path / "world")
    sid = exchange_world.open_remote_reviewer(world)
    chair = world.a(CHAIR)
    worker = DbWorker()
    try:
        board = BoardView(chair, worker, views.show(chair, sid))
        qtbot.addWidget(board)
        qtbot.waitUntil(lambda: MEMBER in board.summary.text(), timeout=15000)
        assert "乙" in board.summary.text()  # the local reviewer has not sealed either
        # The chair's export button: the session package, written where the chair chose.
        from app.exchange import session_package

        assert board.export_button.isVisibleTo(board)
        assert board.export_button.menu() is not None and len(board.export_button.menu().actions()) == 2
        target = tmp_path / "package-from-window.hsx"
        board.export_button.export_to(session_package.export, target)
        qtbot.waitUntil(lambda: str(target) in board.exchange_message.text(), timeout=15000)
        assert target.read_bytes().startswith(b"HUISHENX")
        reviewer = world.b(REVIEWER)
        imported = imports.import_file(reviewer, world.root / "package.hsx")
        data, _info = envelope_file.export(
            reviewer, imported["file"], OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
        )
        (world.root / "envelope.hsx").write_bytes(data)
        imports.import_file(chair, world.root / "envelope.hsx")
        board.refresh()
        qtbot.waitUntil(lambda: "receipt" in board.summary.text() or "回执" in board.summary.text(), timeout=15000)
        board.resize(900, 420)
        shots = os.environ.get("HUISHEN_SHOTS")
        if shots:
            board.grab().save(str(Path(shots) / "board_waiting_for.png"))
    finally:
        worker.shutdown()
        world.close()
