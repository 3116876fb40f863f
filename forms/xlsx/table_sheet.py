"""A statistical table's sheet, laid out like the printed table.

Rows 2–4 hold the annex mark, the title and the subtitle; the column header follows from row
5, as many rows high as the definition's column groups need (see ``header``), then one row
per table row. Column B holds the labels, column C the unit where the table has a unit
column (a heading row shows "—" there, as printed), then the value columns. The hidden row 1
and column A carry the ids the reader finds everything by. Portrait A4, fit to the page
width, the header rows repeated on every page.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from forms.codes import fill
from forms.definition import Row, Table
from forms.document import Document
from forms.values import RawText
from forms.xlsx.header import HeaderCell, header_cells, header_depth, lead_headers
from forms.xlsx.layout import KEY_COLUMN, TABLE_MARKER, Place
from forms.xlsx.safe import write_text
from forms.xlsx.style import (
    BOLD,
    BORDER,
    CENTRED,
    FIGURE,
    LINE_HEIGHT,
    TITLE_FONT,
    a4_page,
    letter,
    marker_row,
    styled,
    text_units,
)

LABEL_COLUMN = 2
HEADER_ROW = 5
MIN_LABEL_WIDTH = 8
HEADING_UNIT = "—"  # the unit cell of a heading row, as the printed table shows it


def first_value_column(table: Table) -> int:
    """The sheet column of the table's first value column (after the label and unit)."""
    return LABEL_COLUMN + len(lead_headers(table))


def first_data_row(table: Table) -> int:
    return HEADER_ROW + header_depth(table)


def write_table_sheet(sheet: Worksheet, table: Table, document: Document) -> dict[str, Place]:
    """One table laid out like the printed one; returns where each figure stands."""
    first = first_value_column(table)
    last_column = first + len(table.columns) - 1
    marker_row(sheet, TABLE_MARKER + table.id, [c.id for c in table.columns], first)
    _table_heading(sheet, table, document.year, last_column)
    widths = column_widths(table)
    for index, width in enumerate(widths, start=LABEL_COLUMN):
        sheet.column_dimensions[letter(index)].width = width
    _header(sheet, table, widths, [document.column_heading(table, c) for c in table.columns])
    places: dict[str, Place] = {}
    for number, row in enumerate(table.rows, start=first_data_row(table)):
        places.update(_table_row(sheet, number, (table, row), document, widths[0]))
    _table_page(sheet, table)
    return places


def _table_heading(sheet: Worksheet, table: Table, year: int, last_column: int) -> None:
    if table.annex:
        styled(sheet.cell(2, LABEL_COLUMN), table.annex, BOLD)
    for row, text, font in ((3, table.title, TITLE_FONT), (4, table.subtitle, None)):
        sheet.merge_cells(
            start_row=row, start_column=LABEL_COLUMN, end_row=row, end_column=last_column
        )
        styled(sheet.cell(row, LABEL_COLUMN), fill(text, year=year), font, CENTRED)


# -- the column header ------------------------------------------------------------------------


def _header(sheet: Worksheet, table: Table, widths: list[float], labels: list[str]) -> None:
    """The grouped header: every cell bordered, each span merged, rows tall enough to read."""
    for cell in header_cells(table, labels):
        top, left = HEADER_ROW + cell.top, LABEL_COLUMN + cell.left
        bottom, right = HEADER_ROW + cell.bottom, LABEL_COLUMN + cell.right
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                sheet.cell(row, column).border = BORDER
        styled(sheet.cell(top, left), cell.text, BOLD, CENTRED, BORDER)
        if cell.merged:
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    for level, height in enumerate(header_heights(table, widths, labels)):
        sheet.row_dimensions[HEADER_ROW + level].height = height


def header_heights(
    table: Table, widths: list[float], labels: list[str] | None = None
) -> list[float]:
    """Each header row's height: the lines its cells wrap to; a merged-down cell's surplus
    goes to its last row."""
    cells = header_cells(table, labels)
    heights = [LINE_HEIGHT] * header_depth(table)
    for cell in sorted(cells, key=lambda c: c.bottom - c.top):
        needed = LINE_HEIGHT * _lines(cell, widths)
        shortfall = needed - sum(heights[cell.top : cell.bottom + 1])
        if shortfall > 0:
            heights[cell.bottom] += shortfall
    return heights


def _lines(cell: HeaderCell, widths: list[float]) -> int:
    width = sum(widths[cell.left : cell.right + 1]) - 1
    return max(1, math.ceil(text_units(cell.text) / max(width, 1.0)))


# -- the rows ---------------------------------------------------------------------------------


def _table_row(
    sheet: Worksheet, number: int, where: tuple[Table, Row], document: Document, width: float
) -> dict[str, Place]:
    """One table row at sheet row ``number``; ``width`` is the label column's."""
    table, row = where
    sheet.cell(number, KEY_COLUMN).value = row.id
    label = Alignment(
        horizontal="left", indent=row.level * 2, vertical="center", wrap_text=True
    )  # an indent shows only on a left-aligned cell
    font = BOLD if row.is_heading else None
    styled(sheet.cell(number, LABEL_COLUMN), row.printed_label, font, label, BORDER)
    if table.unit_header:
        unit = HEADING_UNIT if row.is_heading else row.unit
        styled(sheet.cell(number, LABEL_COLUMN + 1), unit, None, CENTRED, BORDER)
    lines = _label_lines(row, width)
    if lines > 1:
        sheet.row_dimensions[number].height = LINE_HEIGHT * lines
    places: dict[str, Place] = {}
    first = first_value_column(table)
    for offset, column in enumerate(table.columns):
        cell = sheet.cell(number, first + offset)
        cell.border = BORDER
        cell.alignment = FIGURE
        if row.is_heading:
            continue
        key = table.cell_key(row.id, column.id)
        write_entry(cell, document.values.get(key))
        places[key] = Place(sheet.title, number, first + offset)
    return places


def write_entry(cell: Any, entry: int | Decimal | RawText | None) -> None:
    """A figure as a number cell, unreadable text as text, a blank as an empty cell.

    Unreadable text is a string cell but without quotePrefix: when the reviewer corrects it
    to a figure in WPS/Excel it must become a number, or the check sheet would not count it.
    """
    if isinstance(entry, RawText):
        write_text(cell, entry.text, formula_like=False)
    elif entry is not None:
        cell.value = entry


def _label_lines(row: Row, width: float) -> int:
    """About how many lines the wrapped label needs."""
    units = text_units(row.printed_label) + 2 * row.level
    return math.ceil(units / max(width - 2, 1))


# -- widths and the page ------------------------------------------------------------------------


def label_width(table: Table) -> float:
    """The label column's width in character units: its longest label, within bounds."""
    widest = max(text_units(row.printed_label) + 2 * row.level for row in table.rows)
    widest_allowed = 62 if not table.is_matrix else 40
    return float(min(max(math.ceil(widest) + 2, MIN_LABEL_WIDTH), widest_allowed))


def value_width(table: Table) -> float:
    """A value column's width: wide for a few columns, narrower for many (the headers wrap)."""
    count = len(table.columns)
    return 14.0 if count <= 3 else 11.0 if count <= 8 else 7.0


def column_widths(table: Table) -> list[float]:
    """Widths from the label column to the last value column; the title fits above them."""
    units = [7.0] if table.unit_header else []
    widths = [label_width(table), *units, *([value_width(table)] * len(table.columns))]
    title = math.ceil(text_units(table.title) * TITLE_FONT.size / 11) + 2
    widths[0] += max(0, title - sum(widths))
    return widths


def _table_page(sheet: Worksheet, table: Table) -> None:
    """Portrait A4 fit to width, every header row repeated, labels and header frozen."""
    first_row = first_data_row(table)
    sheet.print_title_rows = f"{HEADER_ROW}:{first_row - 1}"
    sheet.freeze_panes = sheet.cell(first_row, first_value_column(table))
    a4_page(sheet)
