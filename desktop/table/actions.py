"""What a table's cells offer beyond typing: copy, cut, paste, clear, and a total's actions.

Keys (Ctrl+C, Ctrl+X, Ctrl+V, Del) and the cell's context menu reach the same methods. Each
change is one undo step. A paste says what it wrote and what it refused in the window's
status bar; a blank total over non-zero parts (E002) offers 填入各项之和, a typed-over total
恢复自动计算.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu

from desktop.table.clipboard import copied_block, mime_data, parse_block, plan_fill, plan_paste
from forms.values import format_number

if TYPE_CHECKING:
    from desktop.table.view import TableView

MESSAGE_MS = 15000
_KEYS = QKeySequence.StandardKey


class CellActions:
    """The clipboard and total actions of one table view."""

    def __init__(self, view: TableView) -> None:
        self._view = view
        self.last_message = ""

    def handle_key(self, event: QKeyEvent) -> bool:
        """Run the action of a clipboard or Del key; False for any other key."""
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
        elif event.matches(_KEYS.Copy):
            self.copy()
        elif event.matches(_KEYS.Cut):
            self.cut()
        elif event.matches(_KEYS.Paste):
            self.paste()
        else:
            return False
        return True

    def copy(self) -> None:
        """The selected block to the clipboard as tab-separated text and an HTML table."""
        view = self._view
        block = copied_block(view.table_model, view.selectedIndexes(), view.hidden_columns())
        if block:
            QGuiApplication.clipboard().setMimeData(mime_data(block))

    def cut(self) -> None:
        self.copy()
        self.clear()

    def clear(self) -> None:
        """Blank the selected figures: one undo step."""
        indexes = self._view.selectedIndexes()
        editable = [i for i in indexes if i.flags() & Qt.ItemFlag.ItemIsEditable]
        self._view.table_model.clear(editable)

    def paste(self, text: str | None = None) -> None:
        """Tab-separated text (the clipboard's by default) at the current cell, one undo step.

        A single value pasted over a selection of several cells fills each of them.
        """
        view, model = self._view, self._view.table_model
        current = view.currentIndex()
        if not current.isValid():
            return
        block = parse_block(QGuiApplication.clipboard().text() if text is None else text)
        if not any(cell.strip() for row in block for cell in row):
            self.show_message("剪贴板中没有可粘贴的内容。")
            return
        plan = plan_paste(model, current.row(), current.column(), block)
        if len(block) == 1 == len(block[0]) and len(view.selectedIndexes()) > 1:
            plan = plan_fill(model, view.selectedIndexes(), block[0][0])
        model.write(plan.writes, "粘贴")
        self.show_message(plan.message())

    def show_message(self, text: str) -> None:
        """Say what an action did: in the window's status bar, and kept for reading back."""
        self.last_message = text
        window = self._view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, MESSAGE_MS)

    # -- the context menu -------------------------------------------------------------------

    def show_menu(self, index: QModelIndex, at: QPoint) -> None:
        """The cell's menu at ``at`` (global); the chosen action runs once it has closed."""
        menu, choices = self.menu(index)
        chosen = menu.exec(at)
        menu.deleteLater()
        if chosen is not None and chosen in choices:
            choices[chosen]()

    def menu(self, index: QModelIndex) -> tuple[QMenu, dict[QAction, Callable[[], None]]]:
        """The cell's menu: the clipboard actions, then what its total offers."""
        menu = QMenu(self._view)
        choices: dict[QAction, Callable[[], None]] = {}
        for text, key, slot in (
            ("复制", _KEYS.Copy, self.copy),
            ("剪切", _KEYS.Cut, self.cut),
            ("粘贴", _KEYS.Paste, self.paste),
            ("清除", _KEYS.Delete, self.clear),
        ):
            action = menu.addAction(text)
            action.setShortcut(QKeySequence(key))
            choices[action] = slot
        cell = self._view.table_model.cell_at(index) if index.isValid() else None
        if cell is not None:
            choices.update(self._total_actions(menu, cell))
            menu.addSeparator()
            choices[menu.addAction("审核意见(&M)…")] = partial(self.ask_remark, cell)
        return menu, choices

    def ask_remark(self, cell: str) -> None:
        """The reviewer's remark on a cell (empty removes it), one undo step."""
        session = self._view.table_model.session
        label = session.form.index.label(cell)
        old = session.document.review.remarks.get(cell, "")
        text, ok = QInputDialog.getMultiLineText(self._view, "审核意见", f"{label}：", old)
        if ok and text.strip() != old:
            session.set_remark(cell, text.strip())

    def _total_actions(self, menu: QMenu, cell: str) -> dict[QAction, Callable[[], None]]:
        session = self._view.table_model.session
        if session.blank_total(cell) is not None:
            figure = format_number(session.parts_sum(cell), grouping=True)
            menu.addSeparator()
            return {menu.addAction(f"填入各项之和（{figure}）"): partial(session.fill_total, cell)}
        if cell in session.document.typed_totals:
            menu.addSeparator()
            return {menu.addAction("恢复自动计算"): partial(session.set_value, cell, None)}
        return {}
