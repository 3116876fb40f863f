"""The look every sheet shares: fonts, borders, alignments, the hidden marker row, A4 pages."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from forms.xlsx.layout import KEY_COLUMN, MARKER_ROW
from forms.xlsx.safe import write_text

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=16)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAPPED = Alignment(vertical="top", wrap_text=True)
FIGURE = Alignment(horizontal="center", vertical="center")  # as the printed table centres them
A4 = 9
LINE_HEIGHT = 15.0  # points per line of 11 pt text, what WPS/Excel/LibreOffice give a row


def marker_row(sheet: Worksheet, marker: str, ids: list[str], first_column: int) -> None:
    """The hidden first row: the sheet's marker in A1 and each value column's id above it."""
    sheet.cell(MARKER_ROW, KEY_COLUMN).value = marker
    for offset, ident in enumerate(ids):
        sheet.cell(MARKER_ROW, first_column + offset).value = ident
    sheet.column_dimensions[letter(KEY_COLUMN)].hidden = True
    sheet.row_dimensions[MARKER_ROW].hidden = True


def styled(
    cell: Any,
    text: str,
    font: Font | None = None,
    align: Alignment | None = None,
    border: Border | None = None,
) -> None:
    """Text into a cell (through :func:`write_text`) with the given look."""
    write_text(cell, text)
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border


def a4_page(sheet: Worksheet, landscape: bool = False) -> None:
    """A4, fit to the page width, as many pages down as needed, centred."""
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def text_units(text: str) -> float:
    """About how wide a text is in column-width units (a Chinese character is ~1.7 units)."""
    return sum(1.0 if ord(ch) < 0x2E80 else 1.7 for ch in text)


def letter(column: int) -> str:
    return str(get_column_letter(column))
