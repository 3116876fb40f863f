"""A table's column header as the national table prints it: grouped, merged, several rows high.

Each value column's ``groups`` (outermost first) stand above its label; adjacent columns with
the same groups down to a level share one merged cell at that level. A column with fewer
group levels than the deepest merges its label down across the missing levels, and the lead
columns (the label column, and the unit column where the table has one) merge down the whole
header height. The geometry here is pure; ``table_sheet`` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.definition import Table


@dataclass(frozen=True)
class HeaderCell:
    """One (possibly merged) header cell: text and its 0-based span (header rows, columns).

    Columns count from the label column (0), through the unit column (if any), to the
    value columns.
    """

    text: str
    top: int
    left: int
    bottom: int
    right: int

    @property
    def merged(self) -> bool:
        return self.bottom > self.top or self.right > self.left


def header_depth(table: Table) -> int:
    """How many rows the header takes: one for the labels, one per group level above them."""
    return 1 + max(len(column.groups) for column in table.columns)


def lead_headers(table: Table) -> list[str]:
    """The header text of the label column (its note when it has no header) and the unit's."""
    leads = [table.label_header or table.note]
    return [*leads, table.unit_header] if table.unit_header else leads


def header_cells(table: Table, labels: Sequence[str] | None = None) -> list[HeaderCell]:
    """Every header cell of ``table``, the lead columns first, then level by level.

    ``labels`` are the value columns' texts as a report prints them (a stated unit,
    :meth:`forms.document.Document.column_heading`); by default the columns' labels.
    """
    depth = header_depth(table)
    leads = lead_headers(table)
    cells = [HeaderCell(text, 0, index, depth - 1, index) for index, text in enumerate(leads)]
    for level in range(depth - 1):
        cells += _group_cells(table, level, len(leads))
    texts = labels if labels is not None else [column.label for column in table.columns]
    for index, (column, text) in enumerate(zip(table.columns, texts, strict=True), len(leads)):
        cells.append(HeaderCell(text, len(column.groups), index, depth - 1, index))
    return cells


def _group_cells(table: Table, level: int, lead: int) -> list[HeaderCell]:
    """The group labels at one level, each over the run of columns sharing it (and parents)."""
    columns = table.columns
    cells: list[HeaderCell] = []
    start = 0
    while start < len(columns):
        key = columns[start].groups[: level + 1]
        end = start
        while end + 1 < len(columns) and columns[end + 1].groups[: level + 1] == key:
            end += 1
        if len(key) > level:
            cells.append(HeaderCell(key[level], level, lead + start, level, lead + end))
        start = end + 1
    return cells
