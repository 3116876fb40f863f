"""A statistical table of the form as an editable grid, generated from its definition.

Columns: 统计指标 (numbering and label, indented by level), 单位, then one value column per
``table.columns`` entry (one for the 2018 form, several for a matrix). Headings are shown bold
and cannot be edited. Typed text goes through ``forms.values.parse_entry`` and reaches the
document on every keystroke, as an undoable command (the keystrokes of one editing merge),
so the checks and marks follow the typing. Cells at fault carry their worst finding's mark.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont

from desktop.marks import (
    STYLES,
    Mark,
    background,
    computed_background,
    computed_foreground,
    icon,
)
from desktop.session import Session
from forms.definition import Row, Table, ValueKind
from forms.derive import formula_text
from forms.values import Entry, format_entry, format_number, parse_entry

LABEL_COLUMN, UNIT_COLUMN, FIRST_VALUE_COLUMN = 0, 1, 2
LAST_YEAR_ROLE = Qt.ItemDataRole.UserRole + 1  # last year's figure, as shown beside this year's
INDENT = "　"  # one full-width space per level
AnyIndex = QModelIndex | QPersistentModelIndex
_FIXED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_VALUE_FLAGS = _FIXED_FLAGS | Qt.ItemFlag.ItemIsEditable
_ROLES_OF_MARKS = [
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
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
        self.show_last_year = False
        session.cells_changed.connect(self._on_cells_changed)
        session.report_changed.connect(self._on_report_changed)
        session.last_year_changed.connect(self._repaint_values)
        session.units_changed.connect(self._on_units_changed)

    def set_show_last_year(self, shown: bool) -> None:
        """Show last year's figure in each value cell (查看 → 显示上年数)."""
        self.show_last_year = shown
        self._repaint_values()

    @Slot()
    def _repaint_values(self) -> None:
        last_row, last_column = self.rowCount() - 1, self.columnCount() - 1
        self.dataChanged.emit(self.index(0, FIRST_VALUE_COLUMN), self.index(last_row, last_column))

    def column_headings(self) -> list[str]:
        """The value columns' header texts as the report prints them (with a stated unit)."""
        document = self._session.document
        return [document.column_heading(self._table, column) for column in self._table.columns]

    def _on_units_changed(self) -> None:
        last = FIRST_VALUE_COLUMN + len(self._table.columns) - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, FIRST_VALUE_COLUMN, last)

    @property
    def session(self) -> Session:
        return self._session

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

    def kind(self, cell: str) -> ValueKind:
        return self._session.form.index.kind(cell)

    def label(self, cell: str) -> str:
        """The cell's name in messages: row label, and the column in a matrix."""
        return self._session.form.index.label(cell)

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
        return self.column_headings()[section - FIRST_VALUE_COLUMN]

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
        if role == LAST_YEAR_ROLE:
            last = self._session.document.last_year.get(cell)
            return None if last is None else format_number(last, grouping=True)
        if role == Qt.ItemDataRole.EditRole:
            return format_entry(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        computed = self._session.is_computed(cell)
        found = self._computed_data(cell, role) if computed else self._mark_data(cell, role)
        remark = self._session.document.review.remarks.get(cell)
        if role == Qt.ItemDataRole.ToolTipRole and remark:  # the reviewer's 审核意见
            return f"审核意见：{remark}" if found is None else f"{found}\n审核意见：{remark}"
        return found

    def _computed_data(self, cell: str, role: int) -> object:
        """A total that follows its parts: its own shade, the formula in its tooltip."""
        marked = self._marks.get(cell)
        mark = marked[0] if marked else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return computed_background() if mark in (None, Mark.BLANK) else background(mark)
        if role == Qt.ItemDataRole.ForegroundRole:
            return computed_foreground()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            waiting = (
                "各项填齐后自动得出，" if self._session.document.values.get(cell) is None else ""
            )
            formula = formula_text(self._session.form, cell) + f"（{waiting}可直接改写）"
            found = self._mark_data(cell, role) if mark not in (None, Mark.BLANK) else None
            return formula if found is None else f"{found}\n{formula}"
        if role == Qt.ItemDataRole.DecorationRole and mark is not None and mark is not Mark.BLANK:
            return icon(mark)
        return None

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

    def is_computed(self, index: AnyIndex) -> bool:
        cell = self.cell_at(index)
        return cell is not None and self._session.is_computed(cell)

    def clear(self, indexes: list[QModelIndex]) -> None:
        """Blank several cells as one undoable step."""
        cells = [cell for index in indexes if (cell := self.cell_at(index)) is not None]
        typed = [cell for cell in cells if not self._session.is_computed(cell)]
        self._session.set_values(dict.fromkeys(typed), "清除")  # computed totals follow

    def write(self, entries: dict[str, Entry], text: str) -> None:
        """Several figures as one undoable step named ``text`` (a paste)."""
        self._session.set_values(entries, text)

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
