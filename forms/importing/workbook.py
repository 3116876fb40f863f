"""Reading a foreign workbook into plain grids of cell values, within a fixed budget.

A workbook from another office is untrusted: it may be an encrypted file, a zip bomb or a
sheet of a million rows. The app's own guard (``forms.xlsx.guard``) refuses these before
any parser runs, each with a coded :class:`NianbaoError` (F001, F005, F006, F007, F009). A
legacy ``.xls``, which the guard refuses (F010) as one of the app's own files, is read here
by calamine (``python-calamine``) instead. What passes is read within a budget: at most
:data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns of at most :data:`MAX_SHEETS` sheets
are looked at, far more than any statistical table needs. A merged range keeps its value in
its top-left cell, which is where the reader finds it; the ranges themselves are kept in
:attr:`Grid.merges` so that a header spanning several columns (申请人情况 over seven) is known
to stand over each of them.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from forms.codes import NianbaoError
from forms.xlsx.guard import MAX_FILE_BYTES, inspect_file, read_input

MAX_ROWS = 2000
MAX_COLUMNS = 60
MAX_SHEETS = 50
MAX_MERGES = 5000
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)[\"']"
)


@dataclass
class Grid:
    """The non-empty cells of one sheet: ``(row, column) → value``, 1-based like Excel.

    ``merges`` are the merged ranges as ``(first_row, first_column, last_row, last_column)``;
    the value of each is in its top-left cell only. Readers of other sources (docx, HTML
    colspan/rowspan) fill them the same way; a grid without them is still read.
    """

    sheet: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    truncated: bool = False
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    source: bytes = field(default=b"", repr=False, compare=False)
    _rows: dict[int, dict[int, Any]] | None = field(default=None, repr=False, compare=False)

    def address(self, row: int, column: int) -> str:
        return cell_address(self.sheet, row, column)

    def row(self, row: int) -> dict[int, Any]:
        """The non-empty cells of one row: ``column → value``."""
        if self._rows is None:
            self._rows = defaultdict(dict)
            for (number, column), value in self.cells.items():
                self._rows[number][column] = value
        return self._rows.get(row, {})


def cell_address(sheet: str, row: int, column: int) -> str:
    """``Sheet1!C5``; a sheet name with spaces or punctuation is quoted as Excel does."""
    name = sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def read_grids(path: Path) -> list[Grid]:
    """Every sheet of a workbook as a grid; a coded error if the file cannot be read safely."""
    try:
        data = inspect_file(path)  # read once, a regular file, within the guard's limits
    except NianbaoError as exc:
        if exc.code != "F010":
            raise
        return read_xls_grids(path)
    workbook = _load(data, path, data_only=True)
    try:
        grids = [_read_sheet(sheet) for sheet in workbook.worksheets[:MAX_SHEETS]]
    except MemoryError as exc:
        raise NianbaoError("F020", path=path.name) from exc
    except Exception as exc:
        raise NianbaoError("F005", path=path.name, detail=_brief(exc)) from exc
    finally:
        workbook.close()
    for grid in grids:
        grid.source = data
    return grids


def read_xls_grids(path: Path) -> list[Grid]:
    """Every sheet of a legacy ``.xls`` (BIFF) workbook, read by calamine within the budget."""
    from python_calamine import CalamineWorkbook

    try:
        data = read_input(path, MAX_FILE_BYTES, path.name)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            _xls_grid(str(name), workbook.get_sheet_by_name(name))
            for name in workbook.sheet_names[:MAX_SHEETS]
        ]
    except NianbaoError:
        raise
    except MemoryError as exc:
        raise NianbaoError("F020", path=path.name) from exc
    except Exception as exc:  # calamine raises its own kinds on broken or protected files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise NianbaoError("F009", path=path.name) from exc
        raise NianbaoError("F005", path=path.name, detail=_brief(exc)) from exc


def _xls_grid(name: str, sheet: Any) -> Grid:
    grid = Grid(name)
    rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
    for row_number, values in enumerate(rows, start=1):
        if row_number > MAX_ROWS:
            grid.truncated = any(_present(value) for value in values)
            break
        for column, value in enumerate(values[:MAX_COLUMNS], start=1):
            if _present(value):
                grid.cells[row_number, column] = value
    grid.truncated = grid.truncated or sheet.width > MAX_COLUMNS
    ranges = (getattr(sheet, "merged_cell_ranges", None) or [])[:MAX_MERGES]
    clipped = (clip_merge((s[0] + 1, s[1] + 1, e[0] + 1, e[1] + 1)) for s, e in ranges)
    grid.merges = [bounds for bounds in clipped if bounds is not None]
    return grid


def formulas_at(grid: Grid, places: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The formulas standing in ``places`` of the sheet (cells whose value read as empty).

    A workbook written by a program rather than saved by WPS/Excel may hold formulas without
    their results; such a cell reads as empty and must be reported, not taken for a blank.
    """
    if not places or not grid.source:
        return {}
    workbook = _load(grid.source, Path(grid.sheet), data_only=False)
    try:
        rows = workbook[grid.sheet].iter_rows(
            max_row=max(row for row, _ in places), max_col=MAX_COLUMNS, values_only=True
        )
        found = {}
        for number, values in enumerate(rows, start=1):
            for column, value in enumerate(values, start=1):
                if (number, column) in places and isinstance(value, str) and value[:1] == "=":
                    found[number, column] = value
        return found
    finally:
        workbook.close()


def _load(data: bytes, path: Path, data_only: bool) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise NianbaoError("F001", path=path.name, detail=_brief(exc)) from exc


def _read_sheet(sheet: Any) -> Grid:
    grid = Grid(str(sheet.title))
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for row_number, values in enumerate(rows, start=1):
        if row_number > MAX_ROWS:
            grid.truncated = any(_present(value) for value in values)
            break
        for column, value in enumerate(values, start=1):
            if _present(value):
                grid.cells[row_number, column] = value
    grid.merges = _merged_ranges(sheet)
    if (sheet.max_row or 0) > MAX_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
        grid.truncated = True
    return grid


def _merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (a read-only sheet does not parse them: read its XML for them).

    The ``<mergeCell ref=…>`` elements are picked out of the part's bytes (bounded by the
    guard) by a pattern rather than a second XML parse of the whole sheet: markup ``<`` cannot
    occur in cell text, where it is escaped, so only the merge records match.
    """
    with sheet._get_source() as source:
        data = source.read()
    found = []
    for match in _MERGE_CELL.finditer(data):
        bounds = _bounds(match.group(1).decode("ascii"))
        if bounds is not None:
            found.append(bounds)
        if len(found) >= MAX_MERGES:
            break
    return found


def _bounds(ref: str) -> tuple[int, int, int, int] | None:
    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if None in (first_column, first_row, last_column, last_row):
        return None
    return clip_merge((int(first_row), int(first_column), int(last_row), int(last_column)))


def clip_merge(bounds: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """A merged range cut to the rows and columns read (None if it starts beyond them)."""
    top, left, bottom, right = bounds
    if top > MAX_ROWS or left > MAX_COLUMNS or bottom < top or right < left:
        return None
    return (top, left, min(bottom, MAX_ROWS), min(right, MAX_COLUMNS))


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _brief(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
