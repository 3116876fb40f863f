"""Recovery copies: the open document's canonical JSON, written every 30 s while unsaved.

Each window owns one copy ``<id>.json`` in ``<app data>/recovery`` (the folder the crash
handler of ``desktop.crash`` writes to) and holds a lock file beside it while it runs. A copy
whose lock is free (its app was killed or crashed, or the crash handler wrote it) is an
orphan: at start-up the app offers to restore it. A clean save or close removes the copy.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop.crash import recovery_bytes, recovery_dir
from forms.atomic import write_atomically
from forms.document import Document, DocumentError

AUTOSAVE_SECONDS = 30


class RecoveryCopy:
    """The recovery file of one window, locked while the window lives."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or recovery_dir()
        self.path = self.folder / f"{uuid.uuid4().hex}.json"
        self._lock: QLockFile | None = None

    def write(self, document: Document) -> None:
        """Write the copy through the one atomic writer; take the lock on first write.

        Any text can be written (``recovery_bytes``); a failure raises NianbaoError/OSError.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            self._lock = QLockFile(str(self.path.with_suffix(".lock")))
            self._lock.setStaleLockTime(0)
            self._lock.tryLock(0)
        write_atomically(self.path, recovery_bytes(document.to_json()))

    def discard(self) -> None:
        """Remove the copy; a folder that cannot be reached has no copy to remove."""
        with suppress(OSError):
            self.path.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def orphans(folder: Path | None = None) -> list[Path]:
    """Recovery copies no running app holds, newest first."""
    folder = folder or recovery_dir()
    if not folder.is_dir():
        return []
    found = [path for path in folder.glob("*.json") if _is_free(path)]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def _is_free(path: Path) -> bool:
    lock = QLockFile(str(path.with_suffix(".lock")))
    lock.setStaleLockTime(0)
    if not lock.tryLock(0):
        return False
    lock.unlock()
    return True


def read_orphan(path: Path) -> Document:
    """The document in a recovery copy; :class:`DocumentError` if it is unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"恢复文件无法读取（{exc}）") from exc
    return Document.from_json(text)


def remove_orphan(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_suffix(".lock").unlink(missing_ok=True)
