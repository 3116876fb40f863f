"""A statistical table of the form as an editable grid, generated from its definition.

Columns: 统计指标 (numbering and label, indented by level), 单位, then one value column per
``table.columns`` entry (one for the 2018 form, several for a matrix). Headings are shown bold
and cannot be edited. Typed text goes through ``forms.values.parse_entry`` and reaches the
document on every keystroke, as an undoable command (the keystrokes of one editing merge),
so the checks and marks follow the typing. Cells at fault carry their worst finding's mark.
"""

from __future__ import annotations

from functools import partial
from itertools import count

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.marks import STYLES, Mark, background, icon
from desktop.session import Session
from forms.definition import Row, Table
from forms.values import format_entry, parse_entry

LABEL_COLUMN, UNIT_COLUMN, FIRST_VALUE_COLUMN = 0, 1, 2
INDENT = "　"  # one full-width space per level
AnyIndex = QModelIndex | QPersistentModelIndex
_FIXED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_VALUE_FLAGS = _FIXED_FLAGS | Qt.ItemFlag.ItemIsEditable
_ROLES_OF_MARKS = [
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
]


class TableModel(QAbstractTableModel):
    """One form table over the session's document."""

    def __init__(self, session: Session, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._table = session, table
        self._positions = {
            table.cell_key(row.id, column.id): (r, FIRST_VALUE_COLUMN + c)
            for r, row in enumerate(table.rows)
            if not row.is_heading
            for c, column in enumerate(table.columns)
        }
        self._cells = [
            [self.cell_key_at(row, column) for column in range(self.columnCount())]
            for row in range(self.rowCount())
        ]
        self._fixed = [
            [self._fixed_data(row, column) for column in range(self.columnCount())]
            for row in table.rows
        ]
        self._marks = self._own_marks()
        session.cells_changed.connect(self._on_cells_changed)
        session.report_changed.connect(self._on_report_changed)

    @property
    def table(self) -> Table:
        return self._table

    # -- geometry -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_VALUE_COLUMN + len(self._table.columns)

    def cell_at(self, index: AnyIndex) -> str | None:
        """The cell key shown at ``index``, or ``None`` for labels, units and headings."""
        return self._cells[index.row()][index.column()]

    def cell_key_at(self, row: int, column: int) -> str | None:
        value_column = column - FIRST_VALUE_COLUMN
        if self._table.rows[row].is_heading or value_column < 0:
            return None
        return self._table.cell_key(self._table.rows[row].id, self._table.columns[value_column].id)

    def index_of(self, cell: str) -> QModelIndex:
        position = self._positions.get(cell)
        return self.index(*position) if position else QModelIndex()

    def is_editable(self, row: int, column: int) -> bool:
        return column >= FIRST_VALUE_COLUMN and not self._table.rows[row].is_heading

    # -- Qt model interface -----------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == LABEL_COLUMN:
            return self._table.label_header
        if section == UNIT_COLUMN:
            return self._table.unit_header
        return self._table.columns[section - FIRST_VALUE_COLUMN].label

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if self._cells[index.row()][index.column()] is None:
            return _FIXED_FLAGS
        return _VALUE_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self._cells[index.row()][index.column()]
        if cell is None:
            return self._fixed[index.row()][index.column()].get(role)
        return self._cell_data(cell, role)

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        return self.type_text(index, str(value))

    def type_text(self, index: AnyIndex, text: str, typing: int = 0) -> bool:
        """Text typed into a value cell, as the core parses it (``forms.values.parse_entry``)."""
        cell = self.cell_at(index)
        if cell is None:
            return False
        kind = self._session.form.index.kind(cell)
        self._session.set_value(cell, parse_entry(text, kind), typing)
        return True

    def shows(self, index: AnyIndex, text: str) -> bool:
        """True when ``text`` means what the cell holds (so an open editor is left alone)."""
        cell = self.cell_at(index)
        if cell is None:
            return False
        entry = parse_entry(text, self._session.form.index.kind(cell))
        current = self._session.document.values.get(cell)
        return type(entry) is type(current) and entry == current

    # -- what each column shows ----------------------------------------------------------

    def _fixed_data(self, row: Row, column: int) -> dict[int, object]:
        """What a label, unit or heading cell shows: computed once, it never changes."""
        roles: dict[int, object] = {}
        if column == LABEL_COLUMN:
            roles[Qt.ItemDataRole.DisplayRole] = INDENT * row.level + row.printed_label
            roles[Qt.ItemDataRole.ToolTipRole] = row.printed_label
        elif column == UNIT_COLUMN:
            roles[Qt.ItemDataRole.DisplayRole] = row.unit
            roles[Qt.ItemDataRole.TextAlignmentRole] = Qt.AlignmentFlag.AlignCenter
        if row.is_heading:
            font = QFont()
            font.setBold(True)
            roles[Qt.ItemDataRole.FontRole] = font
        return roles

    def _cell_data(self, cell: str, role: int) -> object:
        entry = self._session.document.values.get(cell)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_entry(entry, grouping=True)
        if role == Qt.ItemDataRole.EditRole:
            return format_entry(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return self._mark_data(cell, role)

    def _mark_data(self, cell: str, role: int) -> object:
        marked = self._marks.get(cell)
        if marked is None:
            return None
        mark, messages = marked
        if role == Qt.ItemDataRole.BackgroundRole:
            return background(mark)
        if role == Qt.ItemDataRole.DecorationRole:
            # A blank cell is marked by being empty (and a tint): an icon in each of a new
            # form's 200 cells would drown the marks that matter.
            return None if mark is Mark.BLANK else icon(mark)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return f"{STYLES[mark].word}：" + "\n".join(messages)
        return None

    def clear(self, indexes: list[QModelIndex]) -> None:
        """Blank several cells as one undoable step."""
        stack = self._session.undo_stack
        stack.beginMacro("清除")
        for index in indexes:
            self.setData(index, "")
        stack.endMacro()

    def mark(self, cell: str) -> Mark | None:
        marked = self._marks.get(cell)
        return marked[0] if marked else None

    # -- updates --------------------------------------------------------------------------

    def _own_marks(self) -> dict[str, tuple[Mark, tuple[str, ...]]]:
        marks = self._session.marks
        return {cell: marked for cell, marked in marks.items() if cell in self._positions}

    @Slot(list)
    def _on_cells_changed(self, cells: list[str]) -> None:
        for cell in cells:
            index = self.index_of(cell)
            if index.isValid():
                self.dataChanged.emit(index, index)

    @Slot()
    def _on_report_changed(self) -> None:
        marks = self._own_marks()
        changed = {
            cell
            for cell in marks.keys() | self._marks.keys()
            if marks.get(cell) != self._marks.get(cell)
        }
        self._marks = marks
        for cell in changed:
            index = self.index_of(cell)
            self.dataChanged.emit(index, index, _ROLES_OF_MARKS)


class CellEditor(QLineEdit):
    """The line editor of one editing of one cell: what it started with, and its number."""

    def __init__(self, parent: QWidget, index: AnyIndex, typing: int) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)
        self.original = str(index.data(Qt.ItemDataRole.EditRole) or "")
        self.typing = typing
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFrame(False)


class CellDelegate(QStyledItemDelegate):
    """Edits a figure live: every keystroke reaches the document (and the checks) at once.

    Enter closes the editor and asks the view to move down; Escape puts back the figure the
    cell had when editing began.
    """

    enter_pressed = Signal()

    def __init__(self, model: TableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._typings = count(1)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = CellEditor(parent, index, next(self._typings))
        editor.textEdited.connect(partial(self._on_text_edited, editor))
        return editor

    def _on_text_edited(self, editor: CellEditor, text: str) -> None:
        self._model.type_text(editor.index, text, editor.typing)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit) and self._model.shows(index, editor.text()):
            return  # the document holds what is being typed: keep the text and the cursor
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, CellEditor):
            self._model.type_text(index, editor.text(), editor.typing)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, CellEditor) and _is_key(event, Qt.Key.Key_Escape):
            self._model.type_text(editor.index, editor.original, editor.typing)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            return True
        if isinstance(editor, CellEditor) and (
            _is_key(event, Qt.Key.Key_Return) or _is_key(event, Qt.Key.Key_Enter)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.enter_pressed.emit()
            return True
        return super().eventFilter(editor, event)


def _is_key(event: QEvent, key: Qt.Key) -> bool:
    return (
        isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == key
    )


_MOVES = {
    QAbstractItemView.CursorAction.MoveDown: (1, 0),
    QAbstractItemView.CursorAction.MoveUp: (-1, 0),
    QAbstractItemView.CursorAction.MoveRight: (0, 1),
    QAbstractItemView.CursorAction.MoveLeft: (0, -1),
    QAbstractItemView.CursorAction.MoveNext: (0, 1),
    QAbstractItemView.CursorAction.MovePrevious: (0, -1),
}


class TableView(QTableView):
    """The grid: typing edits the current cell; Enter, Tab and arrows move between figures."""

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self._in_editor = False
        delegate = CellDelegate(model, self)
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
        self._size_columns()
        self.setAccessibleName(model.table.title)
        first = self._first_editable()
        if first.isValid():
            self.setCurrentIndex(first)

    def _size_columns(self) -> None:
        """Widths from the font (so they scale with the screen), never from measuring rows."""
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        table = self._model.table
        padding = metrics.horizontalAdvance("00")
        units = [row.unit for row in table.rows] + [table.unit_header]
        header.setSectionResizeMode(UNIT_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(UNIT_COLUMN, max(map(metrics.horizontalAdvance, units)) + padding)
        digits = metrics.horizontalAdvance("0" * (8 if table.is_matrix else 14))
        for column, definition in enumerate(table.columns, start=FIRST_VALUE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            label = metrics.horizontalAdvance(definition.label) + padding
            self.setColumnWidth(column, max(digits, label))
        if table.is_matrix:  # many value columns: a fixed label column, scroll sideways
            header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(LABEL_COLUMN, metrics.horizontalAdvance("中") * 15)
        else:
            header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Heights follow the wrapped labels: measured when the label column changes width,
        # not on every edit (measuring every row per keystroke costs more than the edit).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_section_resized)

    @Slot(int, int, int)
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == LABEL_COLUMN:
            self.resizeRowsToContents()

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

    @property
    def table_model(self) -> TableModel:
        return self._model

    def _first_editable(self) -> QModelIndex:
        for row in range(self._model.rowCount()):
            if self._model.is_editable(row, FIRST_VALUE_COLUMN):
                return self._model.index(row, FIRST_VALUE_COLUMN)
        return QModelIndex()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        step = _MOVES.get(action)
        current = self.currentIndex()
        if step is None or not current.isValid():
            return super().moveCursor(action, modifiers)
        wrap = action in (
            QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemView.CursorAction.MovePrevious,
        )
        return self._next_editable(current.row(), current.column(), step, wrap)

    def _next_editable(
        self, row: int, column: int, step: tuple[int, int], wrap: bool
    ) -> QModelIndex:
        rows, columns = self._model.rowCount(), self._model.columnCount()
        while True:
            row, column = row + step[0], column + step[1]
            if wrap and column >= columns:
                row, column = row + 1, FIRST_VALUE_COLUMN
            elif wrap and column < FIRST_VALUE_COLUMN:
                row, column = row - 1, columns - 1
            if not (0 <= row < rows and FIRST_VALUE_COLUMN <= column < columns):
                return self.currentIndex()
            if self._model.is_editable(row, column):
                return self._model.index(row, column)

    @Slot()
    def _on_enter_pressed(self) -> None:
        self._move(QAbstractItemView.CursorAction.MoveDown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self._move(QAbstractItemView.CursorAction.MoveDown)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._clear_selected()
            return
        super().keyPressEvent(event)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def _clear_selected(self) -> None:
        indexes = [i for i in self.selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsEditable]
        self._model.clear(indexes)

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
