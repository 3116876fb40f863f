"""The 2021 report's grouped headers through LibreOffice: re-saved, recalculated and printed.

A 2021 report with a distinct figure in every cell goes through ``soffice --convert-to xlsx``
(merged header ranges, every figure, and the 审核 sheet's verdicts as LibreOffice computes
them) and ``--convert-to pdf`` (what an office prints: the group labels stacked as in the
national table, on portrait A4 pages).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from documents import distinct_figures
from office import SOFFICE, convert
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from forms.definition_files import load_form
from forms.document import Document
from forms.xlsx import open_document, save_document
from forms.xlsx.checks import app_verdicts
from forms.xlsx.layout import CHECK_SHEET

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]
FORM = load_form("gov-info-2021")
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
HEADERS = {
    "requests": {
        "B5:B7": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "C5:I5": "申请人情况",
        "C6:C7": "自然人",
        "D6:H6": "法人或其他组织",
        "I6:I7": "总计",
    },
    "review_litigation": {
        "B5:B7": None,
        "C5:G5": "行政复议",
        **{f"{column}6:{column}7": label for column, label in zip("CDEFG", RESULTS, strict=True)},
        "H5:Q5": "行政诉讼",
        "H6:L6": "未经复议直接起诉",
        "M6:Q6": "复议后起诉",
    },
}


@pytest.fixture(scope="module")
def document() -> Document:
    return distinct_figures(FORM.id)


@pytest.fixture(scope="module")
def files(document: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lo2021")
    save_document(document, folder / "report2021.xlsx")
    resaved = convert([folder / "report2021.xlsx"], "xlsx", folder / "resaved")
    printed = convert([folder / "report2021.xlsx"], "pdf", folder / "printed")
    return {"xlsx": resaved["report2021"], "pdf": printed["report2021"]}


def table_sheet(path: Path, table_id: str) -> Worksheet:
    workbook = load_workbook(path)
    marker = f"nianbao:table:{table_id}"
    return next(sheet for sheet in workbook.worksheets if sheet.cell(1, 1).value == marker)


@pytest.mark.parametrize("table_id", HEADERS)
def test_libreoffice_keeps_the_merged_header(files: dict[str, Path], table_id: str) -> None:
    sheet = table_sheet(files["xlsx"], table_id)
    merged = {
        str(cells): sheet.cell(cells.min_row, cells.min_col).value
        for cells in sheet.merged_cells.ranges
        if cells.min_row >= 5
    }
    assert merged == HEADERS[table_id]
    assert sheet.print_title_rows == "$5:$7"


def test_libreoffice_keeps_every_figure_under_the_header(
    files: dict[str, Path], document: Document
) -> None:
    opened = open_document(files["xlsx"])
    assert opened.differences == []
    assert opened.document.values == document.values
    assert len(set(document.values.values())) == len(FORM.index.cell_order)


def test_check_sheet_recalculated_by_libreoffice_matches_the_app(
    files: dict[str, Path], document: Document
) -> None:
    sheet = load_workbook(files["xlsx"], data_only=True)[CHECK_SHEET]
    rows = sheet.iter_rows(min_row=3, min_col=3, max_col=4, values_only=True)
    verdicts = {key: verdict for key, verdict in rows if key}
    assert verdicts == app_verdicts(document)
    assert "错误" in verdicts.values() and "通过" in verdicts.values()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdftotext lays it out (columns kept in place)."""
    pages = len(PdfReader(pdf).pages)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def lines_holding(text: str, *labels: str) -> list[int]:
    """The line number of each label's first occurrence (they must all be there)."""
    lines = text.splitlines()
    found = [next((n for n, line in enumerate(lines) if label in line), -1) for label in labels]
    assert -1 not in found, f"{labels} in {text[:400]}"
    return found


def the_page(pages: list[str], title: str) -> int:
    return next(n for n, text in enumerate(pages) if title in text)


def test_the_printed_sheets_stack_the_group_labels_as_the_national_table(
    files: dict[str, Path], document: Document
) -> None:
    pages = page_texts(files["pdf"])
    three = pages[the_page(pages, "收到和处理政府信息公开申请情况")]
    top, middle, bottom = lines_holding(three, "申请人情况", "法人或其他组织", "商业企业")
    assert top < middle <= bottom
    assert all(label in three for label in ("自然人", "科研机构", "社会公益组织", "总计"))
    four = pages[the_page(pages, "政府信息公开行政复议、行政诉讼情况")]
    review, litigation = lines_holding(four, "行政复议", "行政诉讼")
    direct, after = lines_holding(four, "未经复议直接起诉", "复议后起诉")
    assert review == litigation < direct == after
    line = four.splitlines()[direct]
    assert line.index("未经复议直接起诉") < line.index("复议后起诉")
    assert four.count("结果维持") == 3 and four.count("尚未审结") == 3
    table = FORM.tables[-1]
    figures = [str(document.values[table.cell_key("cases", c.id)]) for c in table.columns]
    assert " ".join(four.split()).endswith("案件数 " + " ".join(figures))


def test_the_printed_table_sheets_are_portrait_a4(files: dict[str, Path]) -> None:
    reader = PdfReader(files["pdf"])
    pages = page_texts(files["pdf"])
    for title in ("收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"):
        box = reader.pages[the_page(pages, title)].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert sum("政府信息公开行政复议、行政诉讼情况" in text for text in pages) == 1
