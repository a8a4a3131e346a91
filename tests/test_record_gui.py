"""The record on screen (issue 14): the tally view's round record and the flagged decision, the chair's decision
form that asks for a reason when departing from the tally, 保密期限 checked in the editor, time-limit counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.opinion_form import OpinionForm
from app.sessions import chair, views
from tests.cast import Cast, make_cast
from tests.test_gui_flow import WAIT, session_dialog, sign_in
from tests.test_tally_gui import controller_for  # noqa: F401  (fixture)

REASON = "被反映人已主动说明并退缴，经集体研究予以了结。"


def _positioned(directory: Path) -> int:
    cast = make_cast(directory)
    sid = cast.open(n=3)
    for who, option in (("甲", "初步核实"), ("乙", "初步核实"), ("丙", "予以了结")):
        cast.seal(sid, who, option)
    cast.reveal(sid)
    chair.chair_position(
        cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning="主持人意见：" + "理" * 40)
    )
    cast.close()
    return sid


def test_decision_form_asks_a_reason_and_the_tally_flags_the_departure(
    qtbot: QtBot,
    tmp_path: Path,
    controller_for,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    sid = _positioned(directory)
    c = controller_for(directory)
    sign_in(qtbot, c, "主持人")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")
    qtbot.waitUntil(lambda: dialog.findChild(QComboBox, "adopt1") is not None, timeout=WAIT)
    record = dialog.findChild(QLabel, "roundRecord")
    assert record is not None and "final round" in record.text() and "quorum" in record.text()
    adopt = dialog.findChild(QComboBox, "adopt1")
    assert adopt.currentData() == "初步核实"  # what the rule passed
    adopt.setCurrentIndex(adopt.findData("予以了结"))
    assert "departs" in dialog.findChild(QLabel, "decisionDeparts").text()
    dialog.findChild(QPlainTextEdit, "decisionText").setPlainText("予以了结，不再初步核实。")
    dialog.findChild(QPushButton, "recordDecision").click()
    assert views.show(c.main.ctx, sid)["status"] == "revealed"  # refused on the form: no reason
    dialog.findChild(QPlainTextEdit, "decisionReason").setPlainText(REASON)
    dialog.findChild(QPushButton, "recordDecision").click()
    from tests.test_gui_flow import accept_box

    accept_box(qtbot, dialog, "decisionConfirmation")
    qtbot.waitUntil(lambda: views.show(c.main.ctx, sid)["status"] == "decided", timeout=WAIT)
    dialog.close()
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")

    def flagged() -> str:
        return " ".join(w.text() for w in dialog.findChildren(QLabel, "itemRecord1"))

    qtbot.waitUntil(lambda: "departs from the tally" in flagged(), timeout=WAIT)
    assert REASON in flagged()


def test_split_offers_to_defer(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    cast = make_cast(directory)
    sid = cast.open(n=4)
    for who, option in zip(("甲", "乙", "丙", "丁"), ("谈话函询", "初步核实", "暂存待查", "予以了结"), strict=True):
        cast.seal(sid, who, option)
    cast.reveal(sid)
    chair.chair_position(
        cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning="主持人意见：" + "理" * 40)
    )
    cast.close()
    c = controller_for(directory)
    sign_in(qtbot, c, "主持人")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "deferWithdraw") is not None, timeout=WAIT)
    assert dialog.findChild(QPushButton, "deferNewRound") is not None
    assert "split" in dialog.findChild(QLabel, "itemRecord1").text().lower()


def test_editor_names_the_limit_of_the_term(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    make_cast(tmp_path / "store").close()
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "主持人")
    editor = c.main.new_session()
    qtbot.waitUntil(lambda: editor.isVisible(), timeout=WAIT)
    editor.classification.setCurrentText("秘密")
    editor.term.setText("50年")
    assert "10年" in editor.errors["term"].text()
    editor.term.setText("6个月")
    assert editor.errors["term"].text() == ""
    editor.force = True
    editor.close()


def test_statistics_show_time_limit_counts(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    make_cast(tmp_path / "store").close()
    c = controller_for(tmp_path / "store")
    sign_in(qtbot, c, "记录员")
    c.main.show_screen("statistics")
    qtbot.waitUntil(
        lambda: bool(c.main.findChild(QLabel, "deadlineCounts") and c.main.findChild(QLabel, "deadlineCounts").text()),
        timeout=WAIT,
    )
    assert "overdue" in c.main.findChild(QLabel, "deadlineCounts").text()


_ = Cast
