"""The clerk's dossier screen: preview (not archived), export (signed, archives the session, confirmed first),
printing at 100 % on A4 with one 份号 per copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import AccountContext
from app.dossier import archive, service
from app.dossier.elements import PAGE_H, PAGE_W
from ui.common import run_with_progress, show_error
from ui.worker import DbWorker

PRINT_DPI = 300  # pages are rendered at most this fine for the printer (a 1200 dpi A4 page would be 420 MB)


class DossierView(QWidget):
    exported = Signal(dict)
    printed = Signal(list)

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
        self.retention = QComboBox()
        self.retention.setObjectName("dossierRetention")
        self.retention.setToolTip(self.tr("Retention period (保管期限) recorded in the dossier"))
        for period in archive.RETENTION_CODES:
            self.retention.addItem(period)
        self.retention.setCurrentText(archive.retention_for(info.get("kind", "")))
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.setObjectName("previewDossier")
        self.preview_button.clicked.connect(self.show_preview)
        self.export_button = QPushButton(self.tr("&Export signed dossier…"))
        self.export_button.setObjectName("exportDossier")
        self.export_button.clicked.connect(self.choose_file)
        self.print_button = QPushButton(self.tr("&Print…"))
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
        buttons.addWidget(QLabel(self.tr("Retention:")))
        buttons.addWidget(self.retention)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        if last_export is not None:  # the session view was rebuilt after the export: show it again
            self._exported(last_export, announce=False)

    def show_preview(self) -> None:
        """The dossier as it would be exported, marked 预览稿 — 未归档; nothing is archived."""
        self.preview_button.setEnabled(False)
        retention = self.retention.currentText()
        run_with_progress(
            self,
            self.worker,
            lambda: render_pages(service.preview(self.ctx, self.info["id"], retention), 1.0),
            self.tr("Building the preview…"),
            on_done=self._previewed,
            on_error=self._preview_failed,
        )

    def _previewed(self, images: list[QImage]) -> None:
        self.preview_button.setEnabled(True)
        self.status.setText(self.tr("Preview — not archived. Exporting archives the session."))
        self._show_pages(images)

    def _preview_failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        show_error(self, message)

    def choose_file(self) -> None:
        suggested = f"{self.info['ref']}.pdf".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export dossier"), suggested, self.tr("PDF (*.pdf)"))
        if path:
            self.confirm_export(Path(path))

    def confirm_export(self, path: Path) -> None:
        """Exporting archives the session for good: ask first, the safe answer being the default."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Export signed dossier"),
            self.tr(
                "Export and sign the dossier to {file}?\n\nThe session is then archived: nothing in it can be "
                "changed any more. Use Preview to check the dossier first."
            ).format(file=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("exportConfirmation")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Export and archive"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.export_to(path))
        box.open()
        self.confirmation = box

    def export_to(self, path: Path) -> None:
        """Export off the GUI thread, with progress when slow; then preview the file."""
        self.export_button.setEnabled(False)
        retention = self.retention.currentText()
        run_with_progress(
            self,
            self.worker,
            lambda: service.export(self.ctx, self.info["id"], path, overwrite=True, retention=retention),
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
            lambda: render_pages(path.read_bytes(), 1.0),
            on_done=self._show_pages,
            on_error=lambda m: show_error(self, m),
        )
        self.print_button.setEnabled(True)
        if announce:
            self.exported.emit(result)

    def _show_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; margin: 6px;")
            self.pages_layout.addWidget(label)

    def print_dossier(self) -> None:
        """The system's print dialog, set to A4 at full size; printing starts when it is accepted."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._print(printer))
        dialog.show()  # QPrintDialog.open() wants a receiver and a slot in PySide6
        self.print_dialog = dialog

    def _print(self, printer: QPrinter) -> None:
        """Reserve one 份号 per copy (recorded before anything is printed), then print the copies."""
        if self.path is None:
            return
        if printer.pageLayout().pageSize().id() != QPageSize.PageSizeId.A4:
            show_error(self, self.tr("The dossier is printed on A4 paper only; choose A4 in the print dialog."))
            return
        copies = max(printer.copyCount(), 1)
        printer.setCopyCount(1)  # each copy is printed by us, with its own number
        self.worker.submit(
            lambda: service.record_print(self.ctx, self.info["id"], copies),
            mutates=True,
            on_done=lambda numbers: self._print_copies(printer, numbers),
            on_error=lambda m: show_error(self, m),
        )

    def _print_copies(self, printer: QPrinter, numbers: list[str]) -> None:
        from app.dossier import printing

        assert self.path is not None
        prepare_printer(printer)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer could not be started."))
            return
        pdf = self.path.read_bytes()
        # 100 %: one PDF point is resolution/72 device pixels, from the paper's corner (full-page mode)
        scale = printer.resolution() / 72
        target = QRectF(0, 0, PAGE_W * scale, PAGE_H * scale)
        dpi = min(printer.resolution(), PRINT_DPI)
        try:
            first = True
            for number in numbers:
                for image in printing.copy_pages(pdf, number, dpi):
                    if not first:
                        printer.newPage()
                    first = False
                    painter.drawImage(target, pil_to_qimage(image))
        finally:
            painter.end()
        self.status.setText(
            self.tr("Printed {n} copies, numbers {numbers}.").format(n=len(numbers), numbers="、".join(numbers))
        )
        self.printed.emit(numbers)


def prepare_printer(printer: QPrinter) -> None:
    """A4 portrait, the whole sheet addressable (no scaling to the printable area)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def pil_to_qimage(image: Any) -> QImage:
    data = image.convert("RGB").tobytes()
    return QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888).copy()


def render_pages(pdf: bytes, scale: float) -> list[QImage]:
    """The PDF's pages as images (PDFium through pypdfium2)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels before PDFium frees them
    finally:
        document.close()
    return images
