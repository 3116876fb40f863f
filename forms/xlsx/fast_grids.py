"""Reading a saved file's sheets through calamine: about ten times faster than openpyxl.

Opening a report (``check``, ``pdf``, consolidating a thousand units' files) is mostly XML
parsing; python-calamine (Rust) does it in a few milliseconds a file, and importing openpyxl
alone cost every command 70 ms. Calamine holds a sheet as a dense block from its first to
its last cell, so a cell placed far away (XFD1048576) would cost memory without bound: every
worksheet is looked at first, and one whose cells lie outside :data:`MAX_COLUMNS` ×
:data:`MAX_ROWS` (or whose declared dimension does), or whose cells do not all say where
they are, is left to the bounded openpyxl reader (:func:`forms.xlsx.sheets.read_grids`).

Where the two parsers read the same XML differently, the file goes to openpyxl too, so that
what a file reads as never depends on the parser: an error value (``#DIV/0!``: calamine gives
an empty cell), an escaped character (``_x000D_``: calamine decodes it, openpyxl keeps the
text), a whole number of more than 15 digits (calamine rounds it to a float, openpyxl keeps
it, or refuses 5000 digits), and any file calamine fails on. The grids are shaped as
openpyxl gives them: whole numbers as ``int``, dates as ``datetime``, empty cells as
``None``, trailing empty cells and rows dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from forms.xlsx.sheets import Grid, holds_data, read_grids

MAX_ROWS = 2000  # the longest sheet the app writes has a few hundred rows
MAX_COLUMNS = 64  # the widest has 17 value columns and a label
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_PLACED_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_SHARED_STRINGS = "xl/sharedStrings.xml"
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s[^>]*?\bref="(?:[A-Z]{1,3}\d{1,7}:)?([A-Z]{1,3})(\d{1,7})"'
)
_READ_APART = re.compile(  # what calamine and openpyxl read differently
    rb"[xX][0-9A-Fa-f]{4}_"  # _x000D_ escapes, openpyxl's x005F_
    rb'|\st="e"'  # error values
    rb"|<(?:\w+:)?v>\s*[+-]?\d{16,}\s*<"  # a whole number beyond a float's precision
    rb"|<(?:\w+:)?v>[^<]{40,}<"  # and anything longer than a figure's text may be
)


def read_grids_fast(path: Path, data: bytes, notices: list[str]) -> dict[str, Grid]:
    """The data sheets and the hidden copy, as :func:`forms.xlsx.sheets.read_grids` gives them.

    ``data`` is the file's content as :func:`forms.xlsx.guard.inspect_file` passed it.
    """
    if not _calamine_can_hold(data):
        return read_grids(path, data, notices)
    try:
        from python_calamine import CalamineWorkbook  # not on the window's way to showing

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = {name: _sheet(workbook, name) for name in workbook.sheet_names}
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return read_grids(path, data, notices)
    return {name: grid for name, grid in grids.items() if _holds_data(name, grid)}


def _calamine_can_hold(data: bytes) -> bool:
    """Every cell of every worksheet names its place, inside the bounds, and nothing in the
    sheets or the shared strings reads differently in calamine and openpyxl."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if _WORKSHEET.match(name) and not _bounded(archive.read(name)):
                    return False
                if name == _SHARED_STRINGS and _READ_APART.search(archive.read(name)):
                    return False
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return False
    return True


def _bounded(xml: bytes) -> bool:
    if _READ_APART.search(xml):
        return False
    placed = _PLACED_CELL.findall(xml)
    if len(placed) != len(_CELL.findall(xml)):
        return False
    return all(_inside(letters, row) for letters, row in [*placed, *_DIMENSION.findall(xml)])


def _inside(letters: bytes, row: bytes) -> bool:
    return int(row) <= MAX_ROWS and _column_number(letters) <= MAX_COLUMNS


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _sheet(workbook: Any, name: str) -> Grid:
    rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    grid = []
    for row in rows:
        values = [_as_openpyxl(value) for value in row]
        while values and values[-1] is None:
            values.pop()
        grid.append(values)
    while grid and not grid[-1]:
        grid.pop()
    return grid


def _as_openpyxl(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if type(value) is dt.date:  # calamine gives a date at midnight as a date
        return dt.datetime(value.year, value.month, value.day)
    return value


def _holds_data(name: str, grid: Grid) -> bool:
    return holds_data(name, grid[0][0] if grid and grid[0] else None)
