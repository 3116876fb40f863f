"""Only the table being typed in shows its selection in full colour. Page 二 of the 2021 form
has four tables; each kept its last cell in the selection's blue after the filer moved on,
so at 1366×768 four cells were blue at once and the one being typed in could not be told."""

from __future__ import annotations

from conftest import Typist
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.table import TableView
from desktop.table.delegate import PALE_SELECTION

LAST_RULE = "proactive.rules.normative_docs/in_force"


def fill_colour(view: TableView, cell: str) -> QColor:
    """The colour painted just inside the cell's left edge (left of its right-aligned figure)."""
    rect = view.visualRect(view.table_model.index_of(cell))
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int((rect.left() + 4) * ratio), int(rect.center().y() * ratio))


def near(one: QColor, other: QColor) -> bool:
    """The same colour but for the style's rounding (Fusion blends the fill by a step)."""
    pairs = zip(one.getRgb()[:3], other.getRgb()[:3], strict=True)
    return all(abs(a - b) <= 3 for a, b in pairs)


def test_a_table_left_by_tab_keeps_its_cell_selected_but_pale(
    demo2021: MainWindow, typist: Typist
) -> None:
    rules = demo2021.table_views["proactive.rules"]
    highlight = rules.palette().color(QPalette.ColorRole.Highlight)
    typist.cell(rules, LAST_RULE, "21", key=Qt.Key.Key_Return)  # Enter: the cursor stays
    assert rules.hasFocus()
    assert rules.selectionModel().isSelected(rules.table_model.index_of(LAST_RULE))
    assert near(fill_colour(rules, LAST_RULE), highlight)

    licensing = demo2021.table_views["proactive.licensing"]
    licensing.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is licensing
    assert rules.selectionModel().isSelected(rules.table_model.index_of(LAST_RULE))
    assert near(fill_colour(rules, LAST_RULE), highlight.lighter(PALE_SELECTION))

    rules.setFocus(Qt.FocusReason.BacktabFocusReason)
    assert near(fill_colour(rules, LAST_RULE), highlight)
