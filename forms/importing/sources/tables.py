"""Tables read from a document laid into one grid, as if a sheet held them one under another.

A Word file, a web page or a PDF holds the statistical tables (二, 三, 四) as separate tables.
The matcher reads one sheet, so every table of a source goes into one :class:`Grid`, each
starting in column 1 below the previous one with an empty row between. A merged cell keeps its
text in its top-left position, the other positions it covers stay empty, and its range is in
``Grid.merges``, as in a workbook.
Tables, rows and columns beyond the budget of :mod:`forms.importing.workbook` are cut off and
the grid says so (``truncated``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.importing.workbook import MAX_COLUMNS, MAX_ROWS, Grid


@dataclass(frozen=True)
class Cell:
    """One cell of a source table: its place in the table's own grid, its span and its text."""

    row: int
    column: int
    text: str
    rows: int = 1
    columns: int = 1


@dataclass
class Table:
    """A table as read: its cells (0-based places) and where it was found (for the report)."""

    where: str
    cells: list[Cell] = field(default_factory=list)
    columns_at: list[int] = field(default_factory=list)  # rule positions, for a PDF table
    header_rows: int = 0  # rows of column headers at the top (an unruled PDF table)

    @property
    def height(self) -> int:
        return max((cell.row + cell.rows for cell in self.cells), default=0)

    def row_texts(self, row: int) -> list[str]:
        return [cell.text for cell in sorted(self.cells, key=_column) if cell.row == row]


def _column(cell: Cell) -> int:
    return cell.column


def stack(tables: list[Table], sheet: str) -> tuple[Grid, list[str]]:
    """All tables in one grid, and a line per table saying which grid rows it occupies."""
    grid = Grid(sheet)
    places: list[str] = []
    top = 1
    for table in tables:
        if not table.cells:
            continue
        if top + table.height - 1 > MAX_ROWS:
            grid.truncated = True
            break
        for cell in table.cells:
            _put(grid, top + cell.row, 1 + cell.column, cell.text)
            if (cell.rows > 1 or cell.columns > 1) and cell.text.strip():
                _merge(grid, top + cell.row, 1 + cell.column, cell)
        places.append(f"{table.where}：第{top}–{top + table.height - 1}行")
        top += table.height + 1
    return grid, places


def _merge(grid: Grid, row: int, column: int, cell: Cell) -> None:
    """A cell spanning rows or columns as a merged range, as a workbook keeps it."""
    last_row = min(row + cell.rows - 1, MAX_ROWS)
    last_column = min(column + cell.columns - 1, MAX_COLUMNS)
    if row <= MAX_ROWS and column <= MAX_COLUMNS and (last_row, last_column) != (row, column):
        grid.merges.append((row, column, last_row, last_column))


def _put(grid: Grid, row: int, column: int, text: str) -> None:
    if column > MAX_COLUMNS or row > MAX_ROWS:
        grid.truncated = True
        return
    text = text.strip()
    if text:
        grid.cells[row, column] = text
