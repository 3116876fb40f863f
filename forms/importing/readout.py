"""Reading the figures of the tables found, and reporting every cell the import did not use.

Each settled row gives one figure per value column found (see :mod:`forms.importing.cells`
for dashes and units). Text in a table's label columns that is no row of the form (an extra
row such as 其他主动公开文件), a figure in a value column on a row without a known label, a
column of figures under an unknown header, a heading printed with figures: each is listed in
the report, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.utils import get_column_letter

from forms.definition import Column, Row, Table, ValueKind
from forms.importing.cells import Reading, Target, header_unit, is_dash, read_figure
from forms.importing.labels import LabelIndex, RowRef, fold, known_text, label_key
from forms.importing.mapping import Hit, Placed, Settled, is_unit
from forms.importing.report import ImportReport, Mapped, Missing, NotUnderstood
from forms.importing.workbook import Grid, formulas_at
from forms.values import Entry, RawText, Refusal, coerce_cell, format_entry, parse_value


def fill_report(
    placed: list[Placed], index: LabelIndex, report: ImportReport, reading: Reading
) -> dict[str, Entry]:
    """Read the figures of every table found into cell → entry, recording each in the report."""
    report.sheet = "、".join(dict.fromkeys(item.grid.sheet for item in placed))
    values: dict[str, Entry] = {}
    for item in placed:
        report.value_columns.update(_column_letters(item, index))
        report.ambiguous.extend(a for a in item.located.ambiguous if a not in report.ambiguous)
        blanks = _read_rows(item, index, values, report, reading)
        report.not_understood.extend(_stray_cells(item, placed, index))
        report.not_understood.extend(_formulas_without_results(item.grid, blanks))
        report.not_understood.extend(_odd_headers(item))
    report.missing.extend(_missing(index, values, report))
    return values


def _column_letters(item: Placed, index: LabelIndex) -> dict[str, str]:
    table, many = item.table, len(index.form.tables) > 1
    names = {column.id: table.column_name(column) for column in table.columns}
    return {
        (f"{table.title}·{names[column_id]}" if many else names[column_id]): (
            f"{item.grid.sheet}!{get_column_letter(number)}" if many else get_column_letter(number)
        )
        for column_id, number in item.columns.items()
    }


def _read_rows(
    item: Placed,
    index: LabelIndex,
    values: dict[str, Entry],
    report: ImportReport,
    reading: Reading,
) -> set[tuple[int, int]]:
    """Every settled row's figures into ``values``; the sheet cells that read as blank."""
    blanks: set[tuple[int, int]] = set()
    owners = _row_owners(item.rows)
    cells = index.form.index
    for hit, ref, note in item.rows:
        if ref.row.is_heading:
            report.not_understood.extend(_heading_figures(item, hit, ref, owners))
            continue
        for column in item.table.columns:
            place = item.columns.get(column.id)
            if place is None and item.table.is_matrix:
                continue
            kind = cells.kind(item.table.cell_key(ref.row.id, column.id))
            entry = _read_one(item, (hit, ref, note), (column, kind), report, reading)
            values[item.table.cell_key(ref.row.id, column.id)] = entry
            if entry is None and place is not None:
                blanks.add((hit.row, place))
    return blanks


def _row_owners(rows: list[Settled]) -> set[int]:
    """Sheet rows whose figures belong to a value row (a heading may share its sheet row)."""
    return {hit.row for hit, ref, _ in rows if not ref.row.is_heading}


def _read_one(
    item: Placed,
    settled: Settled,
    column_kind: tuple[Column, ValueKind],
    report: ImportReport,
    reading: Reading,
) -> Entry:
    hit, ref, note = settled
    column, kind = column_kind
    grid, place = item.grid, item.columns.get(column.id)
    raw = grid.cells.get((hit.row, place)) if place is not None else None
    source = grid.address(hit.row, place) if place is not None else "—"
    stated = header_unit(item.header.texts.get(place, "")) if item.header and place else ""
    target = Target(kind, _kept_in(item.table, column, ref.row, stated, report))
    figure = read_figure(raw, target, stated, reading)
    label = ref.row.printed_label
    if item.table.is_matrix:
        label += f"（{item.table.column_name(column)}）"
    notes = [text for text in (note, figure.note) if text]
    if place is None:
        notes.append("未找到数值列，保持空白")
    cell = item.table.cell_key(ref.row.id, column.id)
    label_source = grid.address(hit.row, hit.column) if hit.column else "（表头下的数据行）"
    report.mapped.append(Mapped(cell, label, source, label_source, figure.entry, "；".join(notes)))
    if figure.dash:
        report.dashes.append(source)
    if isinstance(figure.entry, RawText):
        reason = _refusal_reason(figure.entry, kind)
        report.not_understood.append(NotUnderstood(source, figure.entry.text, reason))
    return figure.entry


def _kept_in(table: Table, column: Column, row: Row, stated: str, report: ImportReport) -> str:
    """The unit a cell's figure is kept in: its row's, or for a column whose report states its
    unit (采购总金额: 万元 or 元) the one the header states, which the new report states too."""
    if not column.units:
        return row.unit
    unit = stated if stated in column.units else column.units[0]
    report.units[table.unit_key(column)] = unit
    return unit


def _heading_figures(item: Placed, hit: Hit, ref: RowRef, owners: set[int]) -> list[NotUnderstood]:
    """Figures printed on a heading's own row (not shared with a value row's label)."""
    if hit.row in owners:
        return []
    grid = item.grid
    children = _children(item, ref)
    present = {r.row.id for _, r, _ in item.rows}
    if children and not present & {child.id for child in children}:
        names = "、".join(child.printed_label for child in children)
        reason = (
            f"“{ref.row.printed_label}”在表中只有一行并填了数值，而本格式把它分为"
            f"{len(children)}项（{names}），无法拆分，未导入"
        )
    else:
        reason = "标题行不填数值，未导入"
    return [
        NotUnderstood(grid.address(hit.row, place), _shown(grid.cells[hit.row, place]), reason)
        for place in sorted(set(item.columns.values()))
        if (hit.row, place) in grid.cells
    ]


def _children(item: Placed, heading: RowRef) -> list:  # type: ignore[type-arg]
    rows = list(item.table.rows)
    start = rows.index(heading.row)
    children = []
    for row in rows[start + 1 :]:
        if row.level <= heading.row.level:
            break
        children.append(row)
    return [row for row in children if not row.is_heading]


def _refusal_reason(entry: RawText, kind: ValueKind) -> str:
    result = parse_value(entry.text, kind)
    reason = result.reason if isinstance(result, Refusal) else "不是数字"
    return f"{reason}（已原样保留，请在本软件中改正）"


def _formulas_without_results(grid: Grid, blanks: set[tuple[int, int]]) -> list[NotUnderstood]:
    reason = "是没有计算结果的公式，未导入（请在 WPS/Excel 中打开并保存后再导入）"
    return [
        NotUnderstood(grid.address(row, column), formula, reason)
        for (row, column), formula in sorted(formulas_at(grid, blanks).items())
    ]


def _odd_headers(item: Placed) -> list[NotUnderstood]:
    """Header columns that fit several columns of the form (taken for none of them)."""
    if item.header is None:
        return []
    return [
        NotUnderstood(
            f"第{get_column_letter(column)}列",
            item.header.texts.get(column, ""),
            f"表头无法区分是哪一列（可能是：{'、'.join(names)}），这一列未导入",
        )
        for column, names in sorted(item.header.doubtful.items())
    ]


def unused_columns(item: Placed, index: LabelIndex) -> list[str]:
    """Columns right of the labels holding more than units, other than the value columns."""
    grid, used = item.grid, set(item.columns.values())
    texts = item.header.texts if item.header else {}
    unused = sorted(
        {
            column
            for hit, _, _ in item.rows
            for column, value in grid.row(hit.row).items()
            if column > max(item.edge, hit.column)
            and column not in used
            and not is_unit(value, index.units)
        }
    )
    return [
        f"第{get_column_letter(column)}列"
        + (f"（表头“{texts[column]}”）" if column in texts else "")
        + "的内容未导入（不是数值列）"
        for column in unused
    ]


def _missing(index: LabelIndex, values: dict[str, Entry], report: ImportReport) -> list[Missing]:
    doubtful = {name for item in report.ambiguous for name in item.candidates}
    form_index = index.form.index
    return [
        Missing(cell, _cell_label(index, cell))
        for cell in form_index.cell_order
        if cell not in values and form_index.cell_rows[cell].printed_label not in doubtful
    ]


def _cell_label(index: LabelIndex, cell: str) -> str:
    form_index = index.form.index
    row, table = form_index.cell_rows[cell], form_index.cell_tables[cell]
    if table.is_matrix:
        return f"{row.printed_label}（{table.column_name(form_index.cell_columns[cell])}）"
    return row.printed_label


# -- cells outside the rows read -------------------------------------------------------------


def _stray_cells(item: Placed, placed: list[Placed], index: LabelIndex) -> list[NotUnderstood]:
    """Text in the label columns and figures in the value columns that belong to no row."""
    grid = item.grid
    rows = {hit.row for hit, _, _ in item.rows}
    labels = {(hit.row, hit.column) for hit in item.located.hits}
    figures = set(item.columns.values())
    stray = []
    for row in _region(item, placed):
        for column, value in sorted(grid.row(row).items()):
            if (row, column) in labels or (row in rows and column not in figures):
                continue
            if column in figures and row not in rows and _reportable_figure(value, index):
                stray.append(NotUnderstood(grid.address(row, column), _shown(value), _NO_LABEL))
            elif column <= item.edge and _is_foreign_label(value, index):
                stray.append(NotUnderstood(grid.address(row, column), _shown(value), _NOT_A_ROW))
    return stray


def _region(item: Placed, placed: list[Placed]) -> Iterator[int]:
    """The table's rows from its first label to the next table's (or its last data row)."""
    grid = item.grid
    top = min(hit.row for hit, _, _ in item.rows)
    bottom = max(hit.row for hit, _, _ in item.rows)
    starts = [
        min(hit.row for hit, _, _ in other.rows)
        for other in placed
        if other.grid is grid and other is not item and other.rows
    ]
    below = [start for start in starts if start > bottom]
    limit = min(below) - 1 if below else bottom
    figures = set(item.columns.values())
    while not below and any(grid.cells.get((limit + 1, c)) is not None for c in figures):
        limit += 1  # rows of figures after the last label: an extra row of the table
    yield from range(top, limit + 1)


def _reportable_figure(value: object, index: LabelIndex) -> bool:
    if isinstance(value, str):
        return not (known_text(value, index) or fold(value) in index.units)
    return True


def _is_foreign_label(value: object, index: LabelIndex) -> bool:
    if not isinstance(value, str) or is_dash(value):
        return False
    key = label_key(value)
    return bool(key) and not is_unit(value, index.units) and key not in index.known_texts


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value.strip()[:60]
    return format_entry(coerce_cell(value, ValueKind.DECIMAL)) or str(value)


_NO_LABEL = "这一行没有可识别的指标名称，未导入"
_NOT_A_ROW = "不是统计表中的指标，未导入"
