"""The one writer of every output file (xlsx, PDF, CSV, docx, html, recovery copies).

:func:`write_atomically` writes the bytes to a temporary file ``~name.<8 hex>.tmp`` in the
target's own folder, fsyncs it, and moves it onto the target with ``os.replace``: a reader
sees the old file or the complete new one, never half of one. The new file gets the user's
umask (a replaced file keeps its permissions); a symlink is written through to its target.

Refused up front, each with its own code (F040–F052), the old file left as it was: a name
too long, a folder, a FIFO or device (``-o /dev/null`` as root included), a read-only file
(文件为只读), an output that is one of the command's inputs (:func:`refuse_input`), and a file
changed on disk since it was read (:class:`Stamp`, 文件已被其他程序修改). Every OS error of
the write itself becomes a Chinese coded error (:func:`save_error`), never a traceback.

On Windows an antivirus, OneDrive or the indexer holds a new file for a moment: the replace
is retried for about two seconds (:class:`Retry`) before it is reported as held open.
Temporary files left by a killed run are removed by the next save into the same folder
(only names of this pattern, only regular files of this user, only ones over an hour old).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from forms.codes import NianbaoError

IS_WINDOWS = os.name == "nt"
MAX_NAME_BYTES = 255
STALE_SECONDS = 3600.0
HASH_CAP = 256 * 1024 * 1024  # a report is a few MB; beyond this, size and time decide
TRANSIENT_WINERRORS = frozenset({5, 32, 33})  # access denied, sharing and lock violations
_TEMPORARY = re.compile(r"^(~.+\.[a-z0-9_]{8}\.tmp|\.nianbao-[a-z0-9_]{8}\.pdf)$")
_CHUNK = 1024 * 1024

Writer = Callable[[BinaryIO], None]

# -- what a file was when it was read --------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """A file as it was: size, modification time in ns and SHA-256 of its bytes.

    ``Stamp.missing()`` stands for "there was no file": saving then refuses to replace one
    that has appeared since.
    """

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def missing(cls) -> Stamp:
        return cls(-1, -1, "")

    @property
    def exists(self) -> bool:
        return self.size >= 0


def stamp_of(path: Path) -> Stamp:
    """The :class:`Stamp` of ``path`` now (``Stamp.missing()`` when nothing is there).

    Take it before reading a file you will write back. Opened without blocking and checked
    on the open handle, so a FIFO or device is never read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        return Stamp.missing()
    with open(descriptor, "rb", closefd=True) as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return Stamp(info.st_size, info.st_mtime_ns, "not a regular file")
        digest = hashlib.sha256()
        left = HASH_CAP
        while left > 0 and (chunk := handle.read(min(_CHUNK, left))):
            digest.update(chunk)
            left -= len(chunk)
    return Stamp(info.st_size, info.st_mtime_ns, digest.hexdigest())


# -- Windows: a replace held up for a moment -------------------------------------------------


def is_transient(exc: OSError, windows: bool = IS_WINDOWS) -> bool:
    """A short-lived lock (antivirus, OneDrive, indexer): worth another try, on Windows only."""
    if not windows:
        return False
    winerror = getattr(exc, "winerror", None)
    return winerror in TRANSIENT_WINERRORS or isinstance(exc, PermissionError)


@dataclass(frozen=True)
class Retry:
    """How the replace is tried: the OS call, which errors pass, for how long, how to wait."""

    replace: Callable[[str, str], None] | None = None  # None: os.replace at the time of call
    transient: Callable[[OSError], bool] = is_transient
    patience: float = 2.0
    pause: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    delays: tuple[float, ...] = field(default=(0.02, 0.05, 0.1, 0.2, 0.4))

    def run(self, source: Path, target: Path) -> None:
        """Replace ``target`` by ``source``; retry transient errors until patience runs out."""
        replace = self.replace or os.replace
        deadline = self.clock() + self.patience
        attempt = 0
        while True:
            try:
                replace(str(source), str(target))
                return
            except OSError as exc:
                if not self.transient(exc) or self.clock() >= deadline:
                    raise
            self.pause(self.delays[min(attempt, len(self.delays) - 1)])
            attempt += 1


DEFAULT_RETRY = Retry()

# -- errors ----------------------------------------------------------------------------------

_CODES = {
    errno.ENAMETOOLONG: "F040",
    errno.ENOSPC: "F041",
    errno.EDQUOT: "F041",
    errno.EFBIG: "F041",
    errno.EACCES: "F042",
    errno.EPERM: "F042",
    errno.EISDIR: "F043",
    errno.EROFS: "F044",
    errno.ENOENT: "F045",
    errno.ENOTDIR: "F045",
}
_OTHER = {
    errno.EIO: "读写设备出错（磁盘、U盘或网络盘可能已断开）",
    errno.EBUSY: "设备或文件正忙",
    errno.ELOOP: "符号链接层数过多",
    errno.EXDEV: "跨设备无法移动文件",
    errno.EINVAL: "文件名或参数无效",
    errno.EMFILE: "打开的文件过多",
}


def save_error(path: Path, exc: BaseException, *, held: bool = False) -> NianbaoError:
    """The coded Chinese error for a failed save of ``path`` (``held``: a replace kept busy)."""
    if held:
        return NianbaoError("F050", path=path)
    if isinstance(exc, NianbaoError):
        return exc
    if isinstance(exc, OSError):
        number = exc.errno or 0
        if number in _CODES:
            return NianbaoError(_CODES[number], path=path, name=errno.errorcode.get(number, ""))
        name = errno.errorcode.get(number, type(exc).__name__)
        return NianbaoError("F052", path=path, detail=_OTHER.get(number, "系统错误"), name=name)
    detail = f"写入时出错（{type(exc).__name__}: {str(exc)[:80]}）"
    return NianbaoError("F008", path=path, detail=detail)


# -- checks before writing -------------------------------------------------------------------


def target_of(path: Path) -> Path:
    """The file a save of ``path`` replaces, after the checks; NianbaoError if refused.

    A symlink is followed to the file it names; the name must fit the file system; what is
    there must be a regular file that is not read-only.
    """
    path = Path(path)
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise NianbaoError("F040", path=path)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return target
    except OSError as exc:
        raise save_error(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise NianbaoError("F043", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise NianbaoError("F046", path=path)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise NianbaoError("F047", path=path)
    return target


def refuse_input(output: Path, inputs: Sequence[Path]) -> None:
    """F048 when ``output`` is one of ``inputs``: same path, a link to it, or a hard link."""
    for source in inputs:
        if _same_file(Path(output), Path(source)):
            raise NianbaoError("F048", path=output, source=source)


def _same_file(one: Path, other: Path) -> bool:
    with contextlib.suppress(OSError):
        return os.path.samefile(one, other)
    with contextlib.suppress(OSError, ValueError):
        return os.path.realpath(one) == os.path.realpath(other)
    return False


# -- writing ---------------------------------------------------------------------------------


def write_atomically(
    path: Path,
    data: bytes | Writer,
    *,
    expected: Stamp | None = None,
    retry: Retry = DEFAULT_RETRY,
) -> Stamp:
    """Put ``data`` (bytes, or a function writing to a binary handle) at ``path``.

    ``expected`` is the :class:`Stamp` taken when the file was read: if the file is not that
    any more, F049 and nothing is written. Returns the new file's stamp (for the next save).
    Any failure raises a coded :class:`NianbaoError` and leaves the old file as it was.
    """
    path = Path(path)
    target = target_of(path)
    remove_stale_temporaries(target.parent)
    payload = _bytes(path, data)
    temporary = _create_temporary(path, target)
    try:
        written = _fill(temporary, payload, target)
        with _exclusive(target):
            _check_unchanged(path, target, expected)
            _move(path, temporary, target, retry, keep_existing=expected == Stamp.missing())
    except BaseException:
        discard(temporary)
        raise
    _sync_folder(target.parent)
    return written


def _bytes(path: Path, data: bytes | Writer) -> bytes:
    """The whole file in memory first: a zip writer never meets a full disk half-way."""
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    buffer = io.BytesIO()
    try:
        data(buffer)
    except Exception as exc:
        raise save_error(path, exc) from exc
    return buffer.getvalue()


def _create_temporary(path: Path, target: Path) -> Path:
    """A new empty file ``~<name>.<8 hex>.tmp`` beside the target, made with the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(f"~{target.stem[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temporary, flags, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise save_error(path, exc) from exc
        return temporary
    raise NianbaoError("F052", path=path, detail="无法创建临时文件", name="EEXIST")


def _fill(temporary: Path, payload: bytes, target: Path) -> Stamp:
    """Write, fsync and close; give it the replaced file's permissions; its stamp."""
    try:
        descriptor = os.open(temporary, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        _copy_permissions(target, temporary)
        mtime_ns = os.stat(temporary).st_mtime_ns  # after close: Windows sets it on close
    except OSError as exc:
        raise save_error(target, exc) from exc
    return Stamp(len(payload), mtime_ns, hashlib.sha256(payload[:HASH_CAP]).hexdigest())


def _copy_permissions(target: Path, temporary: Path) -> None:
    """POSIX: the replaced file's mode bits. Windows: nothing (never its read-only flag)."""
    if IS_WINDOWS:
        return
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))


@contextlib.contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """Hold an advisory lock on the file being replaced (POSIX), so check-and-replace by two
    savers cannot interleave. Windows cannot replace an open file: no lock there."""
    if IS_WINDOWS:
        yield
        return
    import fcntl

    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _check_unchanged(path: Path, target: Path, expected: Stamp | None) -> None:
    if expected is None:
        return
    try:
        now = stamp_of(target)
    except OSError as exc:
        raise save_error(path, exc) from exc
    if now != expected:
        raise NianbaoError("F049", path=path)


def _move(path: Path, temporary: Path, target: Path, retry: Retry, *, keep_existing: bool) -> None:
    """Replace the target; for a file that must not exist yet, link (never replacing one)."""
    if keep_existing and _linked(path, temporary, target):
        return
    try:
        retry.run(temporary, target)
    except OSError as exc:
        raise save_error(path, exc, held=retry.transient(exc)) from exc


def _linked(path: Path, temporary: Path, target: Path) -> bool:
    """Create ``target`` as a hard link to the temporary file, failing if it exists."""
    try:
        os.link(temporary, target)
    except FileExistsError as exc:
        raise NianbaoError("F049", path=path) from exc
    except (OSError, NotImplementedError):
        return False  # no hard links here (FAT, some shares): a plain replace
    discard(temporary)
    return True


def discard(temporary: Path) -> None:
    """Remove a temporary file; clear a read-only flag first (Windows cannot delete it)."""
    with contextlib.suppress(OSError):
        os.chmod(temporary, stat.S_IREAD | stat.S_IWRITE)
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    if IS_WINDOWS:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def remove_stale_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove this app's temporary files older than ``older_than`` seconds; the ones removed.

    Only names of the writer's patterns, only regular files (never a link), on POSIX only
    files of this user: a save in progress elsewhere is young and is left alone.
    """
    removed: list[Path] = []
    limit = time.time() - older_than
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _TEMPORARY.match(entry.name) and _is_stale(entry, limit):
                discard(Path(entry.path))
                removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str], limit: float) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    ours = IS_WINDOWS or info.st_uid == os.geteuid()
    return stat.S_ISREG(info.st_mode) and ours and info.st_mtime < limit
