"""Editing a figure in place: every keystroke reaches the document (and the checks) at once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import count

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.table.model import LAST_YEAR_ROLE, TableModel

AnyIndex = QModelIndex | QPersistentModelIndex
LAST_YEAR_SCALE = 0.85  # last year's figure, a little smaller than this year's
CELL_MARGIN = 3  # pixels between a cell's edge and its contents (as Qt's styles draw them)
MARK_GAP = 4  # pixels after a mark, and between last year's figure and this year's
PALE_SELECTION = 175  # QColor.lighter factor of the selection in a table without the focus


@dataclass(frozen=True)
class CellMeasure:
    """How a view's cells are measured: its figures' font, last year's smaller one, and the
    width of a mark (made once for many cells: a font's metrics cost a little each time)."""

    figures: QFontMetrics
    last_year: QFontMetrics
    mark: int

    @classmethod
    def of(cls, font: QFont, mark: int) -> CellMeasure:
        return cls(QFontMetrics(font), QFontMetrics(_last_year_font(font)), mark)


class CellEditor(QLineEdit):
    """The line editor of one editing of one cell: what it started with, and its number."""

    def __init__(self, parent: QWidget, index: AnyIndex, typing: int) -> None:
        super().__init__(parent)
        self.index = QPersistentModelIndex(index)
        self.original = str(index.data(Qt.ItemDataRole.EditRole) or "")
        self.typing = typing
        self.loaded = False  # set once the editor has been given the cell's value
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

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """A selection in a table without the focus is pale: page 二's blocks each kept their
        last cell in full blue, so which table was being typed in could not be told."""
        super().initStyleOption(option, index)
        view = option.widget
        selected = option.state & QStyle.StateFlag.State_Selected
        if not selected or view is None or _typing_in(view):
            return
        palette = option.palette
        pale = palette.color(QPalette.ColorRole.Highlight).lighter(PALE_SELECTION)
        palette.setColor(QPalette.ColorRole.Highlight, pale)
        palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
        option.palette = palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """The cell as usual; with 显示上年数, last year's figure small and grey on its left."""
        super().paint(painter, option, index)
        last = self._last_year_text(index)
        if not last:
            return
        painter.save()
        painter.setFont(_last_year_font(option.font))
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        left = CELL_MARGIN + (option.decorationSize.width() + MARK_GAP if icon is not None else 0)
        area = option.rect.adjusted(left, 0, -CELL_MARGIN, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, last)
        painter.restore()

    def content_width(self, index: AnyIndex, measure: CellMeasure) -> int:
        """The width a value cell's contents take side by side, margins left out: its figure,
        the mark before it and, with 显示上年数, last year's figure. A column narrower than
        this cuts the figure to “…”."""
        width = measure.figures.horizontalAdvance(str(index.data() or ""))
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width += measure.mark + 2 * CELL_MARGIN  # as Qt's styles lay a mark out
        last = self._last_year_text(index)
        if last:
            width += measure.last_year.horizontalAdvance(last) + MARK_GAP
        return width

    def _last_year_text(self, index: AnyIndex) -> str:
        last = index.data(LAST_YEAR_ROLE) if self._model.show_last_year else None
        return "" if last is None else f"〔{last}〕"

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = CellEditor(parent, index, next(self._typings))
        editor.textEdited.connect(partial(self._on_text_edited, editor))
        return editor

    def _on_text_edited(self, editor: CellEditor, text: str) -> None:
        self._model.type_text(editor.index, text, editor.typing)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        first = isinstance(editor, CellEditor) and not editor.loaded
        if isinstance(editor, CellEditor):
            editor.loaded = True
        if isinstance(editor, QLineEdit) and self._model.shows(index, editor.text()):
            return  # the document holds what is being typed: keep the text and the cursor
        blank = isinstance(editor, QLineEdit) and not editor.text()
        if blank and not first and self._model.is_computed(index):
            return  # a total typed blank computes again; the editor stays blank
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


def _last_year_font(font: QFont) -> QFont:
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * LAST_YEAR_SCALE)
    return smaller


def _typing_in(view: QWidget) -> bool:
    """The view, or an editor in it, has the keyboard."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is view or view.isAncestorOf(focus))


def _is_key(event: QEvent, key: Qt.Key) -> bool:
    return (
        isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == key
    )
