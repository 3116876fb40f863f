"""The 2019 trial format in the window (data only, no GUI code of its own): a signed 本年增/减,
the stated unit of 采购总金额, and a new report started from last year's with the year asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Typist, close_window, make_window
from modal import when_modal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.dialogs import NewReportDialog
from desktop.main_window import MainWindow
from desktop.marks import Mark
from desktop.pages.table import TableBlock, UnitChoice
from desktop.session import Session
from desktop.table import FIRST_VALUE_COLUMN
from forms.demo import load_demo
from forms.xlsx import open_document, save_document

CHANGE = "proactive.licensing.permits/change"
DECISIONS = "proactive.licensing.permits/decisions"
AMOUNT_COLUMN = FIRST_VALUE_COLUMN + 1


@pytest.fixture
def window_2019(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, Session(load_demo("gov-info-2019")), settings, data_dir)
    yield win
    close_window(win)


def codes_at(window: MainWindow, cell: str) -> set[str]:
    return {f.code for f in window.session.report.findings if f.cells[0] == cell}


def test_a_negative_change_is_no_error_and_a_negative_elsewhere_is_v002(
    window_2019: MainWindow, typist: Typist
) -> None:
    view = window_2019.table_views["proactive.licensing"]
    typist.cell(view, CHANGE, "-5")
    assert window_2019.session.document.values[CHANGE] == -5
    assert codes_at(window_2019, CHANGE) == set()
    assert view.table_model.mark(CHANGE) is None
    assert view.table_model.index_of(CHANGE).data() == "-5"
    typist.cell(view, CHANGE, "+2")
    assert window_2019.session.document.values[CHANGE] == 2
    typist.cell(view, DECISIONS, "-5")
    assert codes_at(window_2019, DECISIONS) == {"V002"}
    assert view.table_model.mark(DECISIONS) is Mark.ERROR
    message = next(f.message for f in window_2019.session.report.findings if f.code == "V002")
    assert message == "行政许可（处理决定数量）：“-5”不能为负数"
    assert "错误 1" in window_2019.status.text()


def test_the_amount_unit_is_chosen_on_the_page_shown_in_the_header_and_undone(
    window_2019: MainWindow, tmp_path: Path
) -> None:
    view = window_2019.table_views["proactive.procurement"]
    model = view.table_model
    header = view.horizontalHeader()
    block = view.parentWidget()
    assert isinstance(block, TableBlock)
    choice = block.units["amount"]
    assert isinstance(choice, UnitChoice)
    window_2019.pages.show_widget(view)
    assert choice.box.currentText() == "元"  # as the demo states it
    assert model.headerData(AMOUNT_COLUMN, Qt.Orientation.Horizontal) == "采购总金额（单位：元）"
    choice.box.setFocus()
    QTest.keyClick(choice.box, Qt.Key.Key_Up)  # 元 → 万元, as a user steps the box
    assert choice.box.currentText() == "万元"
    assert window_2019.session.document.units == {"proactive.procurement/amount": "万元"}
    shown = [cell.text for cell in header.cells_of(AMOUNT_COLUMN)]
    assert shown == ["采购总金额（单位：万元）"]
    window_2019.session.undo_stack.undo()
    assert choice.box.currentText() == "元"
    assert [cell.text for cell in header.cells_of(AMOUNT_COLUMN)] == ["采购总金额（单位：元）"]
    window_2019.session.undo_stack.redo()
    save_document(window_2019.session.document, tmp_path / "r.xlsx")
    assert open_document(tmp_path / "r.xlsx").document.units == {
        "proactive.procurement/amount": "万元"
    }


def test_new_from_last_year_asks_the_year_with_next_year_preselected(
    window: MainWindow, tmp_path: Path
) -> None:
    last_year = tmp_path / "2020年报.xlsx"
    save_document(load_demo("gov-info-2019"), last_year)
    window.ask_last_report_path = lambda: last_year  # type: ignore[method-assign]
    window.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    told: list[str] = []
    window.show_message = lambda _title, text: told.append(text)  # type: ignore[method-assign]
    asked: list[tuple[str, int, int, str]] = []

    def answer(dialog: NewReportDialog) -> None:
        form = str(dialog.form_box.currentData())
        asked.append((dialog.windowTitle(), dialog.year.value(), dialog.year.minimum(), form))
        dialog.accept()

    when_modal(NewReportDialog, answer)
    window.new_from_last_year()
    assert asked == [("由上年年报（2020年）新建", 2021, 2021, "gov-info-2021")]
    document = window.session.document
    assert (document.form_id, document.year, document.unit) == (
        "gov-info-2021",
        2021,
        "青禾县自然资源局",
    )
    assert document.values["requests.carried_in/business"] == 1
    assert document.values["requests.carried_in/total"] == 1
    assert window.session.path is None
    assert len(told) == 1 and told[0].startswith("上年统计数 ")  # 二's blocks differ by format


def test_the_year_chosen_picks_the_format(qtbot: QtBot) -> None:
    from forms.definition_files import available_forms

    dialog = NewReportDialog(available_forms(), "某局")
    qtbot.addWidget(dialog)
    for year, form in [(2020, "gov-info-2019"), (2018, "gov-info-2018"), (2022, "gov-info-2021")]:
        dialog.year.setValue(year)
        assert dialog.form_box.currentData() == form
    assert dialog.choice().form_id == "gov-info-2021"
