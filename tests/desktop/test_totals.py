"""Computed totals in the window: they follow their parts, can be typed over and are then
checked; a blank total over non-zero parts is filled by one action. Each is one undo step."""

from __future__ import annotations

from collections.abc import Callable

from conftest import POPUP_ON_OFFSCREEN, Typist
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from table_host import host, new_2021

from desktop.marks import computed_background
from desktop.problems import ProblemsPanel
from desktop.session import Session
from desktop.table import TableView
from forms.derive import derive, totals
from forms.document import Document

CTRL = Qt.KeyboardModifier.ControlModifier
REVIEW = [f"cases/review.{part}" for part in ("upheld", "corrected", "other", "pending")]
TOTAL = "cases/review.total"


def shown(
    view: TableView, cell: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole
) -> object:
    return view.table_model.index_of(cell).data(role)


def codes_at(session: Session, cell: str) -> set[str]:
    return {f.code for f in session.report.findings if f.cells[0] == cell}


def test_a_total_follows_its_parts_then_typed_over_is_checked(qtbot: QtBot, typist: Typist) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "review_litigation", width=1400)
    for cell, figure in zip(REVIEW[:3], "123", strict=True):
        typist.cell(view, cell, figure)
        assert session.document.values[TOTAL] is None  # not every part yet
        assert str(shown(view, TOTAL, Qt.ItemDataRole.ToolTipRole)).endswith(
            "（各项填齐后自动得出，可直接改写）"
        )
    typist.cell(view, REVIEW[3], "4")
    assert shown(view, TOTAL) == "10"
    assert shown(view, TOTAL, Qt.ItemDataRole.BackgroundRole) == computed_background()
    tooltip = str(shown(view, TOTAL, Qt.ItemDataRole.ToolTipRole))
    assert tooltip.startswith("自动计算：结果维持 + 结果纠正 + 其他结果 + 尚未审结")
    typist.cell(view, REVIEW[1], "5")  # a part changes: the total follows
    assert shown(view, TOTAL) == "13"
    assert codes_at(session, TOTAL) == set()

    typist.cell(view, TOTAL, "12")  # typed over: kept, and checked
    assert session.document.values[TOTAL] == 12
    assert TOTAL in session.document.typed_totals
    assert shown(view, TOTAL, Qt.ItemDataRole.BackgroundRole) != computed_background()
    rule = totals(session.form)[TOTAL].code
    assert rule in codes_at(session, TOTAL)
    assert rule in str(shown(view, TOTAL, Qt.ItemDataRole.ToolTipRole))

    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)  # one undo: computed again, no error
    assert session.document.values[TOTAL] == 13
    assert TOTAL not in session.document.typed_totals
    assert codes_at(session, TOTAL) == set()


def zero_filled_requests() -> Document:
    """A 2021 report whose table 三 holds 0 in every part, its totals computed."""
    document = new_2021()
    table = next(t for t in document.form.tables if t.id == "requests")
    computed = totals(document.form)
    for cell in table.cell_keys():
        if cell not in computed:
            document.values[cell] = 0
    derive(document)
    return document


def test_a_figure_in_table_three_updates_its_row_column_and_grand_totals(
    qtbot: QtBot, typist: Typist
) -> None:
    document = zero_filled_requests()
    session = Session(document)
    view = host(qtbot, session, "requests")
    assert session.document.values["requests.total/total"] == 0
    typist.cell(view, "requests.granted/business", "7")
    values = session.document.values
    assert values["requests.granted/total"] == 7  # the row's 总计
    assert values["requests.total/business"] == 7  # the column's （七）总计
    assert values["requests.total/total"] == 7  # both at once
    assert shown(view, "requests.total/total") == "7"
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [values["requests.granted/total"], values["requests.total/total"]] == [0, 0]


def test_table_three_totals_typed_over_are_checked_by_e102_and_e103(
    qtbot: QtBot, typist: Typist
) -> None:
    session = Session(zero_filled_requests())
    view = host(qtbot, session, "requests")
    typist.cell(view, "requests.granted/natural_person", "5")
    assert session.document.values["requests.granted/total"] == 5
    assert codes_at(session, "requests.granted/total") == set()
    typist.cell(view, "requests.granted/total", "6")  # the row's 总计 typed over
    assert "E103" in codes_at(session, "requests.granted/total")
    typist.cell(view, "requests.total/natural_person", "4")  # the column's （七）总计
    assert "E102" in codes_at(session, "requests.total/natural_person")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert session.document.typed_totals == set()
    assert codes_at(session, "requests.granted/total") == set()
    assert session.document.values["requests.total/natural_person"] == 5


def test_clearing_a_typed_total_computes_it_again_in_one_step(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "review_litigation", width=1400)
    session.set_values({cell: 1 for cell in REVIEW} | {TOTAL: 9}, "粘贴")
    assert TOTAL in session.document.typed_totals
    click(view, TOTAL)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert session.document.values[TOTAL] == 4
    assert TOTAL not in session.document.typed_totals
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert session.document.values[TOTAL] == 9
    assert TOTAL in session.document.typed_totals


def click(view: TableView, cell: str) -> None:
    rect = view.visualRect(view.table_model.index_of(cell))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def blank_total_session() -> Session:
    """复议 总计 given blank (as a published table printed it) over parts adding up to 57."""
    document = new_2021()
    document.values.update({REVIEW[0]: 50, REVIEW[1]: 7})
    document.typed_totals.add(TOTAL)
    return Session(document)


def shown_panel(qtbot: QtBot, session: Session) -> tuple[ProblemsPanel, int]:
    """The problems panel on screen, and the row of its E002 finding."""
    panel = ProblemsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(500, 600)
    panel.show()
    qtbot.waitExposed(panel)
    row = next(r for r in range(panel.model.rowCount()) if panel.model.finding(r).code == "E002")
    return panel, row


def test_a_blank_total_is_filled_from_the_problems_panel(qtbot: QtBot) -> None:
    session = blank_total_session()
    view = host(qtbot, session, "review_litigation", width=1400)
    message = next(f.message for f in session.report.findings if f.code == "E002")
    assert "（行政复议·总计）为空，各项之和为57" in message
    panel, row = shown_panel(qtbot, session)
    assert not panel.fill_button.isVisible()
    rect = panel.view.visualRect(panel.model.index(row, 2))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.fill_button.isVisible()
    assert panel.fill_button.text() == "填入各项之和（57）"
    QTest.mouseClick(panel.fill_button, Qt.MouseButton.LeftButton)
    assert session.document.values[TOTAL] == 57
    assert "E002" not in {f.code for f in session.report.findings}
    assert session.undo_stack.count() == 1
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert session.document.values[TOTAL] is None
    assert "E002" in {f.code for f in session.report.findings}


def when_popup(act: Callable[[QMenu], None]) -> None:
    """Run ``act`` on the context menu once it is up (it runs its own event loop)."""

    def attempt() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            act(popup)
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def choose(text: str) -> Callable[[QMenu], None]:
    def act(menu: QMenu) -> None:
        action = next(a for a in menu.actions() if a.text().startswith(text))
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    return act


def right_click(view: TableView, cell: str) -> None:
    """A context-menu request on the cell, as the window system sends it for a right click."""
    point = view.visualRect(view.table_model.index_of(cell)).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.viewport(), event)


@POPUP_ON_OFFSCREEN
def test_a_blank_total_is_filled_from_its_cell_menu(qtbot: QtBot) -> None:
    session = blank_total_session()
    view = host(qtbot, session, "review_litigation", width=1400)
    when_popup(choose("填入各项之和（57）"))
    right_click(view, TOTAL)
    assert session.document.values[TOTAL] == 57
    assert session.undo_stack.count() == 1
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed menu goes
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert session.document.values[TOTAL] is None


@POPUP_ON_OFFSCREEN
def test_a_typed_total_computes_again_from_its_cell_menu(qtbot: QtBot) -> None:
    session = Session(new_2021())
    view = host(qtbot, session, "review_litigation", width=1400)
    session.set_values({cell: 2 for cell in REVIEW} | {TOTAL: 5}, "粘贴")
    when_popup(choose("恢复自动计算"))
    right_click(view, TOTAL)
    assert session.document.values[TOTAL] == 8
    assert TOTAL not in session.document.typed_totals


@POPUP_ON_OFFSCREEN
def test_a_blank_total_is_filled_from_the_problems_menu(qtbot: QtBot) -> None:
    session = blank_total_session()
    panel, row = shown_panel(qtbot, session)
    point = panel.view.visualRect(panel.model.index(row, 2)).center()
    viewport = panel.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    when_popup(choose("填入各项之和（57）"))
    QApplication.sendEvent(viewport, event)
    assert session.document.values[TOTAL] == 57
    assert session.undo_stack.count() == 1
