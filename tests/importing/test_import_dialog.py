"""文件 → 导入: the dialog shows the mapping report, and 确定/取消 decide the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts_2021 import random_figures, write_web
from modal import when_modal
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.import_dialog import ImportDialog, run_import_dialog
from forms.importing import import_workbook
from forms.values import RawText

# The offscreen platform plugin says this whenever a dialog is shown; it is the plugin's
# limitation, not the app's (xcb and Windows are silent). Same as tests/desktop/conftest.py.
shown_offscreen = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ROWS = [
    ["政府信息公开情况统计表"],
    ["（2018年度）"],
    ["统计指标", "单位", "统计数"],
    ["四、行政复议数量", "件", 3],
    ["（一）维持具体行政行为数", "件", "二"],
    ["被依法纠错数", "件", 1],
    ["其他情形数", "件", None],
    ["举报之外的数", "件", 4],
    ["五、行政诉讼数量", "件", 0],
]


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    workbook.save(tmp_path / "区里的表.xlsx")
    return tmp_path / "区里的表.xlsx"


def _table_texts(dialog: ImportDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_dialog_lists_each_row_with_its_source(qtbot: QtBot, foreign: Path) -> None:
    dialog = ImportDialog(import_workbook(foreign))
    qtbot.addWidget(dialog)
    rows = _table_texts(dialog)
    assert ["四、行政复议数量", "Sheet!C4", "3", ""] in rows
    corrected = next(row for row in rows if row[:2] == ["（二）被依法纠错数", "Sheet!C6"])
    assert corrected[:3] == ["（二）被依法纠错数", "Sheet!C6", "1"]
    assert "四、行政复议数量" in corrected[3]
    assert ["（三）其他情形数", "Sheet!C7", "（空白）"] in [row[:3] for row in rows]
    assert [row[1] for row in rows[:3]] == ["Sheet!C5", "Sheet!A8", "Sheet!C8"]  # problems first
    assert ["", "Sheet!C5", "二", "不是数字（已原样保留，请在本软件中改正）"] in rows
    assert ["", "Sheet!A8", "举报之外的数", "不是统计表中的指标，未导入"] in rows
    assert ["", "Sheet!C8", "4", "这一行没有可识别的指标名称，未导入"] in rows
    missing = [row for row in rows if row[1] == "—"]
    assert len(missing) == 58 - 5
    assert "已对应 5 项" in dialog.summary.text()
    assert dialog.year.value() == 2018


def test_ok_returns_the_document_with_unit_and_year(qtbot: QtBot, foreign: Path) -> None:
    dialog = ImportDialog(import_workbook(foreign))
    qtbot.addWidget(dialog)
    dialog.unit.setText("  某某县人民政府办公室 ")
    dialog.year.setValue(2019)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    document = dialog.document()
    assert (document.unit, document.year) == ("某某县人民政府办公室", 2019)
    assert document.values["review.total"] == 3
    assert document.values["review.upheld"] == RawText("二")
    assert document.values["litigation.corrected"] is None


def test_ok_waits_for_a_year_when_none_was_found(qtbot: QtBot, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["收到申请数", "件", 3])
    workbook.save(tmp_path / "t.xlsx")
    dialog = ImportDialog(import_workbook(tmp_path / "t.xlsx"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.year.setValue(2024)
    assert ok.isEnabled()


@shown_offscreen
@pytest.mark.parametrize(("action", "accepted"), [("ok", True), ("cancel", False)])
def test_run_import_dialog(qtbot: QtBot, foreign: Path, action: str, accepted: bool) -> None:
    when_modal(ImportDialog, ImportDialog.accept if action == "ok" else ImportDialog.reject)
    document = run_import_dialog(None, foreign)
    assert (document is not None) == accepted
    if document is not None:
        assert document.values["review.total"] == 3


@shown_offscreen
def test_run_import_dialog_explains_an_unreadable_file(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    shown: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append(box.text())
        box.close()

    when_modal(QMessageBox, read_and_close)
    assert run_import_dialog(None, tmp_path / "old.xls") is None
    assert shown and "“old.xls”已损坏" in shown[0]


# -- a 2021 table: the format chosen, dashes offered, the file read again ---------------------


@pytest.fixture
def web_2021(tmp_path: Path) -> Path:
    figures = random_figures(8)
    figures["requests.new/natural_person"] = 0  # written as "—"
    return write_web(tmp_path / "网页表.xlsx", figures)


@shown_offscreen
def test_a_2021_table_through_the_dialog(qtbot: QtBot, web_2021: Path) -> None:
    seen: list[tuple[str, str, bool]] = []

    def look_then_accept(dialog: ImportDialog) -> None:
        notices = dialog.notices.toPlainText()
        seen.append((dialog.summary.text(), notices, dialog.dashes.isVisible()))
        dialog.year.setValue(2021)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip

    when_modal(ImportDialog, look_then_accept)
    document = run_import_dialog(None, web_2021)
    assert document is not None and document.form_id == "gov-info-2021"
    assert document.year == 2021 and document.values["requests.new/natural_person"] == 0
    summary, notices, dashes_offered = seen[0]
    assert summary == "已对应 200 项 · 未找到 0 项 · 有歧义 0 处 · 未能识别 0 处"
    assert notices.startswith("按表格内容选用“政府信息公开工作年度报告（2021年格式）”")
    assert "按“无”读作0：Sheet1!B" in notices and dashes_offered


@shown_offscreen
def test_unticking_dashes_and_choosing_a_format_read_again(qtbot: QtBot, web_2021: Path) -> None:
    imported = import_workbook(web_2021)
    dialog = ImportDialog(imported, None, lambda form, reading: import_workbook(
        web_2021, form, reading=reading))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    zero = [row for row in _table_texts(dialog) if row[3] == "“—”读作0"]
    assert zero and all(row[2] == "0" for row in zero)
    dialog.dashes.click()  # a real click on the check box
    assert not dialog.dashes.isChecked()
    blank = [row for row in _table_texts(dialog) if row[3] == "“—”保持空白"]
    assert [row[:3] for row in blank] == [[row[0], row[1], "（空白）"] for row in zero]
    assert dialog.document().values["requests.new/natural_person"] is None
    assert "未读作0，保持空白" in dialog.notices.toPlainText()
    shown: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append(box.text())
        box.close()

    when_modal(QMessageBox, read_and_close)
    dialog.form.setFocus()
    index = dialog.form.findData("gov-info-2018")
    while dialog.form.currentIndex() != index:
        QTest.keyClick(dialog.form, Qt.Key.Key_Down)
    assert shown and "没有一个单元格与统计表的指标名称相符" in shown[0]
    assert dialog.document().form_id == "gov-info-2021"  # the last good reading stays
