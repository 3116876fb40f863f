"""Import of foreign tables, case by case: what is found, what is reported, what is refused."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from forms.codes import NianbaoError
from forms.importing import import_workbook
from forms.importing.labels import label_key
from forms.values import RawText

HEADER = ["统计指标", "单位", "统计数"]


def write_rows(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    workbook = Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "主动公开政府信息数"),
        ("(一) 主动公开政府信息数", "主动公开政府信息数"),
        ("1.政府公报公开政府信息数", "政府公报公开政府信息数"),
        ("１．政府公报公开政府信息数", "政府公报公开政府信息数"),
        ("其中：主动公开规范性文件数", "主动公开规范性文件数"),
        ("三、依申请公开情况", "依申请公开情况"),
        ("不是“条例”所指政府信息", "不是《条例》所指政府信息"),
        ("危及国家安全,公共安全,经济安全和社会稳定", "危及国家安全、公共安全、经济安全和社会稳定"),
    ],
)
def test_label_variants_fold_to_one_key(written: str, printed: str) -> None:
    assert label_key(written) in {
        label_key(printed),
        label_key(printed + "（不同渠道和方式公开相同信息计1条）"),
    }


def test_shared_label_is_settled_by_its_part(tmp_path: Path) -> None:
    rows = [HEADER, ["四、行政复议数量", "件", 3], ["（二）被依法纠错数", "件", 1],
            ["五、行政诉讼数量", "件", 2], ["（二）被依法纠错数", "件", 2]]  # fmt: skip
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    values = imported.document.values
    assert (values["review.corrected"], values["litigation.corrected"]) == (1, 2)
    notes = {item.cell: item.note for item in imported.report.mapped}
    assert "四、行政复议数量" in notes["review.corrected"]
    assert "五、行政诉讼数量" in notes["litigation.corrected"]


def test_shared_label_without_its_part_is_reported_not_picked(tmp_path: Path) -> None:
    rows = [HEADER, ["申请答复数", "件", 4], ["被依法纠错数", "件", 1]]
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert imported.document.values["review.corrected"] is None
    assert imported.document.values["litigation.corrected"] is None
    (ambiguous,) = imported.report.ambiguous
    assert ambiguous.source == "Sheet1!A3"
    assert len(ambiguous.candidates) == 2
    assert "review.corrected" not in {item.cell for item in imported.report.missing}


def test_a_label_written_twice_is_reported_not_picked(tmp_path: Path) -> None:
    rows = [HEADER, ["收到申请数", "件", 4], ["传真申请数", "件", 1], ["收到申请数", "件", 5]]
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert imported.document.values["requests.received"] is None
    sources = {item.source for item in imported.report.ambiguous}
    assert sources == {"Sheet1!A2", "Sheet1!A4"}
    assert imported.document.values["requests.received.fax"] == 1


def test_text_figures_are_kept_and_reported(tmp_path: Path) -> None:
    rows = [HEADER, ["收到申请数", "件", "十二"], ["传真申请数", "件", "1,200"],
            ["网络申请数", "件", "7件"], ["依申请公开信息收取的费用", "万元", "0.25"],
            ["当面申请数", "件", None]]  # fmt: skip
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    values = imported.document.values
    assert values["requests.received"] == RawText("十二")
    assert values["requests.received.fax"] == 1200
    assert values["requests.received.online"] == 7
    assert values["fees.total"] == Decimal("0.25")
    assert values["requests.received.in_person"] is None
    (odd,) = imported.report.not_understood
    assert (odd.source, odd.text) == ("Sheet1!C2", "十二")


def test_unknown_rows_and_stray_figures_are_reported(tmp_path: Path) -> None:
    rows = [HEADER, ["收到申请数", "件", 4], ["其中：电子邮件申请数", "件", 2], [None, None, 9],
            ["传真申请数", "件", 1]]  # fmt: skip
    report = import_workbook(write_rows(tmp_path / "t.xlsx", rows)).report
    found = {(item.source, item.text) for item in report.not_understood}
    assert found == {("Sheet1!A3", "其中：电子邮件申请数"), ("Sheet1!C3", "2"), ("Sheet1!C4", "9")}


def test_header_picks_the_value_column_among_figures(tmp_path: Path) -> None:
    rows = [["统计指标", "上年数", "统计数", "单位"], ["收到申请数", 9, 4, "件"],
            ["传真申请数", 8, 1, "件"]]  # fmt: skip
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert imported.document.values["requests.received"] == 4
    assert imported.report.value_columns == {"统计数": "C"}
    assert "第B列（表头“上年数”）的内容未导入（不是数值列）" in imported.report.notices
    assert not any("第D列" in notice for notice in imported.report.notices)  # units only


def test_two_figure_columns_without_header_are_refused(tmp_path: Path) -> None:
    rows = [["收到申请数", 9, 4], ["传真申请数", 8, 1]]
    with pytest.raises(NianbaoError) as caught:
        import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert caught.value.code == "F011"
    assert "B、C" in caught.value.message and "统计数" in caught.value.message


def test_unit_and_year_are_read_from_the_sheet(tmp_path: Path) -> None:
    rows = [["政府信息公开情况统计表"], ["（2023年度）"], HEADER, ["收到申请数", "件", 4],
            ["填报单位（盖章）：某某县人民政府办公室"]]  # fmt: skip
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert (imported.document.unit, imported.document.year) == ("某某县人民政府办公室", 2023)
    assert any("Sheet1!A2" in notice for notice in imported.report.notices)
    given = import_workbook(tmp_path / "t.xlsx", unit="甲", year=2024).document
    assert (given.unit, given.year) == ("甲", 2024)


def test_the_sheet_with_the_table_is_chosen_and_named(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "封面"
    workbook.active.append(["收到申请数"])
    table = workbook.create_sheet("统计表")
    for row in [HEADER, ["收到申请数", "件", 4], ["传真申请数", "件", 1]]:
        table.append(row)
    workbook.save(tmp_path / "t.xlsx")
    imported = import_workbook(tmp_path / "t.xlsx")
    assert imported.report.sheet == "统计表"
    assert any("封面" in notice for notice in imported.report.notices)


def test_two_equal_sheets_are_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    for title in ("甲", "乙"):
        sheet = workbook.create_sheet(title)
        sheet.append(["收到申请数", "件", 4])
    workbook.remove(workbook["Sheet"])
    workbook.save(tmp_path / "t.xlsx")
    with pytest.raises(NianbaoError, match="“甲”、“乙”") as caught:
        import_workbook(tmp_path / "t.xlsx")
    assert caught.value.code == "F011"


def test_a_workbook_without_the_table_is_refused(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "t.xlsx", [["姓名", "电话"], ["张三", "123"]])
    with pytest.raises(NianbaoError) as caught:
        import_workbook(path)
    assert caught.value.code == "F011"


def _ole2(path: Path, body: bytes) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    return path


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: _ole2(p / "old.xls", b"\0" * 600), "F005"),
        (lambda p: _ole2(p / "locked.xlsx", "EncryptedPackage".encode("utf-16-le")), "F009"),
        (lambda p: (p / "notes.xlsx").write_text("这不是表格") and p / "notes.xlsx", "F001"),
        (lambda p: p / "absent.xlsx", "F007"),
    ],
    ids=["broken-xls", "encrypted", "text", "absent"],
)
def test_unusable_files_are_refused_with_a_code(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NianbaoError) as caught:
        import_workbook(make(tmp_path))
    assert caught.value.code == code
    assert "“" in caught.value.message


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "bomb.xlsx", [["收到申请数", "件", 4]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * (100 * 1024 * 1024))
    with pytest.raises(NianbaoError) as caught:
        import_workbook(path)
    assert caught.value.code == "F006"


def test_a_broken_zip_is_refused(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "t.xlsx", [["收到申请数", "件", 4]])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\0" * 100 + data[len(data) // 2 + 100 :])
    with pytest.raises(NianbaoError) as caught:
        import_workbook(path)
    assert caught.value.code in {"F001", "F005"}


def test_formulas_without_results_are_reported_not_taken_for_blanks(tmp_path: Path) -> None:
    rows = [HEADER, ["当面申请数", "件", 1], ["传真申请数", "件", 2],
            ["收到申请数", "件", "=C2+C3"], ["网络申请数", "件", None]]  # fmt: skip
    imported = import_workbook(write_rows(tmp_path / "t.xlsx", rows))
    assert imported.document.values["requests.received"] is None
    (odd,) = imported.report.not_understood
    assert (odd.source, odd.text) == ("Sheet1!C4", "=C2+C3")
    assert "公式" in odd.reason
