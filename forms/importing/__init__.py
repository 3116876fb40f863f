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

from forms.boundary import admit
from forms.codes import NianbaoError
from forms.definition import FormDefinition
from forms.definition_files import available_forms, form_for_year, load_form
from forms.derive import write_values
from forms.document import Document, new_document
from forms.importing.carry import follow_on
from forms.importing.cells import Reading
from forms.importing.labels import LabelIndex, fold, label_key
from forms.importing.mapping import Placed, locate_labels, place_tables
from forms.importing.readout import fill_report, unused_columns
from forms.importing.report import ImportReport
from forms.importing.workbook import MAX_COLUMNS, MAX_ROWS, Grid, read_grids
from forms.values import Entry

DEFAULT_FORM = "gov-info-2018"
DASHES_AS_ZERO = Reading()
_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度|政府信息公开)")
_UNIT = re.compile(r"^填报单位(?:\(盖章\))?:(.+)$")

__all__ = [
    "DEFAULT_FORM",
    "Grid",
    "ImportReport",
    "Imported",
    "Reading",
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
    path: Path,
    form_id: str | None = None,
    unit: str = "",
    year: int = 0,
    reading: Reading = DASHES_AS_ZERO,
) -> Imported:
    """Read the statistical table of workbook ``path`` into a new document (F0xx if unusable)."""
    return import_grids(read_grids(path), path.name, form_id, unit, year, reading)


def import_grids(
    grids: list[Grid],
    name: str,
    form_id: str | None = None,
    unit: str = "",
    year: int = 0,
    reading: Reading = DASHES_AS_ZERO,
) -> Imported:
    """Find the statistical tables among ``grids`` (from any source) and read them in.

    ``name`` is the file name shown in the report and in errors. ``form_id`` None: the form
    whose tables fit most cells is chosen, a tie going to the form of the year the sheet
    states; the report says which and why. ``unit`` and ``year``, when not given, are taken
    from the sheet's 填报单位 line and its “（2018年度）” subtitle or report title.
    """
    forms = [load_form(form_id)] if form_id else available_forms()
    attempts = [_attempt(grids, name, form, reading) for form in forms]
    read = [attempt for attempt in attempts if isinstance(attempt, _Read)]
    if not read:
        failures = [attempt for attempt in attempts if isinstance(attempt, NianbaoError)]
        failure = max(failures, key=_labels_found)
        if form_id:
            failure = _with_hint(failure, grids, name, form_id, reading)
        raise failure
    stated = _stated_year(grids)
    chosen = max(read, key=lambda attempt: (attempt.score, _year_fits(attempt.form, stated)))
    report = chosen.report
    report.form_id = chosen.form.id
    if not form_id:
        report.form_reason = _why(chosen, read, stated, len(forms))
    unit = unit or _detected_unit(chosen.placed, report)
    year = year or _detected_year(chosen.placed, report)
    document = new_document(chosen.form.id, unit, year, report.notices)
    document.units = dict(report.units)
    write_values(document, chosen.values)  # totals the table gives are kept; others computed
    report.notices += admit(document)  # values kept as typed pass the boundary too
    return Imported(document, report)


@dataclass
class _Read:
    """One form tried on the grids: what it found."""

    form: FormDefinition
    placed: list[Placed]
    report: ImportReport
    values: dict[str, Entry]
    labels: int

    @property
    def score(self) -> int:
        """The cells read from the sheet (a figure or a blank under a known column)."""
        return sum(1 for item in self.report.mapped if item.source != "—")


def _attempt(
    grids: list[Grid], name: str, form: FormDefinition, reading: Reading
) -> _Read | NianbaoError:
    index = LabelIndex(form)
    located = [locate_labels(grid, index) for grid in grids]
    labels = max((item.score for item in located), default=0)
    try:
        placed = place_tables(located, index, name)
    except NianbaoError as exc:
        exc.labels_found = labels  # type: ignore[attr-defined]
        return exc
    report = ImportReport(name, dashes_as_zero=reading.dashes_as_zero)
    values = fill_report(placed, index, report, reading)
    report.notices.extend(_notices(placed, grids, index))
    return _Read(form, placed, report, values, labels)


def _with_hint(
    failure: NianbaoError, grids: list[Grid], name: str, form_id: str, reading: Reading
) -> NianbaoError:
    """The failure of the format asked for, naming the format the table does fit, if any."""
    others = [form for form in available_forms() if form.id != form_id]
    fits = [a for a in (_attempt(grids, name, f, reading) for f in others) if isinstance(a, _Read)]
    if failure.code != "F011" or not fits:
        return failure
    best = max(fits, key=lambda attempt: attempt.score).form
    hint = f"（表格像是“{best.name}”，请改用 --form {best.id}）"
    detail = f"{failure.context.get('detail', '')}{hint}"
    return NianbaoError("F011", **{**failure.context, "detail": detail})


def _labels_found(attempt: _Read | NianbaoError) -> int:
    return int(getattr(attempt, "labels_found", 0))


def _year_fits(form: FormDefinition, stated: int) -> bool:
    return bool(stated) and form_for_year(stated).id == form.id


def _why(chosen: _Read, read: list[_Read], stated: int, tried: int) -> str:
    others = [a for a in read if a is not chosen]
    compared = "；".join(f"{a.form.name}对应{a.score}项" for a in others)
    if tried > len(read):
        compared += ("；" if compared else "") + f"其余{tried - len(read)}种格式对应0项"
    text = f"按表格内容选用“{chosen.form.name}”：对应{chosen.score}项"
    if any(a.score == chosen.score for a in others) and stated:
        text += f"，与其他格式相同，按表中年度{stated}年选定"
    return text + (f"（{compared}）" if compared else "")


def _notices(placed: list[Placed], grids: list[Grid], index: LabelIndex) -> list[str]:
    notices = []
    used = {id(item.grid) for item in placed}
    others = [grid.sheet for grid in grids if id(grid) not in used]
    if others:
        sheets = "、".join(dict.fromkeys(f"“{item.grid.sheet}”" for item in placed))
        notices.append(f"只读取了工作表{sheets}（其余：{'、'.join(others)}）")
    if any(item.grid.truncated for item in placed):
        notices.append(f"表格很大，只读取了前{MAX_ROWS}行、前{MAX_COLUMNS}列")
    if not any(item.columns for item in placed):
        notices.append("没有找到数值列（表头“统计数”或任何数字），所有数值保持空白")
    for item in placed:
        notices.extend(unused_columns(item, index))
    notices.extend(_columns_taken(placed, index))
    return notices


def _columns_taken(placed: list[Placed], index: LabelIndex) -> list[str]:
    """One line per table: where its value columns were found (each cell's source is listed)."""
    lines = []
    for item in placed:
        table = item.table
        letters = [
            get_column_letter(item.columns[c.id]) for c in table.columns if c.id in item.columns
        ]
        if not table.is_matrix and letters:
            name = f"{table.title}·{table.columns[0].label}" if len(index.form.tables) > 1 else ""
            lines.append(f"“{name or table.columns[0].label}”取自第{letters[0]}列")
        elif letters:
            found = (
                f"{len(letters)}列"
                if len(letters) == len(table.columns)
                else (f"{len(table.columns)}列中的{len(letters)}列")
            )
            lines.append(f"“{table.title}”的{found}依次取自第{'、'.join(letters)}列")
    return lines


def _stated_year(grids: list[Grid]) -> int:
    years = {
        int(match.group(1))
        for grid in grids
        for value in grid.cells.values()
        if isinstance(value, str) and (match := _YEAR.search(fold(value)))
    }
    return years.pop() if len(years) == 1 else 0


def _detected_unit(placed: list[Placed], report: ImportReport) -> str:
    grid = placed[0].grid
    for (row, column), value in sorted(grid.cells.items()):
        if isinstance(value, str):
            match = _UNIT.match(fold(value))
            if match:
                unit = re.split(r"[:：]", value, maxsplit=1)[-1].strip()
                report.notices.append(f"填报单位取自 {grid.address(row, column)}：{unit}")
                return unit
    return ""


def _detected_year(placed: list[Placed], report: ImportReport) -> int:
    grid = placed[0].grid
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
