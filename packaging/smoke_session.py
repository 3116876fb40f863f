"""A session in the window, run inside the frozen program by ``packaging/smoke_linux.sh``.

``NIANBAO_SMOKE_SCRIPT=packaging/smoke_session.py nianbao OUT`` (see ``packaging/launcher.py``)
runs this file with the bundle's own Python, Qt and libraries, so an import or a Qt plugin
missing from the bundle fails here as it would for a user. It opens the 2021 demo in the
window (offscreen), saves it (xlsx), exports PDF, Word and web page through the window's own
actions (the file dialog answered with a path, as the GUI tests do), opens the print preview
and prints through Qt to a PDF, then writes OUT/session.json with what it saw: Qt's Chinese
for Cancel, the preview's page count and ink, the rendered SVG icons, a Chinese sort (ICU
collation data) and the GB18030 and GBK decoders (ICU converter data). The shell checks the files'
contents and these figures. OUT/loaded.json lists the modules and bundled libraries loaded,
for tracing what the bundle needs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QStringDecoder, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from desktop import printing
from desktop.app import make_application, open_window
from desktop.main_window import MainWindow
from desktop.marks import STYLES, app_icon, icon

CITIES = ["上海", "北京", "重庆", "广州"]  # by code point 上 < 北 < 广 < 重; by pinyin b, c, g, s


def ink(image: QImage) -> float:
    """The share of sampled pixels that are not white (0 for a blank page)."""
    small = image.scaledToWidth(200).convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(
        1
        for y in range(small.height())
        for x in range(small.width())
        if small.pixelColor(x, y).lightness() < 200
    )
    return dark / max(1, small.width() * small.height())


def export(window: MainWindow, action: Callable[[], bool], path: Path) -> bool:
    """Run a window action whose save dialog is answered with ``path``."""
    window.ask_save_path = lambda _filter, _suffix: path  # type: ignore[method-assign]
    return action() and path.is_file()


def preview_pages(window: MainWindow) -> list[int]:
    """Open 打印预览 and close it when shown; the page counts its preview widget showed."""
    counted: list[int] = []

    def count_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintPreviewDialog):
            counted.append(dialog.findChild(QPrintPreviewWidget).pageCount())
            dialog.reject()

    QTimer.singleShot(0, count_and_close)
    window.print_preview()
    return counted


def icons_drawn() -> dict[str, float]:
    """The ink of each mark's SVG icon and the app icon, drawn at 32 px."""
    drawn = {style.icon_name: icon(mark).pixmap(32, 32).toImage() for mark, style in STYLES.items()}
    drawn["app"] = app_icon().pixmap(32, 32).toImage()
    return {name: round(1 - _transparent(image), 3) for name, image in drawn.items()}


def _transparent(image: QImage) -> float:
    pixels = [
        image.pixelColor(x, y).alpha() for y in range(image.height()) for x in range(image.width())
    ]
    return sum(1 for alpha in pixels if alpha == 0) / max(1, len(pixels))


def printed_through_qt(window: MainWindow, path: Path) -> int:
    """Print the report's pages through QPrinter into a PDF file; the pages painted."""
    pages = printing.document_pages(window.session.document, 60, window.signature_place())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printing.paint_pages(printer, pages)
    return len(pages)


def loaded() -> dict[str, list[str]]:
    """The modules imported and the files of the bundle mapped into this process."""
    bundle = str(Path(sys.executable).parent)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        files = {line.split(maxsplit=5)[-1].strip() for line in maps if bundle in line}
    return {"modules": sorted(sys.modules), "files": sorted(files)}


def session(out: Path) -> dict[str, object]:
    app = make_application()
    window = open_window(["--demo", "gov-info-2021"])
    window.show()
    app.processEvents()
    preview = window._pages(printing.PREVIEW_DPI) or []
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return {
        "cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
        "saved_xlsx": export(window, window.save_as, out / "window.xlsx"),
        "exported_pdf": export(window, window.export_pdf, out / "window.pdf"),
        "exported_docx": export(window, window.export_word, out / "window.docx"),
        "exported_html": export(window, window.export_web_page, out / "window.html"),
        "preview_dialog_pages": preview_pages(window),
        "preview_ink": [round(ink(page), 3) for page in preview],
        "printed_pages": printed_through_qt(window, out / "printed.pdf"),
        "icons": icons_drawn(),
        "sorted_cities": sorted(CITIES, key=collator.sortKey),
        "codecs": {name: QStringDecoder(name).isValid() for name in ("GB18030", "GBK")},
        "title": window.windowTitle(),
    }


def main() -> None:
    out = Path(sys.argv[1])
    results = session(out)
    (out / "session.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    (out / "loaded.json").write_text(json.dumps(loaded(), indent=0), "utf-8")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
