"""Import of randomly laid-out Annex 1 tables gives back exactly the figures put in."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from import_layouts import TABLE, Layout, layouts, write_layout
from openpyxl import load_workbook

from forms.derive import write_values
from forms.document import new_document
from forms.importing import DEFAULT_FORM, import_workbook
from forms.values import Entry


@given(layouts())
def test_import_gives_back_the_figures(layout: Layout) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_layout(layout, Path(folder) / "foreign.xlsx")
        imported = import_workbook(path)
        assert _typed(imported.document.values) == _typed(_with_totals(layout.expected_values()))
        _assert_report_points_at_the_cells(imported.report, path)
    report = imported.report
    assert {item.cell for item in report.missing} == layout.omitted()
    assert not report.ambiguous
    assert not report.not_understood
    assert report.clean == (not layout.omitted())


def _with_totals(values: dict[str, Entry]) -> dict[str, Entry]:
    """The figures as the table gives them, with the blank totals computed from their parts."""
    document = new_document(DEFAULT_FORM, "", 0)
    write_values(document, values)
    return document.values


def _typed(values: dict[str, Entry]) -> dict[str, tuple[str, object]]:
    return {cell: (type(value).__name__, value) for cell, value in values.items()}


def _assert_report_points_at_the_cells(report, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each mapped cell's source address, opened in the file, holds the figure reported."""
    workbook = load_workbook(path)
    sheet = workbook[report.sheet]
    rows = {row.id: row for row in TABLE.rows}
    for item in report.mapped:
        if item.source == "—":  # no value column at all: every figure blank
            assert item.entry is None
            continue
        source = sheet[item.source.split("!")[1]].value
        label = sheet[item.label_source.split("!")[1]].value
        assert rows[item.cell].label in "".join(label.split()).replace("(", "（").replace(")", "）")
        if item.entry is None:
            assert source is None
        else:
            assert Decimal(str(item.entry)) == _as_number(source)


def _as_number(value: object) -> Decimal:
    text = str(value).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return Decimal(text.replace(",", "").strip())
