"""The report's pages: a list of its parts beside the page chosen in it.

The list names the pages in the order of the printed report (see :mod:`desktop.pages.plan`);
choosing one with the mouse or the arrow keys shows it. A new report rebuilds the pages.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from desktop.marks import STYLES, Mark, icon
from desktop.pages.header import HeaderPage
from desktop.pages.history import HistoryPage
from desktop.pages.narrative import PartEditor
from desktop.pages.part import PartPage
from desktop.pages.plan import PART_PREFIX, PageKind, PagePlan, page_plan
from desktop.session import Session
from desktop.table import TableView

LIST_WIDTH_TEXT = "五、因政府信息公开申请行政"  # the list is about this wide; longer titles wrap


class Pages(QWidget):
    """The navigation list and the stack of pages it chooses from."""

    page_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName("报告各部分")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        width = self.list.fontMetrics().horizontalAdvance(LIST_WIDTH_TEXT)
        side = self.list.fontMetrics().height()
        self.list.setIconSize(QSize(side, side))
        self._no_mark = _blank_icon(side)  # keeps the titles of unmarked pages aligned
        self.list.setFixedWidth(width + side + 2 * self.list.frameWidth() + 28)
        self.stack = QStackedWidget(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.plans: list[PagePlan] = []
        self._reset()

    def _reset(self) -> None:
        self._page_of_place: dict[str, int] = {}
        self._tips: dict[int, str] = {}  # the tooltip each entry shows, to skip unchanged ones
        self.table_views: dict[str, TableView] = {}
        self.editors: dict[str, PartEditor] = {}
        self.parts: dict[str, PartPage] = {}
        self.history: HistoryPage | None = None

    def load(self, session: Session) -> None:
        """The pages of this session's report, in place of the previous report's."""
        self.list.blockSignals(True)
        self.list.clear()
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self._reset()
        self.plans = page_plan(session.document)
        for row, plan in enumerate(self.plans):
            page = self._build(session, plan)
            self.stack.addWidget(page)
            self.list.addItem(plan.title)
            self._page_of_place.update(dict.fromkeys(self._places(plan, page), row))
        self.list.blockSignals(False)
        self.show_page(self.plans[0].key)
        self._session = session
        session.report_changed.connect(self._show_marks)
        self._show_marks()

    def _places(self, plan: PagePlan, page: QWidget) -> list[str]:
        """The places of findings shown on a page: its cells, its text, its fields."""
        places = [cell for table in plan.tables for cell in table.cell_keys()]
        if plan.part is not None:
            places += [plan.part.id, PART_PREFIX + plan.part.id]
        if isinstance(page, HeaderPage):
            places += list(page.fields)
        return places

    @Slot()
    def _show_marks(self) -> None:
        """Each list entry with the worst mark of its page, and the count of each in its tip."""
        counts: list[Counter[Mark]] = [Counter() for _ in self.plans]
        for place, (mark, _messages) in self._session.marks.items():
            row = self._page_of_place.get(place)
            if row is not None and mark is not Mark.EXPLAINED:
                counts[row][mark] += 1
        for row, count in enumerate(counts):
            tip = " · ".join(f"{STYLES[m].word} {n}" for m, n in sorted(count.items(), key=_order))
            if tip == self._tips.get(row):
                continue  # a keystroke mostly changes no page's marks: no repaint
            self._tips[row] = tip
            worst = min(count, key=lambda m: m.value) if count else None
            item = self.list.item(row)
            item.setIcon(icon(worst) if worst is not None else self._no_mark)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def _build(self, session: Session, plan: PagePlan) -> QWidget:
        if plan.kind is PageKind.HEADER:
            self.header = HeaderPage(session, self.stack)
            return self.header
        if plan.kind is PageKind.HISTORY:
            self.history = HistoryPage(session, self.stack)
            return self.history
        page = PartPage(session, plan, self.stack)
        self.parts[plan.key] = page
        self.table_views.update(page.views)
        if page.editor is not None:
            self.editors[plan.key] = page.editor
        return page

    # -- which page ---------------------------------------------------------------------

    @property
    def keys(self) -> list[str]:
        return [plan.key for plan in self.plans]

    def current_key(self) -> str:
        return self.plans[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        return self.stack.widget(self.keys.index(key))

    def show_page(self, key: str) -> QWidget:
        """Show a page (and select it in the list); the page."""
        row = self.keys.index(key)
        self.list.setCurrentRow(row)
        self.stack.setCurrentIndex(row)
        return self.stack.widget(row)

    def key_of(self, widget: QWidget) -> str | None:
        """The key of the page that holds ``widget``, or None."""
        child: QWidget | None = widget
        while child is not None and child.parentWidget() is not self.stack:
            child = child.parentWidget()
        if child is None:
            return None
        return self.keys[self.stack.indexOf(child)]

    def show_widget(self, widget: QWidget) -> bool:
        """Show the page that holds ``widget``; False when no page holds it."""
        key = self.key_of(widget)
        if key is not None:
            self.show_page(key)
        return key is not None

    def show_part(self, part: str) -> PartEditor:
        """Show a text part's page; its editor."""
        self.show_page(part)
        return self.editors[part]

    def step(self, offset: int) -> str:
        """The key of the next (1) or previous (-1) page, stopping at either end."""
        row = max(0, min(self.stack.count() - 1, self.stack.currentIndex() + offset))
        return self.keys[row]

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)
            self.page_shown.emit(self.plans[row].key)


def _order(item: tuple[Mark, int]) -> int:
    return item[0].value


def _blank_icon(side: int) -> QIcon:
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)
