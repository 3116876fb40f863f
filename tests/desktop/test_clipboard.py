"""Copy, paste and clear blocks of cells as with Excel and WPS, each one undo step."""

from __future__ import annotations

from pathlib import Path

from conftest import close_window, make_window
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from table_host import host, new_2021

from desktop.session import Session
from desktop.table import LABEL_COLUMN, TableView
from desktop.table.clipboard import fitted_row, parse_block

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ROWS = ("requests.new", "requests.carried_in")
COLUMNS = ("natural_person", "business", "research")


def index(view: TableView, row: str, column: str) -> QModelIndex:
    return view.table_model.index_of(f"{row}/{column}")


def click(
    view: TableView, at: QModelIndex, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A real click on a cell (the frozen label column takes clicks on labels)."""
    target = view.frozen if at.column() == LABEL_COLUMN and view.frozen else view
    view.scrollTo(at)
    rect = target.visualRect(at)
    QTest.mouseClick(target.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def values(session: Session, rows: tuple[str, ...], columns: tuple[str, ...]) -> list[list[object]]:
    return [[session.document.values[f"{r}/{c}"] for c in columns] for r in rows]


def status(view: TableView) -> str:
    window = view.window()
    assert isinstance(window, QMainWindow)
    return window.statusBar().currentMessage()


def filled_session() -> Session:
    document = new_2021()
    for number, (row, column) in enumerate(((r, c) for r in ROWS for c in COLUMNS), start=1):
        document.values[f"{row}/{column}"] = number
    return Session(document)


def test_ctrl_c_copies_the_selected_block_as_tab_separated_text(qtbot: QtBot) -> None:
    view = host(qtbot, filled_session(), "requests")
    click(view, index(view, ROWS[0], COLUMNS[0]))
    click(view, index(view, ROWS[1], COLUMNS[2]), SHIFT)
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "1\t2\t3\n4\t5\t6"
    html = clipboard.mimeData().html()
    assert "<tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td>" in html


def test_a_copied_row_with_its_label_reads_as_printed(qtbot: QtBot) -> None:
    view = host(qtbot, filled_session(), "requests")
    click(view, view.table_model.index(0, LABEL_COLUMN))
    click(view, index(view, ROWS[0], COLUMNS[1]), SHIFT)
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "一、本年新收政府信息公开申请数量\t1\t2"


def test_ctrl_v_pastes_a_block_at_the_current_cell_as_one_undo_step(qtbot: QtBot) -> None:
    session = filled_session()
    view = host(qtbot, session, "requests")
    QGuiApplication.clipboard().setText("7\t8\t9\r\n10\t11\t１２\r\n")  # Excel ends with CRLF
    click(view, index(view, ROWS[0], COLUMNS[0]))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    assert values(session, ROWS, COLUMNS) == [[7, 8, 9], [10, 11, 12]]
    assert status(view) == "已粘贴6格。"
    assert session.undo_stack.count() == 1
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert values(session, ROWS, COLUMNS) == [[1, 2, 3], [4, 5, 6]]


def test_a_web_table_row_with_its_labels_lands_on_the_figures(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "requests")
    row = "（一）予以公开\t3\t0\t1\t0\t0\t0\t4\t\n"  # as a browser copies a table row
    QGuiApplication.clipboard().setText(row)
    click(view, view.table_model.index_of("requests.granted/natural_person"))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    columns = [c.id for c in view.table_model.table.columns]
    got = [session.document.values[f"requests.granted/{c}"] for c in columns]
    assert got == [3, 0, 1, 0, 0, 0, 4]
    assert status(view) == "已粘贴7格。"
    # The same row pasted with the label cell current: the figures still go to the figures.
    row = "三、本年度办理结果\t（二）部分公开\t5\t1\t0\t0\t0\t0\t6"
    QGuiApplication.clipboard().setText(row)
    click(view, view.table_model.index_of("requests.partial/natural_person").siblingAtColumn(0))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    got = [session.document.values[f"requests.partial/{c}"] for c in columns]
    assert got == [5, 1, 0, 0, 0, 0, 6]
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert all(session.document.values[f"requests.partial/{c}"] is None for c in columns)
    assert session.document.values["requests.granted/total"] == 4


def test_what_does_not_fit_is_refused_and_said(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "requests")
    # From 上年结转·自然人 down: 二 takes 1 2; 三、本年度办理结果 is a heading; 予以公开 gets
    # 5 but not "abc"; 部分公开 gets 7 but not 1.5 (counts are whole numbers).
    QGuiApplication.clipboard().setText("1\t2\n3\t4\n5\tabc\n7\t1.5")
    click(view, index(view, "requests.carried_in", "natural_person"))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    written = session.document.values
    assert [
        written["requests.carried_in/natural_person"],
        written["requests.granted/natural_person"],
    ] == [1, 5]
    assert written["requests.granted/business"] is None
    assert written["requests.partial/natural_person"] == 7
    assert status(view) == (
        "已粘贴4格；未粘贴4格："
        "“三、本年度办理结果”是标题行，不填数（“3”、“4”）；"
        "予以公开（法人或其他组织·商业企业）：“abc”不是数字；"
        "部分公开（法人或其他组织·商业企业）：“1.5”应为整数。"
    )
    # Beyond the last column: the 总计 column takes the first figure only.
    QGuiApplication.clipboard().setText("9\t9\t9")
    click(view, index(view, "requests.new", "total"))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    assert written["requests.new/total"] == 9
    assert status(view) == "已粘贴1格；未粘贴2格：2个数超出表格范围。"


def test_del_clears_the_selection_and_one_ctrl_z_restores_it(qtbot: QtBot) -> None:
    session = filled_session()
    view = host(qtbot, session, "requests")
    click(view, index(view, ROWS[0], COLUMNS[0]))
    click(view, index(view, ROWS[1], COLUMNS[1]), SHIFT)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert values(session, ROWS, COLUMNS) == [[None, None, 3], [None, None, 6]]
    assert session.undo_stack.count() == 1
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert values(session, ROWS, COLUMNS) == [[1, 2, 3], [4, 5, 6]]


def test_one_value_pasted_over_a_selection_fills_each_cell(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "requests")
    click(view, index(view, ROWS[0], COLUMNS[0]))
    click(view, index(view, ROWS[1], COLUMNS[2]), SHIFT)
    QGuiApplication.clipboard().setText("0")
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    assert values(session, ROWS, COLUMNS) == [[0, 0, 0], [0, 0, 0]]
    assert session.undo_stack.count() == 1


def test_many_refusals_are_counted_after_the_first_few(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "requests")
    QGuiApplication.clipboard().setText("\n".join(["x\t1"] * 7 + ["1\t1\t1\t1\t1\t1\t1\t1"]))
    click(view, index(view, "requests.refused.state_secret", "other"))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    assert status(view) == (
        "已粘贴9格；未粘贴13格："
        "属于国家秘密（法人或其他组织·其他）：“x”不是数字；"
        "其他法律行政法规禁止公开（法人或其他组织·其他）：“x”不是数字；"
        "危及“三安全一稳定”（法人或其他组织·其他）：“x”不是数字；"
        "保护第三方合法权益（法人或其他组织·其他）：“x”不是数字；另有4处。"
    )


def test_text_blocks_are_read_as_excel_writes_them() -> None:
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block("5") == [["5"]]
    assert fitted_row(["（一）予以公开", "件", "3", "4"], 2) == ["3", "4"]
    assert fitted_row(["3", "4", "", ""], 2) == ["3", "4"]
    assert fitted_row(["a", "3"], 5) == ["a", "3"]  # it fits: nothing is dropped


def test_the_window_shows_what_a_paste_refused_beside_its_summary(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    window = make_window(qtbot, Session(new_2021()), settings, data_dir)
    window.show_page("requests")
    view = window.table_views["requests"]
    QGuiApplication.clipboard().setText("1\t2\n3\t4")
    click(view, index(view, "requests.carried_in", "natural_person"))
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    message = window.statusBar().currentMessage()
    assert message == "已粘贴2格；未粘贴2格：“三、本年度办理结果”是标题行，不填数（“3”、“4”）。"
    # The summary keeps to the right, so the message has the rest of the line.
    needed = window.statusBar().fontMetrics().horizontalAdvance(message)
    assert window.status.geometry().left() > needed
    window.undo_action.trigger()  # the paste undone: what it said goes with it
    assert window.statusBar().currentMessage() == ""
    assert window.session.document.values["requests.carried_in/natural_person"] is None
    close_window(window)
