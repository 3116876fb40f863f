"""Lay a document out as a workbook: the statistical tables as printed, the text, the checks.

Sheets, in order: one per table (附件1 …, laid out like the printed table by
``table_sheet``), 年报正文 (header, contact line, preface, the numbered parts), the analysis
note (附件2), 签署栏, 审核 (live check formulas) and a very hidden ``_nianbao`` sheet with
the definition, the app version and the canonical document JSON in pieces. All text goes
through :func:`write_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from forms.definition import FormDefinition
from forms.document import Document
from forms.version import APP_VERSION
from forms.xlsx.checks import BLANK, PASSED, VERDICTS, CheckRow, check_rows
from forms.xlsx.layout import (
    CHECK_SHEET,
    FIELDS_MARKER,
    FILE_LAYOUT,
    KEY_COLUMN,
    META_APP,
    META_SHEET,
    REPORT_SHEET,
    SIGNATORY_SHEET,
    VALUE_COLUMN_ID,
    Place,
    analysis_sheet_name,
    chunk_key,
    narrative_key,
    table_sheet_names,
)
from forms.xlsx.review_sheet import REVIEW_SHEET, write_review_sheet
from forms.xlsx.safe import (
    MAX_CELL_CHARS,
    cell_text,
    looks_like_formula,
    split_for_cells,
    write_text,
)
from forms.xlsx.style import BOLD, BORDER, CENTRED, TITLE_FONT, WRAPPED, a4_page, marker_row, styled
from forms.xlsx.table_sheet import write_table_sheet

TEXT_LABEL_COLUMN, TEXT_VALUE_COLUMN = 2, 3
TEXT_WIDTH_CHARS = 45  # roughly what fits in the text column, for row heights
_UNSAFE_IN_JSON = re.compile("[\ud800-\udfff\ufffe\uffff]")


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
    write_review_sheet(workbook.create_sheet(REVIEW_SHEET), document)
    write_meta_sheet(workbook.create_sheet(META_SHEET), document)
    workbook.calculation.fullCalcOnLoad = True
    return workbook


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
    marker_row(sheet, FIELDS_MARKER, [VALUE_COLUMN_ID], TEXT_VALUE_COLUMN)
    sheet.merge_cells(
        start_row=2, start_column=TEXT_LABEL_COLUMN, end_row=2, end_column=TEXT_VALUE_COLUMN
    )
    styled(sheet.cell(2, TEXT_LABEL_COLUMN), title, TITLE_FONT, CENTRED)
    row = 3
    for field in fields:
        row = _field_rows(sheet, row, field)
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 90
    a4_page(sheet)


def _field_rows(sheet: Worksheet, row: int, field: TextField) -> int:
    pieces: list[str | int] = (
        [field.value]
        if isinstance(field.value, int)
        else list(split_for_cells(cell_text(field.value)))
    )
    for index, piece in enumerate(pieces):
        sheet.cell(row, KEY_COLUMN).value = chunk_key(field.key, index)
        styled(
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
        styled(sheet.cell(2, column), text, BOLD, CENTRED, BORDER)
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
    a4_page(sheet)


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
        ("app_version", APP_VERSION),
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
