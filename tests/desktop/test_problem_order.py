"""The problems list keeps form order: a warning given a 说明 stays where it was, greyed."""

from __future__ import annotations

from conftest import Typist
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.problems import (
    CODE_COLUMN,
    EXPLAINED_FOREGROUND,
    EXPLANATION_COLUMN,
    KIND_COLUMN,
    MESSAGE_COLUMN,
)

WEBSITE_WARNING = "T001@part.proactive#website"


def listed(window: MainWindow) -> list[str]:
    model = window.problems.model
    return [model.finding(row).key for row in range(model.rowCount())]


def make_findings(window: MainWindow) -> None:
    session = window.session
    session.set_value("proactive.channel.website", 20000)  # E101 (a rule) and two T001
    session.set_value("proactive.channel.wechat", "abc")  # V001 (a cell), after website
    session.set_value("requests.received.fax", None)  # a blank


def test_rows_are_listed_by_kind_then_by_place_in_the_form(window: MainWindow) -> None:
    make_findings(window)
    assert listed(window) == [
        "E101@proactive.channel.website",  # 网站 comes before 微信 in the table
        "V001@proactive.channel.wechat",
        WEBSITE_WARNING,  # 二's text comes before the analysis note
        "T001@part.analysis#website",
        "E001@requests.received.fax",
    ]


def test_an_explained_warning_keeps_its_row_greyed_with_its_explanation(
    window: MainWindow, typist: Typist, qtbot: QtBot
) -> None:
    make_findings(window)
    before = listed(window)
    row = before.index(WEBSITE_WARNING)
    problems = window.problems
    rect = problems.view.visualRect(problems.model.index(row, EXPLANATION_COLUMN))
    problems.view.setFocus()
    qtbot.mouseClick(problems.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(problems.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = problems.view.focusWidget()
    assert editor is not problems.view, "a double click should open the 说明 editor"
    for char in "网站改版":
        typist.key_text(editor, char)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.session.document.explanations))
    assert window.session.document.explanations == {WEBSITE_WARNING: "网站改版"}
    assert listed(window) == before  # no row moved
    model = problems.model
    assert model.index(row, KIND_COLUMN).data() == "已说明"
    # the word beside its icon fits its column on one line (it wrapped to 已说 / 明)
    kind = problems.view.sizeHintForIndex(model.index(row, KIND_COLUMN)).width()
    assert kind < problems.view.columnWidth(KIND_COLUMN)  # less a pixel of grid line
    assert model.index(row, EXPLANATION_COLUMN).data() == "网站改版"
    grey = QColor(EXPLAINED_FOREGROUND)
    for column in (KIND_COLUMN, CODE_COLUMN, MESSAGE_COLUMN):
        assert model.index(row, column).data(Qt.ItemDataRole.ForegroundRole) == grey
    assert model.index(row, EXPLANATION_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None
    # the row is still the one painted at the same height on screen
    assert problems.view.visualRect(model.index(row, EXPLANATION_COLUMN)).top() == rect.top()
    # an open warning's row is not greyed
    other = before.index("T001@part.analysis#website")
    assert model.index(other, MESSAGE_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None
