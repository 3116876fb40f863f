"""Bad files made at test time: each builder writes one hostile or broken file and returns it.

Nothing here is a committed binary. The builders start from a real file saved by the app
(``good``) where the attack hides inside an otherwise valid workbook.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile

from forms.xlsx.layout import META_SHEET

SHEET = "xl/worksheets/sheet1.xml"


def billion_laughs(levels: int, root: bytes) -> bytes:
    """An XML document whose ``root`` holds ``&lol{levels};``: 10**levels "lol"s expanded."""
    entities = [b' <!ENTITY lol "lol">']
    for level in range(1, levels + 1):
        inner = f"&lol{level - 1 if level > 1 else ''};".encode() * 10
        entities.append(b' <!ENTITY lol%d "%s">' % (level, inner))
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n'
    return head + b"\n".join(entities) + b"\n]>\n" + root.replace(b"&lol;", b"&lol%d;" % levels)


BILLION_LAUGHS = billion_laughs(
    9,
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\n'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>',
)


def replace_member(good: Path, target: Path, name: str, content: bytes, level: int = 6) -> Path:
    """A copy of ``good`` with one zip member replaced."""
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out,
    ):
        for item in source.infolist():
            data = content if item.filename == name else source.read(item)
            out.writestr(item.filename, data)
    return target


def not_a_zip(good: Path, target: Path) -> Path:
    target.write_text("统计指标,单位,统计数\n主动公开政府信息数,条,12457\n", encoding="utf-8")
    return target


def empty(good: Path, target: Path) -> Path:
    target.write_bytes(b"")
    return target


def truncated(good: Path, target: Path) -> Path:
    """The first half of a real file, as after an interrupted copy or download."""
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def whitespace_bomb(good: Path, target: Path) -> Path:
    """A sheet padded to 400 MB with spaces: a small zip whose directory tells the truth."""
    shutil.copy(good, target)
    chunk = b" " * (4 << 20)
    with (
        zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/padding.xml", "w", force_zip64=True) as handle,
    ):
        for _ in range(100):
            handle.write(chunk)
    return target


def ratio_bomb(good: Path, target: Path) -> Path:
    """100 MB of spaces in about 100 KB: one member far over what any report unpacks to."""
    return replace_member(good, target, SHEET, b" " * (100 << 20) + good_sheet(good), level=9)


def lying_directory(good: Path, target: Path) -> Path:
    """A member whose directory entry claims 100 bytes while it inflates to 10 MB."""
    replace_member(good, target, SHEET, b" " * (10 << 20) + good_sheet(good), level=9)
    data = bytearray(target.read_bytes())
    _rewrite_sizes(data, SHEET.encode(), 100)
    target.write_bytes(bytes(data))
    return target


def _rewrite_sizes(data: bytearray, name: bytes, size: int) -> None:
    """Set the uncompressed size of ``name`` in its local header and directory entry."""
    local = data.find(b"PK\x03\x04")
    while local != -1:
        length = int.from_bytes(data[local + 26 : local + 28], "little")
        if data[local + 30 : local + 30 + length] == name:
            data[local + 22 : local + 26] = size.to_bytes(4, "little")
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 24 : central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)


def good_sheet(good: Path) -> bytes:
    with zipfile.ZipFile(good) as archive:
        return archive.read(SHEET)


def entity_bomb(good: Path, target: Path) -> Path:
    return replace_member(good, target, SHEET, BILLION_LAUGHS)


def hundred_thousand_rows(good: Path, target: Path) -> Path:
    """The table sheet with 100 000 rows appended, each with a figure."""
    rows = "".join(f'<row r="{n}"><c r="D{n}"><v>{n}</v></c></row>' for n in range(200, 100_200))
    sheet = good_sheet(good).replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return replace_member(good, target, SHEET, sheet)


def password_protected(good: Path, target: Path) -> Path:
    """The good file encrypted with a password, as WPS/Excel write it (an OLE container)."""
    encrypted = io.BytesIO()
    with open(good, "rb") as source:
        OOXMLFile(source).encrypt("mima123", encrypted)
    target.write_bytes(encrypted.getvalue())
    return target


def legacy_xls(good: Path, target: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("附件1")
    sheet.write(0, 0, "主动公开政府信息数")
    sheet.write(0, 1, 12457)
    book.save(str(target))
    return target


def foreign_workbook(good: Path, target: Path) -> Path:
    """An ordinary workbook some other program wrote: a valid xlsx, not ours."""
    book = openpyxl.Workbook()
    book.active["A1"] = "统计指标"
    book.save(target)
    return target


def zip_not_workbook(good: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("readme.txt", "不是工作簿")
    return target


def _edit_meta(good: Path, target: Path, key: str, value: object) -> Path:
    book = openpyxl.load_workbook(good)
    for row in book[META_SHEET].iter_rows():
        if row[0].value == key:
            row[1].value = value
    book.save(target)
    return target


def unknown_form(good: Path, target: Path) -> Path:
    return _edit_meta(good, target, "form_id", "gov-info-2099")


def newer_definition(good: Path, target: Path) -> Path:
    return _edit_meta(good, target, "form_version", 99)


def newer_layout(good: Path, target: Path) -> Path:
    return _edit_meta(good, target, "layout", 99)


def newer_definition_in_the_copy(good: Path, target: Path) -> Path:
    book = openpyxl.load_workbook(good)
    for row in book[META_SHEET].iter_rows():
        if row[0].value == "json":
            row[1].value = row[1].value.replace('"version":1', '"version":7')
    book.save(target)
    return target


def broken_hidden_copy(good: Path, target: Path) -> Path:
    return _edit_meta(good, target, "json", '{"form": 1')


Builder = Callable[[Path, Path], Path]
