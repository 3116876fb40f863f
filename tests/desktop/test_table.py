"""The statistical table: typing figures, live marks, the problems panel, undo and redo."""

from __future__ import annotations

from decimal import Decimal

from conftest import Typist
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.marks import Mark
from desktop.problems import EXPLANATION_COLUMN
from desktop.table import TableView


def annex(window: MainWindow) -> TableView:
    return window.table_views["annex1"]


def shown(
    view: TableView, cell: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole
) -> object:
    return view.table_model.index_of(cell).data(role)


def problem_codes(window: MainWindow) -> list[str]:
    model = window.problems.model
    return [model.finding(row).code for row in range(model.rowCount())]


def test_demo_table_shows_figures_grouped_right_aligned_and_headings_read_only(
    window: MainWindow,
) -> None:
    view = annex(window)
    model = view.table_model
    assert shown(view, "proactive.total") == "12,457"
    alignment = shown(view, "proactive.total", Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    heading = model.index(0, 2)
    assert not heading.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 1).data() == "条"
    level_two = model.index_of("proactive.normative_docs").siblingAtColumn(0).data()
    assert level_two.startswith("　　其中：")


def test_full_width_and_grouped_digits_are_accepted(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.other", "１２，４５７")
    assert window.session.document.values["proactive.channel.other"] == 12457
    typist.cell(view, "proactive.channel.other", "12,457")
    assert window.session.document.values["proactive.channel.other"] == 12457
    assert shown(view, "proactive.channel.other") == "12,457"


def test_enter_moves_down_past_headings(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.normative_docs_issued", "1")
    assert view.currentIndex() == view.table_model.index_of("proactive.channel.gazette")
    assert view.hasFocus()
    assert view.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled), "IME on an editable cell"


def test_a_sum_error_appears_marks_the_cell_and_disappears(
    window: MainWindow, typist: Typist
) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.website", "20000")
    assert "E101" in problem_codes(window)
    assert view.table_model.mark("proactive.channel.website") is Mark.ERROR
    assert "（20000）" in str(shown(view, "proactive.channel.website", Qt.ItemDataRole.ToolTipRole))
    assert "错误 1" in window.status.text()
    typist.cell(view, "proactive.channel.website", "11201")
    assert "E101" not in problem_codes(window)
    assert view.table_model.mark("proactive.channel.website") is None
    assert window.status.text().startswith("可定稿")


def test_text_in_a_cell_is_kept_and_reported(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.other", "七百")
    assert shown(view, "proactive.channel.other") == "七百"
    assert "V001" in problem_codes(window)


def test_a_cleared_cell_looks_blank_not_zero(window: MainWindow, qtbot: QtBot) -> None:
    view = annex(window)
    view.setCurrentIndex(view.table_model.index_of("proactive.channel.gazette"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.session.document.values["proactive.channel.gazette"] is None
    assert shown(view, "proactive.channel.gazette") == ""
    assert view.table_model.mark("proactive.channel.gazette") is Mark.BLANK
    assert "未填 1" in window.status.text()


def test_clicking_a_problem_selects_the_cell_at_fault(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    view = annex(window)
    typist.cell(view, "response.press_conferences_by_head", "99")
    window.show_page("overview")
    problems = window.problems.view
    row = problem_codes(window).index("E104")
    rect = problems.visualRect(window.problems.model.index(row, 2))
    qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.current_key() == "table:annex1" and view.isVisible()
    assert view.currentIndex() == view.table_model.index_of("response.press_conferences_by_head")
    selected = {view.table_model.cell_at(i) for i in view.selectedIndexes()}
    assert selected == {"response.press_conferences_by_head", "response.press_conferences"}


def test_a_warning_is_explained_in_the_panel(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    view = annex(window)
    typist.cell(view, "fees.total", "0.5")
    assert window.session.document.values["fees.total"] == Decimal("0.5")
    assert view.table_model.mark("fees.total") is Mark.WARNING
    assert window.status.text().startswith("草稿")
    window.problems.explain("W204@fees.total")
    editor = window.problems.view.focusWidget()
    for char in "系复印费":
        typist.key_text(editor, char)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.session.document.explanations))
    assert window.session.document.explanations == {"W204@fees.total": "系复印费"}
    assert view.table_model.mark("fees.total") is Mark.EXPLAINED
    # 四 of the text still says 未发生政府信息公开收费: that needs its own 说明 (T001)
    assert [f.key for f in window.session.report.unexplained] == ["T001@part.fees#fees"]
    window.session.set_explanation("T001@part.fees#fees", "正文已按实际收费修改")
    assert window.status.text().startswith("可定稿")
    row = window.problems.model.row_of("W204@fees.total")
    assert window.problems.model.index(row, EXPLANATION_COLUMN).data() == "系复印费"


def test_undo_and_redo_a_figure(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.website", "20000")
    window.undo_action.trigger()
    assert window.session.document.values["proactive.channel.website"] == 11201
    assert "E101" not in problem_codes(window)
    window.redo_action.trigger()
    assert window.session.document.values["proactive.channel.website"] == 20000
    assert "E101" in problem_codes(window)
    assert window.isWindowModified()


def test_marks_follow_each_keystroke_before_enter(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    index = view.table_model.index_of("proactive.channel.website")
    view.setFocus()
    view.setCurrentIndex(index)
    typist.key_text(view, "9")
    editor = view.indexWidget(index)
    assert "E101" not in problem_codes(window)
    for char in "9999":
        typist.key_text(editor, char)
    assert window.session.document.values["proactive.channel.website"] == 99999
    assert "E101" in problem_codes(window)
    assert view.table_model.mark("proactive.channel.website") is Mark.ERROR
    assert editor.text() == "99999"
    for _ in range(5):
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    typist.key_text(editor, "7")
    assert "E101" not in problem_codes(window)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.undo_stack.count() == 1, "one editing of one cell is one undo step"
    window.undo_action.trigger()
    assert window.session.document.values["proactive.channel.website"] == 11201


def test_escape_puts_back_the_figure_the_cell_had(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.website", "20000", key=Qt.Key.Key_Escape)
    assert window.session.document.values["proactive.channel.website"] == 11201
    assert "E101" not in problem_codes(window)
    assert shown(view, "proactive.channel.website") == "11,201"
    assert not window.isWindowModified()


def test_arrow_keys_leave_the_editor_and_move_on(window: MainWindow, typist: Typist) -> None:
    view = annex(window)
    typist.cell(view, "proactive.channel.weibo", "211", key=Qt.Key.Key_Down)
    assert window.session.document.values["proactive.channel.weibo"] == 211
    assert view.currentIndex() == view.table_model.index_of("proactive.channel.wechat")
    assert view.state() != view.State.EditingState


def test_the_problem_list_stays_in_step_through_many_edits(window: MainWindow) -> None:
    """Rows are inserted and removed in place; after any edit they equal a fresh listing."""
    from desktop.problems import ProblemsModel

    session = window.session
    edits = [
        ("proactive.channel.website", 20000),
        ("requests.received.fax", None),
        ("fees.total", 1),
        ("requests.completed", 3),
        ("proactive.channel.website", 11201),
        ("requests.received.fax", 0),
        ("proactive.total", None),
        ("requests.completed", 0),
        ("proactive.total", 12457),
    ]
    for cell, value in edits:
        session.set_value(cell, value)
        if cell == "fees.total":
            session.set_explanation("W204@fees.total", "说明")
        shown = window.problems.model
        fresh = ProblemsModel(session)
        rows = range(shown.rowCount())
        assert [shown.finding(r) for r in rows] == [
            fresh.finding(r) for r in range(fresh.rowCount())
        ]
        assert [shown.index(r, 0).data() for r in rows] == [
            fresh.index(r, 0).data() for r in range(fresh.rowCount())
        ]
        fresh.deleteLater()
