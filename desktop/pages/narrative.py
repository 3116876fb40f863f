"""The editor of one text part (前言, a narrative part, the analysis note): plain paragraphs.

It shows the part's heading, its hint, the text (paragraphs only, no fonts) and a character
count. The preface shows the form's template, filled from the contact line, as a placeholder
until the filer writes their own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Slot
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.draft import DraftPanel, has_draft
from desktop.pages.plan import PART_PREFIX, PartInfo
from desktop.pages.positions import to_qt
from desktop.session import PREFACE, Session

FAULT_BACKGROUND = QColor("#fff1a8")  # a phrase a warning is about (正文与表格不符)


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
MOVE_ANCHOR = QTextCursor.MoveMode.KeepAnchor


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
        self.draft: DraftPanel | None = None
        if has_draft(session, part.id):
            self.draft = DraftPanel(session, part.id, self.editor, self)
            layout.addWidget(self.draft)
        self._show_document_text()
        self.editor.textChanged.connect(self._on_text_changed)
        session.narrative_changed.connect(self._on_narrative_changed)
        if part.id == PREFACE:
            session.fields_changed.connect(self._show_placeholder)
        session.report_changed.connect(self.mark_faults)
        self.mark_faults()
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._show_menu)
        session.review_changed.connect(self._on_review_changed)
        self._show_remark()

    @Slot(QPoint)
    def _show_menu(self, point: QPoint) -> None:
        """The editor's own menu (Qt's, in Chinese) and the reviewer's 审核意见 for the part."""
        menu = self.editor.createStandardContextMenu()
        menu.addSeparator()
        remark = menu.addAction("审核意见(&M)…")
        chosen = menu.exec(self.editor.viewport().mapToGlobal(point))
        menu.deleteLater()
        if chosen is remark:
            self.ask_remark()

    def ask_remark(self) -> None:
        place = PART_PREFIX + self._part.id
        old = self._session.document.review.remarks.get(place, "")
        title = self.heading.text()
        text, ok = QInputDialog.getMultiLineText(self, "审核意见", f"{title}：", old)
        if ok and text.strip() != old:
            self._session.set_remark(place, text.strip())

    @Slot(str)
    def _on_review_changed(self, _said: str) -> None:
        self._show_remark()

    def _show_remark(self) -> None:
        """The reviewer's remark on the part, as the heading's tooltip (and a mark after it)."""
        remark = self._session.document.review.remarks.get(PART_PREFIX + self._part.id, "")
        self.heading.setToolTip(f"审核意见：{remark}" if remark else "")

    def fault_spans(self) -> list[tuple[int, int]]:
        """Where the findings about this part's text point: (start, end) in its characters."""
        place = PART_PREFIX + self._part.id
        return [f.span for f in self._session.report.findings if f.span and f.cells[0] == place]

    @Slot()
    def mark_faults(self) -> None:
        """Shade the phrases the text warnings are about (T001, T002)."""
        selections = []
        text = self.editor.toPlainText()
        for start, end in self.fault_spans():
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(to_qt(text, min(start, len(text))))
            cursor.setPosition(to_qt(text, min(end, len(text))), MOVE_ANCHOR)
            marked = QTextCharFormat()
            marked.setBackground(FAULT_BACKGROUND)
            marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            marked.setUnderlineColor(QColor("red"))
            selection.cursor, selection.format = cursor, marked  # type: ignore[misc]
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def select_span(self, span: tuple[int, int]) -> None:
        """Select the phrase a finding is about and put the cursor there."""
        cursor, text = self.editor.textCursor(), self.editor.toPlainText()
        cursor.setPosition(to_qt(text, min(span[0], len(text))))
        cursor.setPosition(to_qt(text, min(span[1], len(text))), MOVE_ANCHOR)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

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
