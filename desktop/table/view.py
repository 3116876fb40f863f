"""The grid of one table: grouped header, frozen label column, moves, clipboard, height.

Typing edits the current cell; Enter, Tab and arrows move between figures. A matrix keeps
its label column in view while moving right: a second view over the same model shows that
column alone, laid over the left edge (Qt's "Frozen Column" example). The view's height
hint is its header, rows and frame, so a one-row table takes one row's height on a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QTableView,
    QWidget,
)

from desktop.table.actions import CellActions
from desktop.table.delegate import CellDelegate, CellEditor, CellMeasure
from desktop.table.fit import fit_columns, narrow_padding, natural_width
from desktop.table.header import GroupedHeaderView
from desktop.table.model import FIRST_VALUE_COLUMN, LABEL_COLUMN, UNIT_COLUMN, TableModel
from desktop.table.moves import GridMoves

SMALL_ICON = QStyle.PixelMetric.PM_SmallIconSize  # a cell's mark, where the view sets no size

LABEL_CHARACTERS = 15  # the widest a matrix's label column gets
HINT_ROWS = 6  # a longer table hints at this many rows
ScrollHint = QAbstractItemView.ScrollHint


def grouped_header(model: TableModel, parent: QWidget) -> GroupedHeaderView:
    table = model.table
    groups = [[], [], *(column.groups for column in table.columns)]
    labels = [table.label_header, table.unit_header, *model.column_headings()]
    return GroupedHeaderView(groups, labels, parent)


class FrozenLabels(QTableView):
    """The label column alone, laid over the grid's left edge and scrolled with it."""

    def __init__(self, grid: TableView) -> None:
        super().__init__(grid)
        model = grid.table_model
        self.setModel(model)
        self.setHorizontalHeader(grouped_header(model, self))
        self.setSelectionModel(grid.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column in range(1, model.columnCount()):
            self.setColumnHidden(column, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        grid.viewport().stackUnder(self)
        self.clicked.connect(lambda _index: grid.setFocus(Qt.FocusReason.MouseFocusReason))


class TableView(GridMoves):
    """The grid: typing edits the current cell; Enter, Tab and arrows move between figures."""

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.frozen: FrozenLabels | None = None
        self.setModel(model)
        self.setHorizontalHeader(grouped_header(model, self))
        self.horizontalHeader().group_clicked.connect(self.select_columns)
        model.headerDataChanged.connect(self._relabel)
        self.cell_actions = CellActions(self)
        self._in_editor = False
        self._delegate = delegate = CellDelegate(model, self)
        delegate.enter_pressed.connect(self._on_enter_pressed)
        self.setItemDelegate(delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setTabKeyNavigation(True)
        self.setColumnHidden(UNIT_COLUMN, not model.table.unit_header)
        self.frozen = FrozenLabels(self) if model.table.is_matrix else None
        self._size_columns()
        self.setAccessibleName(model.table.title)
        first = self._first_editable()
        if first.isValid():
            self.setCurrentIndex(first)

    def _relabel(self) -> None:
        """A column's stated unit changed: the header shows the new text."""
        if self.frozen is not None:
            self._fill_width()  # a matrix's labels may wrap anew
        else:
            self._show_labels(self._model.column_headings())

    def _show_labels(self, labels: Sequence[str], shown: Sequence[str] | None = None) -> None:
        """The value columns' labels, and how they are painted (wrapped on lines)."""
        table = self._model.table
        ends = [table.label_header, table.unit_header]
        painted = [*ends, *shown] if shown is not None else None
        self.horizontalHeader().relabel([*ends, *labels], painted)
        frozen = self.frozen.horizontalHeader() if self.frozen is not None else None
        if isinstance(frozen, GroupedHeaderView):
            frozen.relabel([*ends, *labels], painted)
        self.updateGeometries()

    def horizontalHeader(self) -> GroupedHeaderView:
        header = super().horizontalHeader()
        assert isinstance(header, GroupedHeaderView)
        return header

    def _size_columns(self) -> None:
        """Widths from the font (so they scale with the screen), never from measuring rows."""
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        table = self._model.table
        padding = metrics.horizontalAdvance("00")
        units = [row.unit for row in table.rows] + [table.unit_header]
        header.setSectionResizeMode(UNIT_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(UNIT_COLUMN, max(map(metrics.horizontalAdvance, units)) + padding)
        digits = metrics.horizontalAdvance("0" * 14)
        for column, definition in enumerate(table.columns, start=FIRST_VALUE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            label = metrics.horizontalAdvance(definition.heading()) + padding
            natural = natural_width(metrics, definition.heading())
            self.setColumnWidth(column, natural if table.is_matrix else max(digits, label))
        if self.frozen is not None:  # many value columns: a fixed label column, scroll sideways
            header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Fixed)
            self._set_label_width(self._label_width())
            self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
            self.verticalHeader().sectionResized.connect(self._on_row_resized)
            self._model.dataChanged.connect(self._on_figures_changed)
        else:
            header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Heights follow the wrapped labels: measured when the label column changes width,
        # not on every edit (measuring every row per keystroke costs more than the edit).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)

    def _label_width(self) -> int:
        """As wide as the longest label, up to 15 characters (longer labels wrap)."""
        metrics, model = self.fontMetrics(), self._model
        labels = (str(model.index(row, LABEL_COLUMN).data()) for row in range(model.rowCount()))
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
        padding = metrics.horizontalAdvance("00")
        return min(widest + padding, metrics.horizontalAdvance("中") * LABEL_CHARACTERS)

    @Slot(int, int, int)
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == LABEL_COLUMN:
            self.resizeRowsToContents()
            self.updateGeometry()

    @Slot(int, int, int)
    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        if self.frozen is not None:
            self.frozen.setRowHeight(row, new)

    # -- the frozen label column and the height ---------------------------------------------

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_frozen()

    def _place_frozen(self) -> None:
        if self.frozen is None:
            return
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.columnWidth(LABEL_COLUMN),
            min(self.viewport().height(), self.verticalHeader().length())
            + self.horizontalHeader().height(),
        )
        self.frozen.verticalScrollBar().setValue(self.verticalScrollBar().value())

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: ScrollHint = ScrollHint.EnsureVisible,
    ) -> None:
        """As Qt does, but a figure is never left under the frozen label column."""
        bar = self.horizontalScrollBar()
        keep = bar.value()
        super().scrollTo(index, hint)
        if self.frozen is None:
            return
        if index.column() == LABEL_COLUMN:
            bar.setValue(keep)
            return
        left, frozen = self.visualRect(index).left(), self.columnWidth(LABEL_COLUMN)
        if left < frozen:
            bar.setValue(bar.value() + left - frozen)

    def content_height(self) -> int:
        """Header, every row, the frame, and the scroll bar when the columns are wider."""
        frame = 2 * self.frameWidth()
        rows = self.verticalHeader().length()
        height = self.horizontalHeader().sizeHint().height() + rows + frame
        if self.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (
            self._content_width() > self.width()
        ):
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def _content_width(self) -> int:
        rows = self.verticalHeader()
        numbers = 0 if rows.isHidden() else rows.width()
        return numbers + self.horizontalHeader().length() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        """The whole table (a short one) or its first rows (a long one, which scrolls inside
        a page that gives it the room left): a layout never needs more than a screen for it."""
        height = self.content_height()
        if self._model.rowCount() > HINT_ROWS:
            shown = sum(self.rowHeight(row) for row in range(HINT_ROWS))
            height -= self.verticalHeader().length() - shown
        return QSize(self._content_width(), height)

    # Qt repaints every visible cell when the view loses or regains focus (the selection
    # colours change). Going into a cell editor and back changes nothing visible, and those
    # two full repaints were most of the cost of filling a cell of a wide matrix.

    def focusOutEvent(self, event: QFocusEvent) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, CellEditor) and focus.parent() is self.viewport():
            self._in_editor = True
            return
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._in_editor and self.currentIndex().isValid():
            self._in_editor = False
            editable = bool(self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable)
            self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)  # as Qt does
            return
        self._in_editor = False
        super().focusInEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()  # the font is final once shown (scaling, style)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.frozen is not None and event.size().width() != event.oldSize().width():
            self._fill_width()

    def _fill_width(self) -> None:
        """A matrix narrower than the view gives the spare width to its labels (fewer wrap),
        as a one-column table does; a wider one first narrows its value columns to their
        figures under wrapped headers (:mod:`desktop.table.fit`), and scrolls only if that is
        still too wide."""
        self._fit_value_columns()
        others = self.horizontalHeader().length() - self.columnWidth(LABEL_COLUMN)
        width = max(self._label_width(), self.viewport().width() - others)
        if width != self.columnWidth(LABEL_COLUMN):
            self._set_label_width(width)

    def _fit_value_columns(self) -> None:
        model, labels, measure = self._model, self._model.column_headings(), self._cell_measure()
        rows = range(model.rowCount())
        contents = [
            max(self._delegate.content_width(model.index(row, column), measure) for row in rows)
            for column in range(FIRST_VALUE_COLUMN, model.columnCount())
        ]
        room = self.viewport().width() - self._label_width()
        fit = fit_columns(self.fontMetrics(), labels, contents, room)
        self._show_labels(labels, fit.labels)
        for column, width in enumerate(fit.widths, start=FIRST_VALUE_COLUMN):
            if self.columnWidth(column) != width:
                self.setColumnWidth(column, width)
        self.updateGeometries()  # the scroll bar goes now, not after the next events

    @Slot(QModelIndex, QModelIndex, list)
    def _on_figures_changed(
        self, first: QModelIndex, last: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        """A cell wider than its narrowed column widens it (its figure is never cut): a new
        figure, a mark come before it; a change of colours or tooltips alone is not measured."""
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole)
        if roles and not any(role in roles for role in shown):
            return
        padding, measure = narrow_padding(self.fontMetrics()), self._cell_measure()
        for row in range(first.row(), last.row() + 1):
            for column in range(max(first.column(), FIRST_VALUE_COLUMN), last.column() + 1):
                content = self._delegate.content_width(self._model.index(row, column), measure)
                if content + padding > self.columnWidth(column):
                    self._fill_width()
                    return

    def _cell_measure(self) -> CellMeasure:
        size = self.iconSize()
        mark = size.width() if size.isValid() else self.style().pixelMetric(SMALL_ICON, None, self)
        return CellMeasure.of(self.font(), mark)

    def _set_label_width(self, width: int) -> None:
        self.setColumnWidth(LABEL_COLUMN, width)
        if self.frozen is not None:
            self.frozen.setColumnWidth(LABEL_COLUMN, width)
            self.horizontalHeader().covered_left = width

    @property
    def table_model(self) -> TableModel:
        return self._model

    @Slot()
    def _on_enter_pressed(self) -> None:
        self._move(QAbstractItemView.CursorAction.MoveDown)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    # -- keys: Enter, Del, copy, cut, paste; the context menu --------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self._move(QAbstractItemView.CursorAction.MoveDown)
        elif not self.cell_actions.handle_key(event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        self.cell_actions.show_menu(index, event.globalPos())

    def hidden_columns(self) -> set[int]:
        return {c for c in range(self._model.columnCount()) if self.isColumnHidden(c)}

    # -- selecting ------------------------------------------------------------------------

    @Slot(int, int)
    def select_columns(self, first: int, last: int) -> None:
        """Select whole columns ``first``..``last`` (a click on their group's header)."""
        model = self._model
        selection = QItemSelection(model.index(0, first), model.index(model.rowCount() - 1, last))
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(self._first_in_column(first), flags.NoUpdate)
        self.selectionModel().select(selection, flags.ClearAndSelect)
        self.scrollTo(model.index(0, last))
        self.scrollTo(model.index(0, first))

    def _first_in_column(self, column: int) -> QModelIndex:
        for row in range(self._model.rowCount()):
            if self._model.is_editable(row, column):
                return self._model.index(row, column)
        return self._model.index(0, column)

    def select_cells(self, cells: tuple[str, ...]) -> None:
        """Select the cells of a finding, the first (the one at fault) current and visible."""
        indexes = [self._model.index_of(cell) for cell in cells]
        indexes = [index for index in indexes if index.isValid()]
        if not indexes:
            return
        selection = self.selectionModel()
        selection.clearSelection()
        self.setCurrentIndex(indexes[0])
        for index in indexes[1:]:
            selection.select(index, selection.SelectionFlag.Select)
        self.scrollTo(indexes[0])
        self.setFocus(Qt.FocusReason.OtherFocusReason)
