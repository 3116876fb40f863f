"""Last year beside this year in the window: load it, see its figures, its warnings, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import close_window, make_window
from modal import when_modal
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from unit_reports import unit_report

from desktop.main_window import MainWindow
from desktop.session import Session
from desktop.table.model import LAST_YEAR_ROLE
from forms.xlsx import save_document


@pytest.fixture
def window2025(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, Session(unit_report("青禾县第1局", 3)), settings, data_dir)
    yield win
    close_window(win)


def choose_file(path: Path) -> None:
    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    when_modal(QFileDialog, choose)


def test_last_year_is_loaded_shown_checked_and_undone(
    window2025: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    window = window2025
    last = unit_report("青禾县第1局", 3, year=2024)
    last.values["requests.new/business"] = 0  # 0 last year, 9 this year: small, no question
    last.values["requests.granted/natural_person"] = 200  # 200 → 15: past tenfold, asked
    save_document(last, tmp_path / "2024.xlsx")
    choose_file(tmp_path / "2024.xlsx")
    window.years.load_action.trigger()
    document = window.session.document
    assert document.last_year["requests.granted/natural_person"] == 200
    assert document.last_year_text["overview"] == last.narrative["overview"]
    assert window.years.show_action.isChecked()
    assert window.statusBar().currentMessage().startswith("已载入2024年报告对比")
    keys = {f.key for f in window.session.report.findings}
    assert "W205@requests.granted/natural_person" in keys
    assert "W205@requests.new/business" not in keys
    assert "Y002@part.problems" in keys  # 五 is last year's word for word
    model = window.table_views["requests"].table_model
    assert model.show_last_year
    index = model.index_of("requests.granted/natural_person")
    assert model.data(index, LAST_YEAR_ROLE) == "200"
    window.undo_action.trigger()
    assert window.session.document.last_year == {}
    assert "W205@requests.granted/natural_person" not in {
        f.key for f in window.session.report.findings
    }


def test_the_last_year_figures_are_painted_only_when_shown(
    window2025: MainWindow, tmp_path: Path
) -> None:
    window = window2025
    save_document(unit_report("青禾县第1局", 7, year=2024), tmp_path / "2024.xlsx")
    choose_file(tmp_path / "2024.xlsx")
    window.years.load_action.trigger()
    view = window.table_views["requests"]
    window.pages.show_widget(view)
    rect = view.visualRect(view.table_model.index_of("requests.new/natural_person"))
    shown = view.viewport().grab(rect).toImage()
    window.years.show_action.setChecked(False)
    hidden = view.viewport().grab(rect).toImage()
    assert shown != hidden  # 〔84〕 drawn on the left of the cell
    window.years.show_action.setChecked(True)
    assert view.viewport().grab(rect).toImage() == shown


def test_a_report_of_another_year_is_taken_only_when_confirmed(
    window2025: MainWindow, tmp_path: Path
) -> None:
    window = window2025
    save_document(unit_report("青禾县第1局", 2, year=2022), tmp_path / "2022.xlsx")
    choose_file(tmp_path / "2022.xlsx")
    asked: list[str] = []

    def answer_no(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    when_modal(QMessageBox, answer_no)
    window.years.load_action.trigger()
    assert asked == ["所选报告是2022年的，不是上一年（2024年）的。仍然用它对比吗？"]
    assert window.session.document.last_year == {}
