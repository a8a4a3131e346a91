"""Certificates on screen: the clerk requests their own certificate on 本人账户; the security officer issues it
from the list of requests on the security-policy screen, after a confirmation that defaults to going back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app import accounts, cert_requests, certs
from tests.cast import PASS
from tests.test_admin_gui import _box, _button, c  # noqa: F401 — the controller fixture
from tests.test_gui_flow import WAIT, sign_in
from ui.application import Controller
from ui.main_window import MyAccountScreen
from ui.policy_view import PolicyScreen


def test_a_clerk_requests_and_the_officer_issues(qtbot: QtBot, c: Controller) -> None:  # noqa: F811
    officer = accounts.open_account(c.store_dir, "保密员", PASS)
    try:
        certs.init_ca(officer, "某市纪委监委")
    finally:
        officer.close()
    sign_in(qtbot, c, "记录员")
    assert c.main is not None
    me = c.main.screens["me"]
    assert isinstance(me, MyAccountScreen)
    box = me.certificate
    qtbot.waitUntil(lambda: box.state.get("state") == "none", timeout=WAIT)
    assert "no signing certificate" in box.status.text()
    box.button.click()
    qtbot.waitUntil(lambda: box.state.get("state") == "requested", timeout=WAIT)
    assert "Requested" in box.status.text() and "1b5e20" in box.message.styleSheet()

    sign_in(qtbot, c, "保密员")
    assert c.main is not None
    screen = c.main.screens["policy"]
    assert isinstance(screen, PolicyScreen)
    requests = screen.requests
    qtbot.waitUntil(lambda: [r["account"] for r in requests.rows] == ["记录员"], timeout=WAIT)
    requests.ask()
    confirm = _box(qtbot, requests, "issueConfirmation")
    assert confirm.defaultButton() is _button(confirm, QMessageBox.ButtonRole.NoRole)
    _button(confirm, QMessageBox.ButtonRole.NoRole).click()
    qtbot.wait(300)
    assert [r["account"] for r in requests.rows] == ["记录员"]  # going back issued nothing
    requests.ask()
    confirm = _box(qtbot, requests, "issueConfirmation")
    _button(confirm, QMessageBox.ButtonRole.YesRole).click()
    qtbot.waitUntil(lambda: requests.rows == [] and "issued" in requests.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: any(r["kind"] == "signing" for r in screen.certificates), timeout=WAIT)
    assert "记录员" in screen.current.text()

    clerk = accounts.open_account(c.store_dir, "记录员", PASS)
    try:
        assert cert_requests.my_status(clerk)["state"] == "issued"
        certs.signing_material(clerk)
    finally:
        clerk.close()
