"""The xlsx file: round trips, reviewer edits, formula injection, atomic saving, layout.

Every test saves a real file, reopens it (with this app or with openpyxl as a reviewer's
spreadsheet program would) and looks at what is actually in it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.boundary import admit
from forms.codes import NianbaoError
from forms.definition import ValueKind
from forms.definition_files import available_forms, load_form
from forms.derive import derive, totals
from forms.document import Document, new_document
from forms.values import RawText, parse_entry
from forms.xlsx import open_document, save_document
from forms.xlsx.layout import META_SHEET

FORM = load_form("gov-info-2018")
TABLE_SHEET = "附件1 政府信息公开情况统计表"
INJECTIONS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","x")']


def saved(document: Document, folder: Path, name: str = "年报.xlsx") -> Path:
    path = folder / name
    save_document(document, path)
    return path


def find_cell(sheet: openpyxl.worksheet.worksheet.Worksheet, key: str) -> openpyxl.cell.Cell:
    """The visible value cell of a row id (the hidden column A holds the ids)."""
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == key:
            return sheet.cell(row[0].row, 4 if sheet.cell(1, 4).value == "value" else 3)
    raise KeyError(key)


# -- round trips ------------------------------------------------------------------------------


def test_demo_round_trip_is_exact(demo: Document, tmp_path: Path) -> None:
    opened = open_document(saved(demo, tmp_path))
    assert opened.differences == []
    assert opened.document == demo
    assert opened.document.to_json() == demo.to_json()


@pytest.mark.parametrize("form", available_forms(), ids=lambda f: f.id)
def test_every_shipped_form_round_trips(form: object, tmp_path: Path) -> None:
    document = new_document(form.id, "某某县人民政府办公室", 2025)  # type: ignore[attr-defined]
    for number, cell in enumerate(document.values):
        document.values[cell] = number
    document.typed_totals = set(totals(document.form))  # every total given, as an import does
    opened = open_document(saved(document, tmp_path))
    assert opened.differences == []
    assert opened.document == document


def _entries(kind: ValueKind) -> st.SearchStrategy[object]:
    decimals = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False)
    numbers = st.integers(0, 10**12) if kind is ValueKind.INTEGER else decimals
    raw = st.text(min_size=1, max_size=12).map(lambda t: parse_entry(t, kind))
    return st.one_of(st.none(), numbers, raw.filter(lambda e: isinstance(e, RawText)))


MARKUP = st.text(alphabet=st.sampled_from("=+-@\t\r\n<>&\"'年报①\u3000 ab1\x01\ufffe"), max_size=30)
TEXT = st.one_of(st.text(max_size=40), MARKUP, st.sampled_from(INJECTIONS))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    form = draw(st.sampled_from(available_forms()))
    document = new_document(form.id, draw(TEXT), draw(st.integers(1990, 2100)))
    cells = draw(st.lists(st.sampled_from(form.index.cell_order), max_size=12, unique=True))
    for cell in cells:
        document.values[cell] = draw(_entries(form.index.kind(cell)))  # type: ignore[assignment]
    computed = totals(form)
    document.typed_totals = {c for c in cells if c in computed and document.values[c] is not None}
    derive(document)  # as the app holds a document: the other totals follow their parts
    for part in document.narrative:
        document.narrative[part] = draw(TEXT)
    for field in document.signatories:
        document.signatories[field] = draw(TEXT)
    for item in document.contact:
        document.contact[item] = draw(TEXT)
    document.preface = draw(TEXT)
    document.explanations = draw(st.dictionaries(st.sampled_from(["W201@x", "W202@y"]), TEXT))
    document.last_year = {form.index.cell_order[0]: draw(st.integers(0, 10**6))}
    document.history = {2017: draw(st.one_of(st.none(), st.integers(0, 10**6)))}
    admit(document)  # as the app holds it: control characters out (a cell cannot hold them)
    return document


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_any_document_round_trips(document: Document, tmp_path: Path) -> None:
    admit(document)  # as the app holds it: text past the boundary (no control characters)
    opened = open_document(saved(document, tmp_path))
    assert opened.differences == []
    assert opened.document == document
    assert opened.document.to_json() == document.to_json()


def test_text_longer_than_a_cell_round_trips(demo: Document, tmp_path: Path) -> None:
    demo.narrative["overview"] = "政府信息公开。" * 10_000  # 70 000 characters: three cells
    path = saved(demo, tmp_path)
    meta = openpyxl.load_workbook(path)[META_SHEET]
    assert sum(row[0] == "json" for row in meta.iter_rows(values_only=True)) == 3
    opened = open_document(path)
    assert opened.differences == []
    assert opened.document.narrative["overview"] == demo.narrative["overview"]


# -- what a reviewer does in WPS/Excel ------------------------------------------------------------


def test_reviewer_edits_show_up_on_reopen(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    find_cell(workbook[TABLE_SHEET], "proactive.total").value = 13000
    find_cell(workbook[TABLE_SHEET], "response.hotspots").value = "约30"
    find_cell(workbook["签署栏"], "sign.reviewer").value = "王五"
    workbook.save(path)

    opened = open_document(path)
    assert opened.document.values["proactive.total"] == 13000
    assert opened.document.values["response.hotspots"] == RawText("约30")
    assert opened.document.signatories["reviewer"] == "王五"
    assert opened.document.explanations == demo.explanations
    lines = "\n".join(opened.differences)
    assert len(opened.differences) == 3
    assert f"工作表“{TABLE_SHEET}”D7（主动公开政府信息数）：原为“12457”，现为“13000”" in lines
    assert "（审核人）：原为“宋佩娴”，现为“王五”" in lines


def test_reviewer_typing_a_date_into_the_date_field_reads_as_that_date(
    demo: Document, tmp_path: Path
) -> None:
    from datetime import datetime

    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    find_cell(workbook["签署栏"], "sign.date").value = datetime(2019, 3, 1)
    workbook.save(path)
    assert open_document(path).document.signatories["date"] == "2019-03-01"


def test_reviewer_may_rename_sheets_and_insert_rows(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[TABLE_SHEET]
    sheet.title = "统计表（已审）"
    sheet.insert_rows(8, amount=2)
    find_cell(sheet, "proactive.channel.website").value = 11000
    workbook.save(path)
    opened = open_document(path)
    assert opened.document.values["proactive.channel.website"] == 11000
    assert opened.document.values["proactive.total"] == 12457
    assert len(opened.differences) == 1
    assert "统计表（已审）" in opened.differences[0]


def test_a_deleted_sheet_keeps_the_saved_content(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    del workbook["签署栏"]
    workbook.save(path)
    opened = open_document(path)
    assert opened.document == demo
    assert opened.differences == [
        "有5项内容在表格中找不到（可能删除了行或工作表），沿用保存时的内容"
    ]


@pytest.mark.parametrize("typed", ["二〇一八", "2018²", "9" * 5000, "2018.5"])
def test_a_year_that_is_not_a_year_keeps_the_saved_year(
    demo: Document, tmp_path: Path, typed: str
) -> None:
    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    find_cell(workbook["年报正文"], "year").value = typed
    workbook.save(path)
    opened = open_document(path)
    assert opened.document.year == 2018
    assert "不是年份，沿用原值" in opened.differences[0]
    assert len(opened.differences[0]) < 120


def test_a_year_in_full_width_digits_is_read(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path)
    workbook = openpyxl.load_workbook(path)
    find_cell(workbook["年报正文"], "year").value = "２０１９"
    workbook.save(path)
    assert open_document(path).document.year == 2019


# -- formula injection ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_is_stored_as_text(demo: Document, tmp_path: Path, text: str) -> None:
    demo.unit = text
    demo.narrative["other"] = text
    demo.values["response.other"] = RawText(text)
    path = saved(demo, tmp_path)

    workbook = openpyxl.load_workbook(path)
    stored = text.replace("\r", "\n")  # a cell keeps line ends as \n
    for sheet, key in (
        ("年报正文", "unit"),
        ("年报正文", "narrative.other"),
        (TABLE_SHEET, "response.other"),
    ):
        cell = find_cell(workbook[sheet], key)
        assert cell.data_type == "s", (sheet, key)
        assert cell.value == stored
        # text fields stay text when edited; a figure cell must become a number when corrected
        assert cell.quotePrefix == (sheet != TABLE_SHEET), (sheet, key)
    opened = open_document(path)
    assert opened.document.unit == text
    assert opened.document.values["response.other"] == RawText(text)
    assert opened.differences == []


def test_control_characters_are_dropped_in_cells_and_copy_and_said(
    demo: Document, tmp_path: Path
) -> None:
    demo.narrative["other"] = "无\x00其\x07他\ufffe事\u202e项"
    path = saved(demo, tmp_path)
    cell = find_cell(openpyxl.load_workbook(path)["年报正文"], "narrative.other").value
    assert cell == "无其他事\u202e项"
    opened = open_document(path)
    assert opened.document.narrative["other"] == "无其他事项"
    said = [line for line in opened.differences if "V010" in line]
    assert said and "控制字符已删除" in said[0] and "文字方向控制符已删除" in said[0]


# -- saving is atomic -----------------------------------------------------------------------------


def test_a_failed_save_leaves_the_old_file_byte_identical(
    demo: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved(demo, tmp_path)
    before = path.read_bytes()

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    demo.values["proactive.total"] = 1
    with pytest.raises(NianbaoError) as failure:
        save_document(demo, path)
    assert failure.value.code == "F041"
    assert "磁盘空间不足" in failure.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_save_keeps_the_permissions_of_the_file_it_replaces(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path)
    path.chmod(0o640)
    save_document(demo, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_onto_a_folder_is_refused(demo: Document, tmp_path: Path) -> None:
    with pytest.raises(NianbaoError) as failure:
        save_document(demo, tmp_path)
    assert failure.value.code == "F043"


# -- what the reviewer sees ---------------------------------------------------------------------


def test_the_table_sheet_is_laid_out_like_the_printed_annex(demo: Document, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(saved(demo, tmp_path))
    sheet = workbook[TABLE_SHEET]
    assert workbook.sheetnames[0] == TABLE_SHEET
    assert [sheet.cell(5, c).value for c in (2, 3, 4)] == ["统计指标", "单位", "统计数"]
    assert sheet.cell(3, 2).value == "政府信息公开情况统计表"
    assert sheet.cell(4, 2).value == "（2018年度）"
    assert sheet.cell(6, 2).value == "一、主动公开情况" and sheet.cell(6, 2).font.b
    assert sheet.cell(7, 2).alignment.indent == 2 and not sheet.cell(7, 2).font.b
    assert sheet.cell(7, 3).value == "条" and sheet.cell(7, 4).value == 12457
    assert sheet.cell(7, 4).border.left.style == "thin"
    assert sheet.column_dimensions["A"].hidden and sheet.row_dimensions[1].hidden
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.page_setup.paperSize == 9


def test_text_sheets_and_the_hidden_copy(demo: Document, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(saved(demo, tmp_path))
    assert workbook.sheetnames == [
        TABLE_SHEET,
        "年报正文",
        "附件2 政府信息公开情况分析说明",
        "签署栏",
        "审核",
        "审核记录",
        META_SHEET,
    ]
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert all(workbook[name].sheet_state == "visible" for name in workbook.sheetnames[:-1])
    report = workbook["年报正文"]
    assert find_cell(report, "unit").value == "白银市平川区人民政府办公室"
    assert find_cell(report, "year").value == 2018
    assert find_cell(report, "narrative.fees").value == demo.narrative["fees"]
    meta = {row[0]: row[1] for row in workbook[META_SHEET].iter_rows(values_only=True)}
    assert meta["form_id"] == "gov-info-2018" and meta["form_version"] == 1
    assert meta["json"] == demo.to_json()


def test_a_matrix_form_with_several_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = load_form("gov-info-2021")
    document = new_document(form.id, "某某县人民政府办公室", 2025)
    matrix = next(table for table in form.tables if len(table.columns) == 7)
    key = matrix.cell_key(next(matrix.value_rows()).id, matrix.columns[2].id)
    path = saved(document, tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = next(
        workbook[n]
        for n in workbook.sheetnames
        if workbook[n].cell(1, 1).value == f"nianbao:table:{matrix.id}"
    )
    assert [sheet.cell(1, c).value for c in range(3, 10)] == [c.id for c in matrix.columns]
    assert sheet.page_setup.orientation == "portrait"
    sheet.cell(8, 5).value = 7  # first value row (under a 3-row header), third column
    workbook.save(path)
    opened = open_document(path)
    assert opened.document.values[key] == 7
    assert len(opened.differences) == 1


def test_saving_records_when_the_report_was_last_saved(demo: Document, tmp_path: Path) -> None:
    demo.modified = "2019-02-27T08:00:00+00:00"
    save_document(demo, tmp_path / "x.xlsx")
    reopened = open_document(tmp_path / "x.xlsx").document
    assert reopened.modified == demo.modified > "2026"
    assert reopened.created == demo.created


def test_a_cell_of_only_control_characters_round_trips(tmp_path: Path) -> None:
    """Hypothesis found it: RawText("\\x1b") saved as an empty cell read back as a change."""
    document = new_document("gov-info-2018", "某单位", 2018)
    document.values["proactive.total"] = RawText("\x1b")
    admit(document)
    opened = open_document(saved(document, tmp_path))
    assert opened.differences == []
    assert opened.document.values["proactive.total"] == document.values["proactive.total"]
