"""Qt's own file chooser sized for a clerk's files: a long Chinese name and its date in sight.

At its own size (about 600×400) Qt's dialog cut 某某县交通运输局2026年政府信息公开工作年度报告.xlsx
to 某某县交通运输局20…作年度报告.xlsx, the type to Ex…表格 and the places to 计…. Here the
name column is as wide as such a name, the size and date columns as their longest text, the
type column (the filter already names the type) is hidden, and the places list is as wide as
its entries; the dialog is as wide as all that, never wider than the app's window (or the
screen).
The system's own dialog (Windows, macOS) has no such widgets and is left to the system.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, QRect, QTime
from PySide6.QtWidgets import QFileDialog, QListView, QSplitter, QStyle, QTreeView, QWidget

# the name the app suggests for a district office's report, and a revision mark after it
LONG_NAME = "白银市平川区人民政府办公室2026年政府信息公开工作年度报告（修订稿）.xlsx"
LONG_SIZE = "999.9 KB"
NAME_COLUMN, SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN = range(4)
LEAST_HEIGHT = 480  # about fifteen files in sight
SHARE_OF_ROOM = 0.9  # the most of its window (or screen) the dialog takes


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Size Qt's own dialog and its columns; the system's own dialog is left alone."""
    tree = dialog.findChild(QTreeView, "treeView")
    splitter = dialog.findChild(QSplitter, "splitter")
    places = dialog.findChild(QListView, "sidebar")
    if tree is None or splitter is None or places is None:
        return
    columns = _column_widths(tree)
    tree.setColumnHidden(TYPE_COLUMN, True)
    for column, width in columns.items():
        tree.setColumnWidth(column, width)
    side = _places_width(places)
    scroll_bar = tree.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    files = sum(columns.values()) + scroll_bar + 2 * tree.frameWidth()
    margins = dialog.layout().contentsMargins() if dialog.layout() is not None else None
    outside = (
        margins.left() + margins.right() if margins is not None else 0
    ) + splitter.handleWidth()
    room = _room(dialog)
    width = min(side + files + outside, int(room.width() * SHARE_OF_ROOM))
    height = min(max(dialog.sizeHint().height(), LEAST_HEIGHT), int(room.height() * SHARE_OF_ROOM))
    dialog.resize(width, height)
    splitter.setSizes([side, width - side - outside])


def _column_widths(tree: QTreeView) -> dict[int, int]:
    metrics = tree.fontMetrics()
    padding = 2 * metrics.horizontalAdvance("0")
    icon = tree.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    sample = QDateTime(QDate(2026, 12, 28), QTime(23, 58))
    date = QLocale().toString(sample, QLocale.FormatType.ShortFormat)
    return {
        NAME_COLUMN: metrics.horizontalAdvance(LONG_NAME) + icon + 2 * padding,
        SIZE_COLUMN: metrics.horizontalAdvance(LONG_SIZE) + padding,
        DATE_COLUMN: metrics.horizontalAdvance(date) + padding,
    }


def _places_width(places: QListView) -> int:
    """The places list as wide as its widest entry (计算机, the home folder…), icon and all."""
    model, metrics = places.model(), places.fontMetrics()
    texts = [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    icon = places.iconSize().width() if places.iconSize().isValid() else 32
    return (
        max(widest, metrics.horizontalAdvance("计算机")) + icon + 3 * metrics.horizontalAdvance("0")
    )


def _room(dialog: QWidget) -> QRect:
    """Where the dialog may spread: the app's window it comes from (the main window, also
    for a chooser opened from another dialog), else the screen it is on."""
    window = dialog.parentWidget()
    while window is not None and window.window().parentWidget() is not None:
        window = window.window().parentWidget()
    if window is not None and window.window().isVisible():
        return window.window().geometry()
    return dialog.screen().availableGeometry()
