"""Consolidation (汇总): many units' reports of one form and year added up into one.

:func:`read_unit` reads one file into a small :class:`UnitFile` (picklable, so that several
processes can read at once). :func:`consolidate` decides the form and year, leaves out
every file it cannot count, each with its reason (unreadable, another form or year, still
in error, a unit already counted), adds up every figure of the rest and re-runs every check
on the total. A column whose unit a report states (采购总金额 in 万元 or 元) is added up in
one unit: the one every unit stated, else the finest of them, each figure converted. Given
the parent's own report, it compares each of the parent's figures with the sum of its
children and names the cells and the children behind each difference.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

from forms.codes import NianbaoError
from forms.definition import Column, FormDefinition, Table
from forms.definition_files import load_form
from forms.derive import derive, totals
from forms.document import Document, new_document
from forms.importing.cells import SCALES
from forms.validation import Report, validate
from forms.values import Number
from forms.xlsx.fast_grids import read_grids_fast
from forms.xlsx.reader import open_document

IN_PROCESS_BELOW = 24  # fewer files are read faster than new processes start
LOCK_PREFIX = "~$"  # WPS/Excel's lock file beside an open workbook
Progress = Callable[[int, int], None]  # (files read, files in all)
Cancelled = Callable[[], bool]


class ConsolidationCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class UnitFile:
    """What consolidation needs of one unit's file, or why it cannot be counted."""

    path: str
    unit: str = ""
    form_id: str = ""
    year: int = 0
    status: str = ""
    values: dict[str, Number] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    refusal: str = ""  # the file could not be read: the coded message
    units: dict[str, str] = field(default_factory=dict)  # table/column → the unit it states


@dataclass(frozen=True)
class LeftOut:
    """A file not counted, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class ParentDifference:
    """A parent figure that differs from the sum of its children."""

    cell: str
    label: str
    parent: Number | None
    children: Number
    contributions: tuple[tuple[str, Number], ...]  # (unit, figure) of the children with one

    @property
    def parent_text(self) -> str:
        """The parent's figure as shown: 未填 where the parent left the cell blank."""
        return "未填" if self.parent is None else str(self.parent)


@dataclass
class Consolidation:
    """The total report, the units counted in it, and what was left out."""

    total: Document
    counted: list[UnitFile]
    left_out: list[LeftOut]
    report: Report
    parent_differences: list[ParentDifference] = field(default_factory=list)

    @property
    def form(self) -> FormDefinition:
        return self.total.form

    def check_summary(self) -> str:
        """The total's checks in one line: its figures' problems apart from the text, contact
        and signatories the consolidating office still has to write."""
        cells = self.form.index.cell_rows
        figures = [f for f in self.report.findings if f.cells[0] in cells]
        errors = sum(1 for f in figures if f.is_error)
        to_write = sum(1 for f in self.report.findings if f.cells[0] not in cells)
        line = f"汇总数字：错误{errors}处，警告{len(figures) - errors}处"
        if to_write:
            line += f"；汇总报告的正文、联系方式和签署栏待填写（{to_write}处）"
        return line


def read_unit(path: str) -> UnitFile:
    """One unit's file, read and checked; never raises for a bad file (``refusal`` says why)."""
    if Path(path).name.startswith(LOCK_PREFIX):
        return UnitFile(path, refusal="WPS/Excel 打开文件时留下的临时锁定文件，不是年报")
    try:
        document = open_document(Path(path), read_grids_fast).document
    except NianbaoError as exc:
        return UnitFile(path, refusal=f"[{exc.code}] {exc}")
    except MemoryError:
        return UnitFile(path, refusal="[F006] 文件过大，读取时内存不足")
    report = validate(document)
    figures = {
        cell: value
        for cell, value in document.values.items()
        if isinstance(value, int | Decimal) and not isinstance(value, bool)
    }
    errors = tuple(f.message for f in report.findings if f.is_error)
    units = {
        table.unit_key(column): document.unit_of(table, column)
        for table, column in _unit_columns(document.form)
    }
    return UnitFile(
        path,
        document.unit.strip(),
        document.form_id,
        document.year,
        report.status.value,
        figures,
        errors,
        units=units,
    )


def _unit_columns(form: FormDefinition) -> list[tuple[Table, Column]]:
    """The columns whose unit a report states (采购总金额: 万元 or 元)."""
    return [(t, c) for t in form.tables for c in t.columns if len(c.units) > 1]


def unit_files(sources: Iterable[Path]) -> list[Path]:
    """The .xlsx files named or inside the folders named (not their subfolders), sorted."""
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found += sorted(p for p in source.glob("*.xlsx") if p.is_file())
        else:
            found.append(source)
    return list(dict.fromkeys(found))


def read_units(
    paths: Sequence[Path], progress: Progress | None = None, cancelled: Cancelled | None = None
) -> list[UnitFile]:
    """Every file read, in the order given; several processes for many files."""
    names = [str(p) for p in paths]
    results: list[UnitFile] = []
    if len(names) < IN_PROCESS_BELOW:
        for name in names:
            _check_cancelled(cancelled)
            results.append(read_unit(name))
            _report(progress, len(results), len(names))
        return results
    workers = max(1, min(os.cpu_count() or 1, 8))
    # spawn, not fork: the window's threads must not be copied into the workers
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        try:
            for result in pool.map(read_unit, names, chunksize=8):
                results.append(result)
                _report(progress, len(results), len(names))
                _check_cancelled(cancelled)
        except ConsolidationCancelled:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return results


def consolidate(
    units: list[UnitFile],
    form_id: str | None = None,
    year: int | None = None,
    unit_name: str = "",
    parent: Document | None = None,
) -> Consolidation:
    """Add up the units that can be counted; everything else goes to ``left_out``."""
    readable = [u for u in units if not u.refusal]
    left_out = [LeftOut(u.path, u.refusal) for u in units if u.refusal]
    form_id, year = _form_and_year(readable, form_id, year, parent)
    counted: list[UnitFile] = []
    seen: dict[str, UnitFile] = {}
    for unit in readable:
        reason = _why_not_counted(unit, form_id, year, seen)
        if reason:
            left_out.append(LeftOut(unit.path, reason))
        else:
            seen[unit_key(unit.unit)] = unit
            counted.append(unit)
    name = unit_name or (parent.unit if parent else "") or "汇总"
    form = load_form(form_id)
    amounts_in = _common_units(form, counted)
    counted = [_in_units(form, unit, amounts_in) for unit in counted]
    total = _total(form_id, year, name, counted, amounts_in)
    if parent is not None:
        parent = _parent_in_units(parent, amounts_in)
    differences = parent_differences(parent, total, counted) if parent else []
    return Consolidation(total, counted, left_out, validate(total), differences)


def _form_and_year(
    units: list[UnitFile], form_id: str | None, year: int | None, parent: Document | None
) -> tuple[str, int]:
    """The form and year asked for, else the parent's, else the most common among the files."""
    if parent is not None:
        form_id, year = form_id or parent.form_id, year or parent.year
    common = Counter((u.form_id, u.year) for u in units).most_common()
    if form_id is None:
        form_id = common[0][0][0] if common else load_form("gov-info-2021").id
    if year is None:
        matching = [y for (f, y), _ in common if f == form_id]
        year = matching[0] if matching else 0
    load_form(form_id)  # an unknown form is a DefinitionError here, not a crash later
    return form_id, year


def _why_not_counted(unit: UnitFile, form_id: str, year: int, seen: dict[str, UnitFile]) -> str:
    if unit.form_id != form_id or unit.year != year:
        form = load_form(unit.form_id).name if unit.form_id else "未知格式"
        return f"另一格式或年度：{form}，{unit.year}年（汇总的是{year}年）"
    if not unit.unit:
        return "未填写单位名称"
    if unit.errors:
        return f"仍有{len(unit.errors)}处错误，如：{unit.errors[0]}"
    first = seen.get(unit_key(unit.unit))
    if first is not None:
        reason = f"单位“{unit.unit}”已由“{Path(first.path).name}”计入，重复"
        return reason + _differing(first, unit)
    return ""


def _differing(first: UnitFile, second: UnitFile) -> str:
    """What two files of one unit state differently: how many figures, and the first."""
    index = load_form(first.form_id).index
    cells = [c for c in index.cell_order if first.values.get(c) != second.values.get(c)]
    if not cells:
        return ""
    old, new = (_shown(u.values.get(cells[0])) for u in (first, second))
    return (
        f"；两份文件有{len(cells)}个数字不同（如{index.label(cells[0])}：{old}与{new}），"
        "请核实以哪一份为准"
    )


def _shown(value: Number | None) -> str:
    return "空白" if value is None else str(value)


def unit_key(unit: str) -> str:
    """A unit's name as compared: full-width letters, digits and brackets as half-width
    (NFKC: 第１局 is 第1局, （ is (), without spaces."""
    return "".join(unicodedata.normalize("NFKC", unit).split())


def _common_units(form: FormDefinition, counted: list[UnitFile]) -> dict[str, str]:
    """Each unit column's unit in the total: the one all stated, else the finest stated."""
    chosen = {}
    for table, column in _unit_columns(form):
        key = table.unit_key(column)
        stated = {unit.units.get(key, column.units[0]) for unit in counted} or {column.units[0]}
        chosen[key] = min(stated, key=lambda name: (SCALES.get(name, Decimal(1)), name))
    return chosen


def _converted(
    figures: dict[str, Number],
    form: FormDefinition,
    stated: dict[str, str],
    wanted: dict[str, str],
) -> dict[str, Number]:
    """``figures`` with each unit column's figures from its ``stated`` unit into the ``wanted``."""
    result = dict(figures)
    for table, column in _unit_columns(form):
        key = table.unit_key(column)
        old, new = stated.get(key, column.units[0]), wanted[key]
        if old == new or old not in SCALES or new not in SCALES:
            continue
        for row in table.value_rows():
            cell = table.cell_key(row.id, column.id)
            if cell in result:
                result[cell] = Decimal(result[cell]) * SCALES[old] / SCALES[new]
    return result


def _in_units(form: FormDefinition, unit: UnitFile, wanted: dict[str, str]) -> UnitFile:
    """A unit's figures in the total's units (the 汇总明细 shows them so too)."""
    if all(unit.units.get(key, wanted[key]) == wanted[key] for key in wanted):
        return unit
    figures = _converted(unit.values, form, unit.units, wanted)
    return replace(unit, values=figures, units=dict(wanted))


def _parent_in_units(parent: Document, wanted: dict[str, str]) -> Document:
    """The parent's report with its figures in the total's units, to compare figure by figure."""
    stated = {
        table.unit_key(column): parent.unit_of(table, column)
        for table, column in _unit_columns(parent.form)
    }
    if all(stated.get(key) == unit for key, unit in wanted.items()):
        return parent
    figures = {c: v for c, v in parent.values.items() if isinstance(v, int | Decimal)}
    converted = _converted(figures, parent.form, stated, wanted)
    return replace(parent, values={**parent.values, **converted}, units=dict(wanted))


def _total(
    form_id: str, year: int, unit: str, counted: list[UnitFile], units: dict[str, str]
) -> Document:
    document = new_document(form_id, unit, year)
    document.units.update(units)
    computed = set(totals(document.form))
    for cell in document.form.index.cell_order:
        if cell in computed:
            continue
        figures = [u.values[cell] for u in counted if cell in u.values]
        document.values[cell] = sum(figures, start=0) if len(figures) == len(counted) else None
    derive(document)
    return document


def parent_differences(
    parent: Document, total: Document, counted: list[UnitFile]
) -> list[ParentDifference]:
    """Each of the parent's figures that is not the sum of its children's."""
    index = total.form.index
    found = []
    for cell in index.cell_order:
        children = total.values.get(cell)
        own = parent.values.get(cell)
        if not isinstance(children, int | Decimal) or own == children:
            continue
        contributions = tuple((u.unit, u.values[cell]) for u in counted if u.values.get(cell))
        own_figure = own if isinstance(own, int | Decimal) else None
        found.append(ParentDifference(cell, index.label(cell), own_figure, children, contributions))
    return found


def _report(progress: Progress | None, done: int, count: int) -> None:
    if progress is not None:
        progress(done, count)


def _check_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ConsolidationCancelled
