"""The other pages: narrative parts, the report header and signatories, history and its chart."""

from __future__ import annotations

from conftest import Typist
from modal import when_modal
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.header import DateField
from desktop.history import chart_title
from desktop.main_window import MainWindow
from desktop.marks import Mark
from desktop.session import PREFACE
from forms.validation import Finding


def test_every_narrative_part_of_the_form_has_an_editor_with_its_hint(window: MainWindow) -> None:
    parts = window.session.form.narrative_parts()
    assert [p.id for p in window.narrative.parts] == [PREFACE, *(p.id for p in parts)]
    editor = window.narrative.show_part("analysis")
    assert editor.hint.text() == parts[-1].hint
    assert "附件2" in editor.heading.text()


def test_typing_a_narrative_counts_characters_and_undoes_in_one_step(
    window: MainWindow, qtbot: QtBot
) -> None:
    part = window.narrative.show_part("other")
    before = window.session.document.narrative["other"]
    part.editor.selectAll()
    qtbot.keyClick(part.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(part.editor, "no other matters")
    assert window.session.document.narrative["other"] == "no other matters"
    assert part.count.text() == "14 字"
    window.undo_action.trigger()
    assert window.session.document.narrative["other"] == before
    assert part.editor.toPlainText() == before
    window.redo_action.trigger()
    assert part.editor.toPlainText() == "no other matters"


def test_preface_shows_the_template_from_the_contact_line(window: MainWindow) -> None:
    window.session.set_narrative(PREFACE, "")
    preface = window.narrative.show_part(PREFACE)
    assert preface.editor.toPlainText() == ""
    assert "平川区会展中心一楼" in preface.editor.placeholderText()
    window.session.set_field("contact.address", "新地址")
    assert "新地址" in preface.editor.placeholderText()


def test_a_blank_signatory_is_marked_and_its_problem_focuses_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = window.header.fields["sign.reviewer"]
    assert isinstance(field, QLineEdit)
    window.tabs.setCurrentWidget(window.header)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert window.session.document.signatories["reviewer"] == ""
    assert "审核人未填写" in field.toolTip()
    assert window.header.mark_actions["sign.reviewer"].isVisible(), "an icon, not only colour"
    assert window.status.text().startswith("草稿")
    window.tabs.setCurrentIndex(0)
    finding = next(f for f in window.session.report.findings if f.cells[0] == "sign.reviewer")
    window.show_finding(finding)
    assert window.tabs.currentWidget() is window.header
    assert field.hasFocus()
    qtbot.keyClicks(field, "Song")
    assert field.toolTip() == ""
    assert not window.header.mark_actions["sign.reviewer"].isVisible()


def test_the_unit_name_is_required(window: MainWindow, qtbot: QtBot) -> None:
    unit = window.header.fields["header.unit"]
    assert isinstance(unit, QLineEdit)
    unit.selectAll()
    qtbot.keyClick(unit, Qt.Key.Key_Delete)
    assert any(f.code == "H001" for f in window.session.report.findings)
    window.undo_action.trigger()
    assert unit.text() == "白银市平川区人民政府办公室"


def test_the_date_picker_stores_iso_text_and_checks_the_year(window: MainWindow) -> None:
    date = window.header.fields["sign.date"]
    assert isinstance(date, DateField)
    assert date.date() == QDate(2019, 2, 27)
    date.setDate(QDate(2018, 6, 1))
    assert window.session.document.signatories["date"] == "2018-06-01"
    assert any(f.code == "S004" for f in window.session.report.findings)
    window.undo_action.trigger()
    assert window.session.document.signatories["date"] == "2019-02-27"
    assert date.date() == QDate(2019, 2, 27)


def test_history_years_edit_the_series_the_chart_draws(window: MainWindow) -> None:
    history = window.history
    years = [year for year, _ in window.session.document.history_series()]
    assert years == [2014, 2015, 2016, 2017, 2018]
    assert history.table.item(4, 1).text() == "12457"
    assert not history.table.item(4, 1).flags() & Qt.ItemFlag.ItemIsEditable
    history.table.item(0, 1).setText("１,234")
    assert window.session.document.history[2014] == 1234
    assert window.session.document.history_series()[0] == (2014, 1234)
    assert chart_title(window.session.document.history_series()) == (
        "2014年—2018年主动公开政府信息情况"
    )
    image = history.chart.grab().toImage()
    assert not image.isNull()
    window.undo_action.trigger()
    assert window.session.document.history.get(2014) is None
    assert history.table.item(0, 1).text() == ""


def test_a_bad_history_figure_is_refused_with_a_reason(window: MainWindow) -> None:
    window.history.table.item(1, 1).setText("很多")
    assert 2015 not in window.session.document.history
    assert "不是数字" in window.history.note.text()


def test_the_year_changes_the_history_years(window: MainWindow) -> None:
    year = window.header.fields["header.year"]
    year.setValue(2019)  # type: ignore[attr-defined]
    assert window.session.document.year == 2019
    assert window.history.table.item(4, 0).text() == "2019年"


def test_a_table_mark_for_an_explained_warning_differs_from_an_open_one(
    window: MainWindow, typist: Typist
) -> None:
    typist.cell(window.table_views["annex1"], "fees.total", "1")
    model = window.table_views["annex1"].table_model
    assert model.mark("fees.total") is Mark.WARNING
    window.session.set_explanation("W204@fees.total", "说明")
    assert model.mark("fees.total") is Mark.EXPLAINED
    window.undo_action.trigger()
    assert model.mark("fees.total") is Mark.WARNING


def test_about_names_the_app_and_version(window: MainWindow, qtbot: QtBot) -> None:
    from desktop.identity import APP_NAME, app_version

    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(QMessageBox, read_and_close)
    window._on_about()
    assert APP_NAME in seen[0] and app_version() in seen[0]


def test_keyboard_reaches_every_page_and_the_problems(window: MainWindow, qtbot: QtBot) -> None:
    for number in range(window.tabs.count()):
        action = window.view_menu.actions()[number]
        assert action.shortcut().toString() == f"Ctrl+{number + 1}"
        action.trigger()
        assert window.tabs.currentIndex() == number
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "查看(&V)", "帮助(&H)"]


def test_show_finding_ignores_a_place_the_window_does_not_have(window: MainWindow) -> None:
    current = window.tabs.currentIndex()
    window.show_finding(Finding("X@nowhere", "X001", "error", "x", ("nowhere",)))  # type: ignore[arg-type]
    assert window.tabs.currentIndex() == current


def test_the_window_fits_a_1366_by_768_screen(window: MainWindow) -> None:
    needed = window.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768 - 40  # a taskbar below
    assert window.width() == 1366 and window.height() == 768


def test_keyboard_only_from_a_problem_to_its_cell(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    view = window.table_views["annex1"]
    typist.cell(view, "response.online_interviews_by_head", "9")
    window.tabs.setCurrentWidget(window.narrative)
    next(a for a in window.view_menu.actions() if a.shortcut().toString() == "F8").trigger()
    problems = window.problems.view
    assert problems.hasFocus()
    row = window.problems.model.row_of("E105@response.online_interviews_by_head")
    problems.setCurrentIndex(window.problems.model.index(row, 2))
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is view
    assert view.currentIndex() == view.table_model.index_of("response.online_interviews_by_head")
    assert view.hasFocus()
