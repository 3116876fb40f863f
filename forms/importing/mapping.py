"""Finding the statistical tables in a workbook: label cells, their sheet, their value columns.

A label cell is a text cell whose :func:`label_key` is the key of a form row. A label that fits
several rows (被依法纠错数 is both a 行政复议 and a 行政诉讼 row) is settled only by the part of
the table it stands in: the part of the nearest label above it that was itself certain. What
cannot be settled that way is reported as ambiguous and not used. A label that is also a
column header (总计, 其他) counts as a row only in the label columns of its table, never in the
header over the figures.

Each table of the form is taken from the sheet that holds most of its rows (tables may stand
on one sheet or on several). Its value columns are found under its header (see
:mod:`forms.importing.headers`); a one-column table without a header takes the only column
right of its labels that holds figures. A table printed without row labels (四: one row of 15
figures under a three-level header) is found by its header alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from forms.codes import NianbaoError
from forms.definition import Table, ValueKind
from forms.importing.cells import is_dash
from forms.importing.headers import (
    MAX_HEADER_ROWS,
    HeaderMatch,
    column_paths,
    match_columns,
    spread,
)
from forms.importing.labels import LabelIndex, RowRef, fold, header_keys, label_key
from forms.importing.report import Ambiguous
from forms.importing.workbook import Grid
from forms.values import Refusal, parse_value


@dataclass(frozen=True)
class Hit:
    """A text cell whose label fits one or more form rows (column 0: a row without label)."""

    row: int
    column: int
    text: str
    candidates: tuple[RowRef, ...]


Settled = tuple[Hit, RowRef, str]


@dataclass
class Located:
    """The labels of one sheet: rows settled, labels left ambiguous."""

    grid: Grid
    settled: dict[str, Settled] = field(default_factory=dict)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    edges: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return len(self.settled)

    def rows_of(self, table: Table) -> list[Settled]:
        found = [item for item in self.settled.values() if item[1].table.id == table.id]
        return sorted(found, key=lambda item: (item[0].row, item[0].column))


@dataclass
class Placed:
    """One table of the form found on one sheet: its rows, its value columns, its header."""

    table: Table
    located: Located
    rows: list[Settled]
    columns: dict[str, int]
    header: HeaderMatch | None = None

    @property
    def grid(self) -> Grid:
        return self.located.grid

    @property
    def edge(self) -> int:
        """The last column of the table's labels (figures stand right of it)."""
        return self.located.edges.get(self.table.id, 0)


# -- labels ----------------------------------------------------------------------------------


def locate_labels(grid: Grid, index: LabelIndex) -> Located:
    """Every label cell of a sheet, settled to one form row where that is certain."""
    located = Located(grid, hits=_hits(grid, index))
    located.edges = _label_edges(located.hits, index)
    located.hits = _in_label_columns(located.hits, located.edges, index)
    by_row: dict[str, list[Settled]] = defaultdict(list)
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


def _label_edges(hits: list[Hit], index: LabelIndex) -> dict[str, int]:
    """Per table, the rightmost column of labels that cannot be column headers."""
    edges: dict[str, int] = {}
    for hit in hits:
        if label_key(hit.text) in index.known_texts:
            continue
        for ref in hit.candidates:
            edges[ref.table.id] = max(edges.get(ref.table.id, 0), hit.column)
    return edges


def _in_label_columns(hits: list[Hit], edges: dict[str, int], index: LabelIndex) -> list[Hit]:
    """Hits that may be headers (总计) kept only as labels in their table's label columns."""
    kept = []
    for hit in hits:
        if label_key(hit.text) not in index.known_texts:
            kept.append(hit)
            continue
        refs = tuple(ref for ref in hit.candidates if hit.column <= edges.get(ref.table.id, 0))
        if refs:
            kept.append(Hit(hit.row, hit.column, hit.text, refs))
    return kept


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


def _repeated(grid: Grid, found: list[Settled]) -> list[Ambiguous]:
    places = "、".join(grid.address(hit.row, hit.column) for hit, _, _ in found)
    reason = f"同一指标在表中出现{len(found)}次（{places}）"
    return [_ambiguous(grid, hit, reason) for hit, _, _ in found]


# -- tables ----------------------------------------------------------------------------------


def place_tables(located: list[Located], index: LabelIndex, path: str) -> list[Placed]:
    """Each table of the form on the sheet that holds it, with its value columns."""
    placed = []
    for table in index.form.tables:
        found = _best_located(located, table, path)
        if found is not None:
            placed.append(_with_columns(found, table, index, path))
            continue
        headed = _by_header(located, table, index)
        if headed is not None:
            placed.append(headed)
    if not placed:
        detail = "没有一个单元格与统计表的指标名称相符，请确认文件中有统计表"
        raise NianbaoError("F011", path=path, where="各工作表", detail=detail)
    return placed


def _best_located(located: list[Located], table: Table, path: str) -> Located | None:
    ranked = sorted(located, key=lambda item: len(item.rows_of(table)), reverse=True)
    if not ranked or not ranked[0].rows_of(table):
        return None
    if len(ranked) > 1 and len(ranked[1].rows_of(table)) == len(ranked[0].rows_of(table)):
        names = "、".join(f"“{item.grid.sheet}”" for item in ranked[:2])
        detail = f"两个工作表{names}都像统计表，请只保留要导入的那一个"
        raise NianbaoError("F011", path=path, where="各工作表", detail=detail)
    return ranked[0]


def _with_columns(located: Located, table: Table, index: LabelIndex, path: str) -> Placed:
    rows = located.rows_of(table)
    placed = Placed(table, located, rows, {})
    header_rows = _header_rows_above(located, placed)
    if header_rows:
        values = _value_columns(located.grid, header_rows, placed.edge)
        if values:
            placed.header = match_columns(
                table, column_paths(located.grid, header_rows, values), index.units
            )
            placed.columns = dict(placed.header.columns)
    if not placed.columns and not table.is_matrix:
        placed.columns = _one_column(located.grid, table, rows, path)
    return placed


def _header_rows_above(located: Located, placed: Placed) -> list[int]:
    """The rows right above the table's first label that hold text over its figures."""
    grid, edge = located.grid, placed.edge
    first = min(hit.row for hit, _, _ in placed.rows)
    labelled = {hit.row for hit in located.hits}
    cells = spread(grid, range(max(1, first - MAX_HEADER_ROWS), first))
    rows: list[int] = []
    for row in range(first - 1, max(0, first - MAX_HEADER_ROWS - 1), -1):
        over = [value for (r, c), value in cells.items() if r == row and c > edge]
        if row in labelled or not over or any(_is_figure(value) for value in over):
            break
        rows.append(row)
    return sorted(rows)


def _value_columns(grid: Grid, header_rows: list[int], edge: int) -> list[int]:
    cells = spread(grid, header_rows)
    return sorted({column for (_, column) in cells if column > edge})


def _one_column(grid: Grid, table: Table, rows: list[Settled], path: str) -> dict[str, int]:
    """A one-column table's value column: under its header anywhere above, else inferred."""
    hits = [hit for hit, _, _ in rows]
    column = table.columns[0]
    places = _header_columns(grid, column.label, min(hit.row for hit in hits))
    if len(places) > 1:
        letters = "、".join(get_column_letter(c) for c in sorted(places))
        detail = f"表头“{column.label}”出现在多列（{letters}），无法确定数值列"
        raise NianbaoError("F011", path=path, where=f"工作表“{grid.sheet}”", detail=detail)
    if places:
        return {column.id: places.pop()}
    inferred = _infer_value_column(grid, table, hits, path)
    return {column.id: inferred} if inferred is not None else {}


def _header_columns(grid: Grid, label: str, first_row: int) -> set[int]:
    keys = header_keys(label)
    return {
        column
        for (row, column), value in grid.cells.items()
        if row < first_row and isinstance(value, str) and label_key(value) in keys
    }


def _infer_value_column(grid: Grid, table: Table, hits: list[Hit], path: str) -> int | None:
    numeric: set[int] = set()
    filled: set[int] = set()
    units = {fold(row.unit) for row in table.value_rows()}
    for hit in hits:
        for column, value in grid.row(hit.row).items():
            if column <= hit.column or is_unit(value, units):
                continue
            filled.add(column)
            if _is_figure(value) or is_dash(value):
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


def is_unit(value: object, units: set[str]) -> bool:
    return isinstance(value, str) and fold(value) in units


def _is_figure(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and not isinstance(parse_value(value, _DECIMAL), Refusal)


_DECIMAL = ValueKind.DECIMAL


# -- a table without row labels, found by its header -----------------------------------------


def _by_header(located: list[Located], table: Table, index: LabelIndex) -> Placed | None:
    """A one-row table printed without its row label (四), found under its grouped header."""
    value_rows = list(table.value_rows())
    if len(value_rows) != 1 or not any(column.groups for column in table.columns):
        return None
    keys = _own_header_keys(table, index)
    for item in located:
        placed = _under_anchor(item, table, keys, index)
        if placed is not None:
            return placed
    return None


def _own_header_keys(table: Table, index: LabelIndex) -> set[str]:
    """Group headers of ``table`` that no other table of the form prints."""
    own = {key for column in table.columns for g in column.groups for key in header_keys(g)}
    others = {
        key
        for other in index.form.tables
        if other.id != table.id
        for column in other.columns
        for text in (column.label, *column.groups)
        for key in header_keys(text)
    }
    return own - others - set(index.by_key)


def _under_anchor(
    located: Located, table: Table, keys: set[str], index: LabelIndex
) -> Placed | None:
    grid = located.grid
    labelled = {hit.row for hit in located.hits}
    anchors = sorted(
        (row, column)
        for (row, column), value in grid.cells.items()
        if isinstance(value, str) and row not in labelled and header_keys(value) & keys
    )
    if not anchors:
        return None
    top, left = anchors[0]
    data = _first_figure_row(grid, top, left)
    if data is None or data in labelled:
        return None
    header_rows = list(range(top, data))
    values = _value_columns(grid, header_rows, left - 1)
    match = match_columns(table, column_paths(grid, header_rows, values), index.units)
    if not match.columns:
        return None
    ref = RowRef(table, next(iter(table.value_rows())), f"{table.id}:")
    located.edges[table.id] = left - 1
    return Placed(table, located, [(Hit(data, 0, "", (ref,)), ref, "")], match.columns, match)


def _first_figure_row(grid: Grid, top: int, left: int) -> int | None:
    for row in range(top + 1, top + MAX_HEADER_ROWS + 2):
        values = [value for column, value in grid.row(row).items() if column >= left]
        if any(_is_figure(value) or is_dash(value) for value in values):
            return row
    return None
