"""The app's log: one file per running copy of the app, rotated by size, in the app-data folder.

"Open with" starts a new process for every file, and Windows cannot rename a file another
process holds open, so a log shared by several copies could never roll over. Each process
therefore claims a log of its own, ``nianbao.log`` for the first copy, ``nianbao-2.log`` for a
second running at the same time, and so on up to :data:`MAX_SLOTS`, by holding a lock file
beside it (a crashed copy's lock is free again). A rollover that fails anyway (an indexer or a
viewer holding the file) is tolerated: the records go on into the same file and the next
record tries again; nothing is lost.

:func:`setup_logging` is called once at start-up; calling it again (tests, a second window)
does not add a second handler. The log is what a user sends to support after a problem, so
each record carries time, level, logger and message, and start-up writes the app version.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop.identity import APP_ID, app_data_dir, ensure_dir
from forms.version import APP_VERSION

LOG_FILE_NAME = f"{APP_ID}.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
MAX_SLOTS = 8  # copies running at once with a log of their own; more share the last one
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger(APP_ID)


def setup_logging(
    folder: Path | None = None, *, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT
) -> Path:
    """Send the ``nianbao`` loggers to this process's rotating file; return its path.

    At most ``backup_count + 1`` files of about ``max_bytes`` each are kept per running copy
    (``nianbao.log``, ``nianbao.log.1`` …), so the log never fills the disk. OSError when
    the folder cannot be created (start-up carries on without a log file).
    """
    directory = ensure_dir(folder or app_data_dir())
    _remove_our_handlers()
    path, lock = claim_log(directory)
    handler = ProcessLogHandler(path, lock, max_bytes=max_bytes, backup_count=backup_count)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.set_name(_HANDLER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("%s %s 启动（Python %s，%s）", APP_ID, APP_VERSION, _python(), _system())
    return path


def log_name(slot: int) -> str:
    """``nianbao.log`` for the first copy running, ``nianbao-<n>.log`` for the n-th."""
    return LOG_FILE_NAME if slot == 1 else f"{APP_ID}-{slot}.log"


def claim_log(folder: Path) -> tuple[Path, QLockFile | None]:
    """The first log file no running copy holds, with its lock held; the last one unlocked
    when all are taken."""
    for slot in range(1, MAX_SLOTS + 1):
        path = folder / log_name(slot)
        lock = QLockFile(f"{path}.lock")
        lock.setStaleLockTime(0)  # only a live process holds it
        if lock.tryLock(0):
            return path, lock
    return folder / log_name(MAX_SLOTS), None


class ProcessLogHandler(logging.handlers.RotatingFileHandler):
    """A rotating file that holds its claim while open and survives a refused rollover."""

    def __init__(
        self, path: Path, lock: QLockFile | None, *, max_bytes: int, backup_count: int
    ) -> None:
        super().__init__(
            path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
        )
        self._lock = lock
        self.failed_rollovers = 0

    def doRollover(self) -> None:
        """Rotate; if Windows refuses the rename (file held open), keep appending instead."""
        try:
            super().doRollover()
        except OSError:
            self.failed_rollovers += 1
            if self.stream is None:
                self.stream = self._open()

    def close(self) -> None:
        super().close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def log_file() -> Path | None:
    """The file the log goes to now, or None before :func:`setup_logging`."""
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


_HANDLER_NAME = "nianbao-file"


def _remove_our_handlers() -> None:
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
        handler.close()


def _python() -> str:
    return sys.version.split()[0]


def _system() -> str:
    return platform.platform()
