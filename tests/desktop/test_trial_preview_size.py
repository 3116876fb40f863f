"""The print preview fills the window: at 1366×768 Qt's own size showed a page at 38 %, too
small to read a figure; as large as the window a whole page shows half as large again."""

from __future__ import annotations

from modal import when_modal
from PySide6.QtCore import QSize
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from desktop.main_window import MainWindow


def test_the_preview_is_as_large_as_the_window(window: MainWindow) -> None:
    seen: list[tuple[QSize, float, int]] = []

    def look_and_close(dialog: QPrintPreviewDialog) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.fitInView()  # as the dialog shows a page at first: whole, as large as fits
        seen.append((dialog.size(), preview.zoomFactor(), preview.pageCount()))
        dialog.reject()

    when_modal(QPrintPreviewDialog, look_and_close)
    window.print_preview()

    [(size, zoom, pages)] = seen
    assert size == window.size() == QSize(1366, 768)
    assert zoom > 0.55, zoom  # 0.40 at Qt's own size (533×533 here, offscreen)
    assert pages >= 4
