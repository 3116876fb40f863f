"""Print preview, printing and PDF export over ``forms.pdf.render_pdf``.

The report is always rendered to a PDF first, so screen, paper and file show the same pages.
For preview and printing, pypdfium2 rasterises the pages into images painted on the
QPrinter (QtPdf is not part of PySide6-Essentials). reportlab and pdfium are imported on first use:
they would double the start-up time of the window; :mod:`desktop.warmup` imports them in the
background once the window shows. Printing holds :data:`desktop.warmup.RENDER_LOCK`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop import warmup
from desktop.warmup import RENDER_LOCK
from forms.document import Document
from forms.print_options import Signatures

PRINT_DPI = 300
PREVIEW_DPI = 150


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor for the duration of a long job."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def render_pdf(document: Document, path: Path, signatures: Signatures = "report") -> None:
    """``forms.pdf.render_pdf``, imported when first needed."""
    with RENDER_LOCK:
        from forms.pdf import render_pdf as render

        render(document, path, signatures=signatures)


def export_pdf(document: Document, path: Path, signatures: Signatures = "report") -> None:
    with busy():
        render_pdf(document, path, signatures)


def render_pages(pdf: Path, dpi: int = PRINT_DPI) -> list[QImage]:
    """Every page of a PDF file as an image at ``dpi``."""
    with RENDER_LOCK:
        import pypdfium2  # type: ignore[import-untyped]

        source = pypdfium2.PdfDocument(str(pdf))
        try:
            return [_page_image(source[i], dpi) for i in range(len(source))]
        finally:
            source.close()


def _page_image(page: Any, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()


def document_pages(
    document: Document, dpi: int = PRINT_DPI, signatures: Signatures = "report"
) -> list[QImage]:
    """The report rendered as a PDF, then as page images (those printed in the background
    by :mod:`desktop.warmup` when the report is unchanged since)."""
    with busy():
        ready = warmup.prepared(document, dpi, signatures)
        return ready if ready is not None else rendered_pages(document, dpi, signatures)


def rendered_pages(document: Document, dpi: int, signatures: Signatures) -> list[QImage]:
    """Print to a temporary PDF and rasterise it (any thread: no cursor, no widgets)."""
    with tempfile.TemporaryDirectory(prefix="nianbao-") as folder:
        pdf = Path(folder) / "report.pdf"
        render_pdf(document, pdf, signatures)
        return render_pages(pdf, dpi)


def paint_pages(printer: QPrinter, pages: list[QImage]) -> None:
    """Paint page images on a printer (or a preview), one image a sheet, fitted to the page."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for number, image in enumerate(pages):
            if number:
                printer.newPage()
            painter.drawImage(_fitted(painter.viewport(), image), image)
    finally:
        painter.end()


def _fitted(area: QRect, image: QImage) -> QRect:
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(area.x(), area.y(), size.width(), size.height())
