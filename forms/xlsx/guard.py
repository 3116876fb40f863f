"""Look at a file before any parser does: what it is, its zip directory, sizes, DTDs, rows.

Every file coming in is read once, through :func:`read_input`: only a regular file (a folder,
FIFO, device or socket is F023, before opening), at most a limit of bytes actually read (F006).
Then, each with a code from ``forms.codes``: an OLE compound file (``D0 CF 11 E0``) is a
password-protected workbook (F009) or a legacy ``.xls`` (F010); a PDF, picture, Word or
PowerPoint file or .ods is named for what it is (F022); a macro workbook is F021; anything
else that is not a zip is F001; a zip that cannot be read, e.g. cut short, is F005.

Zip bombs are judged by what decompressing would cost, from the zip directory before
anything is decompressed: the number of members, each member's size and the total (F006).
Not by the compression ratio: a report of one repeated character compresses 1000:1 as
honestly as a bomb does, and the app must open every file it writes. The sizes bound the
memory whatever the ratio; zipfile holds each member to its declared size. XML with a DTD,
the vehicle of entity bombs (F006), and a sheet with far more rows than any report needs
(F006) are refused too.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

from forms.codes import NianbaoError

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # the largest document the app holds needs under half
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_ROWS = 20_000
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
_CHUNK = 1024 * 1024
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO opens without waiting for a writer
_BINARY = getattr(os, "O_BINARY", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_SPECIAL = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "管道（FIFO）"),
    (stat.S_ISCHR, "设备"),
    (stat.S_ISBLK, "设备"),
    (stat.S_ISSOCK, "套接字"),
)
_FOREIGN = (
    (b"%PDF", "PDF 文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"{\\rtf", "RTF 文档"),
)
_ZIP_KINDS = (
    ("word/document.xml", "Word 文档（.docx）"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）"),
)
_DTD = [
    token.encode(encoding)
    for token in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
]
_READ_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限，或文件正被其他程序独占",
    errno.EPERM: "没有读取权限，或文件正被其他程序独占",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
}
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def inspect_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The content of ``path`` once it is known to be a zip that is safe to hand to openpyxl;
    raise :class:`NianbaoError` otherwise. The caller parses these bytes, not the path again."""
    data = read_input(path, limit)
    inspect_bytes(path, data)
    return data


def inspect_bytes(path: Path, data: bytes) -> None:
    """Raise :class:`NianbaoError` unless ``data`` (read from ``path``) is a safe workbook."""
    head = data[:8]
    if head.startswith(OLE_MAGIC):
        code = "F009" if "EncryptedPackage".encode("utf-16-le") in data else "F010"
        raise NianbaoError(code, path=path)
    if not head.startswith(ZIP_MAGIC):
        kind = _foreign_kind(data)
        if kind:
            raise NianbaoError("F022", path=path, kind=kind)
        raise NianbaoError("F001", path=path, detail=_not_zip_detail(head))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(path, archive)
            _check_members(path, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error) as exc:
        raise NianbaoError("F005", path=path, detail=f"压缩结构不完整或有误（{exc}）") from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, zip encryption
        raise NianbaoError("F005", path=path, detail=f"使用了不支持的压缩方式（{exc}）") from exc
    except MemoryError as exc:
        raise NianbaoError("F020", path=path) from exc


def read_input(path: Path, limit: int, shown: object = None) -> bytes:
    """Every byte of a regular file, counting the bytes actually read against ``limit``.

    The one door for files coming in: a folder, FIFO, device or socket is refused (F023)
    before it is opened, and once more on the open handle (it cannot be swapped in between);
    the handle never blocks. More than ``limit`` bytes is F006, whatever size the file reports.
    ``shown`` is how messages name the file (the path itself by default).
    """
    name = path if shown is None else shown
    try:
        _regular(path, os.stat(path).st_mode, name)
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY | _NOCTTY)
    except OSError as exc:
        raise NianbaoError("F007", path=name, detail=read_reason(exc)) from exc
    try:
        _regular(path, os.fstat(descriptor).st_mode, name)
        return _read_at_most(descriptor, limit, name)
    except OSError as exc:
        raise NianbaoError("F007", path=name, detail=read_reason(exc)) from exc
    finally:
        os.close(descriptor)


def check_regular(path: Path, shown: object = None) -> None:
    """Refuse a folder, FIFO, device or socket (F023) or a missing file (F007) before any
    open: for a reader that looks at a file's head before reading it through read_input."""
    name = path if shown is None else shown
    try:
        _regular(path, os.stat(path).st_mode, name)
    except OSError as exc:
        raise NianbaoError("F007", path=name, detail=read_reason(exc)) from exc


def _regular(path: Path, mode: int, name: object) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((text for test, text in _SPECIAL if test(mode)), "特殊文件")
    raise NianbaoError("F023", path=name, kind=kind)


def _read_at_most(descriptor: int, limit: int, name: object) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise NianbaoError("F006", path=name, detail=f"文件超过 {_size(limit)}")


def _size(limit: int) -> str:
    return f"{limit // 1048576} MB" if limit >= 1048576 else f"{limit // 1024} KB"


def read_reason(exc: OSError) -> str:
    """A short Chinese reason for a failed read."""
    return _READ_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _foreign_kind(data: bytes) -> str:
    """What a file that is not a workbook is, when it is something people often mix up."""
    return next((kind for magic, kind in _FOREIGN if data.startswith(magic)), "")


def _zip_kind(names: set[str], archive: zipfile.ZipFile) -> str:
    """What a zip that is not a workbook is: a Word or PowerPoint file, an .ods, …"""
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            return "OpenDocument 表格（.ods），请在 WPS/Excel 中另存为 .xlsx"
        return "OpenDocument 文件"
    return next((kind for member, kind in _ZIP_KINDS if member in names), "")


def _not_zip_detail(head: bytes) -> str:
    if not head:
        return "文件是空的"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "这是网页或 XML 文件，不是 xlsx"
    return "文件内容不是 xlsx 格式（可能扩展名被改过）"


def _check_directory(path: Path, archive: zipfile.ZipFile) -> None:
    """Sizes as the zip directory declares them (zipfile enforces them on reading); a macro
    workbook and a zip that is some other kind of document are named."""
    check_zip_sizes(archive, path, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES)
    names = set(archive.namelist())
    if "xl/vbaProject.bin" in names or _macro_content_types(archive, names):
        raise NianbaoError("F021", path=path)
    missing = [name for name in REQUIRED_MEMBERS if name not in names]
    kind = _zip_kind(names, archive) if missing else ""
    if kind:
        raise NianbaoError("F022", path=path, kind=kind)
    if missing:
        raise NianbaoError(
            "F001", path=path, detail=f"压缩包中缺少 {missing[0]}，不是 Excel 工作簿"
        )


def check_zip_sizes(
    archive: zipfile.ZipFile, path: Path | str, member_bytes: int, total_bytes: int
) -> None:
    """F006 for a zip whose directory declares more than :data:`MAX_MEMBERS` members, more
    than ``total_bytes`` unpacked, or a member over ``member_bytes`` (a workbook and a Word
    file are checked alike, each with its own bounds)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise NianbaoError("F006", path=path, detail=f"压缩包内有 {len(members)} 个文件")
    total = sum(member.file_size for member in members)
    if total > total_bytes:
        raise NianbaoError("F006", path=path, detail=f"解压后共 {total // 1048576} MB")
    for member in members:
        if member.file_size > member_bytes:
            detail = f"{member.filename} 解压后 {member.file_size // 1048576} MB，疑似压缩炸弹"
            raise NianbaoError("F006", path=path, detail=detail)


def _macro_content_types(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "[Content_Types].xml" not in names:
        return False
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_MEMBER_BYTES:
        return False  # refused for its size elsewhere
    return b"macroEnabled" in archive.read(info)


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Read each XML part once (bounded above): no DTD anywhere, no sheet of absurd length."""
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        content = archive.read(member)
        if any(token in content for token in _DTD):
            detail = f"{member.filename} 含有 DTD/实体声明（可能是 XML 炸弹）"
            raise NianbaoError("F006", path=path, detail=detail)
        if _WORKSHEET.match(member.filename):
            rows = len(_ROW.findall(content))
            if rows > MAX_ROWS:
                detail = f"{member.filename} 有 {rows} 行，远超年报所需"
                raise NianbaoError("F006", path=path, detail=detail)
