"""Tables come from the definition: a matrix form and the 2021 form need no GUI code."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import Typist, close_window, make_window
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.marks import Mark
from desktop.session import Session
from desktop.table import FIRST_VALUE_COLUMN, TableModel, TableView
from forms.definition_files import parse_definition
from forms.document import Document, new_document

FIXTURE = Path(__file__).resolve().parents[1] / "forms" / "fixtures" / "matrix.toml"


def matrix_view(qtbot: QtBot) -> TableView:
    form = parse_definition(tomllib.loads(FIXTURE.read_text(encoding="utf-8")), FIXTURE.name)
    document = Document(form_id=form.id, form_version=form.version, unit="测试", year=2024)
    document.values = {cell: None for cell in form.index.cell_order}
    session = Session(document, form=form)
    view = TableView(TableModel(session, form.tables[0]))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_matrix_table_has_one_value_column_per_definition_column(qtbot: QtBot) -> None:
    view = matrix_view(qtbot)
    model = view.table_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["统计指标", "单位", "自然人", "商业企业", "总计"]
    assert model.index_of("new/company") == model.index(0, FIRST_VALUE_COLUMN + 1)


def test_typing_in_a_matrix_checks_column_sums(qtbot: QtBot, typist: Typist) -> None:
    view = matrix_view(qtbot)
    for cell, text in [("new/person", "3"), ("carried/person", "1"), ("total/person", "5")]:
        typist.cell(view, cell, text)
    assert view.table_model.mark("total/person") is Mark.ERROR
    typist.cell(view, "total/person", "4")
    assert view.table_model.mark("total/person") is None
    assert view.table_model.mark("total/company") is Mark.BLANK


def test_tab_moves_right_and_wraps_to_the_next_row(qtbot: QtBot, typist: Typist) -> None:
    view = matrix_view(qtbot)
    model = view.table_model
    typist.cell(view, "new/total", "7", key=Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("carried/person")
    typist.cell(view, "new/person", "2", key=Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("new/company")


def test_the_2021_form_opens_with_a_tab_per_table(
    qtbot: QtBot, settings: QSettings, data_dir: Path, typist: Typist
) -> None:
    document = new_document("gov-info-2021", "某某县人民政府办公室", 2024)
    window = make_window(qtbot, Session(document), settings, data_dir)
    form = window.session.form
    assert list(window.table_views) == [table.id for table in form.tables]
    requests = window.table_views["requests"]
    assert requests.table_model.columnCount() == FIRST_VALUE_COLUMN + 7
    cell = next(iter(requests.table_model.table.cell_keys()))
    window.pages.show_widget(requests)
    typist.cell(requests, cell, "１２")
    assert window.session.document.values[cell] == 12
    assert requests.table_model.index_of(cell).data() == "12"
    close_window(window)


def test_a_one_column_table_keeps_a_plain_header_and_no_frozen_column(window: MainWindow) -> None:
    view = window.table_views["annex1"]
    assert view.horizontalHeader().levels == 1
    assert view.frozen is None
    assert [cell.text for cell in view.horizontalHeader().cells_of(0)] == ["统计指标"]
