"""Look at a file before any parser does: kind, zip directory, sizes, DTDs, row counts.

What is refused here, each with a code from ``forms.codes``:
an OLE compound file (``D0 CF 11 E0``): a password-protected workbook (F009) or a legacy
``.xls`` (F010); anything that is not a zip (F001); a zip that cannot be read, e.g. cut
short (F005); a zip bomb, judged by the sizes and ratios in the zip directory before
anything is decompressed (F006); XML with a DTD, the vehicle of entity bombs (F006); a sheet
with far more rows than any report needs (F006). Reading is bounded by the checked sizes.
"""

from __future__ import annotations

import errno
import re
import zipfile
import zlib
from pathlib import Path

from forms.codes import NianbaoError

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 30 * 1024 * 1024
MAX_TOTAL_BYTES = 80 * 1024 * 1024
MAX_RATIO = 200  # deflate rarely beats 100:1 on real sheets; whitespace bombs reach 1000:1
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like
MAX_ROWS = 20_000
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
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


def inspect_file(path: Path) -> None:
    """Raise :class:`NianbaoError` unless ``path`` is a zip that is safe to hand to openpyxl."""
    head = _read_head(path)
    if head.startswith(OLE_MAGIC):
        raise NianbaoError(_ole_code(path), path=path)
    if not head.startswith(ZIP_MAGIC):
        raise NianbaoError("F001", path=path, detail=_not_zip_detail(head))
    try:
        with zipfile.ZipFile(path) as archive:
            _check_directory(path, archive)
            _check_members(path, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error) as exc:
        raise NianbaoError("F005", path=path, detail=f"压缩结构不完整或有误（{exc}）") from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, zip encryption
        raise NianbaoError("F005", path=path, detail=f"使用了不支持的压缩方式（{exc}）") from exc
    except OSError as exc:
        raise NianbaoError("F007", path=path, detail=read_reason(exc)) from exc


def read_reason(exc: OSError) -> str:
    """A short Chinese reason for a failed read."""
    return _READ_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _read_head(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise NianbaoError("F006", path=path, detail=f"文件大小 {size // 1048576} MB")
        with open(path, "rb") as handle:
            return handle.read(8)
    except OSError as exc:
        raise NianbaoError("F007", path=path, detail=read_reason(exc)) from exc


def _ole_code(path: Path) -> str:
    """F009 for an encrypted workbook (OLE with EncryptedPackage), else F010 (legacy .xls)."""
    with open(path, "rb") as handle:
        content = handle.read(MAX_FILE_BYTES)
    return "F009" if "EncryptedPackage".encode("utf-16-le") in content else "F010"


def _not_zip_detail(head: bytes) -> str:
    if not head:
        return "文件是空的"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "这是网页或 XML 文件，不是 xlsx"
    return "文件内容不是 xlsx 格式（可能扩展名被改过）"


def _check_directory(path: Path, archive: zipfile.ZipFile) -> None:
    """Sizes and ratios as the zip directory declares them; zipfile enforces them on reading."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise NianbaoError("F006", path=path, detail=f"压缩包内有 {len(members)} 个文件")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise NianbaoError("F006", path=path, detail=f"解压后共 {total // 1048576} MB")
    for member in members:
        _check_member_size(path, member)
    names = set(archive.namelist())
    missing = [name for name in REQUIRED_MEMBERS if name not in names]
    if missing:
        raise NianbaoError(
            "F001", path=path, detail=f"压缩包中缺少 {missing[0]}，不是 Excel 工作簿"
        )


def _check_member_size(path: Path, member: zipfile.ZipInfo) -> None:
    if member.file_size > MAX_MEMBER_BYTES:
        detail = f"{member.filename} 解压后 {member.file_size // 1048576} MB"
        raise NianbaoError("F006", path=path, detail=detail)
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        detail = f"{member.filename} 压缩比 {ratio:.0f}:1，疑似压缩炸弹"
        raise NianbaoError("F006", path=path, detail=detail)


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
