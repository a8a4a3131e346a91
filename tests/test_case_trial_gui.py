"""The screens of issue 14 items 6 and 8: a case-trial opinion with a written 定性 (the note field appears for an
option that needs one), the session editor's fixed case-trial items, and the security officer's clearance levels."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.sessions import access, opinions, views
from tests.cast import Cast
from tests.test_gui_flow import type_text
from ui.clearance_view import ClearanceScreen
from ui.opinion_editor import OpinionEditor
from ui.session_editor import SessionEditor
from ui.worker import DbWorker

WAIT = 15000
FINDING = "违反廉洁纪律，违规收受礼金（《中国共产党纪律处分条例》第一百零一条）"


def test_opinion_editor_asks_for_the_finding_text_and_seals_it(cast: Cast, qtbot: QtBot) -> None:
    sid = cast.open(n=3, kind="case_trial")
    jia = cast("甲")
    info = views.show(jia, sid)
    worker = DbWorker()
    try:
        editor = OpinionEditor(jia, worker, info)
        qtbot.addWidget(editor)
        qtbot.waitUntil(lambda: editor.editable, timeout=WAIT)
        editor.no_conflict.click()
        assert [editor.positions[4].itemText(i) for i in range(editor.positions[4].count())][1:] == ["是", "否"]
        field = editor.position_fields[1]
        assert field.note.isHidden()
        for number, option in ((1, "构成违纪"), (2, "严重警告"), (3, "无"), (4, "否")):
            combo = editor.positions[number]
            combo.setCurrentIndex(combo.findData(option))
        assert not field.note.isHidden()  # 构成违纪 needs the violation and article
        editor.reasoning.setPlainText(
            "审查调查查明其违规收受礼金，事实清楚、证据确凿，主动交代并退缴全部款项，依规依纪给予党内严重警告处分。"
        )
        assert not editor.seal_button.isEnabled()
        type_text(field.note, FINDING)
        assert editor.seal_button.isEnabled()
        editor.seal()
        qtbot.waitUntil(lambda: not editor.editable, timeout=WAIT)
    finally:
        worker.shutdown()
    own = opinions.read_own_sealed(jia, sid)
    assert own is not None
    assert own["document"]["opinion"]["position_notes"] == {"1": FINDING}
    assert own["document"]["opinion"]["positions"]["2"] == "严重警告"


def test_session_editor_shows_the_fixed_case_trial_items(cast: Cast, qtbot: QtBot) -> None:
    worker = DbWorker()
    try:
        editor = SessionEditor(cast("主持人"), worker)
        qtbot.addWidget(editor)
        editor.kind.setCurrentIndex(editor.kind.findData("case_trial"))
        assert editor.items.isReadOnly() and "党纪处分" in editor.items.toPlainText()
        assert "第一种形态" not in editor.options.toPlainText()
        assert "其他" in editor.note_options.text()
        editor.kind.setCurrentIndex(editor.kind.findData("custom"))
        assert not editor.items.isReadOnly() and editor.items.toPlainText() == ""
        assert not editor.note_options.isReadOnly()
    finally:
        worker.shutdown()


def test_the_security_officer_sets_a_clearance_on_its_screen(cast: Cast, qtbot: QtBot) -> None:
    officer = cast("保密员")
    worker = DbWorker()
    try:
        screen = ClearanceScreen(officer, worker)
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.table.rowCount() > 0, timeout=WAIT)
        names = [screen.table.item(r, 0).text() for r in range(screen.table.rowCount())]
        assert "审计员" not in names and "保密员" not in names
        screen.table.selectRow(names.index("乙"))
        assert screen.level.currentText() == "机密"
        screen.level.setCurrentText("秘密")
        screen.confirm()
        box = screen.confirmation
        assert box.defaultButton().text() != box.buttons()[0].text()  # going back is the default
        box.buttons()[0].click()
        qtbot.waitUntil(lambda: "秘密" in screen.message.text(), timeout=WAIT)
    finally:
        worker.shutdown()
    assert access.clearance_of(officer.registry, "乙") == "秘密"
