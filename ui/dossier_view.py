"""The clerk's dossier screen: export (signed, archives the session), page preview, printing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.context import AccountContext
from app.dossier import service
from ui.common import run_with_progress, show_error
from ui.worker import DbWorker


class DossierView(QWidget):
    exported = Signal(dict)

    def __init__(
        self,
        ctx: AccountContext,
        worker: DbWorker,
        info: dict[str, Any],
        last_export: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.worker, self.info = ctx, worker, info
        self.path: Path | None = None
        self.export_button = QPushButton(self.tr("Export signed dossier…"))
        self.export_button.setObjectName("exportDossier")
        self.export_button.clicked.connect(self.choose_file)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printDossier")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_dossier)
        self.status = QLabel(
            self.tr("Exporting signs the dossier with this workstation's certificate and archives the session.")
        )
        self.status.setWordWrap(True)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview = QScrollArea()
        self.preview.setObjectName("dossierPreview")
        self.preview.setWidgetResizable(True)
        self.preview.setWidget(self.pages)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        if last_export is not None:  # the session view was rebuilt after the export: show it again
            self._exported(last_export, announce=False)

    def choose_file(self) -> None:
        suggested = f"{self.info['ref']}.pdf".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export dossier"), suggested, self.tr("PDF (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export off the GUI thread, with progress when slow; then preview the file."""
        self.export_button.setEnabled(False)
        run_with_progress(
            self,
            self.worker,
            lambda: service.export(self.ctx, self.info["id"], path, overwrite=True),
            self.tr("Building and signing the dossier…"),
            on_done=self._exported,
            on_error=self._failed,
        )

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        show_error(self, message)

    def _exported(self, result: dict[str, Any], announce: bool = True) -> None:
        self.export_button.setEnabled(True)
        self.path = Path(result["file"])
        self.status.setText(
            self.tr("Written {file} (copy {copy}), SHA-256 {sha}.").format(
                file=result["file"], copy=result["copy"], sha=result["sha256"][:16] + "…"
            )
        )
        path = self.path
        self.worker.submit(
            lambda: render_pages(path, 1.0), on_done=self._show_pages, on_error=lambda m: show_error(self, m)
        )
        self.print_button.setEnabled(True)
        if announce:
            self.exported.emit(result)

    def _show_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; margin: 6px;")
            self.pages_layout.addWidget(label)

    def print_dossier(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self._print(printer))
        dialog.open()
        self.print_dialog = dialog

    def _print(self, printer: QPrinter) -> None:
        if self.path is None:
            return
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer could not be started."))
            return
        copies = max(printer.copyCount(), 1)
        page_rect = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        for number, image in enumerate(render_pages(self.path, printer.resolution() / 72)):
            if number:
                printer.newPage()
            painter.drawImage(page_rect, image)
        painter.end()
        self.worker.submit(
            lambda: service.record_print(self.ctx, self.info["id"], copies),
            mutates=True,
            on_error=lambda m: show_error(self, m),
        )


def render_pages(path: Path, scale: float) -> list[QImage]:
    """The PDF's pages as images (PDFium through pypdfium2; QtPdf is not part of PySide6's Addons)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    images = []
    try:
        for page in document:
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels before PDFium frees them
    finally:
        document.close()
    return images
