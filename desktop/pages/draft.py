"""The draft beside a part's text: the routine sentences written from the table's figures.

The form's definition says which parts have a draft and how it reads
(:func:`forms.text.drafting.draft_text`). The panel shows it, follows every figure the filer
types, and inserts it on 插入草稿 as one undo step, as a paragraph of its own after the one the
cursor is in. It never replaces what the filer wrote: a selection is kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from desktop.pages.positions import from_qt, to_qt
from desktop.session import Session
from forms.text.drafting import draft_for, draft_text

DRAFT_LINES = 3  # the draft shows three lines; a longer one scrolls


def has_draft(session: Session, part_id: str) -> bool:
    return draft_for(session.form, part_id) is not None


class DraftPanel(QWidget):
    """Under the editor: the draft (three lines, selectable) and the button that inserts it."""

    def __init__(
        self, session: Session, part_id: str, editor: QPlainTextEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session, self._part_id, self._editor = session, part_id, editor
        self.text = QPlainTextEdit(self)  # a fixed height: a page of tables never squeezes it
        self.text.setReadOnly(True)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.setAccessibleName("根据表格数字生成的草稿")
        self.text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.text.setStyleSheet("QPlainTextEdit { background: palette(window); }")
        lines = self.text.fontMetrics().lineSpacing() * DRAFT_LINES
        self.text.setFixedHeight(lines + 2 * int(self.text.document().documentMargin()) + 2)
        self.insert = QPushButton("插入草稿(&I)", self)
        self.insert.setToolTip("把根据表格数字生成的句子插入到光标处（不会覆盖已写的内容）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.insert, 0, Qt.AlignmentFlag.AlignTop)
        self.insert.clicked.connect(self.insert_draft)
        session.cells_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.text.setPlainText("草稿：" + self.draft())

    def shown(self) -> str:
        """The draft as the panel shows it."""
        return self.text.toPlainText()

    def draft(self) -> str:
        return draft_text(self._session.form, self._session.document, self._part_id)

    @Slot()
    def insert_draft(self) -> None:
        """Put the draft after the paragraph the cursor (or a selection) ends in, as a paragraph
        of its own: it never splits a sentence or replaces a selected one."""
        cursor, written = self._editor.textCursor(), self._editor.toPlainText()
        at = from_qt(written, max(cursor.position(), cursor.anchor()))
        line_start = written.rfind("\n", 0, at) + 1
        position = len(written) if (end := written.find("\n", at)) < 0 else end
        text = self.draft()
        if written[line_start:position].strip():
            text = "\n" + text
        self._session.insert_narrative(self._part_id, position, text)
        cursor = QTextCursor(self._editor.document())
        after = self._editor.toPlainText()
        cursor.setPosition(to_qt(after, min(position + len(text), len(after))))
        self._editor.setTextCursor(cursor)
        self._editor.setFocus()
