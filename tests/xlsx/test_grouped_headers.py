"""The table sheets' grouped, merged headers, read back from the saved file with openpyxl.

Table 三 and table 四 of the 2021 form must carry the national table's header: exact merged
ranges and labels. The figures under the taller header are still read from the visible cells:
a 2021 report filled with distinct figures reads back figure for figure, and a reviewer's
edit of a cell under the grouped header is reported as a difference.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from documents import distinct_figures
from openpyxl.worksheet.worksheet import Worksheet

from forms.definition_files import load_form
from forms.document import Document
from forms.xlsx import open_document, save_document

FORM_2021 = load_form("gov-info-2021")
VALUES: dict[str, object] = {}
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def distinct_2021() -> Document:
    """A 2021 report whose every figure differs from every other (decimals for 万元)."""
    document = distinct_figures(FORM_2021.id)
    VALUES.update(document.values)
    return document


def table_sheet(workbook: openpyxl.Workbook, table_id: str) -> Worksheet:
    """The sheet whose hidden marker names ``table_id``."""
    marker = f"nianbao:table:{table_id}"
    return next(sheet for sheet in workbook.worksheets if sheet.cell(1, 1).value == marker)


def header(sheet: Worksheet) -> dict[str, str | None]:
    """Every merged range of the header (rows 5 and below the title) → the label it shows."""
    return {
        str(merged): sheet.cell(merged.min_row, merged.min_col).value
        for merged in sheet.merged_cells.ranges
        if merged.min_row >= 5
    }


def labels(sheet: Worksheet, row: int, columns: str) -> list[str | None]:
    return [sheet[f"{column}{row}"].value for column in columns]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("headers") / "2021.xlsx"
    save_document(distinct_2021(), path)
    return openpyxl.load_workbook(path)


def test_table_three_header_is_the_national_one(workbook: openpyxl.Workbook) -> None:
    sheet = table_sheet(workbook, "requests")
    assert header(sheet) == {
        "B5:B7": REQUESTS_NOTE,
        "C5:I5": "申请人情况",
        "C6:C7": "自然人",
        "D6:H6": "法人或其他组织",
        "I6:I7": "总计",
    }
    assert labels(sheet, 7, "DEFGH") == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert sheet["B8"].value == "一、本年新收政府信息公开申请数量"
    assert sheet["C1"].value == "natural_person" and sheet["I1"].value == "total"
    state_secret = sheet["B14"]  # 1.属于国家秘密, under （三）不予公开, under 三、
    assert state_secret.value == "1.属于国家秘密"
    assert state_secret.alignment.horizontal == "left" and state_secret.alignment.indent == 4
    assert sheet["C14"].alignment.horizontal == "center"  # figures centred, as printed


def test_table_four_header_is_the_national_one(workbook: openpyxl.Workbook) -> None:
    sheet = table_sheet(workbook, "review_litigation")
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert header(sheet) == {
        "B5:B7": None,
        "C5:G5": "行政复议",
        **{f"{column}6:{column}7": label for column, label in zip("CDEFG", results, strict=True)},
        "H5:Q5": "行政诉讼",
        "H6:L6": "未经复议直接起诉",
        "M6:Q6": "复议后起诉",
    }
    assert labels(sheet, 7, "HIJKL") == results
    assert labels(sheet, 7, "MNOPQ") == results
    assert sheet["B8"].value == "案件数"
    figures = [sheet.cell(8, column).value for column in range(3, 18)]
    table = FORM_2021.tables[-1]
    assert figures == [VALUES[table.cell_key("cases", column.id)] for column in table.columns]


@pytest.mark.parametrize("table_id", ["requests", "review_litigation"])
def test_grouped_sheets_print_portrait_with_every_header_row_repeated(
    workbook: openpyxl.Workbook, table_id: str
) -> None:
    sheet = table_sheet(workbook, table_id)
    assert sheet.print_title_rows == "$5:$7"
    assert sheet.page_setup.orientation == "portrait" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.freeze_panes == "C8"
    assert all(outlined(sheet, cells) for cells in [*header(sheet), "H7"])


def outlined(sheet: Worksheet, cells: str) -> bool:
    """Whether a (merged) range has a thin rule all round."""
    rows = list(sheet[cells]) if ":" in cells else [[sheet[cells]]]
    edges = [cell.border.top for cell in rows[0]] + [cell.border.bottom for cell in rows[-1]]
    edges += [row[0].border.left for row in rows] + [row[-1].border.right for row in rows]
    return all(edge.style == "thin" for edge in edges)


def test_header_rows_are_tall_enough_for_wrapped_labels(workbook: openpyxl.Workbook) -> None:
    sheet = table_sheet(workbook, "review_litigation")
    assert sheet.row_dimensions[7].height >= 30  # 结果维持 wraps to two lines in its column
    three = table_sheet(workbook, "requests")
    assert three.row_dimensions[7].height >= 30  # 社会公益组织, 法律服务机构


def test_a_2021_report_with_distinct_figures_reads_back_figure_for_figure(tmp_path: Path) -> None:
    document = distinct_2021()
    save_document(document, tmp_path / "2021.xlsx")
    opened = open_document(tmp_path / "2021.xlsx")
    assert opened.differences == []
    for cell in FORM_2021.index.cell_order:
        assert opened.document.values[cell] == document.values[cell], cell
    assert len(set(opened.document.values.values())) == len(FORM_2021.index.cell_order)


def test_a_reviewer_edit_under_the_grouped_header_is_a_difference(tmp_path: Path) -> None:
    path = tmp_path / "2021.xlsx"
    save_document(distinct_2021(), path)
    workbook = openpyxl.load_workbook(path)
    three = table_sheet(workbook, "requests")
    research, upheld = (
        VALUES["requests.new/research"],
        VALUES["cases/litigation_after_review.upheld"],
    )
    assert three["E8"].value == research  # 一、本年新收 · 科研机构
    three["E8"] = 9
    four = table_sheet(workbook, "review_litigation")
    assert four["M8"].value == upheld  # 复议后起诉 · 结果维持
    four["M8"] = 0
    workbook.save(path)
    opened = open_document(path)
    assert opened.document.values["requests.new/research"] == 9
    assert opened.document.values["cases/litigation_after_review.upheld"] == 0
    assert opened.differences == [
        f"工作表“{three.title}”E8（本年新收政府信息公开申请数量（法人或其他组织·科研机构））："
        f"原为“{research}”，现为“9”",
        f"工作表“{four.title}”M8（案件数（行政诉讼·复议后起诉·结果维持））：原为“{upheld}”，现为“0”",
    ]


def test_the_2018_table_shows_a_dash_for_the_unit_of_heading_rows(
    demo: Document, tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "2018.xlsx")
    sheet = table_sheet(openpyxl.load_workbook(tmp_path / "2018.xlsx"), "annex1")
    units = {
        row.id: sheet.cell(number, 3).value
        for number, row in enumerate(demo.form.tables[0].rows, start=6)
    }
    headings = [row.id for row in demo.form.tables[0].rows if row.is_heading]
    assert len(headings) >= 5
    assert all(units[row] == "—" for row in headings)
    assert all(units[row.id] == row.unit for row in demo.form.tables[0].value_rows())
    assert sheet.print_title_rows == "$5:$5" and header(sheet) == {}
