"""After the reveal: the chair (and every entitled reader) sees each department's opinion in full beside the tally,
before the chair's own form; the reveal asks each holder in turn and checks each passphrase at its step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QGroupBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from app import accounts, auditlog
from app.opinion_form import OpinionForm, Recusal
from app.sessions import opinions, reveal
from tests.cast import PASS, make_cast
from tests.test_gui_flow import WAIT, session_dialog, sign_in
from ui.application import Controller
from ui.board_view import BoardView, RevealDialog

FULL = {
    "甲": OpinionForm(
        positions={1: "初步核实"},
        reasoning="标记甲理由：线索具体明确，时间地点人物要素齐全，与已掌握情况相互印证，建议初步核实。",
        facts="标记甲事实：2025年项目招标中评审记录缺失。",
        causes="标记甲原因：监督制度执行不到位。",
        disposition="标记甲处置：由一室承办初步核实。",
        rectification="标记甲整改：健全招标评审留痕制度。",
    ),
    "乙": OpinionForm(
        positions={1: "谈话函询"},
        reasoning="标记乙理由：举报情节多为传闻，缺少具体时间和金额，现有材料不足以支撑立即核查，先行函询。",
        facts="标记乙事实：举报材料未附证据。",
    ),
    "丙": OpinionForm(
        positions={1: "初步核实"},
        reasoning="标记丙理由：从审理角度看，应同步固定评审记录和银行流水，确保证据链完整，同意初步核实。",
        disposition="标记丙处置：固定证据后再行研判。",
    ),
}


def _sealed(directory: Path) -> int:
    cast = make_cast(directory)
    sid = cast.open(n=3)
    for who, form in FULL.items():
        opinions.seal_opinion(cast(who), sid, form, Recusal(False))
    cast.close()
    return sid


@pytest.fixture
def revealed(tmp_path: Path) -> tuple[Path, int]:
    directory = tmp_path / "store"
    sid = _sealed(directory)
    from tests.cast import Cast

    cast = Cast(directory)
    cast.reveal(sid)
    cast.close()
    return directory, sid


@pytest.fixture
def controller_for(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    made: list[Controller] = []

    def make(directory: Path) -> Controller:
        c = Controller(directory, idle_ms=60_000)
        c.start()
        made.append(c)
        return c

    yield make
    for c in made:
        c.shutdown()


def _every_marker_text() -> list[str]:
    return [
        text
        for form in FULL.values()
        for text in (form.reasoning, form.facts, form.causes, form.disposition, form.rectification)
        if text
    ]


def test_chair_reads_every_opinion_in_full_beside_the_tally_before_the_form(
    qtbot: QtBot, revealed: tuple[Path, int], controller_for
) -> None:  # type: ignore[no-untyped-def]
    directory, sid = revealed
    c = controller_for(directory)
    sign_in(qtbot, c, "主持人")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")
    qtbot.waitUntil(lambda: dialog.findChild(QTextBrowser, "revealedOpinions") is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.findChild(QGroupBox, "chairForm") is not None, timeout=WAIT)
    browser = dialog.findChild(QTextBrowser, "revealedOpinions")
    text = browser.toPlainText()
    for needle in _every_marker_text():
        assert needle in text, needle
    for dept in ("一室", "二室", "三室"):
        assert dept in text
    # the majority's reasoning is there too, not only the dissent
    assert FULL["甲"].reasoning in text and FULL["丙"].reasoning in text
    # beside the tally, and above the chair's form
    outcome = dialog.findChild(QWidget, "outcome1")
    form = dialog.findChild(QGroupBox, "chairForm")
    assert outcome is not None and form is not None
    top_of = lambda w: w.mapTo(dialog, w.rect().topLeft()).y()  # noqa: E731
    left_of = lambda w: w.mapTo(dialog, w.rect().topLeft()).x()  # noqa: E731
    assert left_of(browser) > left_of(outcome)
    assert top_of(form) > top_of(browser) + browser.height() - 1


def test_a_clerk_reads_them_too_and_the_read_is_audited(
    qtbot: QtBot, revealed: tuple[Path, int], controller_for
) -> None:  # type: ignore[no-untyped-def]
    directory, sid = revealed
    c = controller_for(directory)
    sign_in(qtbot, c, "记录员")
    dialog = session_dialog(qtbot, c, sid)
    dialog.select("tally")
    qtbot.waitUntil(lambda: dialog.findChild(QTextBrowser, "revealedOpinions") is not None, timeout=WAIT)
    assert FULL["甲"].rectification in dialog.findChild(QTextBrowser, "revealedOpinions").toPlainText()
    assert dialog.findChild(QGroupBox, "chairForm") is None
    auditor = accounts.open_account(directory, "审计员", PASS)
    try:
        reads = auditlog.list_entries(auditor, None, "记录员", "opinion.read", None)
    finally:
        auditor.close()
    assert reads and reads[-1]["object"] == f"session:{sid}"


def _reveal_dialog(qtbot: QtBot, c: Controller, sid: int):  # type: ignore[no-untyped-def]
    sign_in(qtbot, c, "主持人")
    dialog = session_dialog(qtbot, c, sid)
    board = dialog.tab("board")
    assert isinstance(board, BoardView)
    board.reveal_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(RevealDialog) is not None, timeout=WAIT)
    return dialog, board, dialog.findChild(RevealDialog)


def test_a_wrong_custodian_passphrase_is_retried_at_that_step(qtbot: QtBot, tmp_path: Path, controller_for) -> None:  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    sid = _sealed(directory)
    c = controller_for(directory)
    dialog, board, dlg = _reveal_dialog(qtbot, c, sid)
    assert not board.reveal_button.isEnabled()  # no second reveal while one is under way
    qtbot.keyClicks(dlg.field, PASS)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "监督员" in dlg.prompt.text(), timeout=WAIT)
    qtbot.keyClicks(dlg.field, "not-the-custodian-pass")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "Wrong passphrase" in dlg.message.text(), timeout=WAIT)
    assert "监督员" in dlg.prompt.text() and dlg.isVisible()  # same step, not back to step 1
    assert dialog.info["status"] == "sealed"
    qtbot.keyClicks(dlg.field, PASS)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.info["status"] == "revealed", timeout=WAIT)
    assert "3 envelope(s) opened" in dialog.banner.text()
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget().objectName() == "tally", timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.findChild(QTextBrowser, "revealedOpinions") is not None, timeout=WAIT)


def test_step_check_refuses_the_wrong_holder_and_counts_failures(tmp_path: Path) -> None:
    from app.attempts import Attempts
    from app.errors import InvalidInput, WrongPassphrase
    from tests.cast import Cast

    directory = tmp_path / "store"
    sid = _sealed(directory)
    cast = Cast(directory)
    try:
        with pytest.raises(WrongPassphrase):
            reveal.check_passphrase(cast("主持人"), sid, "监督员", "wrong")
        assert Attempts(directory).failures("监督员") == 1
        with pytest.raises(InvalidInput, match="holds no key"):
            reveal.check_passphrase(cast("主持人"), sid, "甲", PASS)
        reveal.check_passphrase(cast("主持人"), sid, "监督员", PASS)
        reveal.check_passphrase(cast("主持人"), sid, "主持人", PASS)
        from app.errors import NotPermitted

        with pytest.raises(NotPermitted):  # only the chair runs a reveal
            reveal.check_passphrase(cast("甲"), sid, "监督员", PASS)
    finally:
        cast.close()
