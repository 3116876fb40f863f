"""文件 → 汇总各单位年报 in the window: progress, cancel, what was left out, save and open."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from modal import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from unit_reports import expected_totals, unit_report, write_units

from desktop.consolidate_dialog import ConsolidateDialog
from desktop.main_window import MainWindow
from forms.xlsx import open_document, save_document

KS = [1, 2, 4]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    units = tmp_path / "各单位"
    write_units(units, KS)
    (units / "坏文件.xlsx").write_bytes(b"not a workbook")
    return units


def run_to_the_end(dialog: ConsolidateDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=60_000)


def test_the_dialog_counts_the_units_names_the_bad_file_and_saves(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    dialog = ConsolidateDialog(None, str(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit.setText("青禾县人民政府")
    run_to_the_end(dialog, qtbot)
    assert dialog.result is not None
    assert "计入3个单位，未计入1个文件" in dialog.summary.text()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "坏文件.xlsx"
    assert dialog.table.item(0, 1).text().startswith("[F001]")
    assert dialog.save.isEnabled() and not dialog.open.isEnabled()
    dialog.save_to(tmp_path / "汇总.xlsx")
    total = open_document(tmp_path / "汇总.xlsx").document
    assert total.unit == "青禾县人民政府"
    for cell, value in expected_totals(KS).items():
        assert total.values[cell] == value, cell
    assert dialog.open.isEnabled()


def test_the_register_beside_the_files_shows_who_has_not_filed(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    (folder / "单位名单.csv").write_text(
        "单位名称\n青禾县第1局\n青禾县第2局\n青禾县第3局\n青禾县第9局\n", encoding="utf-8"
    )
    dialog = ConsolidateDialog(None, str(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    run_to_the_end(dialog, qtbot)
    assert dialog.register.text() == str(folder / "单位名单.csv")
    assert "报送情况（4个单位）：已报送3个，未报送1个" in dialog.summary.text()
    dialog.tabs.setCurrentIndex(1)
    rows = [
        tuple(dialog.filings.item(row, column).text() for column in range(2))
        for row in range(dialog.filings.rowCount())
    ]
    assert rows[-1] == ("青禾县第9局", "未报送")
    assert dialog.table.rowCount() == 1  # the register is no unit's file: only 坏文件 left out
    dialog.save_to(tmp_path / "汇总.xlsx")
    assert "报送情况" in openpyxl.load_workbook(tmp_path / "汇总.xlsx").sheetnames


def test_enter_in_a_field_starts_and_after_saving_opens(
    qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    dialog = ConsolidateDialog(None, str(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unit.setFocus()
    qtbot.keyClicks(dialog.unit, "QH")
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)  # as a clerk ends typing the name
    qtbot.waitUntil(lambda: dialog.result is not None and dialog.start.isEnabled())
    assert "计入3个单位，未计入1个文件" in dialog.summary.text()
    assert dialog.isVisible()
    dialog.save_to(tmp_path / "汇总.xlsx")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):  # 打开汇总: the window opens it
        qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert dialog.saved_to == tmp_path / "汇总.xlsx"


def test_a_parent_figure_left_blank_is_said_so(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    parent = unit_report("青禾县人民政府", sum(KS))
    parent.values["requests.granted/business"] = None
    save_document(parent, tmp_path / "上级.xlsx")
    dialog = ConsolidateDialog(None, str(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.parent_file.setText(str(tmp_path / "上级.xlsx"))
    run_to_the_end(dialog, qtbot)
    rows = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert "予以公开（法人或其他组织·商业企业）：上级未填，下级合计14" in rows
    assert not any("None" in row for row in rows)


def test_cancel_in_the_progress_dialog_stops_and_saves_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    units = tmp_path / "多"
    write_units(units, list(range(1, 31)))  # enough for several processes
    dialog = ConsolidateDialog(None, str(units))
    qtbot.addWidget(dialog)
    dialog.show()

    def press_cancel(progress: QProgressDialog) -> None:
        button = next(b for b in progress.findChildren(QPushButton) if b.text() == "取消")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    when_modal(QProgressDialog, press_cancel)
    run_to_the_end(dialog, qtbot)
    assert dialog.result is None
    assert dialog.summary.text() == "已取消汇总，未保存任何文件。"
    assert not dialog.save.isEnabled()


def test_the_menu_opens_the_dialog_and_the_saved_total_in_the_window(
    window: MainWindow, qtbot: QtBot, folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "县汇总.xlsx"

    def use(dialog: ConsolidateDialog) -> None:
        dialog.folder.setText(str(folder))
        run_to_the_end(dialog, qtbot)

        def choose(chooser: QFileDialog) -> None:
            chooser.selectFile(str(target))
            chooser.accept()

        when_modal(QFileDialog, choose)
        dialog.ask_and_save()
        qtbot.mouseClick(dialog.open, Qt.MouseButton.LeftButton)

    when_modal(ConsolidateDialog, use)
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text().startswith("汇总各单位年报"))  # fmt: skip
    action.trigger()
    assert target.exists()
    assert window.session.path == target
    assert window.session.document.values["requests.new/total"] == 16 * sum(KS)
