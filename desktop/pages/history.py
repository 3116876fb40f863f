"""Earlier years' proactive totals in a small table, and the chart drawn from them.

The points are ``Document.history_series()``: the form's history years, then this year's
total from the statistical table (read-only here). The chart is painted with QPainter from
exactly those numbers, the ones the printed report plots.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.session import Session
from forms.definition import ValueKind
from forms.values import Number, format_number, parse_value

BAR_COLOUR = QColor("#b71c1c")
MARGIN = 36


def chart_title(series: list[tuple[int, Number | None]]) -> str:
    return f"{series[0][0]}年—{series[-1][0]}年主动公开政府信息情况"


class HistoryChart(QWidget):
    """Bars per year, the figure above each bar; a missing year shows 未填."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setMinimumSize(320, 220)
        session.history_changed.connect(self.update)

    def paintEvent(self, event: QPaintEvent) -> None:
        series = self._session.document.history_series()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        line = painter.fontMetrics().height()
        painter.drawText(
            QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignCenter, chart_title(series)
        )
        plot = QRectF(MARGIN, line * 2.5, self.width() - 2 * MARGIN, self.height() - line * 5)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        highest = max((float(v) for _, v in series if v is not None), default=0.0) or 1.0
        slot = plot.width() / len(series)
        for i, (year, value) in enumerate(series):
            self._draw_bar(
                painter, plot, QRectF(plot.left() + i * slot, 0, slot, 0), value, highest
            )
            label = QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{year}年")
        painter.end()

    def _draw_bar(
        self, painter: QPainter, plot: QRectF, slot: QRectF, value: Number | None, highest: float
    ) -> None:
        line = painter.fontMetrics().height()
        if value is None:
            text_box = QRectF(slot.left(), plot.bottom() - line - 2, slot.width(), line)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "未填")
            return
        height = plot.height() * float(value) / highest
        bar = QRectF(
            slot.left() + slot.width() * 0.2, plot.bottom() - height, slot.width() * 0.6, height
        )
        painter.fillRect(bar, BAR_COLOUR)
        text_box = QRectF(slot.left(), bar.top() - line - 2, slot.width(), line)
        painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, format_number(value, True))


class HistoryPage(QWidget):
    """The editable table of earlier years beside the chart."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["年度", "主动公开数（条）"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("历年主动公开数")
        self.chart = HistoryChart(session, self)
        self.note = QLabel(
            "本年度的数据取自统计表，在此不可修改。空白的年份在图中显示为“未填”。", self
        )
        self.note.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addWidget(self.note)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.chart, 2)
        self.setFocusProxy(self.table)
        self._fill()
        self.table.itemChanged.connect(self._on_item_changed)
        session.history_changed.connect(self._fill)

    @Slot()
    def _fill(self) -> None:
        series = self._session.document.history_series()
        self.table.blockSignals(True)
        self.table.setRowCount(len(series))
        for row, (year, value) in enumerate(series):
            self.table.setItem(row, 0, _item(f"{year}年", year, editable=False))
            text = format_number(value) if value is not None else ""
            editable = row < len(series) - 1
            self.table.setItem(row, 1, _item(text, year, editable=editable))
        self.table.blockSignals(False)

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        year = int(item.data(Qt.ItemDataRole.UserRole))
        result = parse_value(item.text(), ValueKind.INTEGER)
        if result is None or isinstance(result, int | Decimal):
            self._session.set_history(year, result)
        else:
            self.note.setText(f"{year}年：“{item.text()}”{result.reason}，未采用。")
        self._fill()


def _item(text: str, year: int, editable: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, year)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
