"""Import of 2021-format tables: national template, district variant, web copy; every figure."""

from __future__ import annotations

import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from layouts_2021 import (
    FORM,
    REQUESTS,
    random_figures,
    write_district,
    write_national,
    write_web,
)
from openpyxl import Workbook

from forms.codes import NianbaoError
from forms.importing import Reading, import_workbook
from forms.values import RawText


def _differences(values: dict[str, object], expected: dict[str, object]) -> dict[str, object]:
    return {
        cell: (values.get(cell), figure)
        for cell, figure in expected.items()
        if values.get(cell) != figure or type(values.get(cell)) is not type(figure)
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_the_national_template_gives_back_every_figure(tmp_path: Path, seed: int) -> None:
    expected = random_figures(seed)
    imported = import_workbook(write_national(tmp_path / "国家模板.xlsx", expected))
    document, report = imported.document, imported.report
    assert (document.form_id, document.year) == ("gov-info-2021", 2021)
    assert _differences(document.values, dict(expected)) == {}
    assert len(expected) == 200 and report.clean and not report.dashes
    assert report.summary() == "已对应 200 项 · 未找到 0 项 · 有歧义 0 处 · 未能识别 0 处"
    assert report.form_reason.startswith("按表格内容选用“政府信息公开工作年度报告（2021年格式）”")
    assert "对应200项" in report.form_reason
    runner_up = "（政府信息公开工作年度报告（2019年试行格式）对应176项；其余1种格式对应0项）"
    assert runner_up in report.form_reason  # table 三 and 四 are shared with the 2019 format
    # 结果维持 ×3 told apart by their groups: each from its own column of row 52.
    upheld = {item.cell: item.source for item in report.mapped if "结果维持" in item.label}
    assert upheld == {
        "cases/review.upheld": "统计表!A52",
        "cases/litigation_direct.upheld": "统计表!F52",
        "cases/litigation_after_review.upheld": "统计表!K52",
    }
    lines = report.lines()
    assert "报表格式：按表格内容选用“政府信息公开工作年度报告（2021年格式）”" in lines[1]
    granted = next(item for item in report.mapped if item.cell == "requests.granted/business")
    label = "（一）予以公开（法人或其他组织·商业企业）"
    shown = f"  {label} ← {granted.source}（{expected[granted.cell]}）"
    assert shown in lines and granted.label_source == granted.source.replace("!E", "!B")


def test_a_district_variant_is_read_and_its_extras_reported(tmp_path: Path) -> None:
    expected = random_figures(3)
    imported = import_workbook(write_district(tmp_path / "区里的表.xlsx", expected))
    report = imported.report
    assert _differences(imported.document.values, dict(expected)) == {}
    assert imported.document.year == 2021
    assert report.sheet == "表一 主动公开、表二 依申请、表三 复议诉讼"
    stray = [(item.source, item.text, item.reason) for item in report.not_understood]
    assert stray == [
        ("'表一 主动公开'!A8", "其他主动公开文件", "不是统计表中的指标，未导入"),
        ("'表一 主动公开'!B8", "9", "这一行没有可识别的指标名称，未导入"),
        ("'表一 主动公开'!D8", "9", "这一行没有可识别的指标名称，未导入"),
        ("'表一 主动公开'!F8", "9", "这一行没有可识别的指标名称，未导入"),
    ]
    extra = "第I列（表头“申请人情况／法人或其他组织小计”）的内容未导入（不是数值列）"
    assert extra in report.notices
    # 其他 (its header under 法人或其他组织, moved before 自然人) comes from column C.
    other = next(i for i in report.mapped if i.cell == "requests.new/other")
    assert other.source == "'表二 依申请'!C4"
    assert not report.missing and not report.ambiguous


def test_a_table_copied_from_a_web_page(tmp_path: Path) -> None:
    expected = random_figures(4)
    expected.update({cell: 0 for cell in list(expected)[::7] if cell in REQUESTS_CELLS})
    path = write_web(tmp_path / "网页.xlsx", expected)
    imported = import_workbook(path)
    report = imported.report
    assert _differences(imported.document.values, dict(expected)) == {}
    zeros = sorted(cell for cell, figure in expected.items() if figure == 0)
    assert len(report.dashes) == len(zeros) > 0
    assert sorted(i.cell for i in report.mapped if i.note == "“—”读作0") == zeros
    notice = f"{len(zeros)}个单元格填的是“-”“—”“/”之类，按“无”读作0："
    assert report.dash_notice().startswith(notice)
    assert f"提示：{report.dash_notice()}" in report.lines()
    blank = import_workbook(path, reading=Reading(dashes_as_zero=False))
    assert all(blank.document.values[cell] is None for cell in zeros if cell in REQUESTS_CELLS)
    assert "未读作0，保持空白" in blank.report.dash_notice()


REQUESTS_CELLS = set(REQUESTS.cell_keys())


def test_the_one_row_other_handling_of_2019_is_reported_not_split(tmp_path: Path) -> None:
    rows: list[list[object]] = [["", "自然人", "总计"]]
    for row in REQUESTS.rows:
        if row.id.startswith("requests.other."):
            continue
        rows.append([row.printed_label, *([] if row.is_heading else [1, 1])])
        if row.id == "h.requests.other":
            rows[-1] += [4, 4]
    imported = import_workbook(_sheet(tmp_path / "t.xlsx", rows), "gov-info-2021")
    odd = [item for item in imported.report.not_understood if item.text == "4"]
    line = next(n for n, row in enumerate(rows, 1) if row[0] == "（六）其他处理")
    assert [item.source for item in odd] == [f"Sheet!B{line}", f"Sheet!C{line}"]
    assert odd[0].reason.startswith("“（六）其他处理”在表中只有一行并填了数值，而本格式把它分为3项")
    assert imported.document.values["requests.other.other/natural_person"] is None


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


# -- amounts and dashes in single cells --------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "written", "expected", "note"),
    [
        ("本年收费金额（单位：万元）", "251000元", Decimal("25.1"), "“251000元”按元换算为25.1万元"),
        ("本年收费金额（单位：万元）", "25.1万元", Decimal("25.1"), ""),
        ("本年收费金额（万元）", "2,510元", Decimal("0.251"), "“2,510元”按元换算为0.251万元"),
        ("本年收费金额（单位：元）", 251000, Decimal("25.1"), "表头单位为元，251000元换算为万元"),
        ("本年收费金额（单位：万元）", "－", Decimal(0), "“-”读作0"),
        ("本年收费金额（单位：万元）", "约2万元", RawText("约2万元"), ""),
        ("本年收费金额（单位：万元）", "1.5元", RawText("1.5元"), ""),
    ],
)
def test_amounts_are_read_with_their_unit(
    tmp_path: Path, header: str, written: object, expected: object, note: str
) -> None:
    rows = [["信息内容", header], ["行政事业性收费", written], ["（2021年度）"]]
    imported = import_workbook(_sheet(tmp_path / "t.xlsx", rows))
    value = imported.document.values["proactive.fees.charges"]
    assert value == expected and type(value) is type(expected)
    item = next(i for i in imported.report.mapped if i.cell == "proactive.fees.charges")
    assert item.note == note
    if isinstance(expected, RawText):
        assert [i.text for i in imported.report.not_understood] == [expected.text]


@pytest.mark.parametrize("dash", ["-", "—", "－", "/", "——", " – "])
def test_dashes_in_count_cells_are_read_as_zero_with_a_note(tmp_path: Path, dash: str) -> None:
    rows = [["信息内容", "本年处理决定数量"], ["行政处罚", dash], ["行政强制", 3]]
    imported = import_workbook(_sheet(tmp_path / "t.xlsx", rows), "gov-info-2021")
    assert imported.document.values["proactive.penalties.punishments"] == 0
    assert imported.report.dashes == ["Sheet!B2"]
    assert "1个单元格填的是“-”“—”“/”之类，按“无”读作0：Sheet!B2" in imported.report.lines()[1]


# -- which form ------------------------------------------------------------------------------


def test_the_form_is_chosen_from_the_table(tmp_path: Path) -> None:
    old = _sheet(tmp_path / "old.xlsx", [["统计指标", "单位", "统计数"], ["收到申请数", "件", 4]])
    assert import_workbook(old).document.form_id == "gov-info-2018"
    new = write_national(tmp_path / "new.xlsx", random_figures(5))
    assert import_workbook(new).document.form_id == "gov-info-2021"
    with pytest.raises(NianbaoError) as caught:
        import_workbook(new, "gov-info-2018")
    assert caught.value.code == "F011"


@pytest.mark.parametrize(("year", "form"), [(2018, "gov-info-2018"), (2021, "gov-info-2021")])
def test_a_tie_goes_to_the_form_of_the_year(tmp_path: Path, year: int, form: str) -> None:
    rows = [[f"（{year}年度）"], ["收到申请数", 4], ["行政许可", 5]]
    imported = import_workbook(_sheet(tmp_path / "t.xlsx", rows))
    assert imported.document.form_id == form
    assert f"与其他格式相同，按表中年度{year}年选定" in imported.report.form_reason


# -- random label variants and junk rows -----------------------------------------------------


def _variant(text: str, style: int) -> str:
    if style == 1:
        text = text.replace("（", "(").replace("）", ")").replace("、", ".")
    if style == 2:
        text = text.replace("其他", "其它")
    if style == 3:
        text = " ".join(text) if len(text) < 12 else f" {text[:4]}\n{text[4:]} "
    return text


JUNK = st.text(alphabet="甲乙丙丁注：备案合计说明", min_size=2, max_size=8)


@given(
    styles=st.lists(st.integers(0, 3), min_size=len(REQUESTS.rows), max_size=len(REQUESTS.rows)),
    junk=st.lists(st.tuples(st.integers(2, len(REQUESTS.rows)), JUNK), max_size=3),
    seed=st.integers(0, 10**6),
)
def test_label_variants_and_junk_rows(styles: list[int], junk: list[tuple[int, str]],
                                      seed: int) -> None:  # fmt: skip
    expected = random_figures(seed)
    rows: list[list[object]] = [["项目", *(c.label for c in REQUESTS.columns)]]
    for row, style in zip(REQUESTS.rows, styles, strict=True):
        cells = [] if row.is_heading else [expected[REQUESTS.cell_key(row.id, c.id)]
                                           for c in REQUESTS.columns]  # fmt: skip
        rows.append([_variant(row.printed_label, style), *cells])
    for offset, (place, text) in enumerate(sorted(junk)):
        rows.insert(place + offset, [text, 7])
    with tempfile.TemporaryDirectory() as folder:
        imported = import_workbook(_sheet(Path(folder) / "t.xlsx", rows), "gov-info-2021")
    wanted = {cell: expected[cell] for cell in REQUESTS_CELLS}
    assert _differences(imported.document.values, wanted) == {}
    reported = [item.text for item in imported.report.not_understood]
    assert reported == [piece for _, text in sorted(junk) for piece in (text, "7")]
    assert FORM.id == imported.document.form_id


def test_huge_merged_ranges_are_cut_to_the_cells_read(tmp_path: Path) -> None:
    from forms.importing.workbook import MAX_COLUMNS, MAX_MERGES, MAX_ROWS, read_grids

    plain = _sheet(tmp_path / "plain.xlsx", [["信息内容", "本年处理决定数量"], ["行政处罚", 4]])
    merges = "".join(
        f'<mergeCell ref="A{10 + n % 1900}:XFD{1048000 + n % 500}"/>'
        for n in range(MAX_MERGES + 500)
    )
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                records = f'<mergeCells count="{MAX_MERGES + 500}">{merges}</mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + records.encode())
            target.writestr(item, data)
    grid = read_grids(path)[0]
    assert len(grid.merges) == MAX_MERGES
    assert {(bottom, right) for _, _, bottom, right in grid.merges} == {(MAX_ROWS, MAX_COLUMNS)}
    imported = import_workbook(path, "gov-info-2021")
    assert imported.document.values["proactive.penalties.punishments"] == 4
