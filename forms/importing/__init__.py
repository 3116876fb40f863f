"""Files from the real world: a foreign Annex 1 table, and last year's report.

:func:`import_workbook` reads a workbook laid out however an office made it, finds the
statistical table by its printed labels and returns a new document with a mapping report
(:class:`ImportReport`). :func:`follow_on` starts next year's report from last year's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from forms.codes import NianbaoError
from forms.definition import load_form
from forms.derive import write_values
from forms.document import Document, new_document
from forms.importing.carry import follow_on
from forms.importing.labels import LabelIndex, fold, label_key
from forms.importing.mapping import Located, fill_report, locate_labels, value_columns
from forms.importing.report import ImportReport
from forms.importing.workbook import MAX_COLUMNS, MAX_ROWS, Grid, read_grids

DEFAULT_FORM = "gov-info-2018"
_YEAR = re.compile(r"((?:19|20)\d{2})年度")
_UNIT = re.compile(r"^填报单位(?:\(盖章\))?:(.+)$")

__all__ = [
    "DEFAULT_FORM",
    "Grid",
    "ImportReport",
    "Imported",
    "follow_on",
    "import_grids",
    "import_workbook",
    "label_key",
]


@dataclass
class Imported:
    """A new document built from a foreign table, and the report of how it was read."""

    document: Document
    report: ImportReport


def import_workbook(
    path: Path, form_id: str | None = None, unit: str = "", year: int = 0
) -> Imported:
    """Read the statistical table of workbook ``path`` into a new document (F0xx if unusable)."""
    return import_grids(read_grids(path), path.name, form_id, unit, year)


def import_grids(
    grids: list[Grid], name: str, form_id: str | None = None, unit: str = "", year: int = 0
) -> Imported:
    """Find the statistical table among ``grids`` (from any source) and read it into a document.

    ``name`` is the file name shown in the report and in errors. ``form_id`` None: the form
    is chosen from the table's layout. ``unit`` and ``year``, when not given, are taken from
    the sheet's 填报单位 line and its “（2018年度）” subtitle if it has them; where they came
    from is in the report.
    """
    form_id = form_id or DEFAULT_FORM
    index = LabelIndex(load_form(form_id))
    located = _best_sheet([locate_labels(grid, index) for grid in grids], name)
    report = ImportReport(name)
    columns = value_columns(located, index, name)
    values = fill_report(located, columns, index, report)
    report.notices.extend(_notices(located, grids, columns))
    report.notices.extend(
        f"“{label}”取自第{letter}列" for label, letter in report.value_columns.items()
    )
    unit = unit or _detected_unit(located.grid, report)
    year = year or _detected_year(located.grid, report)
    document = new_document(form_id, unit, year)
    write_values(document, values)  # totals the table gives are kept; the others are computed
    return Imported(document, report)


def _best_sheet(candidates: list[Located], path: str) -> Located:
    ranked = sorted(candidates, key=lambda located: located.score, reverse=True)
    if not ranked or ranked[0].score == 0:
        detail = "没有一个单元格与统计表的指标名称相符，请确认文件中有附件1统计表"
        raise NianbaoError("F011", path=path, where="各工作表", detail=detail)
    if len(ranked) > 1 and ranked[1].score == ranked[0].score:
        names = "、".join(f"“{located.grid.sheet}”" for located in ranked[:2])
        detail = f"两个工作表{names}都像统计表，请只保留要导入的那一个"
        raise NianbaoError("F011", path=path, where="各工作表", detail=detail)
    return ranked[0]


def _notices(located: Located, grids: list[Grid], columns: dict[tuple[str, str], int]) -> list[str]:
    notices = []
    others = [grid.sheet for grid in grids if grid is not located.grid]
    if others:
        notices.append(f"只读取了工作表“{located.grid.sheet}”（其余：{'、'.join(others)}）")
    if located.grid.truncated:
        notices.append(f"表格很大，只读取了前{MAX_ROWS}行、前{MAX_COLUMNS}列")
    if not columns:
        notices.append("没有找到数值列（表头“统计数”或任何数字），所有数值保持空白")
    notices.extend(_unused_columns(located, columns))
    return notices


def _unused_columns(located: Located, columns: dict[tuple[str, str], int]) -> list[str]:
    """Columns right of the labels holding more than units, other than the value columns."""
    grid, used = located.grid, set(columns.values())
    hits = [hit for hit, _, _ in located.settled.values()]
    label_edge = max((hit.column for hit in hits), default=0)
    units = _units_of(located)
    unused = sorted(
        {
            column
            for hit in hits
            for column, value in grid.row(hit.row).items()
            if column > label_edge and column not in used and fold(str(value)) not in units
        }
    )
    return [f"第{get_column_letter(column)}列的内容未导入（不是数值列）" for column in unused]


def _units_of(located: Located) -> set[str]:
    return {fold(ref.row.unit) for _, ref, _ in located.settled.values() if ref.row.unit}


def _detected_unit(grid: Grid, report: ImportReport) -> str:
    for (row, column), value in sorted(grid.cells.items()):
        if isinstance(value, str):
            match = _UNIT.match(fold(value))
            if match:
                unit = re.split(r"[:：]", value, maxsplit=1)[-1].strip()
                report.notices.append(f"填报单位取自 {grid.address(row, column)}：{unit}")
                return unit
    return ""


def _detected_year(grid: Grid, report: ImportReport) -> int:
    found = {
        int(match.group(1)): grid.address(row, column)
        for (row, column), value in sorted(grid.cells.items(), reverse=True)
        if isinstance(value, str) and (match := _YEAR.search(fold(value)))
    }
    if len(found) == 1:
        year, place = next(iter(found.items()))
        report.notices.append(f"报告年度取自 {place}：{year}年")
        return year
    return 0
