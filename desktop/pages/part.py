"""A page of the report as printed: a part's text editor above the tables printed in it.

The same page serves 前言 and the analysis note (text only) and an annex table (a title and
its table only). Short tables take their own height; the editor and a long table share what
is left. When a very small screen cannot hold even their least heights, the page scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.pages.narrative import PartEditor, title_font
from desktop.pages.plan import PagePlan, table_title
from desktop.pages.table import TableBlock
from desktop.session import Session
from desktop.table import TableView

EDITOR_LINES_BESIDE_TABLES = 4  # the least an editor shows when tables share its page
LONG_TABLE_STRETCH = 5  # a long table takes most of a page it shares with optional text


class PartPage(QScrollArea):
    """One page: the part's editor (if it has text) and its tables, in the printed order."""

    def __init__(self, session: Session, plan: PagePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.editor: PartEditor | None = None
        self.title: QLabel | None = None
        if plan.part is not None:
            self.editor = PartEditor(session, plan.part, body)
            layout.addWidget(self.editor, 1)
        else:
            self.title = QLabel(table_title(plan.tables[0], session.document.year), body)
            self.title.setFont(title_font(self.font()))
            self.title.setWordWrap(True)
            layout.addWidget(self.title)
        self.blocks: dict[str, TableBlock] = {}
        for table in plan.tables:
            own_title = self._table_caption(table.title)
            block = TableBlock(session, table, own_title, body)
            self.blocks[table.id] = block
            layout.addWidget(block, 0 if block.short else LONG_TABLE_STRETCH)
        if self.editor is not None and plan.tables:
            self._yield_to_tables(self.editor)
        if all(block.short for block in self.blocks.values()) and self.editor is None:
            layout.addStretch(1)
        self.setWidget(body)
        self.setAlignment(Qt.AlignmentFlag.AlignTop)
        first = self.editor.editor if self.editor is not None else next(iter(self.views.values()))
        self.setFocusProxy(first)  # going to the page puts the cursor in its text or table

    def _yield_to_tables(self, part: PartEditor) -> None:
        """Beside a long table the text takes a sixth of the room, and at least four lines."""
        editor = part.editor
        lines = editor.fontMetrics().lineSpacing() * EDITOR_LINES_BESIDE_TABLES
        editor.setMinimumHeight(lines + 2 * editor.frameWidth() + 8)
        if not all(block.short for block in self.blocks.values()):
            expanding, ignored = QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored
            editor.setSizePolicy(expanding, ignored)
        part.setMinimumHeight(part.minimumSizeHint().height())  # the draft under it too

    def _table_caption(self, title: str) -> str:
        """A table's own title, unless it only repeats the page's (三's table is named as 三)."""
        if self.plan.part is None or title in self.plan.title:
            return ""
        return title

    @property
    def views(self) -> dict[str, TableView]:
        return {table_id: block.view for table_id, block in self.blocks.items()}
