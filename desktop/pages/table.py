"""A statistical table on its page: its title, and the grid sized to its rows.

A short table (table 四 is one row) takes exactly its own height: header, rows, frame and,
when its columns are wider than the page, the horizontal scroll bar. A long one (table 三,
附件1) takes the room the page has left, never more than its rows need, and scrolls inside.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.session import Session
from desktop.table import TableModel, TableView
from forms.definition import Column, Table

SHORT_ROWS = 8  # up to this many rows a table is shown whole, without a scroll bar
LONG_TABLE_MIN_ROWS = 6  # a long table never shrinks below this many rows


class TableBlock(QWidget):
    """A table's title (when it has one of its own) above the grid."""

    def __init__(
        self, session: Session, table: Table, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = TableView(TableModel(session, table), self)
        self.short = len(table.rows) <= SHORT_ROWS
        self.title = QLabel(title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setVisible(bool(title))
        self.title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        self.units = {c.id: UnitChoice(session, table, c, self) for c in table.columns if c.units}
        for choice in self.units.values():
            layout.addWidget(choice)
        layout.addWidget(self.view, 1)
        if self.short:
            self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy.Policy.Fixed if self.short else QSizePolicy.Policy.Expanding
        self.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self.fit())
        self.view.verticalHeader().sectionResized.connect(lambda *_: self.fit())
        self.view.selectionModel().clearSelection()  # the cursor, but no blue cell on every table
        self.fit()

    def content_height(self) -> int:
        """The grid's height with every row shown (the table view measures it)."""
        return self.view.content_height()

    def _least_height(self) -> int:
        view = self.view
        rows = min(view.model().rowCount(), LONG_TABLE_MIN_ROWS)
        header = view.horizontalHeader().sizeHint().height()
        return header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()

    def fit(self) -> None:
        """Size the grid to its rows (short) or bound it by them (long)."""
        content = self.content_height()
        if self.short:
            self.view.setFixedHeight(content)
        else:
            self.view.setMinimumHeight(min(content, self._least_height()))
            self.view.setMaximumHeight(content)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


class UnitChoice(QWidget):
    """The unit a report states for a column with a choice (采购总金额的单位：万元/元).

    Choosing is an undoable edit; an undo, or another view's choice, moves the box too.
    """

    def __init__(self, session: Session, table: Table, column: Column, parent: QWidget) -> None:
        super().__init__(parent)
        self._session, self._table, self._column = session, table, column
        self.box = QComboBox(self)
        self.box.addItems(column.units)
        label = QLabel(f"{column.label}的单位(&N)：", self)
        label.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self._show()
        self.box.currentTextChanged.connect(self._chosen)
        session.units_changed.connect(self._show)

    def _show(self) -> None:
        self.box.setCurrentText(self._session.document.unit_of(self._table, self._column))

    def _chosen(self, unit: str) -> None:
        self._session.set_unit(self._table, self._column, unit)
