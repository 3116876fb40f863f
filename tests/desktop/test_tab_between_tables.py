"""Tab past a table's last figure goes on to the next table, as a filer typing page 二 by
keyboard expects; it no longer reopens the last cell, where every further figure typed
overwrote the one before (seen at 1366×768: 120, 30, 4 and 150000 all landed in 现行有效件数)."""

from __future__ import annotations

from conftest import Typist, reveal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.main_window import MainWindow

LAST_RULE = "proactive.rules.normative_docs/in_force"
PERMITS = "proactive.licensing.permits"


def test_tab_in_the_last_figure_keeps_it_and_moves_to_the_next_table(
    demo2021: MainWindow, typist: Typist
) -> None:
    rules = demo2021.table_views["proactive.rules"]
    licensing = demo2021.table_views["proactive.licensing"]
    typist.cell(rules, LAST_RULE, "21", key=Qt.Key.Key_Tab)

    assert demo2021.session.document.values[LAST_RULE] == 21
    assert rules.state() != rules.State.EditingState
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert QApplication.focusWidget() is licensing
    for char in "240":  # as typed: the first key opens the editor, which takes the rest
        QTest.keyClick(QApplication.focusWidget(), char)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert demo2021.session.document.values[PERMITS] == 240
    assert demo2021.session.document.values[LAST_RULE] == 21


def test_tab_and_shift_tab_without_typing_cross_between_tables(demo2021: MainWindow) -> None:
    rules = demo2021.table_views["proactive.rules"]
    licensing = demo2021.table_views["proactive.licensing"]
    reveal(rules)
    rules.setFocus()
    rules.setCurrentIndex(rules.table_model.index_of(LAST_RULE))
    QTest.keyClick(rules, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is licensing
    assert licensing.currentIndex() == licensing.table_model.index_of(PERMITS)

    QTest.keyClick(licensing, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is rules
    assert rules.currentIndex() == rules.table_model.index_of(LAST_RULE)
    values = dict(demo2021.session.document.values)
    QTest.keyClick(rules, Qt.Key.Key_Tab)
    assert demo2021.session.document.values == values  # moving types nothing


def test_tab_inside_a_table_still_walks_its_figures(demo2021: MainWindow, typist: Typist) -> None:
    rules = demo2021.table_views["proactive.rules"]
    typist.cell(rules, "proactive.rules.normative_docs/issued", "4", key=Qt.Key.Key_Tab)
    assert demo2021.session.document.values["proactive.rules.normative_docs/issued"] == 4
    assert rules.currentIndex() == rules.table_model.index_of(
        "proactive.rules.normative_docs/repealed"
    )
    assert QApplication.focusWidget() in (rules, rules.indexWidget(rules.currentIndex()))
