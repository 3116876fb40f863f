"""A data sheet read within the layout's bounds, not the sheet's.

A sheet's size is whatever its farthest cell says: one ``1`` at XFD1048576 makes it a
million rows of sixteen thousand columns, and reading it row by row padded to that width
took 22 GB. The app's own sheets use a few columns and, even for the longest report, a few
thousand rows (a long text continues over rows of 32 767 characters). So only
:data:`READ_ROWS` rows and :data:`READ_COLUMNS` columns are read, room enough for a reviewer's
inserted rows and columns; the parser stops at the last row read, and memory no longer
depends on where a stray value sits. Content beyond is reported (F024), never loaded.

This is the careful reader, through openpyxl (imported only when a file needs it); files the
app wrote go through :mod:`forms.xlsx.fast_grids`, which falls back to it.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from forms.boundary import notice
from forms.codes import NianbaoError
from forms.xlsx.layout import MARKER_PREFIX, META_SHEET

Grid = list[list[Any]]
READ_ROWS = 5000
READ_COLUMNS = 64


def read_grids(path: Path, data: bytes, notices: list[str]) -> dict[str, Grid]:
    """Every data sheet's values within the layout's bounds (stray cells beyond them go to
    ``notices``); any failure of the parser is a damaged file (F005)."""
    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                grids = {}
                for sheet in workbook.worksheets:
                    if _holds_data(sheet):
                        grids[sheet.title] = bounded_grid(sheet, notices)
                return grids
            finally:
                workbook.close()
    except (NianbaoError, MemoryError):
        raise
    except Exception as exc:  # openpyxl raises many kinds on broken input; none may escape
        raise NianbaoError("F005", path=path, detail=_parser_failure(exc)) from exc


def _parser_failure(exc: Exception) -> str:
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "有单元格中的数字位数过多（超过4300位）"
    return f"{type(exc).__name__}: {str(exc)[:100]}"


def _holds_data(sheet: Any) -> bool:
    """Our data sheets and the hidden copy; the check sheet and foreign sheets are skipped."""
    first = next(sheet.iter_rows(max_row=1, max_col=1, values_only=True), ())
    marker = first[0] if first else None
    return holds_data(sheet.title, marker)


def holds_data(title: str, marker: Any) -> bool:
    """A sheet titled ``title`` whose A1 holds ``marker`` is one the reader needs."""
    return title == META_SHEET or (isinstance(marker, str) and marker.startswith(MARKER_PREFIX))


def column_letter(number: int) -> str:
    """The letters of column ``number`` (1 → A, 27 → AA), as openpyxl's ``get_column_letter``."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def bounded_grid(sheet: Any, notices: list[str]) -> Grid:
    """The values of a read-only sheet up to the bounds; stray content beyond is reported."""
    grid: Grid = []
    for row in sheet.iter_rows(max_row=READ_ROWS, max_col=READ_COLUMNS, values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        grid.append(values)
    while grid and not grid[-1]:
        grid.pop()
    far = _far_corner(sheet)
    if far:
        notices.append(notice("F024", sheet=sheet.title, where=far))
    return grid


def _far_corner(sheet: Any) -> str:
    """The sheet's declared far corner when it lies beyond the bounds, else ``""``."""
    rows, columns = _declared(sheet, "max_row"), _declared(sheet, "max_column")
    if rows <= READ_ROWS and columns <= READ_COLUMNS:
        return ""
    return f"{column_letter(min(max(columns, 1), 18278))}{rows}"


def _declared(sheet: Any, attribute: str) -> int:
    try:
        value = getattr(sheet, attribute)
    except Exception:  # a sheet without a dimension record computes nothing here
        return 0
    return value if isinstance(value, int) else 0
