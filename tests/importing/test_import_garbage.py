"""Any sheet at all: the import returns a document with a report or a coded error, never more.

Hypothesis fills sheets with label fragments, figures, dates, booleans, formulas and junk
at random places; whatever it draws, the only ways out are a result whose every filled figure
is named in the report, or a :class:`NianbaoError`.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from forms.codes import NianbaoError
from forms.definition_files import load_form
from forms.importing import import_workbook

LABELS = [row.printed_label for row in load_form("gov-info-2018").tables[0].rows]

cell_values = st.one_of(
    st.none(),
    st.sampled_from(LABELS),
    st.sampled_from(
        ["统计数", "单位", "件", "条", "（2018年度）", "填报单位：某局", "=1+1", "其中："]
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
)
sheets = st.dictionaries(st.tuples(st.integers(1, 30), st.integers(1, 8)), cell_values, max_size=60)


@given(st.lists(sheets, min_size=1, max_size=3))
def test_any_sheet_gives_a_report_or_a_coded_error(contents: list[dict]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.xlsx"
        _write(contents, path)
        try:
            imported = import_workbook(path)
        except NianbaoError as exc:
            assert exc.code.startswith("F")
            return
    filled = {cell for cell, value in imported.document.values.items() if value is not None}
    assert filled <= {item.cell for item in imported.report.mapped}


def _write(contents: list[dict], path: Path) -> None:  # type: ignore[type-arg]
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, cells in enumerate(contents):
        sheet = workbook.create_sheet(f"表{number}")
        for (row, column), value in cells.items():
            sheet.cell(row, column).value = value
    workbook.save(path)
