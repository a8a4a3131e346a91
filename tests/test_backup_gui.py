"""Backup and restore for the administrator: the status from the signed log, the screen (off the GUI thread,
success in green, refusals in red), and the reminder at sign-in when the last backup is older than the policy."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from app import accounts, backup, backup_status, policy
from app.errors import NotPermitted
from models.base import utcnow
from tests.cast import PASS, Cast, make_cast
from tests.conftest import run_cli
from tests.test_gui_flow import WAIT, sign_in
from ui.application import Controller
from ui.backup_view import BackupScreen
from ui.common import SUCCESS_STYLE


def test_status_counts_from_creation_then_from_the_last_signed_backup(cast: Cast, tmp_path: Path) -> None:
    admin = cast("管理员")
    info = backup_status.status(admin)
    assert info["never"] and info["days"] == 0 and not info["due"] and info["reminder_days"] == 7
    later = utcnow() + timedelta(days=8)
    assert backup_status.status(admin, now=later)["due"]
    backup.create(admin, tmp_path / "b.huishen-backup")
    later = utcnow() + timedelta(days=8, hours=1)
    info = backup_status.status(admin, now=later)
    assert not info["never"] and info["last_by"] == "管理员" and info["days"] == 8 and info["due"]
    assert not backup_status.status(admin)["due"]
    policy.set_value(cast("保密员"), "backup_reminder_days", 30)
    assert not backup_status.status(admin, now=later)["due"]


@pytest.mark.parametrize("who", ["主持人", "审计员", "保密员", "甲"])
def test_only_the_administrator_backs_up(cast: Cast, tmp_path: Path, who: str) -> None:
    with pytest.raises(NotPermitted):
        backup.create(cast(who), tmp_path / "b.huishen-backup")
    with pytest.raises(NotPermitted):
        backup_status.status(cast(who))
    assert not (tmp_path / "b.huishen-backup").exists()


def test_cli_backup_by_another_role_exits_2(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    make_cast(directory).close()
    out = tmp_path / "b.huishen-backup"
    r = run_cli("--store", str(directory), "--user", "审计员", "backup", "--out", str(out), env={"HUISHEN_PASSPHRASE": PASS})
    assert r.returncode == 2, r.stderr
    assert not out.exists()


@pytest.fixture
def c(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "store"
    make_cast(directory).close()
    controller = Controller(directory, idle_ms=60_000)
    controller.start()
    yield controller
    controller.shutdown()


def _screen(qtbot: QtBot, c: Controller) -> BackupScreen:
    sign_in(qtbot, c, "管理员")
    assert c.main is not None
    screen = c.main.screens["backup"]
    assert isinstance(screen, BackupScreen)
    qtbot.waitUntil(lambda: screen.info is not None, timeout=WAIT)
    return screen


def test_backup_screen_backs_up_and_restores_off_the_gui_thread(qtbot: QtBot, c: Controller, tmp_path: Path) -> None:
    screen = _screen(qtbot, c)
    assert screen.info is not None and screen.info["never"]
    assert "not been backed up yet" in screen.status.text()
    out = tmp_path / "b.huishen-backup"
    screen.backup_to(out)
    assert not screen.backup_button.isEnabled()  # busy while the worker writes
    qtbot.waitUntil(lambda: screen.backup_button.isEnabled(), timeout=WAIT * 4)
    assert out.exists() and str(out) in screen.message.text()
    assert screen.message.styleSheet() == SUCCESS_STYLE
    qtbot.waitUntil(lambda: screen.info is not None and not screen.info["never"], timeout=WAIT)
    # the same name again is refused in red, and the first file is untouched
    size = out.stat().st_size
    screen.backup_to(out)
    qtbot.waitUntil(lambda: screen.backup_button.isEnabled(), timeout=WAIT * 4)
    assert "b0" in screen.message.styleSheet() and out.stat().st_size == size

    target = tmp_path / "restored"
    screen.restore_into(out, target, PASS)
    qtbot.waitUntil(lambda: screen.restore_button.isEnabled(), timeout=WAIT * 4)
    assert str(target) in screen.message.text(), screen.message.text()
    assert screen.message.styleSheet() == SUCCESS_STYLE
    accounts.open_account(target, "管理员", PASS).close()
    # restoring onto a store that exists is refused in red; nothing there changes
    before = sorted(p.name for p in target.iterdir())
    screen.restore_into(out, target, PASS)
    qtbot.waitUntil(lambda: screen.restore_button.isEnabled(), timeout=WAIT * 4)
    assert "b0" in screen.message.styleSheet()
    assert sorted(p.name for p in target.iterdir()) == before


def test_only_the_administrator_has_the_backup_screen(qtbot: QtBot, c: Controller) -> None:
    for name in ("主持人", "审计员", "保密员"):
        sign_in(qtbot, c, name)
        assert c.main is not None
        assert "backup" not in c.main.screen_keys()
    sign_in(qtbot, c, "管理员")
    assert c.main is not None and "backup" in c.main.screen_keys()


def test_an_old_backup_is_reminded_at_sign_in_to_the_administrator(
    qtbot: QtBot, c: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(qtbot, c, "管理员")  # a new store: nothing to remind yet
    qtbot.wait(500)
    assert c.main is not None and c.main.findChild(QMessageBox, "backupReminder") is None
    monkeypatch.setattr(backup_status, "utcnow", lambda: utcnow() + timedelta(days=10, hours=1))
    sign_in(qtbot, c, "审计员")  # not the administrator's job
    qtbot.wait(500)
    assert c.main is not None and c.main.findChild(QMessageBox, "backupReminder") is None
    sign_in(qtbot, c, "管理员")
    main = c.main
    assert main is not None
    qtbot.waitUntil(lambda: main.findChild(QMessageBox, "backupReminder") is not None, timeout=WAIT)
    box = main.findChild(QMessageBox, "backupReminder")
    assert isinstance(box, QMessageBox)
    assert "10" in box.text() and "7" in box.text()
    now = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    now.click()
    assert main.stack.currentWidget() is main.screens["backup"]
    qtbot.waitUntil(lambda: any(d.isVisible() for d in main.findChildren(QFileDialog)), timeout=WAIT)
    for dialog in main.findChildren(QFileDialog):
        dialog.reject()


def test_the_dialogs_lead_from_a_file_to_a_restored_store(qtbot: QtBot, c: Controller, tmp_path: Path) -> None:
    screen = _screen(qtbot, c)
    out = tmp_path / "via-dialog.huishen-backup"
    save = screen.choose_backup_file()
    assert save.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    save.fileSelected.emit(str(out))
    qtbot.waitUntil(lambda: out.exists() and screen.backup_button.isEnabled(), timeout=WAIT * 4)
    pick = screen.choose_restore_file()
    assert pick.fileMode() == QFileDialog.FileMode.ExistingFile
    target = tmp_path / "restored-via-dialog"
    pick.fileSelected.emit(str(out))
    dialogs = [d for d in screen.findChildren(QFileDialog) if d.isVisible() and d is not pick]
    assert dialogs, "a second dialog asks where the restored store goes"
    dialogs[-1].fileSelected.emit(str(target))
    qtbot.waitUntil(lambda: screen.findChild(QInputDialog, "restorePassphrase") is not None, timeout=WAIT)
    ask = screen.findChild(QInputDialog, "restorePassphrase")
    assert isinstance(ask, QInputDialog)
    assert ask.textEchoMode() == QLineEdit.EchoMode.Password
    ask.setTextValue(PASS)
    ask.accept()
    qtbot.waitUntil(lambda: target.is_dir() and screen.restore_button.isEnabled(), timeout=WAIT * 4)
    assert screen.message.styleSheet() == SUCCESS_STYLE, screen.message.text()
    for dialog in screen.findChildren(QFileDialog):
        dialog.reject()
