"""A data sheet read within the layout's bounds, not the sheet's.

A sheet's size is whatever its farthest cell says: one ``1`` at XFD1048576 makes it a
million rows of sixteen thousand columns, and reading it row by row padded to that width
took 22 GB. The app's own sheets use a few columns and, even for the longest report, a few
thousand rows (a long text continues over rows of 32 767 characters). So only
:data:`READ_ROWS` rows and :data:`READ_COLUMNS` columns are read, room enough for a reviewer's
inserted rows and columns; the parser stops at the last row read, and memory no longer
depends on where a stray value sits. Content beyond is reported (F024), never loaded.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from forms.boundary import notice

Grid = list[list[Any]]
READ_ROWS = 5000
READ_COLUMNS = 64


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
    return f"{get_column_letter(min(max(columns, 1), 18278))}{rows}"


def _declared(sheet: Any, attribute: str) -> int:
    try:
        value = getattr(sheet, attribute)
    except Exception:  # a sheet without a dimension record computes nothing here
        return 0
    return value if isinstance(value, int) else 0
