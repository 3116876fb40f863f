"""A new filer's first minutes (tried at 1366×768): 文件 → 新建 puts the cursor in 填报单位,
so the unit can be typed at once (it started in 报表格式, where typing changed nothing);
由上年年报新建 puts it in the year it asks for; the save and export dialogs offer a file name
(they offered none: the filer had to make one up)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import Typist
from modal import when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.dialogs import NewReportDialog, file_name_for
from desktop.main_window import MainWindow
from forms.definition_files import available_forms
from forms.demo import load_demo
from forms.xlsx import save_document

UNIT = "某某县交通运输局"


def type_into_focus(dialog: QWidget, text: str) -> None:
    """Key presses to the dialog's focus widget, as an IME delivers Chinese characters."""
    for char in text:
        Typist.key_text(dialog.focusWidget(), char)


def test_new_report_is_typed_unit_first_without_touching_the_mouse(window: MainWindow) -> None:
    seen: list[object] = []

    def fill(dialog: NewReportDialog) -> None:
        seen.append(dialog.focusWidget() is dialog.unit)
        type_into_focus(dialog, UNIT)  # replaces the unit offered (the open report's), selected
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget() is dialog.year)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_into_focus(dialog, "2026")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_modal(NewReportDialog, fill)
    window.new_report()

    assert seen == [True, True]
    document = window.session.document
    assert (document.unit, document.year, document.form_id) == (UNIT, 2026, "gov-info-2021")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_from_last_year_the_cursor_is_in_the_year_asked(qtbot: QtBot) -> None:
    dialog = NewReportDialog(available_forms(), UNIT, last_year=2025)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.year
    assert dialog.year.value() == 2026


def test_a_suggested_name_leaves_out_what_windows_forbids() -> None:
    title = "2026年政府信息公开工作年度报告"
    assert file_name_for(UNIT, title, ".xlsx") == f"{UNIT}{title}.xlsx"
    assert file_name_for(' 某局/办公室:"一处"? ', title, ".pdf") == f"某局办公室一处{title}.pdf"


def test_saving_an_untitled_report_offers_unit_and_title_as_the_name(window: MainWindow) -> None:
    offered: list[str] = []

    def look_and_cancel(dialog: QFileDialog) -> None:
        offered.append(Path(dialog.selectedFiles()[0]).name)
        dialog.reject()

    when_modal(QFileDialog, look_and_cancel)
    assert not window.save()
    document = window.session.document
    assert offered == [f"{document.unit}{document.year}年政府信息公开工作年度报告.xlsx"]
    assert offered[0] == "白银市平川区人民政府办公室2018年政府信息公开工作年度报告.xlsx"


def test_exporting_a_saved_report_offers_its_own_name_beside_it(
    window: MainWindow, tmp_path: Path
) -> None:
    report = tmp_path / "交通局2026年报.xlsx"
    save_document(load_demo("gov-info-2021"), report)
    assert window.open_path(report)
    when_modal(QFileDialog, lambda dialog: dialog.accept())  # Enter on what is offered

    assert window.export_pdf()

    pdf = tmp_path / "交通局2026年报.pdf"
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "青禾县自然资源局" in text and "政府信息公开工作年度报告" in text
