"""The consolidated file: the total report as the app saves any report, plus visible sheets.

The total opens in this app like any unit's report (its own sheets and hidden copy are the
app's usual ones). Beside them, for the office and for a reviewer in WPS/Excel:
汇总明细 (one row per unit counted, one column per figure, and the 合计 row), 未计入 (each
file left out and why), with a register 报送情况 (each unit's state: 已报送, 草稿, 有错误,
年度或格式不符, 未报送) and, when the parent's own report was given, 上级核对 (each figure
of the parent that is not the sum of its children, and the children's figures).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from forms.atomic import write_atomically
from forms.document import now_iso
from forms.office.consolidate import Consolidation
from forms.office.register import Filing, filing_counts
from forms.xlsx.safe import write_text
from forms.xlsx.style import (
    BOLD,
    BORDER,
    CENTRED,
    LINE_HEIGHT,
    WRAPPED,
    letter,
    text_units,
)
from forms.xlsx.writer import build_workbook

BREAKDOWN_SHEET = "汇总明细"
LEFT_OUT_SHEET = "未计入"
PARENT_SHEET = "上级核对"
FILINGS_SHEET = "报送情况"
FIXED_COLUMNS = ("序号", "单位", "文件", "状态")
DEFAULT_WIDTH = 8.43  # a column's width in WPS/Excel when the file gives none


def save_consolidation(result: Consolidation, path: Path, filings: Sequence[Filing] = ()) -> None:
    """Write the total with its breakdown sheets atomically (F008 on failure)."""
    result.total.modified = now_iso()
    workbook = build_workbook(result.total, result.form)
    extra: list[tuple[str, Callable[[Worksheet], None]]] = [
        (BREAKDOWN_SHEET, lambda sheet: _breakdown(sheet, result))
    ]
    extra.append((LEFT_OUT_SHEET, lambda sheet: _left_out(sheet, result)))
    if filings:
        extra.append((FILINGS_SHEET, lambda sheet: _filings(sheet, filings)))
    if result.parent_differences:
        extra.append((PARENT_SHEET, lambda sheet: _parent(sheet, result)))
    for position, (title, write_sheet) in enumerate(extra):
        sheet = workbook.create_sheet(title, position)
        write_sheet(sheet)
        _printable(sheet, title == BREAKDOWN_SHEET)
    workbook.active = 0

    def write(handle: BinaryIO) -> None:
        workbook.save(handle)

    write_atomically(path, write)


def _breakdown(sheet: Worksheet, result: Consolidation) -> None:
    """Units down, figures across: two header rows (table, then the cell's label)."""
    index = result.form.index
    cells = index.cell_order
    tables = {table.id: table.title for table in result.form.tables}
    for column, title in enumerate(FIXED_COLUMNS, start=1):
        _put(sheet, 1, column, title, header=True)
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    for offset, cell in enumerate(cells, start=len(FIXED_COLUMNS) + 1):
        _put(sheet, 1, offset, tables[index.cell_tables[cell].id], header=True)
        _put(sheet, 2, offset, index.label(cell), header=True)
        sheet.column_dimensions[letter(offset)].width = 14
    for row, unit in enumerate(result.counted, start=3):
        fixed = (row - 2, unit.unit, Path(unit.path).name, unit.status)
        for column, value in enumerate(fixed, start=1):
            _put(sheet, row, column, value)
        for offset, cell in enumerate(cells, start=len(FIXED_COLUMNS) + 1):
            _put(sheet, row, offset, unit.values.get(cell))
    last = len(result.counted) + 3
    _put(sheet, last, 2, "合计", header=True)
    for offset, cell in enumerate(cells, start=len(FIXED_COLUMNS) + 1):
        _put(sheet, last, offset, result.total.values.get(cell), header=True)
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 24
    sheet.freeze_panes = "E3"


def _left_out(sheet: Worksheet, result: Consolidation) -> None:
    for column, title in enumerate(("序号", "文件", "未计入的原因"), start=1):
        _put(sheet, 1, column, title, header=True)
    for row, item in enumerate(result.left_out, start=2):
        for column, value in enumerate((row - 1, Path(item.path).name, item.reason), start=1):
            _put(sheet, row, column, value)
    if not result.left_out:
        _put(sheet, 2, 2, "所有文件均已计入")
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 80


def _filings(sheet: Worksheet, filings: Sequence[Filing]) -> None:
    for column, title in enumerate(("序号", "单位", "报送情况", "文件"), start=1):
        _put(sheet, 1, column, title, header=True)
    for row, filing in enumerate(filings, start=2):
        for column, value in enumerate((row - 1, filing.unit, filing.state, filing.file), 1):
            _put(sheet, row, column, value)
    _put(sheet, len(filings) + 2, 2, f"合计：{filing_counts(filings)}", header=True)
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 14
    sheet.column_dimensions["D"].width = 30


def _parent(sheet: Worksheet, result: Consolidation) -> None:
    titles = ("指标", "上级报告", "下级合计", "差额", "下级各单位")
    for column, title in enumerate(titles, start=1):
        _put(sheet, 1, column, title, header=True)
    for row, item in enumerate(result.parent_differences, start=2):
        gap = None if item.parent is None else item.parent - item.children
        children = "，".join(f"{unit} {figure}" for unit, figure in item.contributions)
        for column, value in enumerate((item.label, item.parent, item.children, gap, children), 1):
            _put(sheet, row, column, value)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["E"].width = 60


def _printable(sheet: Worksheet, wide: bool) -> None:
    """Printed from WPS/Excel on A4 landscape: a list one page wide, its long texts wrapped
    in their cells; the breakdown (a column per figure) across pages, with the units' names
    and the two header rows on each."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if wide:
        sheet.print_title_rows, sheet.print_title_cols = "1:2", "A:D"
    else:
        sheet.print_title_rows = "1:1"
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and not cell.font.b:  # 合计 stays centred
                    cell.alignment = WRAPPED
    _fit_rows(sheet)


def _fit_rows(sheet: Worksheet) -> None:
    """Each row as tall as its longest text wraps to: WPS/Excel and LibreOffice keep a
    written file's row heights, and a wrapped text in a one-line row is cut or overprinted."""
    for row in sheet.iter_rows():
        lines = max((_lines(sheet, cell.column, cell.value) for cell in row), default=1)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def _lines(sheet: Worksheet, column: int, value: object) -> int:
    if not isinstance(value, str):
        return 1
    name = letter(column)  # looked up, not created: a new entry would be written 13 wide
    given = sheet.column_dimensions[name].width if name in sheet.column_dimensions else None
    width = given or DEFAULT_WIDTH
    return max(1, math.ceil(text_units(value) / max(width - 1, 1.0)))


def _put(sheet: Worksheet, row: int, column: int, value: Any, header: bool = False) -> None:
    target = sheet.cell(row, column)
    if isinstance(value, str):
        write_text(target, value)
    else:
        target.value = value
    target.border = BORDER
    if header:
        target.font, target.alignment = BOLD, CENTRED
