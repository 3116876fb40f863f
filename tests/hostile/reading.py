"""Hostile inputs for the reading side of issue 11, built at test time from a saved report.

Each builder takes the good file and a target and returns what to hand to the app: a file
with a stray far cell, an absurd year, out-of-range numbers in the hidden copy, a macro
workbook, a PDF or Word file under an .xlsx name, special files, CSVs as Excel for Mac and
hostile senders write them.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from corpus import SHEET, good_sheet, replace_member

from forms.xlsx.layout import META_SHEET

TABLE = "附件1"
TEXTS = "年报正文"
Builder = Callable[[Path, Path], Path]
PIECE = 30_000


def _sheet(book: openpyxl.Workbook, prefix: str) -> openpyxl.worksheet.worksheet.Worksheet:
    return next(sheet for sheet in book.worksheets if sheet.title.startswith(prefix))


def _set(good: Path, target: Path, prefix: str, coordinate: str, value: object) -> Path:
    book = openpyxl.load_workbook(good)
    _sheet(book, prefix)[coordinate] = value
    book.save(target)
    return target


def _year_cell(good: Path) -> str:
    book = openpyxl.load_workbook(good)
    for row in _sheet(book, TEXTS).iter_rows():
        if row[0].value == "year":
            return str(row[2].coordinate)
    raise AssertionError("no year row")


def year_beyond_9999(good: Path, target: Path) -> Path:
    return _set(good, target, TEXTS, _year_cell(good), 20188)


def year_in_arabic_digits(good: Path, target: Path) -> Path:
    return _set(good, target, TEXTS, _year_cell(good), "٢٠١٨٨")


def year_of_5000_digits(good: Path, target: Path) -> Path:
    return _set(good, target, TEXTS, _year_cell(good), "9" * 5000)


def stray_far_cell(good: Path, target: Path) -> Path:
    """A single ``1`` at XFD1048576 of 附件1: a 30 KB file declaring a sheet of 17 G cells."""
    return _set(good, target, TABLE, "XFD1048576", 1)


def cell_of_5000_digits(good: Path, target: Path) -> Path:
    """A figure cell whose stored number has 5000 digits (too long for ``int``)."""
    sheet = good_sheet(good)
    start = sheet.index(b"<v>") + 3
    end = sheet.index(b"</v>", start)
    return replace_member(good, target, SHEET, sheet[:start] + b"9" * 5000 + sheet[end:])


def _edit_copy(good: Path, target: Path, edit: dict[str, dict[str, str]], raw: str = "") -> Path:
    """The hidden JSON copy with some entries replaced; ``raw`` is pasted in unquoted."""
    book = openpyxl.load_workbook(good)
    meta = book[META_SHEET]
    rows = [row for row in meta.iter_rows() if row[0].value == "json"]
    data = json.loads("".join(str(row[1].value) for row in rows))
    for section, entries in edit.items():
        data.setdefault(section, {}).update(entries)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace('"RAW"', raw).replace("RAW", raw)
    pieces = [text[start : start + PIECE] for start in range(0, len(text), PIECE)]
    for row in rows:
        meta.delete_rows(row[0].row, 1)
    first = max(meta.max_row, 1) + 1
    for offset, piece in enumerate(pieces):
        meta.cell(first + offset, 1).value = "json"
        meta.cell(first + offset, 2).value = piece
    for row in meta.iter_rows():
        if row[0].value == "json_pieces":
            row[1].value = len(pieces)
    book.save(target)
    return target


def copy_with_5000_digit_history(good: Path, target: Path) -> Path:
    return _edit_copy(good, target, {"history": {"2017": "RAW"}}, raw="9" * 5000)


def copy_with_huge_exponents(good: Path, target: Path) -> Path:
    edit = {"history": {"2016": "1E-999999999"}, "last_year": {"proactive.total": "1E+999999999"}}
    return _edit_copy(good, target, edit)


def copy_with_surrogate_and_escape(good: Path, target: Path) -> Path:
    """A lone surrogate (JSON ``\\udcff``), an ANSI escape and a bidi override in the copy."""
    edit = {"narrative": {"other": "无\x1b[31m其他\u202e事项RAW"}}
    return _edit_copy(good, target, edit, raw="\\udcff")


def macro_workbook(good: Path, target: Path) -> Path:
    """An .xlsm renamed .xlsx: a VBA project and the macro-enabled content type."""
    with zipfile.ZipFile(good) as source:
        types = source.read("[Content_Types].xml").replace(
            b"sheet.main+xml", b"sheet.macroEnabled.main+xml"
        )
    replace_member(good, target, "[Content_Types].xml", types)
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    return target


def pdf_named_xlsx(good: Path, target: Path) -> Path:
    target.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return target


def word_named_xlsx(good: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return target


def fifo(good: Path, target: Path) -> Path:
    os.mkfifo(target)
    return target


def folder(good: Path, target: Path) -> Path:
    target.mkdir()
    return target


def csv_with_cr_line_ends(target: Path) -> Path:
    target.write_bytes(b"id,value\rproactive.total,5\r")
    return target


def csv_with_bom_and_crlf(target: Path) -> Path:
    target.write_bytes("\ufeffid,value\r\nproactive.total,7\r\n".encode())
    return target


def csv_with_a_huge_field(target: Path) -> Path:
    target.write_bytes(b"id,value\nproactive.total," + b"9" * 140_000 + b"\n")
    return target


def csv_with_an_escape(target: Path) -> Path:
    target.write_bytes(b"id,value\nproactive.total,\x1b[2J\x1b[31mred\n")
    return target


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
