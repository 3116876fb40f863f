"""What kind of file this is, by its content, checked against its extension.

The content decides (magic bytes, the zip's parts, the first bytes of markup); the extension
must agree with it. A ``.pdf`` that is a Word file, or a ``.docx`` that is a web page, is
refused with a message that says what the file really is (F060) instead of being read as
the wrong thing. A file that is none of the importable kinds is refused (F061).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from forms.codes import NianbaoError
from forms.importing.sources.files import read_capped
from forms.xlsx.guard import OLE_MAGIC, ZIP_MAGIC, check_regular

Kind = Literal["xlsx", "xls", "docx", "html", "pdf"]
EXTENSIONS: dict[str, Kind] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
NAMES: dict[str, str] = {
    "xlsx": "Excel 工作簿（.xlsx）",
    "xls": "旧版 Excel 工作簿（.xls）",
    "docx": "Word 文档（.docx）",
    "html": "网页（.html）",
    "pdf": "PDF 文件",
    "doc": "旧版 Word 文档（.doc）",
    "zip": "压缩包",
    "text": "纯文本",
}
HEAD_BYTES = 4096
_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|meta|p|div)[\s>/]", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(path: Path) -> Kind:
    """The kind of ``path`` (F060 when its content contradicts its extension, F061 if none)."""
    expected = EXTENSIONS.get(path.suffix.lower())
    head = _head(path)
    found = _content_kind(path, head)
    if expected is None:
        what = NAMES.get(found, "") if found else "未知类型"
        raise NianbaoError("F061", path=path.name, detail=f"扩展名“{path.suffix}”，内容是{what}")
    if found == "doc" and expected in ("docx", "xls"):
        raise NianbaoError("F067", path=path.name)
    if found == expected or found in _LEFT_TO_READER.get(expected, ()):
        return expected  # the reader of that kind gives the precise refusal
    if expected == "pdf" and found in (None, "text"):
        raise NianbaoError("F064", path=path.name, detail="文件开头没有 PDF 标记")
    kind = NAMES.get(found or "", "无法识别的二进制内容")
    raise NianbaoError("F060", path=path.name, ext=path.suffix, kind=kind)


# What a reader is better placed to refuse itself: a broken zip, an encrypted workbook, text.
_LEFT_TO_READER: dict[str, tuple[str | None, ...]] = {
    "xlsx": (None, "zip", "text", "xls"),
    "xls": (None, "zip", "text", "xlsx"),
    "docx": (None, "zip"),
    "html": ("text",),
}


def _head(path: Path) -> bytes:
    check_regular(path, path.name)  # a folder, FIFO or device: F023 before any open
    try:
        size = path.stat().st_size
        if size == 0:
            raise NianbaoError("F061", path=path.name, detail="文件是空的")
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return read_capped(path)  # raises the coded error


def _content_kind(path: Path, head: bytes) -> str | None:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return "doc" if path.suffix.lower() in (".doc", ".docx") else "xls"
    text = head
    for bom in _BOMS:
        if text.startswith(bom):
            return "html" if bom != b"\xef\xbb\xbf" or _MARKUP.search(text) else "text"
    if _MARKUP.search(text.replace(b"\x00", b"")):
        return "html"
    return "text" if _is_text(head) else None


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()[:5000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return b"\x00" not in head
    return True
