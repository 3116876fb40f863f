"""A report file reads the same through calamine as through openpyxl, cell for cell.

``open_document`` reads the sheets with calamine (:mod:`forms.xlsx.fast_grids`) and leaves
to openpyxl what calamine would read differently. Each case compares the grids of both
readers on the same bytes, and says which reader the file took.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.document import Document
from forms.xlsx import open_document, save_document
from forms.xlsx.fast_grids import _calamine_can_hold, read_grids_fast
from forms.xlsx.guard import inspect_file
from forms.xlsx.layout import META_SHEET
from forms.xlsx.sheets import read_grids


def both(path: Path) -> tuple[dict[str, object], dict[str, object], bool]:
    """The careful grids, the fast grids (with their notices, or the refusal) and whether
    calamine was used."""
    data = inspect_file(path)
    return (
        read(read_grids, path, data),
        read(read_grids_fast, path, data),
        (_calamine_can_hold(data)),
    )


def read(
    reader: Callable[[Path, bytes, list[str]], object], path: Path, data: bytes
) -> dict[str, object]:
    notices: list[str] = []
    try:
        return {"grids": reader(path, data, notices), "notices": notices}
    except NianbaoError as exc:
        return {"refused": str(exc)}


def saved(document: Document, tmp_path: Path, name: str = "年报.xlsx") -> Path:
    path = tmp_path / name
    save_document(document, path)
    return path


def edited(path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    """The file as a reviewer's spreadsheet program leaves it after ``edit``."""
    workbook = openpyxl.load_workbook(path)
    edit(workbook)
    workbook.save(path)
    return path


def data_sheet(workbook: openpyxl.Workbook) -> openpyxl.worksheet.worksheet.Worksheet:
    return next(ws for ws in workbook.worksheets if ws.title != META_SHEET)


@pytest.mark.parametrize("form", ["gov-info-2018", "gov-info-2021"])
def test_a_saved_report_reads_the_same_through_calamine(form: str, tmp_path: Path) -> None:
    careful, fast, used = both(saved(load_demo(form), tmp_path))
    assert used
    assert fast == careful
    assert len(careful["grids"]) >= 3  # type: ignore[arg-type]


def test_what_a_reviewer_types_reads_the_same(tmp_path: Path) -> None:
    def edit(workbook: openpyxl.Workbook) -> None:
        sheet = data_sheet(workbook)
        sheet["D40"] = dt.datetime(2019, 2, 27)  # a date at midnight (calamine: a date)
        sheet["D41"] = dt.datetime(2019, 2, 27, 10, 5)
        sheet["D42"] = 5.0
        sheet["D43"] = -0.0
        sheet["D44"] = True
        sheet["D45"] = "  前后有空格  "
        sheet["D46"] = "行一\n行二"
        sheet["D47"] = 0.1 + 0.2  # 0.30000000000000004
        sheet["D48"] = "=1+1"  # a formula without a stored result
        sheet["B3"] = 17

    path = edited(saved(load_demo(), tmp_path), edit)
    careful, fast, used = both(path)
    assert used
    assert fast == careful


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("an escaped character", b"</t>", b"_x000D_</t>"),
        ("an error value", b'<c r="A1"', b'<c r="Z1" t="e"><v>#DIV/0!</v></c><c r="A1"'),
        ("a long figure", b'<c r="A1"', b'<c r="Z1"><v>123456789012345678901234</v></c><c r="A1"'),
        ("a far cell", b'<c r="A1"', b'<c r="XFD1"><v>1</v></c><c r="A1"'),
        ("a far dimension", b'<dimension ref="A1:C17"/>', b'<dimension ref="A1:XFD9000"/>'),
        ("5000 digits", b'<c r="A1"', b'<c r="Z1"><v>' + b"9" * 5000 + b'</v></c><c r="A1"'),
    ],
)
def test_what_calamine_reads_apart_goes_to_openpyxl(
    name: str, old: bytes, new: bytes, tmp_path: Path
) -> None:
    good = saved(load_demo(), tmp_path)
    bad = tmp_path / "改过.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                assert old in content, name
                content = content.replace(old, new, 1)
            out.writestr(item.filename, content)
    careful, fast, used = both(bad)
    assert not used, name
    assert fast == careful
    if "refused" not in careful:
        assert open_document(bad).document.unit == load_demo().unit
