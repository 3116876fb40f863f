"""The open report: a Document, its live Validation, the undo stack and change signals.

Widgets never change the document themselves. They call a ``set_*`` request here, which
pushes an undoable command when the value really changes; the command calls back a
``write_*`` method that edits the document, re-runs the checks the edit touches and emits
a signal, so every view (including the one typed into) updates the same way after an edit,
an undo or a redo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.commands import (
    SetCellValue,
    SetCellValues,
    SetExplanation,
    SetHistoryValue,
    SetNarrative,
    SetTextField,
    SetYear,
)
from desktop.marks import marks_by_place
from forms.definition import FormDefinition
from forms.document import Document
from forms.validation import Report, Validation
from forms.values import Entry, Number

PREFACE = "preface"
HEADER_UNIT = "header.unit"
CONTACT_PREFIX = "contact."
SIGN_PREFIX = "sign."


class Session(QObject):
    """One document being edited, with its file path (``None`` until first saved)."""

    cells_changed = Signal(list)
    fields_changed = Signal()
    narrative_changed = Signal(str)
    history_changed = Signal()
    report_changed = Signal()

    def __init__(
        self,
        document: Document,
        path: Path | None = None,
        form: FormDefinition | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.form = form or document.form
        self.path = path
        self.validation = Validation(document, self.form)
        self.report: Report = self.validation.report()
        self.marks = marks_by_place(self.report)
        self.undo_stack = QUndoStack(self)

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()

    # -- requests from widgets: push a command when something really changes ----------------

    def set_value(self, cell: str, entry: Entry, typing: int = 0) -> None:
        """Set a figure; edits with the same non-zero ``typing`` number undo as one."""
        old = self.document.values.get(cell)
        if not _same_entry(old, entry):
            self.undo_stack.push(SetCellValue(self, cell, old, entry, typing))

    def set_values(self, entries: dict[str, Entry], text: str) -> None:
        """Set several figures as one undo step named ``text`` (only those that change)."""
        values = self.document.values
        new = {c: e for c, e in entries.items() if not _same_entry(values.get(c), e)}
        if new:
            old = {cell: values.get(cell) for cell in new}
            self.undo_stack.push(SetCellValues(self, text, old, new))

    def set_narrative(self, part: str, text: str) -> None:
        old = self.narrative_text(part)
        if old != text:
            self.undo_stack.push(SetNarrative(self, part, old, text))

    def set_explanation(self, key: str, text: str) -> None:
        old = self.document.explanations.get(key, "")
        if old != text:
            self.undo_stack.push(SetExplanation(self, key, old, text))

    def set_field(self, place: str, text: str) -> None:
        old = self.field_text(place)
        if old != text:
            self.undo_stack.push(SetTextField(self, place, old, text))

    def set_year(self, year: int) -> None:
        if year != self.document.year:
            self.undo_stack.push(SetYear(self, self.document.year, year))

    def set_history(self, year: int, value: Number | None) -> None:
        old = self.document.history.get(year)
        if not _same_entry(old, value):
            self.undo_stack.push(SetHistoryValue(self, year, old, value))

    # -- reading -------------------------------------------------------------------------

    def narrative_text(self, part: str) -> str:
        if part == PREFACE:
            return self.document.preface
        return self.document.narrative.get(part, "")

    def field_text(self, place: str) -> str:
        """The text of ``header.unit``, ``contact.<id>`` or ``sign.<id>``."""
        if place == HEADER_UNIT:
            return self.document.unit
        if place.startswith(CONTACT_PREFIX):
            return self.document.contact.get(place.removeprefix(CONTACT_PREFIX), "")
        return self.document.signatories.get(place.removeprefix(SIGN_PREFIX), "")

    # -- writes, called by the commands only ------------------------------------------------

    def write_value(self, cell: str, entry: Entry) -> None:
        self.write_values({cell: entry})

    def write_values(self, entries: dict[str, Entry]) -> None:
        self.document.values.update(entries)
        cells = list(entries)
        self.validation.cells_changed(cells)
        self.cells_changed.emit(cells)
        if self.form.history_row in entries:
            self.history_changed.emit()
        self._refresh_report()

    def write_narrative(self, part: str, text: str) -> None:
        if part == PREFACE:
            self.document.preface = text
        else:
            self.document.narrative[part] = text
        self.narrative_changed.emit(part)

    def write_explanation(self, key: str, text: str) -> None:
        if text:
            self.document.explanations[key] = text
        else:
            self.document.explanations.pop(key, None)
        self._refresh_report()

    def write_field(self, place: str, text: str) -> None:
        if place == HEADER_UNIT:
            self.document.unit = text
        elif place.startswith(CONTACT_PREFIX):
            self.document.contact[place.removeprefix(CONTACT_PREFIX)] = text
        else:
            self.document.signatories[place.removeprefix(SIGN_PREFIX)] = text
        self._fields_edited()

    def write_year(self, year: int) -> None:
        self.document.year = year
        self._fields_edited()
        self.history_changed.emit()

    def write_history(self, year: int, value: Number | None) -> None:
        self.document.history[year] = value
        self.history_changed.emit()

    def _fields_edited(self) -> None:
        self.validation.recheck_fields()
        self.fields_changed.emit()
        self._refresh_report()

    def _refresh_report(self) -> None:
        self.report = self.validation.report()
        self.marks = marks_by_place(self.report)
        self.report_changed.emit()


def _same_entry(old: object, new: object) -> bool:
    """Equal and of the same type: 5 and Decimal('5') differ, as a count and an amount do."""
    return type(old) is type(new) and old == new
