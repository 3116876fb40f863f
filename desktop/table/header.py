"""The grouped, multi-level column header of a table, drawn from the definition's groups.

Each column lists its group labels outermost first (``Column.groups``). At each level,
adjacent columns under the same groups share one header cell (申请人情况 over all seven
columns of table 三, 法人或其他组织 over the five in the middle); a column with fewer levels
has its own label span down to the bottom (自然人, 总计). A click on a group cell emits
:attr:`GroupedHeaderView.group_clicked` with the group's first and last column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget


@dataclass(frozen=True)
class HeaderCell:
    """One painted header cell: levels ``top``..``bottom`` over columns ``first``..``last``."""

    top: int
    bottom: int
    first: int
    last: int
    text: str
    is_group: bool = False


def header_cells(groups: Sequence[Sequence[str]], labels: Sequence[str]) -> list[list[HeaderCell]]:
    """For each column: its header cells from the top level down (groups, then its label)."""
    depth = 1 + max((len(g) for g in groups), default=0)
    cells: list[list[HeaderCell]] = []
    for column, (own, label) in enumerate(zip(groups, labels, strict=True)):
        stack = []
        for level, text in enumerate(own):
            first, last = _span(groups, column, level)
            stack.append(HeaderCell(level, level, first, last, text, is_group=True))
        stack.append(HeaderCell(len(own), depth - 1, column, column, label))
        cells.append(stack)
    return cells


def _span(groups: Sequence[Sequence[str]], column: int, level: int) -> tuple[int, int]:
    """The run of adjacent columns sharing ``column``'s groups down to ``level``."""
    path = list(groups[column][: level + 1])
    first = last = column
    while first > 0 and list(groups[first - 1][: level + 1]) == path:
        first -= 1
    while last + 1 < len(groups) and list(groups[last + 1][: level + 1]) == path:
        last += 1
    return first, last


class GroupedHeaderView(QHeaderView):
    """A horizontal header painting group cells that span several sections and levels."""

    group_clicked = Signal(int, int)

    def __init__(
        self, groups: Sequence[Sequence[str]], labels: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._groups = [list(g) for g in groups]
        self._cells = header_cells(groups, labels)
        self._shown = list(labels)  # each column's label as painted, maybe on several lines
        self._depth = 1 + max((len(g) for g in groups), default=0)
        self.covered_left = 0  # the width hidden under a frozen column, if any
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def relabel(self, labels: Sequence[str], shown: Sequence[str] | None = None) -> None:
        """New column labels (a stated unit changed, or they wrap in narrower columns:
        ``shown`` has them with line breaks); the groups stay."""
        self._cells = header_cells(self._groups, labels)
        new_shown = list(shown if shown is not None else labels)
        if new_shown != self._shown:
            self._shown = new_shown
            self.updateGeometry()
        self.viewport().update()

    @property
    def levels(self) -> int:
        """The number of header levels (1 for a table without groups)."""
        return self._depth

    def level_height(self) -> int:
        return self.fontMetrics().height() + 12

    def sizeHint(self) -> QSize:
        """A level for each group row; the last grows when a wrapped label needs more room."""
        level, line = self.level_height(), self.fontMetrics().lineSpacing()
        extra = 0
        for section, cells in enumerate(self._cells):
            spanned = self._depth - cells[-1].top  # the levels a column's own label spans
            lines = self._shown[section].count("\n") + 1
            extra = max(extra, (lines - 1) * line - (spanned - 1) * level)
        return QSize(super().sizeHint().width(), self._depth * level + extra)

    def cell_rect(self, cell: HeaderCell) -> QRect:
        """Where ``cell`` is in the header's viewport (the last level reaches the bottom)."""
        left = self.sectionViewportPosition(cell.first)
        right = self.sectionViewportPosition(cell.last) + self.sectionSize(cell.last)
        top = cell.top * self.level_height()
        bottom = (
            self.height()
            if cell.bottom == self._depth - 1
            else (cell.bottom + 1) * (self.level_height())
        )
        return QRect(left, top, right - left, bottom - top)

    def shown_label(self, section: int) -> str:
        """A column's own label as painted (its lines joined by newlines)."""
        return self._shown[section]

    def cells_of(self, section: int) -> list[HeaderCell]:
        return self._cells[section] if 0 <= section < len(self._cells) else []

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        for cell in self.cells_of(logicalIndex):
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            option.rect = self.cell_rect(cell)
            option.section = logicalIndex
            option.textAlignment = Qt.AlignmentFlag.AlignCenter
            option.position = QStyleOptionHeader.SectionPosition.Middle
            option.state |= QStyle.StateFlag.State_Enabled
            painter.save()
            painter.setClipRect(option.rect)
            self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
            text = cell.text if cell.is_group else self._shown[logicalIndex]
            option.rect = self._label_rect(option.rect, text)
            option.text = text
            option.textElideMode = Qt.TextElideMode.ElideNone
            self.style().drawControl(QStyle.ControlElement.CE_HeaderLabel, option, painter, self)
            painter.restore()

    def _label_rect(self, cell: QRect, text: str) -> QRect:
        """Where a label is centred: in the part of its cell in sight (right of a frozen
        column, left of the edge) when it fits there, so a wide group keeps its name shown."""
        visible = QRect(self.covered_left, 0, self.width() - self.covered_left, self.height())
        shown = cell.intersected(visible)
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        needed = widest + self.fontMetrics().horizontalAdvance("中")
        return shown if shown.width() >= needed else cell

    def cell_at(self, point: QPoint) -> HeaderCell | None:
        """The header cell under ``point`` (viewport coordinates)."""
        for cell in self.cells_of(self.logicalIndexAt(point.x())):
            if self.cell_rect(cell).contains(point):
                return cell
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and cell.is_group and event.button() == Qt.MouseButton.LeftButton:
            self.group_clicked.emit(cell.first, cell.last)
            event.accept()
            return
        super().mousePressEvent(event)
