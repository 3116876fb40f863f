"""Moving through a table's figures by keyboard: Enter, Tab, the arrows, Home and End.

Every move skips what cannot be typed in (labels, headings, the blank cells of a heading
row). Tab walks the figures row by row; past the last figure (before the first, with
Shift+Tab) it leaves the grid for the next widget, as in any form: on page 二 that is the
next block's table. Qt leaves by itself when no editor is open; Tab in an open editor made
it reopen the editor on the last cell, so every further figure typed overwrote that one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QTableView,
    QWidget,
)

from desktop.table.model import FIRST_VALUE_COLUMN, TableModel

_NEXT, _PREVIOUS = (
    QAbstractItemView.CursorAction.MoveNext,
    QAbstractItemView.CursorAction.MovePrevious,
)
_MOVES = {
    QAbstractItemView.CursorAction.MoveDown: (1, 0),
    QAbstractItemView.CursorAction.MoveUp: (-1, 0),
    QAbstractItemView.CursorAction.MoveRight: (0, 1),
    QAbstractItemView.CursorAction.MoveLeft: (0, -1),
    _NEXT: (0, 1),
    _PREVIOUS: (0, -1),
}
_TAB_HINTS = {
    QAbstractItemDelegate.EndEditHint.EditNextItem: True,
    QAbstractItemDelegate.EndEditHint.EditPreviousItem: False,
}


class GridMoves(QTableView):
    """The moves of :class:`~desktop.table.view.TableView` over its :class:`TableModel`."""

    def _grid_model(self) -> TableModel:
        model = self.model()
        assert isinstance(model, TableModel)
        return model

    def _first_editable(self) -> QModelIndex:
        model = self._grid_model()
        for row in range(model.rowCount()):
            if model.is_editable(row, FIRST_VALUE_COLUMN):
                return model.index(row, FIRST_VALUE_COLUMN)
        return QModelIndex()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        step = _MOVES.get(action)
        current = self.currentIndex()
        ends = {
            QAbstractItemView.CursorAction.MoveHome: (-1, (0, 1)),
            QAbstractItemView.CursorAction.MoveEnd: (self._grid_model().columnCount(), (0, -1)),
        }
        if action in ends and current.isValid():  # the row's first or last figure
            start, step = ends[action]
            found = self._next_editable(current.row(), start, step, False)
            return found if found.isValid() else current
        if step is None or not current.isValid():
            return super().moveCursor(action, modifiers)
        wrap = action in (_NEXT, _PREVIOUS)
        return self._next_editable(current.row(), current.column(), step, wrap)

    def _next_editable(
        self, row: int, column: int, step: tuple[int, int], wrap: bool
    ) -> QModelIndex:
        model = self._grid_model()
        rows, columns = model.rowCount(), model.columnCount()
        while True:
            row, column = row + step[0], column + step[1]
            if wrap and column >= columns:
                row, column = row + 1, FIRST_VALUE_COLUMN
            elif wrap and column < FIRST_VALUE_COLUMN:
                row, column = row - 1, columns - 1
            if not (0 <= row < rows and 0 <= column < columns):
                return self.currentIndex()
            if model.is_editable(row, column):
                return model.index(row, column)

    def _at_end(self, forward: bool) -> bool:
        """No figure after (before) the current one."""
        action = _NEXT if forward else _PREVIOUS
        return self.moveCursor(action, Qt.KeyboardModifier.NoModifier) == self.currentIndex()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab in the last figure keeps what was typed and moves on; Qt opened it again."""
        forward = _TAB_HINTS.get(hint)
        if forward is None or not self._at_end(forward):
            return super().closeEditor(editor, hint)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        QAbstractScrollArea.focusNextPrevChild(self, forward)
