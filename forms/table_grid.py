"""A form table as a grid: the grouped head with its spans, then one body row per form row.

The Word file (:mod:`forms.docx`) and the web page (:mod:`forms.html`) write the same
:class:`Grid` through :mod:`forms.outline`, so both merge the same header cells. A column
whose report states its unit (采购总金额) is headed with that unit, as the PDF prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.definition import Row
from forms.definition import Table as FormTable
from forms.document import Document
from forms.values import format_entry

NO_UNIT = "—"


@dataclass(frozen=True)
class HeadCell:
    """One header cell of a grid, at ``row``/``column`` of the head, spanning others."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyRow:
    """One row under the head: its label, its unit (if the table has a unit column) and its
    figures as printed; ``cells`` are the cell ids of the figures (empty for a heading row)."""

    label: str
    level: int
    is_heading: bool
    unit: str | None
    values: tuple[str, ...]
    cells: tuple[str, ...] = ()

    @property
    def texts(self) -> list[str]:
        lead = [self.label] if self.unit is None else [self.label, self.unit]
        return [*lead, *self.values]


@dataclass(frozen=True)
class Grid:
    """A table: an optional caption, the head (``head_rows`` deep) and the body rows."""

    id: str
    caption: str
    columns: int
    head_rows: int
    head: tuple[HeadCell, ...]
    rows: tuple[BodyRow, ...]
    lead_columns: int = 1  # label (and unit) columns before the figures

    def head_matrix(self) -> list[list[str]]:
        """The head as a full matrix, a merged cell's text in each place it covers."""
        matrix = [[""] * self.columns for _ in range(self.head_rows)]
        for cell in self.head:
            for row in range(cell.row, cell.row + cell.rowspan):
                for column in range(cell.column, cell.column + cell.colspan):
                    matrix[row][column] = cell.text
        return matrix


def table_grid(document: Document, table: FormTable, caption: str = "") -> Grid:
    """A form table as a grid: grouped head, then one row per form row."""
    rows = tuple(_body_row(document, table, row) for row in table.rows)
    return Grid(
        id=table.id,
        caption=caption,
        columns=lead_columns(table) + len(table.columns),
        head_rows=head_depth(table),
        head=table_head(document, table),
        rows=rows,
        lead_columns=lead_columns(table),
    )


def lead_columns(table: FormTable) -> int:
    """The label column, and the unit column where the table has one."""
    return 2 if table.unit_header else 1


def head_depth(table: FormTable) -> int:
    """The head's rows: one per level of column groups, and the columns' own labels."""
    return 1 + max(len(column.groups) for column in table.columns)


def table_head(document: Document, table: FormTable) -> tuple[HeadCell, ...]:
    """The head's cells, row by row: the label (and unit) header down the whole head, each
    group over the adjacent columns sharing it, each column's heading (with the unit the
    report states) down to the body."""
    lead, depth = lead_columns(table), head_depth(table)
    head = [HeadCell(table.label_header or table.note, 0, 0, rowspan=depth)]
    if table.unit_header:
        head.append(HeadCell(table.unit_header, 0, 1, rowspan=depth))
    head += _group_cells(table, lead)
    for index, column in enumerate(table.columns):
        level = len(column.groups)
        heading = document.column_heading(table, column)
        head.append(HeadCell(heading, level, lead + index, rowspan=depth - level))
    return tuple(sorted(head, key=lambda cell: (cell.row, cell.column)))


def _group_cells(table: FormTable, lead: int) -> list[HeadCell]:
    """A group's cell over the adjacent columns that share it (and its parents)."""
    cells: list[HeadCell] = []
    columns = table.columns
    for level in range(max(len(column.groups) for column in columns)):
        start = 0
        while start < len(columns):
            key = columns[start].groups[: level + 1]
            end = start
            while (
                len(key) > level
                and end + 1 < len(columns)
                and columns[end + 1].groups[: level + 1] == key
            ):
                end += 1
            if len(key) > level:
                span = end - start + 1
                cells.append(HeadCell(key[level], level, lead + start, colspan=span))
            start = end + 1
    return cells


def _body_row(document: Document, table: FormTable, row: Row) -> BodyRow:
    unit = (row.unit or NO_UNIT) if table.unit_header else None
    if row.is_heading:
        blanks = ("",) * len(table.columns)
        return BodyRow(row.printed_label, row.level, True, unit, blanks)
    cells = tuple(table.cell_key(row.id, column.id) for column in table.columns)
    values = tuple(format_entry(document.values.get(cell)) for cell in cells)
    return BodyRow(row.printed_label, row.level, False, unit, values, cells)
