"""Published reports whose tables have no rules, printed at test time and read back.

:mod:`unruled_pdf` prints a report as offices publish it: portrait pages with a running
header and “— n —” at the foot, tables as aligned text whose headers wrap in their narrow
columns (结果维 / 持, 社会公益 / 组织, 法人或 / 其他组织) under centred group headers,
table 三 broken over a page with or without its header repeated, labels wrapped with their
figures on the first line or between the lines. Both national layouts: 2021 and the 2019
trial format (signed 本年增/减, 采购总金额 with its unit). Every figure, the header paths of
the wide tables, their merges, and each narrative part are compared with what was printed.
"""

from __future__ import annotations

import random
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from source_files import Layout, blocks, figures_in, printed_figures
from unruled_pdf import Press, write_press_pdf

from forms.definition import ValueKind
from forms.demo import load_demo
from forms.document import Document
from forms.importing.sources import import_file, read_source
from forms.importing.workbook import Grid

FORMS = ["gov-info-2021", "gov-info-2019"]
REQUESTS = {"gov-info-2021": 4, "gov-info-2019": 5}  # table 三 among the printed tables
LAST_BLOCK = {"gov-info-2021": 3, "gov-info-2019": 4}  # （八）/（九）, columns as the block before
WRAPPED = ["法人或其他组织", "社会公益组织", "法律服务机构", "未经复议直接起诉", "申请人情况"]


def press_for(form_id: str, repeat: bool, middle: bool, wraps: dict[str, list[int]]) -> Press:
    """Table 三 broken before its 8th body row (inside （三）不予公开); the last block of
    table 二 on a new page, in the columns of the block ending the page before."""
    return Press(wraps, {REQUESTS[form_id]: 8}, {LAST_BLOCK[form_id]}, repeat, middle)


def signed_cells(document: Document) -> set[str]:
    """The cells of signed columns (本年增/减): their parsing by kind is the matcher's."""
    return {
        table.cell_key(row.id, column.id)
        for table in document.form.tables
        for column in table.columns
        if column.signed
        for row in table.value_rows()
    }


def header_paths(grid: Grid, labels: list[str]) -> list[list[str]]:
    """For each column right of the labels in the rows above the row labelled ``labels[0]``
    … the header texts over it (merged ranges spread), top first; the first table found."""
    from forms.importing.headers import column_paths

    first = next(row for (row, column), value in sorted(grid.cells.items()) if value in labels)
    top = first
    while any((top - 1, column) in grid.cells for column in range(1, 30)):
        top -= 1
    columns = sorted({c for (r, c) in grid.cells if top <= r < first and c > 1})
    paths = column_paths(grid, list(range(top, first)), columns)
    return [paths[column] for column in sorted(paths)]


def printed_paths(document: Document, table_id: str) -> list[list[str]]:
    table = next(table for table in document.form.tables if table.id == table_id)
    return [[*column.groups, column.label] for column in table.columns]


def merged_widths(grid: Grid) -> dict[str, list[int]]:
    """Text of each merged header cell → the widths of its merged ranges."""
    widths: dict[str, list[int]] = {}
    for top, left, _bottom, right in grid.merges:
        if right > left:
            widths.setdefault(str(grid.cells[top, left]), []).append(right - left + 1)
    return widths


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("repeat", [True, False], ids=["header-repeated", "no-header"])
@pytest.mark.parametrize("middle", [False, True], ids=["figures-on-top", "figures-between"])
def test_an_unruled_report_over_pages_comes_back_whole(
    form_id: str, repeat: bool, middle: bool, tmp_path: Path
) -> None:
    report = load_demo(form_id)
    wraps = {"法人或其他组织": [3], "结转下年度继续办理": [4], "申请人情况": [2]}
    path = write_press_pdf(
        report, blocks(report), tmp_path / "年报.pdf", press_for(form_id, repeat, middle, wraps)
    )
    source = read_source(path)
    assert _pages(path) >= 3
    (grid,) = source.grids
    assert figures_in(grid, report) == printed_figures(report)
    # one table 三 (the part overleaf continues it), its header joined over each column
    assert [place for place in source.notices if "无框表格" in place and "、" in place]
    assert header_paths(grid, ["一、本年新收政府信息公开申请数量"]) == printed_paths(
        report, "requests"
    )
    assert header_paths(grid, ["案件数"]) == printed_paths(report, "review_litigation")
    assert merged_widths(grid) == {
        "申请人情况": [7],
        "法人或其他组织": [5],
        "行政复议": [5],
        "行政诉讼": [10],
        "未经复议直接起诉": [5],
        "复议后起诉": [5],
    } | _title_widths(report)
    imported = import_file(path)
    document = imported.document
    assert imported.report.missing == [] and imported.report.ambiguous == []
    assert (document.form_id, document.unit, document.year) == (
        form_id,
        report.unit,
        report.year,
    )
    unsigned = set(report.values) - signed_cells(report)
    assert {cell: document.values.get(cell) for cell in unsigned} == {
        cell: report.values[cell] for cell in unsigned
    }
    assert _squeezed(document.narrative) == _squeezed(report.narrative)
    assert report.title() not in "".join(document.narrative.values())  # the running header


def _title_widths(report: Document) -> dict[str, list[int]]:
    """Table 二's blocks print their title (第二十条第（一）项) over the whole block."""
    widths: dict[str, list[int]] = {}
    for block in blocks(report):
        if isinstance(block, Layout) and block.spans[0].columns > 1:
            widths.setdefault(block.spans[0].text, []).append(block.spans[0].columns)
    return widths


def _pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _squeezed(parts: dict[str, str]) -> dict[str, str]:
    return {part: "".join(body.split()) for part, body in parts.items() if body.strip()}


def _randomised(report: Document, seed: int) -> Document:
    """Every figure of the report replaced by a random one of its kind (signed: negative too)."""
    chance = random.Random(seed)
    signed = signed_cells(report)
    for cell in report.form.index.cell_order:
        kind = report.form.index.kind(cell)
        if cell in signed:
            report.values[cell] = chance.randint(-40, 40)
        elif kind.base is ValueKind.DECIMAL:
            report.values[cell] = Decimal(chance.randint(0, 999999)) / 100
        else:
            report.values[cell] = chance.choice([0, 0, 1, 7, chance.randint(0, 99999)])
    return report


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    form_id=st.sampled_from(FORMS),
    seed=st.integers(0, 10**6),
    cuts=st.lists(st.integers(1, 7), min_size=len(WRAPPED), max_size=len(WRAPPED)),
    repeat=st.booleans(),
    middle=st.booleans(),
    split=st.integers(1, 20),
)
def test_random_figures_and_header_breaks(
    form_id: str, seed: int, cuts: list[int], repeat: bool, middle: bool, split: int
) -> None:
    """Random figures, each long header broken by hand at a random place, table 三 broken
    before a random row: every figure is where it was printed, the headers whole."""
    report = _randomised(load_demo(form_id), seed)
    wraps = {text: [cut] for text, cut in zip(WRAPPED, cuts, strict=True)}
    press = Press(wraps, {REQUESTS[form_id]: split}, set(), repeat, middle)
    with tempfile.TemporaryDirectory() as folder:
        path = write_press_pdf(report, blocks(report), Path(folder) / "年报.pdf", press)
        (grid,) = read_source(path).grids
    assert figures_in(grid, report) == printed_figures(report)
    assert header_paths(grid, ["一、本年新收政府信息公开申请数量"]) == printed_paths(
        report, "requests"
    )
    assert header_paths(grid, ["案件数"]) == printed_paths(report, "review_litigation")


@pytest.mark.parametrize("form_id", FORMS)
@pytest.mark.parametrize("repeat", [True, False], ids=["header-repeated", "no-header"])
def test_a_row_broken_by_the_page_is_joined_again(
    form_id: str, repeat: bool, tmp_path: Path
) -> None:
    """（二）部分公开（区分处理的，只计 with its figures at a page's foot, 这一情形，不计其他情形）
    at the top of the next page (under the repeated header or not): one row, every figure."""
    report = load_demo(form_id)
    press = Press({}, {REQUESTS[form_id]: 4}, set(), repeat, split_row=True)
    path = write_press_pdf(report, blocks(report), tmp_path / "年报.pdf", press)
    (grid,) = read_source(path).grids
    labels = [str(value) for (_, column), value in grid.cells.items() if column == 1]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "这一情形，不计其他情形）" not in labels
    assert figures_in(grid, report) == printed_figures(report)
    assert header_paths(grid, ["一、本年新收政府信息公开申请数量"]) == printed_paths(
        report, "requests"
    )
