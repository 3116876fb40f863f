"""Files: save, reopen and compare; unsaved changes on close; bad files; drops; recent files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Typist, close_window, make_window
from modal import when_modal
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.dialogs import NewReport
from desktop.import_dialog import ImportDialog
from desktop.main_window import CANCEL, DISCARD, SAVE, MainWindow
from desktop.session import Session
from forms.demo import load_demo
from forms.document import Document, new_document
from forms.xlsx import open_document, save_document


class Answers:
    """Records the window's questions and answers them as a user would."""

    def __init__(self, window: MainWindow, save_to: Path | None = None, changes: str = SAVE):
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.asked_changes = 0
        window.ask_save_path = lambda _filter, _suffix: save_to  # type: ignore[method-assign]
        window.show_error = lambda _title, text: self.errors.append(text)  # type: ignore[method-assign]
        window.show_message = lambda _t, text: self.messages.append(text)  # type: ignore[method-assign]
        window.ask_save_changes = self._changes  # type: ignore[method-assign]
        self._answer = changes

    def _changes(self) -> str:
        self.asked_changes += 1
        return self._answer


def content(document: Document) -> dict[str, object]:
    return document.content()


def test_save_as_then_reopen_gives_the_same_report(
    window: MainWindow, typist: Typist, tmp_path: Path
) -> None:
    target = tmp_path / "平川区2018年报.xlsx"
    answers = Answers(window, save_to=target)
    typist.cell(window.table_views["annex1"], "proactive.channel.other", "701")
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("平川区2018年报.xlsx")
    reopened = open_document(target)
    assert reopened.differences == []
    assert content(reopened.document) == content(window.session.document)
    assert reopened.document.values["proactive.channel.other"] == 701
    assert window.open_path(target)
    assert window.session.path == target
    assert (
        window.table_views["annex1"].table_model.index_of("proactive.channel.other").data() == "701"
    )
    assert answers.errors == []


def test_save_without_a_path_asks_for_one_and_adds_the_suffix(
    window: MainWindow, tmp_path: Path
) -> None:
    Answers(window, save_to=tmp_path / "年报")
    assert window.save()
    assert (tmp_path / "年报.xlsx").is_file()
    assert window.recent_files() == [(tmp_path / "年报.xlsx").resolve()]


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(
    window: MainWindow, typist: Typist
) -> None:
    answers = Answers(window, changes=CANCEL)
    typist.cell(window.table_views["annex1"], "proactive.channel.other", "1")
    assert not window.close()
    assert answers.asked_changes == 1
    assert window.isVisible()
    assert window.session.document.values["proactive.channel.other"] == 1


def test_closing_with_unsaved_changes_can_save_first(
    qtbot: QtBot, settings: QSettings, data_dir: Path, typist: Typist, tmp_path: Path
) -> None:
    win = make_window(qtbot, Session(load_demo()), settings, data_dir)
    target = tmp_path / "saved.xlsx"
    answers = Answers(win, save_to=target, changes=SAVE)
    typist.cell(win.table_views["annex1"], "proactive.channel.other", "2")
    assert win.close()
    assert answers.asked_changes == 1
    assert open_document(target).document.values["proactive.channel.other"] == 2
    close_window(win)


def test_the_real_question_box_is_answered_by_a_user(window: MainWindow, typist: Typist) -> None:
    typist.cell(window.table_views["annex1"], "proactive.channel.other", "3")
    seen: list[str] = []

    def press_discard(box: QMessageBox) -> None:
        seen.append(box.text())
        seen.extend(button.text() for button in box.buttons())
        box.button(QMessageBox.StandardButton.Discard).click()

    when_modal(QMessageBox, press_discard)
    assert window.settle_changes()
    assert "未保存的更改" in seen[0]
    assert any("保存" in text for text in seen[1:])


def test_a_file_that_is_not_a_report_shows_a_message_and_keeps_the_document(
    window: MainWindow, typist: Typist, tmp_path: Path
) -> None:
    answers = Answers(window, changes=DISCARD)
    bogus = tmp_path / "坏文件.xlsx"
    bogus.write_bytes(b"this is not a zip file")
    before = window.session
    assert not window.open_path(bogus)
    assert window.session is before
    assert len(answers.errors) == 1
    assert "坏文件.xlsx" in answers.errors[0]
    assert "Traceback" not in answers.errors[0]


def test_a_missing_file_is_reported_in_chinese(window: MainWindow, tmp_path: Path) -> None:
    answers = Answers(window)
    assert not window.open_path(tmp_path / "没有这个文件.xlsx")
    assert len(answers.errors) == 1 and "没有这个文件.xlsx" in answers.errors[0]


def test_saving_into_a_missing_folder_fails_with_a_message(
    window: MainWindow, tmp_path: Path
) -> None:
    answers = Answers(window, save_to=tmp_path / "no" / "such" / "folder" / "x.xlsx")
    window.session.set_value("proactive.channel.other", 5)
    assert not window.save_as()
    assert window.isWindowModified()
    assert len(answers.errors) == 1 and "x.xlsx" in answers.errors[0]


def test_differences_found_on_open_are_shown(window: MainWindow, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "reviewed.xlsx"
    save_document(load_demo(), path)
    book = openpyxl.load_workbook(path)
    assert _change_visible_total(book), "the demo total should be a visible figure"
    book.save(path)
    answers = Answers(window)
    assert window.open_path(path)
    assert answers.messages and "12458" in answers.messages[0].replace(",", "")


def _change_visible_total(book: object) -> bool:
    for sheet in book.worksheets:  # type: ignore[attr-defined]
        if sheet.sheet_state != "visible":
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == 12457:
                    cell.value = 12458
                    return True
    return False


def test_a_dropped_file_is_opened(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "dropped.xlsx"
    save_document(load_demo(), path)
    Answers(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.session.path == path)


@pytest.mark.parametrize("form_index", [0, -1])
def test_new_report_of_each_form(window: MainWindow, form_index: int) -> None:
    from desktop.dialogs import NewReport
    from forms.definition_files import available_forms

    form = available_forms()[form_index]
    window.ask_new_report = lambda: NewReport(form.id, "某某县人民政府办公室", 2025)  # type: ignore[method-assign]
    window.new_report()
    assert window.session.form.id == form.id
    assert window.session.path is None
    assert window.windowTitle().startswith("未命名")
    assert len(window.table_views) == len(form.tables)


def test_recent_files_menu_reopens_a_saved_report(window: MainWindow, tmp_path: Path) -> None:
    first, second = tmp_path / "甲.xlsx", tmp_path / "乙.xlsx"
    Answers(window, save_to=first)
    assert window.save_as()
    Answers(window, save_to=second)
    assert window.save_as()
    window.recent_menu.aboutToShow.emit()
    titles = [action.text() for action in window.recent_menu.actions()]
    assert titles == ["&1 乙.xlsx", "&2 甲.xlsx"]
    window.recent_menu.actions()[1].trigger()
    assert window.session.path == first


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_import_menu_replaces_the_report_with_the_imported_table(
    window: MainWindow, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    foreign = tmp_path / "区里 的表.xlsx"
    workbook = Workbook()
    for row in [
        ["统计指标", "单位", "统计数"],
        ["（一）主动公开政府信息数", "条", "１２，４５７"],
        ["六、举报投诉数量", "件", 2],
    ]:
        workbook.active.append(row)
    workbook.save(foreign)
    answers = Answers(window, changes=DISCARD)
    window.ask_import_path = lambda: foreign  # type: ignore[method-assign]
    when_modal(ImportDialog, ImportDialog.accept)
    window.import_table()
    values = window.session.document.values
    assert values["proactive.total"] == 12457
    assert values["complaints.total"] == 2
    assert values["training.trainees"] is None  # not in the foreign table: blank, not 0
    assert window.session.path is None and answers.errors == []


def test_new_from_last_year_carries_names_and_history(window: MainWindow, tmp_path: Path) -> None:
    last_year = tmp_path / "2018年报.xlsx"
    save_document(load_demo(), last_year)
    answers = Answers(window)
    window.ask_last_report_path = lambda: last_year  # type: ignore[method-assign]
    asked: list[int] = []

    def ask(previous: Document) -> NewReport:
        asked.append(previous.year)
        return NewReport("gov-info-2018", previous.unit, 2019)  # kept in its format

    window.ask_follow_on = ask  # type: ignore[method-assign]
    window.new_from_last_year()
    assert asked == [2018]
    document = window.session.document
    assert (document.year, document.unit) == (2019, "白银市平川区人民政府办公室")
    assert document.signatories["filer"] == "刘文娟"
    assert document.history[2018] == 12457
    assert document.last_year["proactive.total"] == 12457
    assert document.values["proactive.total"] is None
    assert answers.errors == []


def test_new_from_last_year_refuses_a_foreign_file(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "不是年报.xlsx"
    bad.write_bytes(b"not a zip at all")
    answers = Answers(window)
    window.ask_last_report_path = lambda: bad  # type: ignore[method-assign]
    before = content(window.session.document)
    window.new_from_last_year()
    assert len(answers.errors) == 1 and "不是有效的 xlsx" in answers.errors[0]
    assert content(window.session.document) == before


def demo_menu(window: MainWindow, menu_title: str) -> QMenu:
    """文件 (or 帮助) → 打开示例, filled as when it is about to show."""
    top = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    demos = next(a.menu() for a in top.actions() if a.text() == "打开示例(&D)")
    demos.aboutToShow.emit()
    return demos


def test_the_demos_open_from_the_file_and_help_menus(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    blank = Session(new_document("gov-info-2021", "", 2024))
    window = make_window(qtbot, blank, settings, data_dir)
    labels = [action.text() for action in demo_menu(window, "文件(&F)").actions()]
    assert labels == [action.text() for action in demo_menu(window, "帮助(&H)").actions()]
    assert labels == [
        "2018年格式（白银市平川区人民政府办公室）",
        "2019年试行格式（青禾县自然资源局）",
        "2021年格式（青禾县自然资源局）",
    ]
    demo_menu(window, "文件(&F)").actions()[0].trigger()
    assert window.session.document.content() == load_demo().content()
    assert window.session.path is None and window.windowTitle() == "未命名[*]"
    assert [plan.title for plan in window.pages.plans][-1] == "历年数据"
    demo_menu(window, "帮助(&H)").actions()[2].trigger()
    assert window.session.document.content() == load_demo("gov-info-2021").content()
    assert window.history is None and window.session.path is None
    assert window.status.text().startswith("可定稿"), "the 2021 demo passes every check"
    requests = window.table_views["requests"]
    assert requests.table_model.index_of("requests.new/natural_person").data() == "12"
    close_window(window)


def test_a_demo_asks_before_it_replaces_unsaved_changes(window: MainWindow, typist: Typist) -> None:
    typist.cell(window.table_views["annex1"], "proactive.channel.other", "5")
    answers = Answers(window, changes=CANCEL)
    demo_menu(window, "文件(&F)").actions()[0].trigger()
    assert answers.asked_changes == 1
    assert window.session.document.values["proactive.channel.other"] == 5
