"""The visible sheet 审核记录: the reviewer's work, readable in WPS/Excel.

It shows whether the report is signed off (审核通过, by whom, on which date, or why not), each
warning with its 说明 and the reviewer's verdict, the remarks on cells and parts, and the
change log, newest first. The app reads none of it back: the hidden copy holds the same data.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from forms.document import Document
from forms.review import approval_line
from forms.validation import validate
from forms.xlsx.safe import write_text
from forms.xlsx.style import BOLD, TITLE_FONT, WRAPPED

REVIEW_SHEET = "审核记录"
WIDTHS = {"A": 26, "B": 60, "C": 14, "D": 12, "E": 22}


def write_review_sheet(sheet: Worksheet, document: Document) -> None:
    rows: list[list[str]] = [["审核记录"], [approval_line(document)], []]
    rows += _warnings(document)
    rows += _remarks(document)
    rows += _changes(document)
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            write_text(cell, text)
            cell.alignment = WRAPPED
        if row and row[0] in _HEADINGS:
            sheet.cell(number, 1).font = BOLD
    sheet.cell(1, 1).font = TITLE_FONT
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width


_HEADINGS = ("警告的说明与核实", "审核意见", "修改记录")


def _warnings(document: Document) -> list[list[str]]:
    warnings = validate(document).warnings
    if not warnings:
        return []
    rows = [["警告的说明与核实"], ["代码", "问题", "核实", "核实人", "时间"]]
    for finding in warnings:
        verdict = document.review.verdicts.get(finding.key)
        explained = document.explanations.get(finding.key, "")
        message = finding.message + (f"\n说明：{explained}" if explained else "")
        state = [verdict.state, verdict.by, verdict.at] if verdict else ["待核实", "", ""]
        rows.append([finding.code, message, *state])
    return [*rows, []]


def _remarks(document: Document) -> list[list[str]]:
    if not document.review.remarks:
        return []
    index = document.form.index
    rows = [["审核意见"], ["位置", "意见"]]
    for place, remark in document.review.remarks.items():
        rows.append([index.label(place) if place in index.cell_rows else place, remark])
    return [*rows, []]


def _changes(document: Document) -> list[list[str]]:
    if not document.review.changes:
        return []
    rows = [["修改记录"], ["位置", "原为 → 改为", "时间"]]
    for change in reversed(document.review.changes):
        rows.append([change.place, f"{change.old} → {change.new}", change.at])
    return rows
