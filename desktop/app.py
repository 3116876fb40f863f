"""Start-up of the window: ``nianbao``, ``nianbao FILE.xlsx`` or ``nianbao --demo``.

Qt's own dialogs speak Chinese (``qtbase_zh_CN.qm`` from the PySide6 wheel). With no file
the window shows a blank report of the newest form; ``--demo`` shows an untitled copy of the
demo document, so 保存 asks where to put it. After the window is shown, a recovery copy
left by a crash is offered, then a file named on the command line is opened, and the print
machinery is warmed on a worker thread (:mod:`desktop.warmup`; ``NIANBAO_WARMUP=0`` skips it).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import NoReturn

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QSize,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from desktop import printing, warmup
from desktop.crash import install_crash_handler
from desktop.identity import APP_ID, APP_NAME
from desktop.logs import setup_logging
from desktop.main_window import MainWindow
from desktop.marks import app_icon
from desktop.recovery import AUTOSAVE_SECONDS
from desktop.session import Session
from desktop.settings import ORGANIZATION
from forms.definition_files import form_for_year
from forms.demo import DEFAULT_DEMO, DEMO_SOURCES, load_demo
from forms.document import Document, new_document
from forms.version import APP_VERSION

QT_TRANSLATIONS = ("qtbase_zh_CN",)

logger = logging.getLogger("nianbao.app")


class _Parser(argparse.ArgumentParser):
    """Usage errors in Chinese: one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        usage = "nianbao [文件.xlsx] [--demo [报表格式]]"
        self.exit(2, f"nianbao：命令行参数有误（{message}）。用法：{usage}\n")


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="nianbao", description=APP_NAME)
    parser.add_argument("file", nargs="?", type=Path, help="要打开的年报文件（.xlsx）")
    parser.add_argument(
        "--demo",
        nargs="?",
        const=DEFAULT_DEMO,
        choices=list(DEMO_SOURCES),
        metavar="报表格式",
        help=f"打开示例年报（默认 {DEFAULT_DEMO}：平川区2018年；gov-info-2021：2021年格式）",
    )
    return parser.parse_args(args)


def make_application() -> QApplication:
    """The QApplication, named for settings and app-data paths, speaking Chinese."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)  # desktop.settings names it explicitly as well
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    app.setWindowIcon(app_icon())
    install_translations(app)
    return app


def install_translations(app: QApplication) -> list[str]:
    """Load Qt's own Chinese texts; the names loaded (the log says which, and from where)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in QT_TRANSLATIONS:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(name)
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    logger.info("Qt 中文翻译：载入 %s（%s），“Cancel”→“%s”", loaded or "无", folder, cancel)
    return loaded


def first_document(options: argparse.Namespace) -> Document:
    if options.demo:
        return load_demo(options.demo)
    year = date.today().year - 1
    return new_document(form_for_year(year).id, "", year)


def open_window(
    args: list[str], autosave_seconds: float = AUTOSAVE_SECONDS, settings: QSettings | None = None
) -> MainWindow:
    """Build the window for these arguments (shown by the caller)."""
    options = parse_args(args)
    session = Session(first_document(options))
    window = MainWindow(session, settings=settings, autosave_seconds=autosave_seconds)
    window.resize(_initial_size(window))
    QTimer.singleShot(0, lambda: _after_show(window, options.file))
    return window


def _initial_size(window: MainWindow) -> QSize:
    screen = window.screen().availableGeometry()
    size = screen.size()
    size.setWidth(min(size.width(), 1400))
    size.setHeight(min(size.height(), 900))
    return size


def _after_show(window: MainWindow, file: Path | None) -> None:
    restored = window.offer_recovery()
    if file is not None and not restored:
        window.open_path(file)


def _warm_up(window: MainWindow) -> None:
    """Print the open report for the preview in the background (see desktop.warmup)."""
    warmup.start(window.session.document, printing.PREVIEW_DPI, window.signature_place())


def run(args: list[str]) -> int:
    """Open the window as the arguments ask; the exit code of the event loop."""
    with suppress(OSError):
        setup_logging()
    app = make_application()
    window = open_window(args)
    install_crash_handler(lambda: window.session.document.to_json())
    window.show()
    if os.environ.get("NIANBAO_SMOKE_QUIT"):  # packaging/smoke_linux.sh: show it, then quit
        QTimer.singleShot(0, app.quit)
    elif os.environ.get("NIANBAO_WARMUP", "1") != "0":
        QTimer.singleShot(0, lambda: _warm_up(window))
    return app.exec()
