"""A 2021 table saved by LibreOffice Calc (``soffice --convert-to xlsx``) imports figure for figure.

LibreOffice writes its own xlsx: shared strings, its own merge records, numbers as it stores
them. The national template and a district variant, re-saved by it, and also saved as a legacy
``.xls`` (read by calamine, merges included), give back every figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from office import SOFFICE, convert

sys.path.insert(0, str(Path(__file__).parents[1] / "importing"))
from layouts_2021 import random_figures, write_district, write_national

from forms.importing import import_workbook

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def test_2021_tables_saved_by_libreoffice(tmp_path: Path) -> None:
    figures = {"national": random_figures(21), "district": random_figures(22)}
    sources = [
        write_national(tmp_path / "national.xlsx", figures["national"]),
        write_district(tmp_path / "district.xlsx", figures["district"]),
    ]
    for target in ("xlsx", "xls"):
        converted = convert(sources, target, tmp_path / target)
        for name, path in converted.items():
            imported = import_workbook(path)
            assert imported.document.form_id == "gov-info-2021", (target, name)
            values = imported.document.values
            assert {cell: values[cell] for cell in figures[name]} == figures[name], (target, name)
            assert not imported.report.missing and not imported.report.ambiguous
