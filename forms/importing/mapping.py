"""Finding the statistical table in a sheet: label cells, value columns, the figures.

A label cell is a text cell whose :func:`label_key` is the key of a form row. A label that
fits several rows (被依法纠错数 is both a 行政复议 and a 行政诉讼 row) is settled only by the part
of the table it stands in: the part of the nearest label above it that was itself certain.
What cannot be settled that way is reported as ambiguous and not used.

The value column of a table is the one under its printed column header (统计数) when the sheet
has one; otherwise, for a one-column table, the only column right of the labels that holds
figures. Two such columns, or two headers, are refused with a message rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from forms.codes import NianbaoError
from forms.definition import Column, Table, ValueKind
from forms.importing.labels import LabelIndex, RowRef, fold, label_key
from forms.importing.report import Ambiguous, ImportReport, Mapped, Missing, NotUnderstood
from forms.importing.workbook import Grid, formulas_at
from forms.values import Entry, RawText, Refusal, coerce_cell, format_entry, parse_value


@dataclass(frozen=True)
class Hit:
    """A text cell whose label fits one or more form rows."""

    row: int
    column: int
    text: str
    candidates: tuple[RowRef, ...]


@dataclass
class Located:
    """The labels of one sheet: rows settled, labels left ambiguous."""

    grid: Grid
    settled: dict[str, tuple[Hit, RowRef, str]] = field(default_factory=dict)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.settled)


def locate_labels(grid: Grid, index: LabelIndex) -> Located:
    """Every label cell of a sheet, settled to one form row where that is certain."""
    located = Located(grid, hits=_hits(grid, index))
    by_row: dict[str, list[tuple[Hit, RowRef, str]]] = defaultdict(list)
    section = ""
    for hit in located.hits:
        choice = _settle(hit, section, index)
        if choice is None:
            located.ambiguous.append(_ambiguous(grid, hit, "同名指标，无法按所在部分区分"))
            continue
        ref, note = choice
        section = ref.section
        by_row[ref.key].append((hit, ref, note))
    for key, found in by_row.items():
        if len(found) == 1:
            located.settled[key] = found[0]
        else:
            located.ambiguous.extend(_repeated(grid, found))
    return located


def _hits(grid: Grid, index: LabelIndex) -> list[Hit]:
    hits = []
    for (row, column), value in sorted(grid.cells.items()):
        if isinstance(value, str):
            candidates = index.candidates(value)
            if candidates:
                hits.append(Hit(row, column, value.strip(), tuple(candidates)))
    return hits


def _settle(hit: Hit, section: str, index: LabelIndex) -> tuple[RowRef, str] | None:
    if len(hit.candidates) == 1:
        return hit.candidates[0], ""
    in_section = [ref for ref in hit.candidates if ref.section == section]
    if len(in_section) != 1:
        return None
    return in_section[0], f"同名指标，按所在部分“{index.section_label(section)}”确定"


def _ambiguous(grid: Grid, hit: Hit, reason: str) -> Ambiguous:
    names = tuple(ref.row.printed_label for ref in hit.candidates)
    return Ambiguous(grid.address(hit.row, hit.column), hit.text, names, reason)


def _repeated(grid: Grid, found: list[tuple[Hit, RowRef, str]]) -> list[Ambiguous]:
    places = "、".join(grid.address(hit.row, hit.column) for hit, _, _ in found)
    reason = f"同一指标在表中出现{len(found)}次（{places}）"
    return [_ambiguous(grid, hit, reason) for hit, _, _ in found]


# -- value columns ---------------------------------------------------------------------------


def value_columns(located: Located, index: LabelIndex, path: str) -> dict[tuple[str, str], int]:
    """The sheet column of each (table, column) of the form that has settled rows."""
    found: dict[tuple[str, str], int] = {}
    for table in index.form.tables:
        hits = [hit for hit, ref, _ in located.settled.values() if ref.table.id == table.id]
        if hits:
            found.update(_table_columns(located.grid, table, hits, path))
    return found


def _table_columns(
    grid: Grid, table: Table, hits: list[Hit], path: str
) -> dict[tuple[str, str], int]:
    first_row = min(hit.row for hit in hits)
    columns: dict[tuple[str, str], int] = {}
    for column in table.columns:
        places = _header_columns(grid, column.label, first_row)
        if len(places) > 1:
            letters = "、".join(get_column_letter(c) for c in sorted(places))
            detail = f"表头“{column.label}”出现在多列（{letters}），无法确定数值列"
            raise NianbaoError("F011", path=path, where=f"工作表“{grid.sheet}”", detail=detail)
        if places:
            columns[table.id, column.id] = places.pop()
    if not columns and not table.is_matrix:
        inferred = _infer_value_column(grid, table, hits, path)
        if inferred is not None:
            columns[table.id, table.columns[0].id] = inferred
    return columns


def _header_columns(grid: Grid, label: str, first_row: int) -> set[int]:
    key = label_key(label)
    return {
        column
        for (row, column), value in grid.cells.items()
        if row < first_row and isinstance(value, str) and label_key(value) == key
    }


def _infer_value_column(grid: Grid, table: Table, hits: list[Hit], path: str) -> int | None:
    numeric: set[int] = set()
    filled: set[int] = set()
    units = {fold(row.unit) for row in table.value_rows()}
    for hit in hits:
        for column, value in grid.row(hit.row).items():
            if column <= hit.column or _is_unit(value, units):
                continue
            filled.add(column)
            if _looks_like_figure(value):
                numeric.add(column)
    choice = numeric or filled
    if len(choice) > 1:
        letters = "、".join(get_column_letter(c) for c in sorted(choice))
        detail = (
            f"第{letters}列都像是数值列，无法确定哪一列是“{table.columns[0].label}”；"
            f"请在数值列上方加表头“{table.columns[0].label}”"
        )
        raise NianbaoError("F011", path=path, where=f"工作表“{grid.sheet}”", detail=detail)
    return choice.pop() if choice else None


def _is_unit(value: object, units: set[str]) -> bool:
    return isinstance(value, str) and fold(value) in units


def _looks_like_figure(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and not isinstance(parse_value(value, _DECIMAL), Refusal)


# -- figures -------------------------------------------------------------------------------


def fill_report(
    located: Located, columns: dict[tuple[str, str], int], index: LabelIndex, report: ImportReport
) -> dict[str, Entry]:
    """Read the figures of every settled row into cell → entry, recording each in the report."""
    grid = located.grid
    report.sheet = grid.sheet
    report.value_columns = {
        _column_label(index, table_id, column_id): get_column_letter(number)
        for (table_id, column_id), number in columns.items()
    }
    report.ambiguous.extend(located.ambiguous)
    values, blanks = _read_rows(located, columns, report)
    report.missing.extend(_missing(index, values, report))
    report.not_understood.extend(_stray_cells(located, columns, index))
    report.not_understood.extend(_formulas_without_results(grid, blanks))
    return values


def _read_rows(
    located: Located, columns: dict[tuple[str, str], int], report: ImportReport
) -> tuple[dict[str, Entry], set[tuple[int, int]]]:
    """Every settled row's figures, and the sheet cells that read as blank."""
    values: dict[str, Entry] = {}
    blanks: set[tuple[int, int]] = set()
    for hit, ref, note in sorted(located.settled.values(), key=lambda item: item[0].row):
        for column in ref.table.columns:
            place = columns.get((ref.table.id, column.id))
            if place is None and ref.table.is_matrix:
                continue
            entry = _read_figure(located.grid, hit, ref, (column, place), note, report)
            if ref.row.is_heading:
                continue
            values[ref.table.cell_key(ref.row.id, column.id)] = entry
            if entry is None and place is not None:
                blanks.add((hit.row, place))
    return values, blanks


def _formulas_without_results(grid: Grid, blanks: set[tuple[int, int]]) -> list[NotUnderstood]:
    reason = "是没有计算结果的公式，未导入（请在 WPS/Excel 中打开并保存后再导入）"
    return [
        NotUnderstood(grid.address(row, column), formula, reason)
        for (row, column), formula in sorted(formulas_at(grid, blanks).items())
    ]


def _column_label(index: LabelIndex, table_id: str, column_id: str) -> str:
    table = next(t for t in index.form.tables if t.id == table_id)
    column = next(c for c in table.columns if c.id == column_id)
    return f"{table.title}·{column.label}" if len(index.form.tables) > 1 else column.label


def _read_figure(
    grid: Grid,
    hit: Hit,
    ref: RowRef,
    where: tuple[Column, int | None],
    note: str,
    report: ImportReport,
) -> Entry:
    column, place = where
    raw = grid.cells.get((hit.row, place)) if place is not None else None
    source = grid.address(hit.row, place) if place is not None else "—"
    if ref.row.is_heading:
        if raw is not None:
            report.not_understood.append(NotUnderstood(source, str(raw), "标题行不填数值，未导入"))
        return None
    entry = coerce_cell(_without_unit(raw, ref.row.unit), ref.row.kind)
    cell = ref.table.cell_key(ref.row.id, column.id)
    label = ref.row.printed_label + (f"（{column.label}）" if ref.table.is_matrix else "")
    note = note or ("未找到数值列，保持空白" if place is None else "")
    label_source = grid.address(hit.row, hit.column)
    report.mapped.append(Mapped(cell, label, source, label_source, entry, note))
    if isinstance(entry, RawText):
        reason = _refusal_reason(entry, ref)
        report.not_understood.append(NotUnderstood(source, entry.text, reason))
    return entry


def _without_unit(raw: object, unit: str) -> object:
    """``12457条`` → ``12457``: a figure typed with its row's unit is still that figure."""
    if isinstance(raw, str) and unit and fold(raw).endswith(fold(unit)):
        bare = fold(raw)[: -len(fold(unit))]
        return bare if bare else raw
    return raw


def _refusal_reason(entry: RawText, ref: RowRef) -> str:
    result = parse_value(entry.text, ref.row.kind)
    reason = result.reason if isinstance(result, Refusal) else "不是数字"
    return f"{reason}（已原样保留，请在本软件中改正）"


def _missing(index: LabelIndex, values: dict[str, Entry], report: ImportReport) -> list[Missing]:
    doubtful = {name for item in report.ambiguous for name in item.candidates}
    return [
        Missing(cell, index.form.index.cell_rows[cell].printed_label)
        for cell in index.form.index.cell_order
        if cell not in values and index.form.index.cell_rows[cell].printed_label not in doubtful
    ]


def _stray_cells(
    located: Located, columns: dict[tuple[str, str], int], index: LabelIndex
) -> list[NotUnderstood]:
    """Text in the label area and figures in a value column that belong to no known row."""
    grid = located.grid
    hit_cells = {(hit.row, hit.column) for hit in located.hits}
    hit_rows = {hit.row for hit in located.hits}
    if not hit_rows:
        return []
    top, bottom = min(hit_rows), max(hit_rows)
    label_edge = max(hit.column for hit in located.hits)
    figure_columns = set(columns.values())
    stray = []
    for (row, column), value in sorted(grid.cells.items()):
        if not top <= row <= bottom or (row, column) in hit_cells:
            continue
        if column in figure_columns and row not in hit_rows:
            stray.append(NotUnderstood(grid.address(row, column), _shown(value), _NO_LABEL))
        elif column <= label_edge and _is_foreign_label(value, index):
            stray.append(NotUnderstood(grid.address(row, column), _shown(value), _NOT_A_ROW))
    return stray


def _is_foreign_label(value: object, index: LabelIndex) -> bool:
    if not isinstance(value, str):
        return False
    key = label_key(value)
    return bool(key) and fold(value) not in index.units and key not in index.column_keys


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value.strip()[:60]
    return format_entry(coerce_cell(value, _DECIMAL)) or str(value)


_NO_LABEL = "这一行没有可识别的指标名称，未导入"
_NOT_A_ROW = "不是统计表中的指标，未导入"
_DECIMAL = ValueKind.DECIMAL
