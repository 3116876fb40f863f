"""Grouped headers, the frozen label column and the fitted height of the 2021 tables."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from table_host import host, new_2021

from desktop.session import Session
from desktop.table import FIRST_VALUE_COLUMN, LABEL_COLUMN, TableView
from desktop.table.header import GroupedHeaderView, HeaderCell, header_cells
from desktop.table.view import HINT_ROWS


def group_texts(view: TableView, column: int) -> list[str]:
    return [cell.text for cell in view.horizontalHeader().cells_of(column)]


def click_header(view: TableView, text: str) -> None:
    """A real mouse click in the middle of the header cell showing ``text``."""
    header = view.horizontalHeader()
    cell = next(
        c for column in range(header.count()) for c in header.cells_of(column) if c.text == text
    )
    rect = header.cell_rect(cell)
    left = max(rect.left(), header.covered_left)
    point = QPoint((left + rect.right()) // 2, rect.center().y())
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)


def selected_columns(view: TableView) -> list[int]:
    model = view.table_model
    selection = view.selectionModel()
    return [c for c in range(model.columnCount()) if selection.isColumnSelected(c)]


def test_header_cells_span_adjacent_columns_with_the_same_groups() -> None:
    groups = [[], ["A"], ["A", "B"], ["A", "B"], ["A"], ["C", "B"]]
    cells = header_cells(groups, ["名称", "x", "y", "z", "t", "u"])
    assert cells[0] == [HeaderCell(0, 2, 0, 0, "名称")]  # no groups: spans down every level
    assert cells[1] == [HeaderCell(0, 0, 1, 4, "A", True), HeaderCell(1, 2, 1, 1, "x")]
    assert cells[2][:2] == [HeaderCell(0, 0, 1, 4, "A", True), HeaderCell(1, 1, 2, 3, "B", True)]
    assert cells[5][1] == HeaderCell(1, 1, 5, 5, "B", True)  # same label, other parent


def test_table_three_shows_its_applicant_groups(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "requests")
    header = view.horizontalHeader()
    assert isinstance(header, GroupedHeaderView)
    assert header.levels == 3
    first = FIRST_VALUE_COLUMN
    assert group_texts(view, first) == ["申请人情况", "自然人"]
    assert group_texts(view, first + 1) == ["申请人情况", "法人或其他组织", "商业企业"]
    assert group_texts(view, first + 6) == ["申请人情况", "总计"]
    group = header.cells_of(first + 3)[1]
    assert (group.first, group.last) == (first + 1, first + 5)
    level = header.level_height()
    assert header.height() == 3 * level
    natural = header.cell_rect(header.cells_of(first)[-1])
    assert (natural.top(), natural.height()) == (level, 2 * level)  # 自然人 spans down


def test_table_four_names_each_group_of_five(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "review_litigation", width=1400)
    first = FIRST_VALUE_COLUMN
    assert group_texts(view, first + 4) == ["行政复议", "总计"]
    assert group_texts(view, first + 9) == ["行政诉讼", "未经复议直接起诉", "总计"]
    assert group_texts(view, first + 14) == ["行政诉讼", "复议后起诉", "总计"]


def test_a_click_on_a_group_header_selects_its_columns(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "requests")
    first = FIRST_VALUE_COLUMN
    click_header(view, "法人或其他组织")
    assert selected_columns(view) == list(range(first + 1, first + 6))
    assert view.currentIndex().column() == first + 1
    click_header(view, "申请人情况")
    assert selected_columns(view) == list(range(first, first + 7))
    click_header(view, "商业企业")  # a column's own label: that column, as Qt does
    assert selected_columns(view) == [first + 1]


def test_a_click_on_a_litigation_group_selects_its_columns(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "review_litigation", width=1400)
    first = FIRST_VALUE_COLUMN
    click_header(view, "行政诉讼")
    assert selected_columns(view) == list(range(first + 5, first + 15))
    click_header(view, "复议后起诉")
    assert selected_columns(view) == list(range(first + 10, first + 15))


def visible_left(view: TableView) -> int:
    return view.visualRect(view.currentIndex()).left()


def test_arrow_keys_cross_the_groups_with_the_labels_in_sight(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "review_litigation", width=500)
    frozen = view.frozen
    assert frozen is not None
    label_width = view.columnWidth(LABEL_COLUMN)
    for step in range(14):
        QTest.keyClick(view, Qt.Key.Key_Right)
        assert visible_left(view) >= label_width, f"第{step + 1}步后当前格被标签列遮住"
    last = view.table_model.columnCount() - 1
    assert view.currentIndex().column() == last
    assert view.horizontalScrollBar().value() > 0  # the grid did scroll …
    assert frozen.isVisible()  # … and the labels stayed
    geometry = frozen.geometry()
    assert geometry.left() == view.verticalHeader().width() + view.frameWidth()
    assert geometry.width() == label_width
    assert geometry.height() >= view.horizontalHeader().height() + view.rowHeight(0)
    label = frozen.visualRect(view.table_model.index(0, LABEL_COLUMN))
    assert label.left() == 0 and frozen.columnWidth(LABEL_COLUMN) == label_width
    assert view.table_model.index(0, LABEL_COLUMN).data() == "案件数"
    assert visible_left(view) + view.columnWidth(last) <= view.viewport().width()
    for _ in range(14):
        QTest.keyClick(view, Qt.Key.Key_Left)
        assert visible_left(view) >= label_width
    assert view.currentIndex().column() == FIRST_VALUE_COLUMN
    assert view.horizontalScrollBar().value() == 0


def test_table_four_is_as_high_as_its_one_row(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "review_litigation", width=500)
    scroll = view.horizontalScrollBar().sizeHint().height()
    expected = view.horizontalHeader().height() + view.rowHeight(0) + 2 * view.frameWidth()
    assert view.sizeHint().height() == expected + scroll  # 500 px: it scrolls sideways
    wide = host(qtbot, Session(new_2021()), "review_litigation", width=1600)
    one_line = wide.horizontalHeader().height()  # 1600 px: the labels on one line
    assert one_line == 3 * wide.horizontalHeader().level_height()
    assert wide.sizeHint().height() == one_line + wide.rowHeight(0) + 2 * wide.frameWidth()


def test_table_three_hint_is_its_first_rows_and_its_content_every_row(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "requests", width=1000)
    header = view.horizontalHeader().height()
    frame = 2 * view.frameWidth()
    rows = sum(view.rowHeight(r) for r in range(view.table_model.rowCount()))
    assert view.content_height() == header + rows + frame
    first = sum(view.rowHeight(r) for r in range(HINT_ROWS))
    assert view.sizeHint().height() == header + first + frame  # a page gives it the rest
    assert view.sizeHint().width() <= 1000


def test_a_click_on_a_frozen_label_keeps_the_keyboard_in_the_grid(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "requests")
    frozen = view.frozen
    assert frozen is not None
    label = view.table_model.index_of("requests.granted/natural_person").siblingAtColumn(0)
    QTest.mouseClick(
        frozen.viewport(), Qt.MouseButton.LeftButton, pos=frozen.visualRect(label).center()
    )
    assert view.hasFocus() and view.currentIndex() == label
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex() == view.table_model.index_of("requests.granted/natural_person")


def test_home_and_end_go_to_the_rows_first_and_last_figure(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "review_litigation", width=500)
    QTest.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().column() == view.table_model.columnCount() - 1
    assert visible_left(view) >= view.columnWidth(LABEL_COLUMN)
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().column() == FIRST_VALUE_COLUMN
    assert view.horizontalScrollBar().value() == 0


def test_a_narrow_matrix_gives_the_spare_width_to_its_labels(qtbot: QtBot) -> None:
    view = host(qtbot, Session(new_2021()), "proactive.rules", width=900)
    frozen = view.frozen
    assert frozen is not None
    assert view.horizontalHeader().length() == view.viewport().width()  # no gap at the right
    assert frozen.columnWidth(LABEL_COLUMN) == view.columnWidth(LABEL_COLUMN)
    wide = view.columnWidth(LABEL_COLUMN)
    view.window().resize(200, 600)
    QApplication.processEvents()
    assert view.columnWidth(LABEL_COLUMN) < wide  # back to the labels' own width …
    assert view.horizontalHeader().length() > view.viewport().width()  # … and it scrolls
    assert frozen.geometry().width() == view.columnWidth(LABEL_COLUMN)
