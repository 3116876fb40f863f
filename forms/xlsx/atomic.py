"""Saving that never leaves half a file: a temporary file beside the target, then a rename.

The bytes go to a temporary file in the same folder, are flushed and fsync'ed, and only then
replace the target with ``os.replace`` (atomic on Windows and POSIX). Any failure — disk
full, no permission, the file held open by WPS/Excel on Windows — removes the temporary file,
leaves the old file byte for byte as it was and raises :class:`NianbaoError` ``F008``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from forms.codes import NianbaoError

NEW_FILE_MODE = 0o644
_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EROFS: "该位置只读",
    errno.EACCES: "没有写入权限，或文件正被 WPS/Excel 等程序打开",
    errno.EPERM: "没有写入权限，或文件正被 WPS/Excel 等程序打开",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "文件夹不存在",
    errno.EISDIR: "目标是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
}


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary file and move it onto ``path``; F008 on any failure."""
    temporary = _create_temporary(path)
    try:
        with open(temporary, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, temporary)
        os.replace(temporary, path)
    except Exception as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise NianbaoError("F008", path=path, detail=reason(exc)) from exc
    _sync_folder(path.parent)


def _create_temporary(path: Path) -> Path:
    if path.is_dir():
        raise NianbaoError("F008", path=path, detail=_REASONS[errno.EISDIR])
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f"~{path.stem[:40]}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise NianbaoError("F008", path=path, detail=reason(exc)) from exc
    os.close(descriptor)
    return Path(name)


def _copy_mode(path: Path, temporary: Path) -> None:
    """Give the new file the old file's permissions (mkstemp makes it private)."""
    if path.exists():
        shutil.copymode(path, temporary)
    else:
        os.chmod(temporary, NEW_FILE_MODE)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def reason(exc: BaseException) -> str:
    """A short Chinese reason for a failed write."""
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return f"写入时出错（{type(exc).__name__}: {str(exc)[:80]}）"
