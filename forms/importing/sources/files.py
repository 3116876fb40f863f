"""Reading an untrusted file within bounds: regular files only, a byte cap, a checked zip.

A report file is small: a Word report is well under 5 MB, a saved web page under 2 MB, a PDF
of twenty pages under 10 MB. It is read through :func:`forms.xlsx.guard.read_input`, the one
door for files coming in (a folder, FIFO or device is F023, more bytes than the cap F006). A
Word file is a zip: its directory is checked the way :mod:`forms.xlsx.guard` checks a
workbook's (member count, declared sizes; not the compression ratio, which honest repetitive
text reaches too) before anything is decompressed, and its XML parts may carry no DTD (the
vehicle of entity bombs).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from forms.codes import NianbaoError
from forms.xlsx.guard import check_zip_sizes, read_input

MAX_SOURCE_BYTES = 30 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
_DTD = [
    token.encode(encoding)
    for token in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
]


def read_capped(path: Path, cap: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``cap`` read (F006 beyond, F023 for a special file,
    F007 if unreadable)."""
    return read_input(path, cap, path.name)


def checked_zip(data: bytes, name: str, required: str) -> zipfile.ZipFile:
    """The zip in ``data`` once its directory and XML parts are known to be safe to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_directory(archive, name, required)
        _check_parts(archive, name)
    except NianbaoError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error) as exc:
        raise NianbaoError("F005", path=name, detail=f"压缩结构不完整或有误（{exc}）") from exc
    except (NotImplementedError, RuntimeError) as exc:
        raise NianbaoError("F005", path=name, detail=f"使用了不支持的压缩方式（{exc}）") from exc
    return archive


def _check_directory(archive: zipfile.ZipFile, name: str, required: str) -> None:
    check_zip_sizes(archive, name, MAX_PART_BYTES, MAX_UNPACKED_BYTES)
    if required not in archive.namelist():
        raise NianbaoError("F062", path=name, detail=f"压缩包中缺少 {required}")


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        content = archive.read(member)
        if any(token in content for token in _DTD):
            detail = f"{member.filename} 含有 DTD/实体声明（可能是 XML 炸弹）"
            raise NianbaoError("F006", path=name, detail=detail)
