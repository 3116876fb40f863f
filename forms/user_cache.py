"""The user's cache folder: what the app derives from its own files, kept between runs.

``%LOCALAPPDATA%\\nianbao\\Cache`` on Windows, ``~/Library/Caches/nianbao`` on macOS,
``$XDG_CACHE_HOME/nianbao`` (``~/.cache/nianbao``) elsewhere; ``NIANBAO_CACHE_DIR``
overrides it. Each cache keeps a folder of its own in it (``fonts``, ``definitions``) and
trusts nothing it reads there: an entry that is stale or broken is ignored and rebuilt.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

CACHE_ENV = "NIANBAO_CACHE_DIR"


def cache_dir() -> Path:
    """The app's per-user cache folder (not created here)."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "").strip()
        return (Path(local) if local else home / "AppData" / "Local") / "nianbao" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "nianbao"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache") / "nianbao"


def write_entry(entry: Path, blob: bytes) -> None:
    """Store ``blob`` at ``entry`` atomically: a reader sees the old entry, the new one or
    none. OSError when the folder cannot be written (the caller logs it and goes on)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=entry.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(blob)
        os.replace(name, entry)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
