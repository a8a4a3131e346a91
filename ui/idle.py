"""The idle lock: after a period without input it warns with a countdown, then locks.

Any keyboard or mouse input during the countdown cancels it, so a user who is reading is never locked out
mid-sentence without warning, and one who has walked away is locked when the countdown ends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}
MAX_WARNING_SECONDS = 30


def warning_seconds(idle_ms: int) -> int:
    """How long the countdown lasts: 30 s, or half the idle time when that is shorter (at least 1 s)."""
    return max(1, min(MAX_WARNING_SECONDS, idle_ms // 2000))


class IdleLock(QObject):
    """Emits ``warning(seconds_left)`` each second of the countdown, ``cleared`` when input cancels it,
    and ``idle`` when the countdown ends."""

    warning = Signal(int)
    cleared = Signal()
    idle = Signal()

    def __init__(self, milliseconds: int) -> None:
        super().__init__()
        self.milliseconds = milliseconds
        self.active = False
        self.remaining: int | None = None
        self.timer = QTimer(self)  # fires when the countdown starts
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._warn)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)
        self._set_interval()

    def _set_interval(self) -> None:
        self.timer.setInterval(max(0, self.milliseconds - warning_seconds(self.milliseconds) * 1000))

    def set_minutes(self, minutes: int) -> None:
        self.milliseconds = minutes * 60_000
        self._set_interval()
        if self.active:
            self.start()

    def start(self) -> None:
        """(Re)start counting idle time from now."""
        warned = self.remaining is not None
        self.tick.stop()
        self.remaining = None
        self.active = True
        self.timer.start()
        if warned:
            self.cleared.emit()

    def stop(self) -> None:
        warned = self.remaining is not None
        self.active = False
        self.remaining = None
        self.timer.stop()
        self.tick.stop()
        if warned:
            self.cleared.emit()

    def _warn(self) -> None:
        self.remaining = warning_seconds(self.milliseconds)
        self.warning.emit(self.remaining)
        self.tick.start()

    def _tick(self) -> None:
        if self.remaining is None:
            return
        self.remaining -= 1
        if self.remaining > 0:
            self.warning.emit(self.remaining)
            return
        self.stop()
        self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in _INPUT_EVENTS:
            self.start()
        return False


class IdleWarning(QDialog):
    """A small always-on-top notice with the countdown; it names what will happen to the user's work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # not at start-up (see ui/unlock.py)

        super().__init__(parent, Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool)
        self.setObjectName("idleWarning")
        self.setWindowTitle(self.tr("Huishen — about to lock"))
        self.label = QLabel()
        self.label.setObjectName("idleCountdown")
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def show_countdown(self, seconds: int) -> None:
        self.label.setText(
            self.tr(
                "No activity: Huishen locks in {n} s. Move the mouse or press a key to stay signed in. "
                "Drafts are saved and your windows reopen after you unlock."
            ).format(n=seconds)
        )
        if not self.isVisible():
            self.show()
            self.raise_()
