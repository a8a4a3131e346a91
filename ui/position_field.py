"""One item's position: the option to choose and, for an option that needs it ("其他", a 定性), a written note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget


class PositionField(QWidget):
    """A combo of the item's options and a note field that appears when the chosen option needs a note."""

    changed = Signal()

    def __init__(self, name: str, options: list[str], free_text: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.free_text = set(free_text)
        self.combo = QComboBox()
        self.combo.setObjectName(name)
        self.combo.addItem(self.tr("— choose —"), None)
        for option in options:
            self.combo.addItem(option, option)
        self.note = QLineEdit()
        self.note.setObjectName(f"{name}Note")
        self.note.setPlaceholderText(self.tr("Write the position (required for this option)"))
        self.note.setMaxLength(2000)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        self.combo.currentIndexChanged.connect(self._option_changed)
        self.note.textEdited.connect(lambda _text: self.changed.emit())

    def _option_changed(self) -> None:
        self.note.setVisible(self.needs_note())
        self.changed.emit()

    def needs_note(self) -> bool:
        return self.combo.currentData() in self.free_text

    def position(self) -> str | None:
        value = self.combo.currentData()
        return str(value) if value else None

    def note_text(self) -> str:
        """The note, only when the chosen option takes one."""
        return self.note.text() if self.needs_note() else ""

    def set_position(self, position: str | None, note: str = "") -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(position)))
        self.note.setText(note)

    def currentIndex(self) -> int:  # noqa: N802 - the QComboBox name, for the idle-lock state
        return self.combo.currentIndex()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self.combo.setCurrentIndex(index)


def item_options(info: dict[str, Any]) -> dict[int, list[str]]:
    """Each item's options from a session's particulars (its own, or the session's shared list)."""
    return {int(i["number"]): list(i.get("options", info["options"])) for i in info["items"]}
