"""Computed totals in the file: which totals were given explicitly travels in the hidden copy,
a reviewer's total is kept and checked, and the totals that follow their parts are computed
when the file is read (a part edited in WPS/Excel, a blank total over filled parts).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from forms.definition_files import load_form
from forms.derive import derive, totals
from forms.document import Document, new_document
from forms.validation import validate
from forms.xlsx import open_document, save_document
from forms.xlsx.layout import META_SHEET

FORM = load_form("gov-info-2021")
SHEET_三 = "收到和处理政府信息公开申请情况"
SHEET_四 = "政府信息公开行政复议、行政诉讼情况"


def consistent() -> Document:
    """A 2021 report whose parts hold small distinct figures and whose totals are computed."""
    document = new_document(FORM.id, "某某县人民政府办公室", 2025)
    computed = totals(FORM)
    for number, cell in enumerate(FORM.index.cell_order, start=1):
        if cell not in computed:
            document.values[cell] = number
    derive(document)
    for number, column in enumerate(FORM.tables[4].columns[:-1], start=1):
        done = figure(document, f"requests.total/{column.id}")  # 三（七）, computed
        new = figure(document, f"requests.new/{column.id}")
        document.values[f"requests.carried_out/{column.id}"] = number  # 四 = 一 + 二 − 三（七）
        document.values[f"requests.carried_in/{column.id}"] = done + number - new
    derive(document)
    return document


def figure(document: Document, cell: str) -> int:
    value = document.values[cell]
    assert isinstance(value, int)
    return value


def reopened(
    document: Document, folder: Path, edit: dict[tuple[str, str], object]
) -> tuple[Document, list[str]]:
    """Save, let a reviewer set cells (sheet title, coordinate) in openpyxl, open again."""
    path = folder / "2021.xlsx"
    save_document(document, path)
    workbook = openpyxl.load_workbook(path)
    for (title, coordinate), value in edit.items():
        sheet: Worksheet = workbook[title]
        sheet[coordinate] = value
    workbook.save(path)
    opened = open_document(path)
    return opened.document, opened.differences


def test_the_typed_totals_travel_in_the_hidden_copy(tmp_path: Path) -> None:
    document = consistent()
    document.values["requests.new/total"] = 999
    document.typed_totals = {"requests.new/total", "cases/review.total"}
    save_document(document, tmp_path / "2021.xlsx")
    meta = openpyxl.load_workbook(tmp_path / "2021.xlsx")[META_SHEET]
    pieces = [row[1] for row in meta.iter_rows(values_only=True) if row[0] == "json"]
    saved = json.loads("".join(pieces))
    assert saved["typed_totals"] == ["cases/review.total", "requests.new/total"]
    assert "".join(pieces) == document.to_json()
    opened = open_document(tmp_path / "2021.xlsx")
    assert opened.differences == []
    assert opened.document.typed_totals == document.typed_totals
    assert opened.document.values["requests.new/total"] == 999


def test_an_untouched_consistent_file_reads_back_unchanged(tmp_path: Path) -> None:
    document = consistent()
    sums = [f for f in validate(document).findings if f.code in {"E101", "E102", "E103", "E104"}]
    assert sums == []
    opened, differences = reopened(document, tmp_path, {})
    assert differences == []
    assert opened == document


def test_a_reviewers_total_is_kept_typed_and_checked(tmp_path: Path) -> None:
    document = consistent()
    right = document.values["requests.new/total"]
    opened, differences = reopened(document, tmp_path, {(SHEET_三, "I8"): 5})
    assert opened.values["requests.new/total"] == 5
    assert opened.typed_totals == {"requests.new/total"}
    assert differences == [
        f"工作表“{SHEET_三}”I8（本年新收政府信息公开申请数量（总计））：原为“{right}”，现为“5”"
    ]
    flagged = [f for f in validate(opened).findings if f.key == "E103@requests.new/total"]
    assert len(flagged) == 1 and flagged[0].is_error


def test_a_part_edited_in_the_sheet_gets_its_total_computed(tmp_path: Path) -> None:
    document = consistent()
    before = figure(document, "cases/review.total")
    upheld = figure(document, "cases/review.upheld")
    opened, differences = reopened(document, tmp_path, {(SHEET_四, "C8"): upheld + 10})
    assert opened.values["cases/review.upheld"] == upheld + 10
    assert opened.values["cases/review.total"] == before + 10
    assert opened.typed_totals == set()
    assert differences[1] == (
        f"工作表“{SHEET_四}”G8（案件数（行政复议·总计））：原为“{before}”，"
        f"按各项之和自动计算为“{before + 10}”"
    )
    assert len(differences) == 2


def test_a_blank_total_over_filled_parts_is_computed_on_reading(tmp_path: Path) -> None:
    document = consistent()
    parts = totals(FORM)["cases/litigation_direct.total"].parts
    expected = sum(figure(document, part) for part in parts)
    document.values["cases/litigation_direct.total"] = None
    opened, differences = reopened(document, tmp_path, {})
    assert opened.values["cases/litigation_direct.total"] == expected
    assert differences == [
        f"工作表“{SHEET_四}”L8（案件数（行政诉讼·未经复议直接起诉·总计））：原为“（空白）”，"
        f"按各项之和自动计算为“{expected}”"
    ]


def test_a_typed_total_cleared_by_the_reviewer_follows_its_parts_again(tmp_path: Path) -> None:
    document = consistent()
    right = document.values["cases/review.total"]
    document.values["cases/review.total"] = 1000
    document.typed_totals = {"cases/review.total"}
    opened, differences = reopened(document, tmp_path, {(SHEET_四, "G8"): None})
    assert opened.typed_totals == set()
    assert opened.values["cases/review.total"] == right
    assert differences == [
        f"工作表“{SHEET_四}”G8（案件数（行政复议·总计））：原为“1000”，现为“（空白）”",
        f"工作表“{SHEET_四}”G8（案件数（行政复议·总计））：原为“（空白）”，"
        f"按各项之和自动计算为“{right}”",
    ]
