"""The last line of defence: an unexpected exception saves the work, logs, tells, then closes.

:func:`install_crash_handler` replaces ``sys.excepthook`` (which PySide6 also calls for an
exception raised in a slot). The handler writes the traceback to the log file, writes the
open document's canonical JSON to a recovery file in the app-data folder, shows a Chinese
message naming both files, and ends the event loop. Each step is guarded: a failure while
saving never hides the message, and a failure in the handler itself falls back to Python's
default hook.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desktop.identity import APP_NAME, app_data_dir, ensure_dir
from desktop.logs import log_file, setup_logging
from forms.atomic import Stamp, write_atomically

RECOVERY_DIR_NAME = "recovery"
EXIT_CRASH = 70  # EX_SOFTWARE

logger = logging.getLogger("nianbao.crash")

DocumentSource = Callable[[], "str | None"]
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class CrashReport:
    """What the handler saved: the log file, and the recovery file if there was a document."""

    log_path: Path | None
    recovery_path: Path | None
    recovery_error: str = ""

    def message(self) -> str:
        """The Chinese text of the crash dialog."""
        parts = ["程序遇到意外错误，需要关闭。"]
        if self.recovery_path is not None:
            parts.append(f"正在填报的年报内容已保存到恢复文件：\n{self.recovery_path}")
        elif self.recovery_error:
            parts.append(f"年报内容未能保存（{self.recovery_error}），请检查最近保存的 xlsx 文件。")
        else:
            parts.append("当前没有打开的年报，没有需要恢复的内容。")
        if self.log_path is not None:
            parts.append(f"错误经过已记录在：\n{self.log_path}\n请把该文件发给技术支持人员。")
        return "\n\n".join(parts)


class CrashHandler:
    """A ``sys.excepthook``: save, log, tell the user, close. Reentry falls back to default."""

    def __init__(self, get_document_json: DocumentSource, folder: Path | None = None) -> None:
        self._get_document_json = get_document_json
        self._folder = folder
        self._busy = False
        self.last_report: CrashReport | None = None

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if self._busy or issubclass(exc_type, KeyboardInterrupt):
            _default_hook(exc_type, exc, tb)
            return
        self._busy = True
        try:
            self.last_report = self.save(exc_type, exc, tb)
            _show_and_quit(self.last_report, _traceback_text(exc_type, exc, tb))
        except Exception as failure:  # the handler must never raise
            _default_hook(type(failure), failure, failure.__traceback__)
            _log_and_tell(failure)
        finally:
            self._busy = False

    def save(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> CrashReport:
        """Log the traceback and write the recovery file; report where both went."""
        _default_hook(exc_type, exc, tb)
        log_path = log_file() or _try_setup_logging(self._folder)
        logger.critical("未处理的异常，程序将关闭", exc_info=(exc_type, exc, tb))
        recovery_path, error = self._save_recovery()
        if recovery_path is not None:
            logger.critical("年报内容已保存到恢复文件 %s", recovery_path)
        _flush_log()
        return CrashReport(log_path, recovery_path, error)

    def _save_recovery(self) -> tuple[Path | None, str]:
        try:
            text = self._get_document_json()
            if text is None:
                return None, ""
            return write_recovery_file(text, self._folder), ""
        except Exception as exc:
            logger.exception("恢复文件未能保存")
            return None, f"{type(exc).__name__}: {exc}"


def install_crash_handler(
    get_document_json: DocumentSource, folder: Path | None = None
) -> CrashHandler:
    """Make ``sys.excepthook`` the crash handler; ``get_document_json`` gives the open
    document's ``Document.to_json()`` or None. ``folder`` defaults to the app-data folder."""
    handler = CrashHandler(get_document_json, folder)
    sys.excepthook = handler
    return handler


def recovery_dir(folder: Path | None = None) -> Path:
    """Where recovery files go: ``recovery/`` in the app-data folder (created by the writer)."""
    return (folder or app_data_dir()) / RECOVERY_DIR_NAME


def write_recovery_file(text: str, folder: Path | None = None) -> Path:
    """Write ``text`` to a new, time-stamped recovery file, completely or not at all.

    Through the one atomic writer, never replacing an existing file; any text can be
    written (:func:`recovery_bytes`).
    """
    directory = ensure_dir(recovery_dir(folder))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = _unused(directory / f"recovery-{stamp}.json")
    write_atomically(path, recovery_bytes(text), expected=Stamp.missing())
    return path


def recovery_bytes(json_text: str) -> bytes:
    """UTF-8 bytes of a document's JSON, whatever its text holds.

    A lone surrogate (from a mis-decoded paste) cannot be encoded in UTF-8; inside a JSON
    string it is written as its ``\\uXXXX`` escape, which ``json.loads`` reads back as the
    same character. Surrogates only occur inside JSON strings, so the escape is always valid.
    """
    escaped = _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
    return escaped.encode("utf-8")


def _unused(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        candidate = path.with_stem(f"{path.stem}-{number}")
        number += 1
    return candidate


def _try_setup_logging(folder: Path | None) -> Path | None:
    try:
        return setup_logging(folder)
    except OSError:
        return None


def _log_and_tell(failure: BaseException) -> None:
    """The handler itself failed: log it and say so in the main window's status bar."""
    try:
        logger.error("崩溃处理程序出错", exc_info=failure)
        from PySide6.QtWidgets import QApplication, QMainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                text = f"错误处理失败（{type(failure).__name__}），详情已记录在日志中"
                widget.statusBar().showMessage(text)
    except Exception:  # the last resort: nothing is left to tell
        return


def _flush_log() -> None:
    for handler in logging.getLogger("nianbao").handlers:
        handler.flush()


def _traceback_text(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


def _default_hook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if sys.stderr is not None:  # a windowed Windows build has no stderr
        sys.__excepthook__(exc_type, exc, tb)


def _show_and_quit(report: CrashReport, details: str) -> None:
    """Show the crash dialog if there is a GUI, then end the running event loop.

    Without a running loop (start-up, tests) there is nothing to end: ``exit`` would only
    make the next event loop return at once.
    """
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} - 意外错误", report.message())
    box.setObjectName("crashDialog")
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()
    if QThread.currentThread().loopLevel() > 0:
        app.exit(EXIT_CRASH)
