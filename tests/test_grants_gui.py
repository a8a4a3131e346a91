"""The security officer authorises a new account's roles on its own screen, with the fingerprint read aloud."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app import accounts, grants
from tests.cast import Cast
from ui.grants_view import GrantsScreen
from ui.worker import DbWorker


def test_the_security_officer_authorises_with_the_fingerprint_read_aloud(cast: Cast, qtbot: QtBot) -> None:
    accounts.add_account(cast("管理员"), "新记录员", ["clerk"], None, "clerk-pass-5531")
    newcomer = accounts.open_account(cast.directory, "新记录员", "clerk-pass-5531")
    accounts.change_passphrase(newcomer, "own-choice-7741")
    spoken = newcomer.fingerprint  # what the person reads aloud from 我的账户
    newcomer.close()
    cast.close()
    officer = cast("保密员")
    worker = DbWorker()
    try:
        screen = GrantsScreen(officer, worker)
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=15000)
        assert screen.table.item(0, 0).text() == "新记录员"
        # A wrong fingerprint is refused and nothing is authorised.
        qtbot.keyClicks(screen.fingerprint, "11111 22222 33333 44444 55555 66666")
        screen.authorise()
        screen.confirmation.buttons()[0].click()  # "Authorise 新记录员"
        qtbot.waitUntil(
            lambda: "fingerprint" in screen.message.text() or "指纹" in screen.message.text(), timeout=15000
        )
        assert [p["account"] for p in grants.pending(officer)] == ["新记录员"]
        screen.fingerprint.clear()
        qtbot.keyClicks(screen.fingerprint, spoken)
        screen.authorise()
        box = screen.confirmation
        assert box.defaultButton().text() != box.buttons()[0].text()  # the safe choice is the default
        box.buttons()[0].click()
        qtbot.waitUntil(lambda: screen.table.rowCount() == 0, timeout=15000)
    finally:
        worker.shutdown()
    cast.close()
    clerk = accounts.open_account(cast.directory, "新记录员", "own-choice-7741")
    try:
        assert "clerk" in clerk.roles
    finally:
        clerk.close()
