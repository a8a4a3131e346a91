"""A long task group on the home screen (issue 16: a 50,000-session store froze the window for half a second
building a line per task): each group shows its first SHOWN_PER_TASK sessions and one line for the rest, which
opens the session list; the counts and the summary still count every task."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from ui import home_view
from ui.home_view import HomeScreen


class _Worker(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.submitted = 0

    def submit(self, *_args: Any, **_kwargs: Any) -> None:
        self.submitted += 1


def _rows(task: str, n: int, first_id: int) -> list[dict[str, Any]]:
    return [
        {"task": task, "id": first_id + i, "ref": f"R-{first_id + i}", "title": f"T{i}", "deadline": None}
        for i in range(n)
    ]


def test_a_long_group_shows_its_first_sessions_and_a_line_for_the_rest(qtbot: QtBot) -> None:
    worker = _Worker()
    home = HomeScreen(object(), worker)  # type: ignore[arg-type]
    qtbot.addWidget(home)
    assert worker.submitted == 1  # the screen asked for its work once
    shown = home_view.SHOWN_PER_TASK
    rows = _rows("to_open", 3, 1) + _rows("to_reveal", shown + 703, 100)
    home._show(rows)
    assert home.counts == {"to_open": 3, "to_reveal": shown + 703}
    assert str(shown + 703) in home.summary.text()
    small, big = home.tree.topLevelItem(0), home.tree.topLevelItem(1)
    assert small.childCount() == 3
    assert big.childCount() == shown + 1
    more = big.child(shown)
    assert "703" in more.text(0)
    assert more.data(0, Qt.ItemDataRole.UserRole) == home_view.MORE
    assert big.child(shown - 1).data(0, Qt.ItemDataRole.UserRole) == 100 + shown - 1
    opened: list[int] = []
    home.open_session.connect(opened.append)
    with qtbot.waitSignal(home.show_all, timeout=1000):
        home._activated(more)
    assert opened == []  # the "more" line is not a session
    home._activated(big.child(0))
    assert opened == [100]
    home._show(_rows("to_open", shown, 1))  # exactly the limit: no "more" line
    assert home.tree.topLevelItem(0).childCount() == shown


def test_a_burst_of_changes_reads_the_work_once(qtbot: QtBot) -> None:
    worker = _Worker()
    home = HomeScreen(object(), worker)  # type: ignore[arg-type]
    qtbot.addWidget(home)
    for _ in range(5):
        worker.changed.emit()
    qtbot.waitUntil(lambda: worker.submitted == 2, timeout=2000)
    qtbot.wait(300)
    assert worker.submitted == 2  # the first read, then one for the whole burst
