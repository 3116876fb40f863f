"""Who has filed: the register of the units expected, and each unit's state for a year.

The register (单位名单) is a plain list the office keeps: an .xlsx/.xls sheet or a CSV with a
column headed 单位名称 (or 单位; else the first column), one unit per row. It lies beside the
units' files as ``单位名单.xlsx`` or ``单位名单.csv``, or is named explicitly. It is read as
any foreign file is: through the bounded, guarded workbook reader, or as CSV in UTF-8 or GBK
with any line ending. :func:`filing_states` says, for each unit, 已报送 / 草稿 / 有错误 /
年度或格式不符 (its only file is of another year or form) / 未报送, and lists the files of
units the register does not name. Names are compared as :func:`unit_key` does (full-width
and half-width alike, spaces ignored).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from forms.codes import NianbaoError
from forms.office.consolidate import UnitFile, unit_key
from forms.xlsx.guard import read_input

REGISTER_NAMES = ("单位名单.xlsx", "单位名单.xls", "单位名单.csv")
MAX_CSV_BYTES = 2 * 1024 * 1024
UNIT_HEADERS = ("单位名称", "单位", "填报单位")

FILED, DRAFT, IN_ERROR, MISSING, NOT_LISTED = "已报送", "草稿", "有错误", "未报送", "不在名单中"
OTHER_YEAR = "年度或格式不符"  # the unit's only file is of another year or form


@dataclass(frozen=True)
class Filing:
    """One unit's state for the year, and the file that says so (empty when missing)."""

    unit: str
    state: str
    file: str = ""


def find_register(folders: Iterable[Path]) -> Path | None:
    """The register lying beside the units' files, if there is one."""
    for folder in folders:
        for name in REGISTER_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def read_register(path: Path) -> list[str]:
    """The units the register names, in its order, each once; a coded error if unreadable."""
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _sheet_rows(path)
    column = _unit_column(rows[0]) if rows else 0
    header = 1 if rows and column is not None else 0
    column = column or 0
    names = [_name(row[column]) for row in rows[header:] if len(row) > column]
    return list(dict.fromkeys(name for name in names if name))


def _sheet_rows(path: Path) -> list[list[object]]:
    from forms.importing.workbook import read_grids

    grids = read_grids(path)
    if not grids or not grids[0].cells:
        return []
    grid = grids[0]
    last_row = max(row for row, _ in grid.cells)
    last_column = max(column for _, column in grid.cells)
    return [
        [grid.cells.get((row, column)) for column in range(1, last_column + 1)]
        for row in range(1, last_row + 1)
    ]


def _csv_rows(path: Path) -> list[list[object]]:
    data = read_input(path, MAX_CSV_BYTES, path.name)  # a regular file, at most 2 MB read
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    reader = csv.reader(text.splitlines())
    try:
        return [list(row) for row in reader]
    except csv.Error as exc:  # a field over 131 072 characters
        limit = csv.field_size_limit()
        raise NianbaoError("F025", path=path.name, line=reader.line_num, limit=limit) from exc


def _unit_column(header: list[object]) -> int | None:
    """The column headed 单位名称 (or 单位); None when the first row is no header."""
    cells = [_name(value) for value in header]
    for wanted in UNIT_HEADERS:
        if wanted in cells:
            return cells.index(wanted)
    return None


def _name(value: object) -> str:
    return "".join(str(value).split()) if value is not None else ""


def filing_states(
    register: list[str], units: list[UnitFile], form_id: str, year: int
) -> list[Filing]:
    """Each registered unit's state, then the units that filed without being registered."""
    readable = [u for u in units if not u.refusal and u.unit]
    this_year = [u for u in readable if u.form_id == form_id and u.year == year]
    by_unit: dict[str, UnitFile] = {}
    for unit in sorted(this_year, key=lambda u: bool(u.errors)):  # the file counted first
        by_unit.setdefault(unit_key(unit.unit), unit)
    other_years: dict[str, UnitFile] = {}
    for unit in readable:
        other_years.setdefault(unit_key(unit.unit), unit)
    filings = [
        _state(name, by_unit.get(unit_key(name)), other_years.get(unit_key(name)))
        for name in register
    ]
    listed = {unit_key(name) for name in register}
    filings += [
        Filing(unit.unit, NOT_LISTED, Path(unit.path).name)
        for key, unit in by_unit.items()
        if key not in listed
    ]
    return filings


def _state(name: str, unit: UnitFile | None, other: UnitFile | None) -> Filing:
    if unit is None:
        return Filing(name, OTHER_YEAR, Path(other.path).name) if other else Filing(name, MISSING)
    state = IN_ERROR if unit.errors else DRAFT if unit.status == DRAFT else FILED
    return Filing(name, state, Path(unit.path).name)


def filing_counts(filings: Iterable[Filing]) -> str:
    """已报送3个，草稿1个，未报送2个."""
    counts = Counter(filing.state for filing in filings)
    return "，".join(f"{state}{count}个" for state, count in counts.items())
