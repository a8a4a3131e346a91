"""Account and security screens: 修改本人口令 asks for the current passphrase; disabling asks, safely;
the certificate screen shows the current certificate and guards against re-creating the CA."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app import accounts
from app.errors import WrongPassphrase
from models import AuditEntry
from tests.cast import PASS, make_cast
from tests.test_gui_flow import WAIT, sign_in
from ui.admin_views import AccountsScreen
from ui.application import Controller
from ui.main_window import MyAccountScreen
from ui.policy_view import PolicyScreen


@pytest.fixture
def c(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    make_cast(directory).close()
    controller = Controller(directory, idle_ms=60_000)
    controller.start()
    yield controller
    controller.shutdown()


def _box(qtbot: QtBot, parent, name: str) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None, timeout=WAIT)
    return parent.findChild(QMessageBox, name)


def _button(box: QMessageBox, role: QMessageBox.ButtonRole) -> QPushButton:
    return next(b for b in box.buttons() if box.buttonRole(b) == role)  # type: ignore[return-value]


def test_changing_my_passphrase_needs_the_current_one(qtbot: QtBot, c: Controller) -> None:
    sign_in(qtbot, c, "甲")
    assert c.main is not None
    me = c.main.screens["me"]
    assert isinstance(me, MyAccountScreen)
    dialog = me.change()
    qtbot.keyClicks(dialog.current, "not-my-passphrase")
    qtbot.keyClicks(dialog.new, "a-new-passphrase-1")
    qtbot.keyClicks(dialog.again, "a-new-passphrase-1")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and "Wrong passphrase" in dialog.message.text(), timeout=WAIT)
    assert dialog.new.text() == "a-new-passphrase-1"  # kept for a retry
    accounts.open_account(c.store_dir, "甲", PASS).close()  # nothing changed
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASS)
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        dialog.buttons.accepted.emit()
    assert "changed" in me.message.text() and "1b5e20" in me.message.styleSheet()
    accounts.open_account(c.store_dir, "甲", "a-new-passphrase-1").close()
    with pytest.raises(WrongPassphrase):
        accounts.open_account(c.store_dir, "甲", PASS)


def test_disabling_an_account_asks_for_a_reason_and_defaults_to_going_back(qtbot: QtBot, c: Controller) -> None:
    from ui.account_dialogs import DisableAccountDialog

    sign_in(qtbot, c, "管理员")
    assert c.main is not None
    screen = c.main.screens["accounts"]
    assert isinstance(screen, AccountsScreen)
    qtbot.waitUntil(lambda: len(screen.rows) > 5, timeout=WAIT)
    row = next(i for i, r in enumerate(screen.rows) if r["account"] == "乙")
    screen.table.selectRow(row)
    screen.toggle()
    dialog = screen.confirmation
    assert isinstance(dialog, DisableAccountDialog) and dialog.isVisible()
    assert "乙" in dialog.text.text()
    assert dialog.back.isDefault() and not dialog.go.isDefault()
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT):  # Enter takes the safe choice: nothing happens
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert not next(r for r in screen.rows if r["account"] == "乙")["disabled"]
    screen.toggle()
    dialog = screen.confirmation
    assert isinstance(dialog, DisableAccountDialog)
    dialog.go.click()  # no reason: refused in place, the dialog stays
    assert dialog.isVisible() and dialog.message.text()
    qtbot.wait(300)
    assert not next(r for r in screen.rows if r["account"] == "乙")["disabled"]
    dialog.reason.setText("调离本单位")
    dialog.go.click()
    qtbot.waitUntil(lambda: next(r for r in screen.rows if r["account"] == "乙")["disabled"], timeout=WAIT)
    with screen.ctx.store.transaction() as db:
        last = db.scalars(select(AuditEntry).where(AuditEntry.action == "account.disable")).all()[-1]
        assert (last.object, json.loads(last.details)) == ("account:乙", {"reason": "调离本单位"})


def test_certificate_screen_shows_the_current_one_and_guards_the_ca(qtbot: QtBot, c: Controller) -> None:
    sign_in(qtbot, c, "保密员")
    assert c.main is not None
    screen = c.main.screens["policy"]
    assert isinstance(screen, PolicyScreen)
    qtbot.waitUntil(lambda: "No certificate" in screen.current.text(), timeout=WAIT)
    screen.init_ca()  # no organisation: refused in place
    assert "organisation" in screen.message.text()
    screen.org.setText("某市纪委监委")
    screen.init_ca()
    qtbot.waitUntil(lambda: len(screen.certificates) == 1, timeout=WAIT)  # the CA; clerks' come by request
    text = screen.current.text()
    assert "某市纪委监委" in text and "Valid until" in text and screen.certificates[0]["fingerprint"] in text.replace("\n", "")
    first = list(screen.certificates)
    screen.init_ca()  # a CA exists: ask first, default is to go back
    box = _box(qtbot, screen, "replaceCaConfirmation")
    assert box.defaultButton() is _button(box, QMessageBox.ButtonRole.NoRole)
    _button(box, QMessageBox.ButtonRole.NoRole).click()
    qtbot.wait(300)
    assert screen.certificates == first


def test_the_security_officer_sets_custodians_and_passphrase_strength(qtbot: QtBot, c: Controller) -> None:
    from app import policy

    sign_in(qtbot, c, "保密员")
    assert c.main is not None
    screen = c.main.screens["policy"]
    assert isinstance(screen, PolicyScreen)
    qtbot.waitUntil(lambda: screen.custodians.value() == 1 and screen.strength.value() == 3, timeout=WAIT)
    screen.custodians.setValue(2)
    screen.strength.setValue(4)
    screen.save()
    qtbot.waitUntil(lambda: screen.message.text() != "", timeout=WAIT)
    current = policy.current(screen.ctx)
    assert (current.min_custodians, current.passphrase_min_score) == (2, 4)


def test_the_audit_screen_shows_the_log_a_page_at_a_time(
    qtbot: QtBot, c: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import admin_views

    monkeypatch.setattr(admin_views, "AUDIT_PAGE", 7)
    sign_in(qtbot, c, "审计员")
    assert c.main is not None
    screen = admin_views.AuditScreen(c.main.ctx, c.worker)
    qtbot.addWidget(screen)
    with c.main.ctx.store.transaction() as db:
        seqs = sorted(db.scalars(select(AuditEntry.seq)))
    assert len(seqs) > 2 * 7  # the cast's store has more than two pages
    qtbot.waitUntil(lambda: screen.table.rowCount() == 7, timeout=WAIT)
    shown = [int(screen.table.item(r, 0).text()) for r in range(7)]
    assert shown == seqs[-7:]  # the newest page, newest last
    assert screen.older_button.isEnabled()
    screen.older_button.click()
    qtbot.waitUntil(lambda: screen.table.rowCount() == 14, timeout=WAIT)
    assert [int(screen.table.item(r, 0).text()) for r in range(14)] == seqs[-14:]
    while screen.older_button.isEnabled():
        with qtbot.waitSignal(screen.paged, timeout=WAIT):
            screen.older_button.click()
    assert [int(screen.table.item(r, 0).text()) for r in range(screen.table.rowCount())] == seqs
    assert str(len(seqs)) in screen.shown.text()
