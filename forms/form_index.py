"""Look-ups derived once from a form definition: its cells, their rows, columns and kinds.

``FormDefinition.index`` builds one on first use and keeps it with the (immutable)
definition; the checks of a definition (:mod:`forms.definition_checks`) build one to find the
cells a rule or a quote names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forms.definition import Column, FormDefinition, Row, Table, ValueKind
    from forms.derive import Total
    from forms.validation.rules import Check


class FormIndex:
    """Look-ups derived once from a definition: cells, their rows and their kinds."""

    def __init__(self, form: FormDefinition) -> None:
        self.cell_rows: dict[str, Row] = {}
        self.cell_columns: dict[str, Column] = {}
        self.cell_tables: dict[str, Table] = {}
        for table in form.tables:
            for row in table.value_rows():
                for column in table.columns:
                    key = table.cell_key(row.id, column.id)
                    self.cell_rows[key] = row
                    self.cell_columns[key] = column
                    self.cell_tables[key] = table
        self.cell_order = list(self.cell_rows)
        self.rows = {row.id: row for table in form.tables for row in table.rows}
        self._labels = {cell: self._make_label(cell) for cell in self.cell_order}
        self._kinds = {cell: self._make_kind(cell) for cell in self.cell_order}
        self.totals: dict[str, Total] | None = None  # set by forms.derive.totals
        self.checks: list[Check] | None = None  # set by forms.validation.rules.checks_for

    def _make_label(self, cell: str) -> str:
        row, table = self.cell_rows[cell], self.cell_tables[cell]
        if table.is_matrix:
            return f"{row.label}（{table.column_name(self.cell_columns[cell])}）"
        return row.label

    def label(self, cell: str) -> str:
        """A short human name for a cell: the row label, with the column for a matrix."""
        return self._labels[cell]

    def _make_kind(self, cell: str) -> ValueKind:
        row, column = self.cell_rows[cell], self.cell_columns[cell]
        kind = column.kind or row.kind
        return kind.with_sign() if (row.signed or column.signed) else kind

    def kind(self, cell: str) -> ValueKind:
        """The cell's kind: its column's where the column has one, else its row's; signed
        where the row or the column is."""
        return self._kinds[cell]
