"""Who the app is: its name, version, icon and the per-user folder where it keeps its own files.

Everything here works without a QApplication and inside a frozen (PyInstaller) build, where
the resources sit beside the ``forms`` and ``desktop`` packages under ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "政府信息公开年报填报"
APP_ID = "nianbao"
DATA_DIR_ENV = "NIANBAO_DATA_DIR"

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
ICONS_DIR = RESOURCES_DIR / "icons"


APP_ICON_PNG = ICONS_DIR / "nianbao.png"  # 256 px, for the window: QIcon(str(app_icon_path()))
APP_ICON_ICO = ICONS_DIR / "nianbao.ico"  # 16-256 px, for the Windows exe and installer


def app_icon_path() -> Path:
    """The window icon (drawn from ``nianbao.svg`` by ``packaging/make_icons.py``)."""
    return APP_ICON_PNG


def app_data_dir() -> Path:
    """The per-user, per-machine folder for logs and recovery files; NOT created here.

    ``%LOCALAPPDATA%\\nianbao`` on Windows: never the roaming ``%APPDATA%``, which an office
    may redirect to a server share that is offline or slow. ``$XDG_DATA_HOME/nianbao``
    (default ``~/.local/share/nianbao``) on Linux. No admin rights needed. Whoever writes
    there creates it when first needed (:func:`ensure_dir`), so an unreachable folder costs
    the log or a recovery copy, never the start of the app. ``NIANBAO_DATA_DIR`` overrides
    it (tests, portable use).
    """
    return _data_dir_override() or _platform_data_root() / APP_ID


def ensure_dir(folder: Path) -> Path:
    """Create ``folder`` if missing and return it; OSError if it cannot be (caller guards)."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _data_dir_override() -> Path | None:
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value) if value else None


def _platform_data_root() -> Path:
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "").strip()
        return Path(local) if local else home / "AppData" / "Local"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
