"""Lay a document out as a workbook: the statistical tables as printed, the text, the checks.

Sheets, in order: one per table (附件1 …, laid out like the printed annex), 年报正文 (header,
contact line, preface, the numbered parts), the analysis note (附件2), 签署栏, 审核 (live
check formulas) and a very hidden ``_nianbao`` sheet with the definition, the app version
and the canonical document JSON in pieces. All text goes through :func:`write_text`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from forms.codes import fill
from forms.definition import FormDefinition, Row, Table
from forms.document import Document
from forms.values import RawText
from forms.xlsx.checks import BLANK, PASSED, VERDICTS, CheckRow, check_rows
from forms.xlsx.layout import (
    CHECK_SHEET,
    FIELDS_MARKER,
    FILE_LAYOUT,
    KEY_COLUMN,
    MARKER_ROW,
    META_APP,
    META_SHEET,
    REPORT_SHEET,
    SIGNATORY_SHEET,
    TABLE_MARKER,
    VALUE_COLUMN_ID,
    Place,
    analysis_sheet_name,
    chunk_key,
    narrative_key,
    table_sheet_names,
)
from forms.xlsx.safe import (
    MAX_CELL_CHARS,
    cell_text,
    looks_like_formula,
    split_for_cells,
    write_text,
)

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=16)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAPPED = Alignment(vertical="top", wrap_text=True)
MIDDLE = Alignment(vertical="center")
A4 = 9
LABEL_COLUMN, UNIT_COLUMN, FIRST_VALUE_COLUMN = 2, 3, 4
TEXT_LABEL_COLUMN, TEXT_VALUE_COLUMN = 2, 3
TEXT_WIDTH_CHARS = 45  # roughly what fits in the text column, for row heights
_UNSAFE_IN_JSON = re.compile("[\ud800-\udfff\ufffe\uffff]")


def app_version() -> str:
    try:
        return version("nianbao")
    except PackageNotFoundError:
        return "0.0.0"


def build_workbook(document: Document, form: FormDefinition) -> Workbook:
    """The whole file as an openpyxl workbook, ready to save."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    places: dict[str, Place] = {}
    for table in form.tables:
        name = table_sheet_names(form)[table.id]
        places.update(write_table_sheet(workbook.create_sheet(name), table, document))
    write_fields_sheet(
        workbook.create_sheet(REPORT_SHEET), document.title(), report_fields(form, document)
    )
    if form.analysis:
        sheet = workbook.create_sheet(analysis_sheet_name(form))
        text = document.narrative.get(form.analysis.id, "")
        write_fields_sheet(
            sheet,
            form.analysis.heading,
            [TextField(narrative_key(form.analysis.id), form.analysis.title, text, True)],
        )
    write_fields_sheet(
        workbook.create_sheet(SIGNATORY_SHEET), "签署栏", signatory_fields(form, document)
    )
    write_check_sheet(workbook.create_sheet(CHECK_SHEET), check_rows(form, document, places))
    write_meta_sheet(workbook.create_sheet(META_SHEET), document)
    workbook.calculation.fullCalcOnLoad = True
    return workbook


# -- the statistical tables -----------------------------------------------------------------


def write_table_sheet(sheet: Worksheet, table: Table, document: Document) -> dict[str, Place]:
    """One table laid out like the printed annex; returns where each figure stands."""
    last_column = FIRST_VALUE_COLUMN + len(table.columns) - 1
    _marker_row(sheet, TABLE_MARKER + table.id, [c.id for c in table.columns], FIRST_VALUE_COLUMN)
    _table_heading(sheet, table, document.year, last_column)
    header_row = 5
    headers = [table.label_header, table.unit_header, *(c.label for c in table.columns)]
    for offset, text in enumerate(headers):
        _styled(sheet.cell(header_row, LABEL_COLUMN + offset), text, BOLD, CENTRED, BORDER)
    places: dict[str, Place] = {}
    for number, row in enumerate(table.rows, start=header_row + 1):
        places.update(_table_row(sheet, number, table, row, document))
    _table_page(sheet, table, header_row, last_column)
    return places


def _table_heading(sheet: Worksheet, table: Table, year: int, last_column: int) -> None:
    if table.annex:
        _styled(sheet.cell(2, LABEL_COLUMN), table.annex, BOLD)
    for row, text, font in ((3, table.title, TITLE_FONT), (4, table.subtitle, None)):
        sheet.merge_cells(
            start_row=row, start_column=LABEL_COLUMN, end_row=row, end_column=last_column
        )
        _styled(sheet.cell(row, LABEL_COLUMN), fill(text, year=year), font, CENTRED)


def _table_row(
    sheet: Worksheet, number: int, table: Table, row: Row, document: Document
) -> dict[str, Place]:
    sheet.cell(number, KEY_COLUMN).value = row.id
    label = Alignment(indent=row.level * 2, vertical="center", wrap_text=True)
    _styled(
        sheet.cell(number, LABEL_COLUMN),
        row.printed_label,
        BOLD if row.is_heading else None,
        label,
        BORDER,
    )
    _styled(sheet.cell(number, UNIT_COLUMN), row.unit, None, CENTRED, BORDER)
    lines = _label_lines(row, label_width(table))
    if lines > 1:
        sheet.row_dimensions[number].height = 15.0 * lines
    places: dict[str, Place] = {}
    for offset, column in enumerate(table.columns):
        cell = sheet.cell(number, FIRST_VALUE_COLUMN + offset)
        cell.border = BORDER
        cell.alignment = MIDDLE
        if row.is_heading:
            continue
        key = table.cell_key(row.id, column.id)
        write_entry(cell, document.values.get(key))
        places[key] = Place(sheet.title, number, FIRST_VALUE_COLUMN + offset)
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


def label_width(table: Table) -> int:
    """The label column's width in character units."""
    return 62 if not table.is_matrix else 50


def _label_lines(row: Row, width: int) -> int:
    """About how many lines the wrapped label needs (a Chinese character is ~1.7 units)."""
    units = sum(1.0 if ord(ch) < 0x2E80 else 1.7 for ch in row.printed_label) + 2 * row.level
    return math.ceil(units / max(width - 2, 1))


def _table_page(sheet: Worksheet, table: Table, header_row: int, last_column: int) -> None:
    sheet.column_dimensions["A"].hidden = True
    sheet.row_dimensions[MARKER_ROW].hidden = True
    sheet.column_dimensions["B"].width = label_width(table)
    sheet.column_dimensions["C"].width = 7
    for column in range(FIRST_VALUE_COLUMN, last_column + 1):
        sheet.column_dimensions[_letter(column)].width = 12 if table.is_matrix else 14
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(header_row + 1, FIRST_VALUE_COLUMN)
    _a4(sheet, landscape=len(table.columns) > 3)


# -- the text sheets --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextField:
    """One labelled field of a text sheet; ``long`` ones wrap and may span several cells."""

    key: str
    label: str
    value: str | int
    long: bool = False


def report_fields(form: FormDefinition, document: Document) -> list[TextField]:
    fields = [
        TextField("unit", "填报单位", document.unit),
        TextField("year", "报告年度", document.year),
    ]
    fields += [
        TextField(f"contact.{c.id}", c.label, document.contact.get(c.id, "")) for c in form.contact
    ]
    fields.append(TextField("preface", "前言", document.preface, True))
    for part in form.narrative:
        fields.append(
            TextField(
                narrative_key(part.id), part.heading, document.narrative.get(part.id, ""), True
            )
        )
    return fields


def signatory_fields(form: FormDefinition, document: Document) -> list[TextField]:
    return [
        TextField(f"sign.{field.id}", field.label, document.signatories.get(field.id, ""))
        for field in form.signatories
    ]


def write_fields_sheet(sheet: Worksheet, title: str, fields: list[TextField]) -> None:
    """A title, then one labelled row per field (more rows for a text longer than a cell)."""
    _marker_row(sheet, FIELDS_MARKER, [VALUE_COLUMN_ID], TEXT_VALUE_COLUMN)
    sheet.merge_cells(
        start_row=2, start_column=TEXT_LABEL_COLUMN, end_row=2, end_column=TEXT_VALUE_COLUMN
    )
    _styled(sheet.cell(2, TEXT_LABEL_COLUMN), title, TITLE_FONT, CENTRED)
    row = 3
    for field in fields:
        row = _field_rows(sheet, row, field)
    sheet.column_dimensions["A"].hidden = True
    sheet.row_dimensions[MARKER_ROW].hidden = True
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 90
    _a4(sheet, landscape=False)


def _field_rows(sheet: Worksheet, row: int, field: TextField) -> int:
    pieces: list[str | int] = (
        [field.value]
        if isinstance(field.value, int)
        else list(split_for_cells(cell_text(field.value)))
    )
    for index, piece in enumerate(pieces):
        sheet.cell(row, KEY_COLUMN).value = chunk_key(field.key, index)
        _styled(
            sheet.cell(row, TEXT_LABEL_COLUMN),
            field.label if index == 0 else "（续）",
            BOLD,
            WRAPPED,
            BORDER,
        )
        cell = sheet.cell(row, TEXT_VALUE_COLUMN)
        if isinstance(piece, int):
            cell.value = piece
            cell.alignment = Alignment(horizontal="left")
        else:
            first = index == 0 and isinstance(field.value, str) and looks_like_formula(field.value)
            write_text(cell, piece, formula_like=first or looks_like_formula(piece))
            cell.alignment = WRAPPED
            sheet.row_dimensions[row].height = _height(piece) if field.long else None
        cell.border = BORDER
        row += 1
    return row


def _height(text: str) -> float:
    """A row height that shows a wrapped text whole (Excel's maximum is 409 points)."""
    lines = sum(1 + len(line) // TEXT_WIDTH_CHARS for line in cell_text(text).split("\n"))
    return float(min(409, max(15, 15 * lines)))


# -- the check sheet ------------------------------------------------------------------------


def write_check_sheet(sheet: Worksheet, rows: list[CheckRow]) -> None:
    """One row per check instance: code, name, finding key, live verdict, severity."""
    note = f"结果由公式计算，修改统计表中的数字后自动更新。“{BLANK}”表示有关数字未填或不是数字。"
    write_text(sheet.cell(1, 1), note)
    headers = ["代码", "审核内容", "位置（代码@单元格）", "结果", "类别"]
    for column, text in enumerate(headers, start=1):
        _styled(sheet.cell(2, column), text, BOLD, CENTRED, BORDER)
    for number, row in enumerate(rows, start=3):
        write_text(sheet.cell(number, 1), row.rule.code)
        write_text(sheet.cell(number, 2), row.rule.name)
        write_text(sheet.cell(number, 3), row.key)
        sheet.cell(number, 4).value = row.formula
        write_text(
            sheet.cell(number, 5), "强制性审核" if row.rule.code.startswith("E") else "核实性审核"
        )
    _verdict_colours(sheet, f"D3:D{max(3, len(rows) + 2)}")
    for letter, width in zip("ABCDE", (8, 44, 40, 8, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.print_title_rows = "2:2"
    sheet.freeze_panes = "A3"
    _a4(sheet, landscape=False)


def _verdict_colours(sheet: Worksheet, area: str) -> None:
    colours = {VERDICTS[s]: c for s, c in zip(VERDICTS, ("FFC7CE", "FFEB9C"), strict=True)}
    colours |= {PASSED: "C6EFCE", BLANK: "EDEDED"}
    for verdict, colour in colours.items():
        fill = PatternFill(start_color=colour, end_color=colour, fill_type="solid")
        sheet.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=[f'"{verdict}"'], fill=fill)
        )


# -- the hidden copy ----------------------------------------------------------------------------


def write_meta_sheet(sheet: Worksheet, document: Document) -> None:
    """Definition, versions and the canonical JSON in pieces; invisible in WPS/Excel."""
    pieces = split_for_cells(json_for_cells(document.to_json()), MAX_CELL_CHARS)
    header: list[tuple[str, str | int]] = [
        ("app", META_APP),
        ("app_version", app_version()),
        ("layout", FILE_LAYOUT),
        ("form_id", document.form_id),
        ("form_version", document.form_version),
        ("json_pieces", len(pieces)),
    ]
    rows = [*header, *(("json", piece) for piece in pieces)]
    for number, (key, value) in enumerate(rows, start=1):
        sheet.cell(number, 1).value = key
        if isinstance(value, int):
            sheet.cell(number, 2).value = value
        else:
            write_text(sheet.cell(number, 2), value)
    sheet.sheet_state = "veryHidden"


def json_for_cells(text: str) -> str:
    """JSON that a cell can hold: characters XML forbids written as \\u escapes (same data)."""
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# -- helpers --------------------------------------------------------------------------------


def _marker_row(sheet: Worksheet, marker: str, ids: list[str], first_column: int) -> None:
    sheet.cell(MARKER_ROW, KEY_COLUMN).value = marker
    for offset, ident in enumerate(ids):
        sheet.cell(MARKER_ROW, first_column + offset).value = ident


def _styled(
    cell: Any,
    text: str,
    font: Font | None = None,
    align: Alignment | None = None,
    border: Border | None = None,
) -> None:
    write_text(cell, text)
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border


def _a4(sheet: Worksheet, landscape: bool) -> None:
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def _letter(column: int) -> str:
    return str(get_column_letter(column))
