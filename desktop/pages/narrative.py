"""The editor of one text part (前言, a narrative part, the analysis note): plain paragraphs.

It shows the part's heading, its hint, the text (paragraphs only, no fonts) and a character
count. The preface shows the form's template, filled from the contact line, as a placeholder
until the filer writes their own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.pages.plan import PartInfo
from desktop.session import PREFACE, Session


def title_font(base: QFont) -> QFont:
    """A page title's font: the window's, bold and a fifth larger."""
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(base.pointSizeF() * 1.2)
    return font


def count_characters(text: str) -> int:
    """Characters as a filer counts them: everything but spaces and line breaks."""
    return sum(1 for ch in text if not ch.isspace())


class _LeaveUndoToTheWindow(QObject):
    """Let Ctrl+Z / Ctrl+Y reach the window's undo actions: a text editor claims them as
    shortcut overrides even with its own undo off, so Ctrl+Z did nothing while typing."""

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            redo_y = event.key() == Qt.Key.Key_Y and event.modifiers() == CTRL
            if redo_y or any(event.matches(key) for key in self.KEYS):
                event.ignore()
                return True
        return False


CTRL = Qt.KeyboardModifier.ControlModifier


class PartEditor(QWidget):
    """One part: heading, hint, the text editor and its character count."""

    def __init__(self, session: Session, part: PartInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._part = session, part
        self.heading = QLabel(part.heading, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(title_font(self.font()))
        self.heading.setWordWrap(True)
        self.hint = QLabel(part.hint, self)
        self.hint.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setUndoRedoEnabled(False)  # the app's undo stack takes Ctrl+Z
        self.editor.installEventFilter(_LeaveUndoToTheWindow(self.editor))
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(part.heading)
        self.heading.setBuddy(self.editor)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor, 1)
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
