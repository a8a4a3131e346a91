"""Small pieces every screen uses: delayed progress, the watermark, message boxes, formatting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QDateTime, QEvent, QLocale, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QWidget,
)

from app.i18n import tr
from ui.worker import DbWorker

PROGRESS_DELAY_MS = 600  # Anki's rule: fast work never flashes a dialog, slow work never looks frozen


def run_with_progress(
    parent: QWidget,
    worker: DbWorker,
    fn: Callable[[], Any],
    label: str,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    mutates: bool = True,
) -> QProgressDialog:
    """Run ``fn`` on the worker; a busy dialog appears only if it takes longer than 600 ms."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setWindowTitle(tr("Please wait"))
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(PROGRESS_DELAY_MS)
    dialog.hide()

    def finish() -> None:
        timer.stop()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(message: str) -> None:
        finish()
        if on_error is not None:
            on_error(message)
        else:
            show_error(parent, message)

    worker.submit(fn, on_done=done, on_error=failed, mutates=mutates)
    return dialog


def add_shortcut(button: QAbstractButton, sequence: str) -> QShortcut:
    """A standard shortcut for a button besides its ``&`` mnemonic.

    A button holds one shortcut, and ``setText`` replaces it with the text's mnemonic; so a second key
    (Ctrl+S, F5…) is a separate ``QShortcut``, active while the button is visible and enabled.
    """
    shortcut = QShortcut(QKeySequence(sequence), button)
    shortcut.activated.connect(lambda: button.animateClick() if button.isVisible() and button.isEnabled() else None)
    return shortcut


def show_error(parent: QWidget, message: str) -> None:
    """A known problem, said plainly (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Huishen"), message, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def read_only_table(name: str, headers: list[str], fit: bool = False) -> QTableWidget:
    """A list to choose one row from: whole rows selected, nothing edited in place; columns share the width, or
    with ``fit`` each is as wide as its content and the last takes the rest."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(fit)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


def confirm(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    action: str,
    then: Callable[[], None],
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """A step that matters: say the consequence, name the action on its button; the default (Enter, Esc) is to go
    back.  The box is window-modal and deletes itself; keep the returned box (tests press its buttons)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    go = box.addButton(action, QMessageBox.ButtonRole.YesRole)
    back = box.addButton(tr("Go back"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.buttonClicked.connect(lambda button: then() if button is go else None)
    box.open()
    return box


def local_time(value: str | datetime | None) -> str:
    """A time in the user's locale and time zone."""
    if not value:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    qdt = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    return QLocale().toString(qdt.toLocalTime(), QLocale.FormatType.ShortFormat)


ERROR_STYLE = "color: #b00020;"
SUCCESS_STYLE = "color: #1b5e20;"


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def set_message(label: QLabel, text: str, ok: bool) -> None:
    """Success in green, problems in red: never a success message in error red."""
    label.setStyleSheet(SUCCESS_STYLE if ok else ERROR_STYLE)
    label.setText(text)


class Watermark(QWidget):
    """A faint, tiled "account · time" over content views, to deter photographing the screen."""

    def __init__(self, parent: QWidget, account: str) -> None:
        super().__init__(parent)
        self.account = account
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setObjectName("watermark")
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.update)
        self._timer.start(60_000)

    def text(self) -> str:
        return f"{self.account}  {QLocale().toString(QDateTime.currentDateTime(), 'yyyy-MM-dd HH:mm')}"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ChildAdded):
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
            self.raise_()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QColor(120, 120, 120, 28))
        font = QFont(self.font())
        font.setPointSize(14)
        painter.setFont(font)
        text = self.text()
        painter.rotate(-20)
        step_x, step_y = 360, 140
        for y in range(-self.width(), self.height() + self.width(), step_y):
            for x in range(-self.width(), self.width() * 2, step_x):
                painter.drawText(x, y, text)
        painter.end()


def _geometry_key(account: str, window: str) -> str:
    return f"geometry/{account}/{window}"


def place_window(widget: QWidget, account: str, window: str, width: int, height: int) -> None:
    """Put a window where this account last left it, else at a default size that fits the screen;
    either way entirely on the screen (nothing off-screen at 1366×768)."""
    saved = QSettings("Huishen", "Huishen").value(_geometry_key(account, window))
    if isinstance(saved, QByteArray | bytes) and widget.restoreGeometry(QByteArray(saved)):
        fit_on_screen(widget)
        return
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    # leave room for the window manager's frame and title bar
    widget.resize(min(width, available.width() - 24), min(height, available.height() - 48))
    frame = widget.frameGeometry()
    frame.moveCenter(available.center())
    widget.move(frame.topLeft())
    fit_on_screen(widget)


def fit_on_screen(widget: QWidget) -> None:
    """Shrink and move a window so all of it is on its screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    width = min(widget.width(), available.width() - 24)
    height = min(widget.height(), available.height() - 48)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    x = min(max(widget.x(), available.left()), available.right() - width)
    y = min(max(widget.y(), available.top()), available.bottom() - height - 24)
    widget.move(max(x, available.left()), max(y, available.top()))


def remember_window(widget: QWidget, account: str, window: str) -> None:
    """Keep this window's size and place for the account's next session (names are not secret)."""
    QSettings("Huishen", "Huishen").setValue(_geometry_key(account, window), widget.saveGeometry())


def documents_dir() -> str:
    """Where file dialogs open: the user's documents folder (never the program's folder)."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def save_file_dialog(parent: QWidget, title: str, suggested_name: str, name_filter: str) -> QFileDialog:
    """A save dialog that opens in the documents folder and speaks the interface language throughout.

    Qt's own Chinese catalogue lacks some of the file dialog's labels ("Look in:", "Files of type:"), so
    they are set from ours. The caller connects ``fileSelected`` and calls ``open()``.
    """
    dialog = QFileDialog(parent, title, str(Path(documents_dir()) / suggested_name), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the same dialog, in Chinese, on every desktop
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    labels = {
        QFileDialog.DialogLabel.LookIn: tr("Look in:"),
        QFileDialog.DialogLabel.FileName: tr("File name:"),
        QFileDialog.DialogLabel.FileType: tr("Files of type:"),
        QFileDialog.DialogLabel.Accept: tr("Save"),
        QFileDialog.DialogLabel.Reject: tr("Cancel"),
    }
    for which, text in labels.items():
        dialog.setLabelText(which, text)
    return dialog
