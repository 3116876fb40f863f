"""The app's log file: ``nianbao.log`` in the per-user app-data folder, rotated by size.

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

from desktop.identity import APP_ID, app_data_dir, app_version

LOG_FILE_NAME = f"{APP_ID}.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger(APP_ID)


def setup_logging(
    folder: Path | None = None, *, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT
) -> Path:
    """Send the ``nianbao`` loggers to a rotating file; return its path.

    At most ``backup_count + 1`` files of about ``max_bytes`` each are kept
    (``nianbao.log``, ``nianbao.log.1`` …), so the log never fills the disk.
    """
    path = (folder or app_data_dir()) / LOG_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_our_handlers()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.set_name(_HANDLER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("%s %s 启动（Python %s，%s）", APP_ID, app_version(), _python(), _system())
    return path


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
