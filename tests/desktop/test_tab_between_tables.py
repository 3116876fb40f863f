"""Tab past a table's last figure goes on to the next table, as a filer typing page 二 by
keyboard expects; it no longer reopens the last cell, where every further figure typed
overwrote the one before (seen at 1366×768: 120, 30, 4 and 150000 all landed in 现行有效件数)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Typist, close_window, make_window, reveal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.session import Session
from forms.demo import load_demo

LAST_RULE = "proactive.rules.normative_docs/in_force"
PERMITS = "proactive.licensing.permits"


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    """The 2021 demo at 1366×768."""
    win = make_window(qtbot, Session(load_demo("gov-info-2021")), settings, data_dir)
    yield win
    close_window(win)


def test_tab_in_the_last_figure_keeps_it_and_moves_to_the_next_table(
    window: MainWindow, typist: Typist
) -> None:
    rules = window.table_views["proactive.rules"]
    licensing = window.table_views["proactive.licensing"]
    typist.cell(rules, LAST_RULE, "21", key=Qt.Key.Key_Tab)

    assert window.session.document.values[LAST_RULE] == 21
    assert rules.state() != rules.State.EditingState
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert QApplication.focusWidget() is licensing
    for char in "240":  # as typed: the first key opens the editor, which takes the rest
        QTest.keyClick(QApplication.focusWidget(), char)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.document.values[PERMITS] == 240
    assert window.session.document.values[LAST_RULE] == 21


def test_tab_and_shift_tab_without_typing_cross_between_tables(window: MainWindow) -> None:
    rules = window.table_views["proactive.rules"]
    licensing = window.table_views["proactive.licensing"]
    reveal(rules)
    rules.setFocus()
    rules.setCurrentIndex(rules.table_model.index_of(LAST_RULE))
    QTest.keyClick(rules, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is licensing
    assert licensing.currentIndex() == licensing.table_model.index_of(PERMITS)

    QTest.keyClick(licensing, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is rules
    assert rules.currentIndex() == rules.table_model.index_of(LAST_RULE)
    values = dict(window.session.document.values)
    QTest.keyClick(rules, Qt.Key.Key_Tab)
    assert window.session.document.values == values  # moving types nothing


def test_tab_inside_a_table_still_walks_its_figures(window: MainWindow, typist: Typist) -> None:
    rules = window.table_views["proactive.rules"]
    typist.cell(rules, "proactive.rules.normative_docs/issued", "4", key=Qt.Key.Key_Tab)
    assert window.session.document.values["proactive.rules.normative_docs/issued"] == 4
    assert rules.currentIndex() == rules.table_model.index_of(
        "proactive.rules.normative_docs/repealed"
    )
    assert QApplication.focusWidget() in (rules, rules.indexWidget(rules.currentIndex()))
