"""The window's print actions: PDF export, print preview and printing.

The report is always rendered to a PDF first (:mod:`desktop.printing`), so screen, paper and
file show the same pages. A renderer failure is shown as a Chinese message, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtGui import QActionGroup, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMenu

from desktop import printing
from desktop.file_actions import with_suffix
from desktop.incoming_actions import IncomingActions
from forms.codes import NianbaoError
from forms.print_options import SIGNATURE_LABELS, SIGNATURES, Signatures

PDF_FILTER = "PDF 文件 (*.pdf)"
SIGNATURES_KEY = "print/signatures"


class PrintActions(IncomingActions):
    """Export, preview and print the current report, with the office's signature setting."""

    def signature_place(self) -> Signatures:
        """Where the signatory line prints: on the report (default) or on a 报送单."""
        value = self.settings.value(SIGNATURES_KEY, "report")
        return "sheet" if value == "sheet" else "report"

    def set_signature_place(self, place: Signatures) -> None:
        self.settings.setValue(SIGNATURES_KEY, place)

    def build_signature_menu(self, menu: QMenu) -> None:
        """One checkable entry per place, exclusive, showing the saved choice."""
        group = QActionGroup(menu)
        for place in SIGNATURES:
            action = menu.addAction(SIGNATURE_LABELS[place])
            action.setCheckable(True)
            action.setChecked(place == self.signature_place())
            action.setData(place)
            group.addAction(action)
        group.triggered.connect(lambda action: self.set_signature_place(action.data()))

    @Slot()
    def export_pdf(self) -> bool:
        chosen = self.ask_save_path(PDF_FILTER, ".pdf")
        if chosen is None:
            return False
        path = with_suffix(chosen, ".pdf")
        if not self._render(
            lambda: printing.export_pdf(self.session.document, path, self.signature_place())
        ):
            return False
        self.statusBar().showMessage(f"已导出 {path}", 5000)
        return True

    @Slot()
    def print_preview(self) -> None:
        pages = self._pages(printing.PREVIEW_DPI)
        if pages is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("打印预览")
        dialog.resize(self.size())  # as large as the window: Qt's own size shows a page at 38%
        dialog.paintRequested.connect(lambda target: printing.paint_pages(target, pages))
        dialog.exec()

    @Slot()
    def print_report(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        pages = self._pages(printing.PRINT_DPI)
        if pages is not None:
            printing.paint_pages(printer, pages)

    def _pages(self, dpi: int) -> list[QImage] | None:
        pages: list[QImage] = []
        document = self.session.document
        place = self.signature_place()
        ok = self._render(lambda: pages.extend(printing.document_pages(document, dpi, place)))
        return pages if ok else None

    def _render(self, job: Callable[[], object]) -> bool:
        try:
            job()
        except NianbaoError as exc:
            return self._fail("无法打印", exc.message)
        except Exception as exc:  # the renderer is a boundary: show, never crash
            return self._fail("无法打印", f"生成 PDF 时出错：{exc}")
        return True
