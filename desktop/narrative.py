"""The narrative: the preface, the seven parts and the analysis note, each a plain text editor.

A list on the left names the parts; the editor on the right shows the part's title, its hint,
the text (paragraphs only, no fonts) and a character count. The preface shows the form's
template, filled from the contact line, as a placeholder until the filer writes their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.session import PREFACE, Session


@dataclass(frozen=True)
class PartInfo:
    id: str
    heading: str
    hint: str


def count_characters(text: str) -> int:
    """Characters as a filer counts them: everything but spaces and line breaks."""
    return sum(1 for ch in text if not ch.isspace())


class PartEditor(QWidget):
    """One part: heading, hint, the text editor and its character count."""

    def __init__(self, session: Session, part: PartInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._part = session, part
        self.heading = QLabel(f"<b>{part.heading}</b>", self)
        self.hint = QLabel(part.hint, self)
        self.hint.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setUndoRedoEnabled(False)  # the app's undo stack takes Ctrl+Z
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(part.heading)
        self.heading.setBuddy(self.editor)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.hint, self.editor, self.count):
            layout.addWidget(widget)
        self._show_document_text()
        self.editor.textChanged.connect(self._on_text_changed)
        session.narrative_changed.connect(self._on_narrative_changed)
        if part.id == PREFACE:
            session.fields_changed.connect(self._show_placeholder)

    @Slot()
    def _on_text_changed(self) -> None:
        text = self.editor.toPlainText()
        self._show_count(text)
        self._session.set_narrative(self._part.id, text)

    @Slot(str)
    def _on_narrative_changed(self, part: str) -> None:
        if part == self._part.id:
            self._show_document_text()

    def _show_document_text(self) -> None:
        text = self._session.narrative_text(self._part.id)
        if text != self.editor.toPlainText():
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
        self._show_count(text)
        self._show_placeholder()

    @Slot()
    def _show_placeholder(self) -> None:
        if self._part.id == PREFACE:
            self.editor.setPlaceholderText(self._session.document.preface_text())

    def _show_count(self, text: str) -> None:
        self.count.setText(f"{count_characters(text)} 字")


class NarrativePage(QWidget):
    """All parts: a list to choose one, the chosen part's editor beside it."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = [
            PartInfo(PREFACE, "前言", "报告开头的说明段落；留空时使用下面灰色显示的标准文字。"),
            *(PartInfo(p.id, p.heading, p.hint) for p in session.form.narrative_parts()),
        ]
        self.list = QListWidget(self)
        self.list.setAccessibleName("正文各部分")
        self.stack = QStackedWidget(self)
        self.editors: dict[str, PartEditor] = {}
        self.list.setWordWrap(True)
        for part in self.parts:
            self.list.addItem(part.heading)
            editor = PartEditor(session, part, self.stack)
            self.editors[part.id] = editor
            self.stack.addWidget(editor)
        width = self.list.fontMetrics().horizontalAdvance("五、因政府信息公开申请行政")
        self.list.setMaximumWidth(width + 24)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.list.setCurrentRow(0)

    def show_part(self, part: str) -> PartEditor:
        row = next(i for i, info in enumerate(self.parts) if info.id == part)
        self.list.setCurrentRow(row)
        return self.editors[part]
