"""The 审核 menu: sign-off shown, withdrawn by any edit (the app says so), verdicts, change log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import Typist, close_window, make_window
from modal import when_modal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from unit_reports import unit_report

from desktop.main_window import MainWindow
from desktop.problems import EXPLANATION_COLUMN
from desktop.review_actions import ChangeLog
from desktop.session import Session
from forms.xlsx import open_document
from forms.xlsx.review_sheet import REVIEW_SHEET


@pytest.fixture
def ready(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    """The window on a report with no error and no warning: ready to be signed off."""
    document = unit_report("青禾县第1局", 1)
    document.signatories["reviewer"] = "陈晓岚"
    win = make_window(qtbot, Session(document), settings, data_dir)
    yield win
    close_window(win)


def sign_off(window: MainWindow) -> None:
    def accept(dialog: QInputDialog) -> None:
        assert dialog.textValue() == "陈晓岚"  # the signatory block's 审核人
        dialog.accept()

    when_modal(QInputDialog, accept)
    window.review.approve_action.trigger()


def test_sign_off_is_shown_and_any_edit_withdraws_it_saying_so(
    ready: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    window = ready
    sign_off(window)
    approval = window.session.document.review.approval
    assert approval is not None and approval.by == "陈晓岚"
    assert window.status.text().startswith(f"审核通过（陈晓岚 {approval.on}） · 可定稿")
    typist.cell(window.table_views["requests"], "requests.new/business", "4")
    assert window.session.document.review.approval is None
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("报告在陈晓岚于"))
    assert window.status.text().startswith("草稿")  # 4 breaks the balance: E101


def test_a_report_with_problems_cannot_be_signed_off(ready: MainWindow) -> None:
    window = ready
    window.pages.show_part("problems").editor.setPlainText("无")  # T003, unexplained
    told: list[str] = []
    when_modal(QMessageBox, lambda box: (told.append(box.text()), box.accept()))
    window.review.approve_action.trigger()
    assert told[0].startswith("[R051] 报告还有1个警告未说明，如：五、存在的主要问题及改进情况")
    assert told[0].endswith(
        "写明说明后才能审核通过\n\n（草稿 · 错误 0 · 警告 1（未说明 1） · 未填 0）"
    )
    assert window.session.document.review.approval is None


def test_a_rejected_explanation_stands_in_the_way_of_the_sign_off(ready: MainWindow) -> None:
    window = ready
    editor = window.pages.show_part("problems").editor
    editor.setFocus()
    editor.selectAll()
    Typist.key_text(editor, "无")  # T003: a part 五 that says only 无, typed over the text
    window.session.set_explanation("T003@part.problems", "本年确无问题")  # the filer's 说明
    assert window.session.report.status.value == "可定稿"
    window.problems.give_verdict("T003@part.problems", "不采纳")  # the reviewer disagrees
    told: list[str] = []

    def note(box: QDialog) -> None:  # a refusal, or the name asked for signing off
        told.append(box.text() if isinstance(box, QMessageBox) else type(box).__name__)
        box.reject()

    when_modal(QDialog, note)
    window.review.approve_action.trigger()
    assert told[0].startswith("[R052] 有1个警告的说明被标为“不采纳”，如：五、存在的主要问题")
    assert window.session.document.review.approval is None
    window.problems.give_verdict("T003@part.problems", "已核实")
    sign_off(window)
    assert window.session.document.review.approval is not None


def test_a_verdict_on_a_warning_is_kept_and_undone(ready: MainWindow) -> None:
    window = ready
    window.pages.show_part("problems").editor.setPlainText("无")
    window.problems.give_verdict("T003@part.problems", "已核实")
    verdict = window.session.document.review.verdicts["T003@part.problems"]
    assert (verdict.state, verdict.by) == ("已核实", "陈晓岚")
    window.undo_action.trigger()
    assert "T003@part.problems" not in window.session.document.review.verdicts


def test_a_verdict_shows_under_its_explanation(ready: MainWindow) -> None:
    """The reviewer marks a 说明 不采纳 and sees it in the problems list (nothing changed there
    before); the editor still gets the 说明 alone, and undo takes the verdict away."""
    window = ready
    window.pages.show_part("problems").editor.setPlainText("无")  # T003
    window.session.set_explanation("T003@part.problems", "本年确无问题")
    model, view = window.problems.model, window.problems.view
    index = model.index(model.row_of("T003@part.problems"), EXPLANATION_COLUMN)
    assert index.data() == "本年确无问题"
    window.problems.give_verdict("T003@part.problems", "不采纳")
    QApplication.processEvents()
    index = model.index(model.row_of("T003@part.problems"), EXPLANATION_COLUMN)
    assert index.data() == "本年确无问题\n审核：不采纳（陈晓岚）"
    assert "审核：不采纳（陈晓岚）" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.EditRole) == "本年确无问题"
    assert view.rowHeight(index.row()) >= view.sizeHintForIndex(index).height()  # both lines
    window.undo_action.trigger()
    QApplication.processEvents()
    index = model.index(model.row_of("T003@part.problems"), EXPLANATION_COLUMN)
    assert index.data() == "本年确无问题"


def test_each_save_logs_what_changed(ready: MainWindow, typist: Typist, tmp_path: Path) -> None:
    window = ready
    path = tmp_path / "r.xlsx"
    assert window._write(path)  # what 保存 does once the path is known
    typist.cell(window.table_views["requests"], "requests.granted/business", "3")
    assert window._write(path)
    changes = open_document(path).document.review.changes
    logged = {c.place: (c.old, c.new) for c in changes}
    assert logged["予以公开（法人或其他组织·商业企业）"] == ("2", "3")
    assert logged["总计（总计）"] == ("16", "17")  # the totals that followed
    log = ChangeLog(window)
    shown = {log.table.item(row, 1).text() for row in range(log.table.rowCount())}
    assert "予以公开（法人或其他组织·商业企业）" in shown
    log.deleteLater()


def test_a_changed_phone_number_is_in_the_files_change_log(
    ready: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window = ready
    path = tmp_path / "r.xlsx"
    assert window._write(path)
    old = window.session.document.signatories["phone"]
    field = window.header.fields["sign.phone"]
    window.pages.show_widget(window.header)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "13800138000")
    assert window._write(path)
    rows = openpyxl.load_workbook(path)[REVIEW_SHEET].iter_rows(values_only=True)
    logged = {row[0]: row[1:3] for row in rows if row[0] and row[0].startswith("签署栏")}
    assert list(logged) == ["签署栏：联系电话"]
    change, at = logged["签署栏：联系电话"]
    assert change == f"{old} → 13800138000"
    assert re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d", at)  # as a clerk reads a time


def test_a_remark_on_a_cell_from_its_menu(ready: MainWindow) -> None:
    window = ready
    view = window.table_views["requests"]
    index = view.table_model.index_of("requests.new/business")
    menu, choices = view.cell_actions.menu(index)
    remark = next(action for action in choices if action.text() == "审核意见(&M)…")
    menu.deleteLater()

    def write(dialog: QInputDialog) -> None:
        dialog.setTextValue("与收文登记簿核对一致")
        dialog.accept()

    when_modal(QInputDialog, write)
    choices[remark]()
    assert window.session.document.review.remarks == {
        "requests.new/business": "与收文登记簿核对一致"
    }
    assert view.table_model.data(index, Qt.ItemDataRole.ToolTipRole).endswith(
        "审核意见：与收文登记簿核对一致"
    )
    window.undo_action.trigger()
    assert window.session.document.review.remarks == {}


def test_a_remark_on_a_part(ready: MainWindow) -> None:
    window = ready
    part = window.pages.show_part("problems")

    def write(dialog: QInputDialog) -> None:
        dialog.setTextValue("问题写得太笼统，请具体到事项")
        dialog.accept()

    when_modal(QInputDialog, write)
    part.ask_remark()
    assert window.session.document.review.remarks == {
        "part.problems": "问题写得太笼统，请具体到事项"
    }
    assert part.heading.toolTip() == "审核意见：问题写得太笼统，请具体到事项"
    window.undo_action.trigger()
    assert part.heading.toolTip() == ""
