"""The open report: a Document, its live Validation, the undo stack and change signals.

Widgets never change the document themselves. They call a ``set_*`` request here, which
pushes an undoable command when the value really changes; the command calls back a
``write_*`` method that edits the document, re-runs the checks the edit touches and emits
a signal, so every view (including the one typed into) updates the same way after an edit,
an undo or a redo. Figures are written with their typed state (a figure given to a computed
total keeps it as typed, a blank lets it compute), and the totals reading them are computed
again (``forms.derive``) in the same step, so one undo restores both.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.commands import (
    CellState,
    FillTotal,
    InsertIntoNarrative,
    LastYear,
    SetCellValue,
    SetCellValues,
    SetExplanation,
    SetHistoryValue,
    SetLastYear,
    SetNarrative,
    SetReview,
    SetTextField,
    SetUnit,
    SetYear,
    same_state,
)
from desktop.marks import marks_by_place
from forms.boundary import clean_text
from forms.definition import Column, FormDefinition, Table
from forms.derive import derive, fill_total, parts_sum, totals
from forms.document import Document
from forms.review import (
    Approval,
    Change,
    Review,
    Verdict,
    now,
    record_changes,
    void_if_changed,
)
from forms.validation import Finding, Report, Validation
from forms.validation.engine import BLANK_TOTAL_CODE
from forms.values import Entry, Number, RawText

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
    last_year_changed = Signal()
    review_changed = Signal(str)  # what happened to the sign-off, for the status bar, or ""
    report_changed = Signal()
    units_changed = Signal()

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
        self._as_saved = copy.deepcopy(document)  # what the change log compares with

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
        self._as_saved = copy.deepcopy(self.document)

    def log_changes(self) -> list[Change]:
        """Before a save: add to the file's change log what changed since the last one."""
        return record_changes(self._as_saved, self.document)

    def forget_changes(self, changes: list[Change]) -> None:
        """After a failed save: take its entries out of the log again."""
        log = self.document.review.changes
        log[:] = [change for change in log if change not in changes]

    # -- the reviewer's work (forms.review) -------------------------------------------------

    def set_review(self, review: Review, text: str) -> None:
        self.undo_stack.push(SetReview(self, copy.deepcopy(self.document.review), review, text))

    def reviewer(self) -> str:
        """The 审核人 of the signatory block, as the reviewer's name is preset."""
        return self.document.signatories.get("reviewer", "").strip()

    def set_verdict(self, key: str, state: str, by: str) -> None:
        review = copy.deepcopy(self.document.review)
        review.verdicts[key] = Verdict(state, by, now())
        self.set_review(review, f"核实：{state}")

    def set_remark(self, place: str, text: str) -> None:
        """The reviewer's remark on a cell or part (``part.<id>``); empty removes it."""
        review = copy.deepcopy(self.document.review)
        if text:
            review.remarks[place] = text
        else:
            review.remarks.pop(place, None)
        self.set_review(review, "审核意见")

    def approve(self, by: str, on: str) -> None:
        review = copy.deepcopy(self.document.review)
        review.approval = Approval(by, on, self.document.fingerprint())
        self.set_review(review, "审核通过")

    def withdraw_approval(self) -> None:
        review = copy.deepcopy(self.document.review)
        review.approval = None
        self.set_review(review, "撤销审核通过")

    def write_review(self, review: Review) -> None:
        self.document.review = copy.deepcopy(review)
        self.review_changed.emit("")

    # -- requests from widgets: push a command when something really changes ----------------

    def set_value(self, cell: str, entry: Entry, typing: int = 0) -> None:
        """Set a figure; edits with the same non-zero ``typing`` number undo as one."""
        entry = _admitted(entry)
        old = self.document.values.get(cell)
        if not _same_entry(old, entry):
            new = (entry, self._typed_after(cell, entry))
            self.undo_stack.push(SetCellValue(self, cell, self.cell_state(cell), new, typing))

    def set_values(self, entries: dict[str, Entry], text: str) -> None:
        """Set several figures as one undo step named ``text`` (only those that change)."""
        values = self.document.values
        new = {
            cell: (entry, self._typed_after(cell, entry))
            for cell, entry in ((cell, _admitted(e)) for cell, e in entries.items())
            if not _same_entry(values.get(cell), entry)
        }
        if new:
            old = {cell: self.cell_state(cell) for cell in new}
            self.undo_stack.push(SetCellValues(self, text, old, new))

    def fill_total(self, cell: str) -> None:
        """Give a blank total the sum of its filled parts, as one undo step."""
        if cell in totals(self.form):
            self.undo_stack.push(FillTotal(self, cell, self.cell_state(cell)))

    def cell_state(self, cell: str) -> CellState:
        return self.document.values.get(cell), cell in self.document.typed_totals

    def _typed_after(self, cell: str, entry: Entry) -> bool:
        """A figure given to a computed total keeps it as typed; a blank lets it compute."""
        return entry is not None and cell in totals(self.form)

    def set_narrative(self, part: str, text: str) -> None:
        text = clean_text(text).text  # the document holds only text it can save and print
        old = self.narrative_text(part)
        if old != text:
            self.undo_stack.push(SetNarrative(self, part, old, text))

    def insert_narrative(self, part: str, position: int, text: str) -> None:
        """Put ``text`` into a part at ``position``, as one undo step of its own."""
        old = self.narrative_text(part)
        new = old[:position] + text + old[position:]
        self.undo_stack.push(InsertIntoNarrative(self, part, old, new))

    def set_explanation(self, key: str, text: str) -> None:
        text = clean_text(text).text
        old = self.document.explanations.get(key, "")
        if old != text:
            self.undo_stack.push(SetExplanation(self, key, old, text))

    def set_field(self, place: str, text: str) -> None:
        text = clean_text(text).text
        old = self.field_text(place)
        if old != text:
            self.undo_stack.push(SetTextField(self, place, old, text))

    def set_year(self, year: int) -> None:
        if year != self.document.year:
            self.undo_stack.push(SetYear(self, self.document.year, year))

    def set_last_year(self, last: LastYear) -> None:
        """Compare with last year's figures and text (one undo step)."""
        old = (dict(self.document.last_year), dict(self.document.last_year_text))
        self.undo_stack.push(SetLastYear(self, old, last))

    def set_unit(self, table: Table, column: Column, unit: str) -> None:
        """State the unit of a column with a choice; the header and the print follow it."""
        old = self.document.unit_of(table, column)
        if unit != old and unit in column.units:
            self.undo_stack.push(SetUnit(self, table.unit_key(column), old, unit))

    def set_history(self, year: int, value: Number | None) -> None:
        old = self.document.history.get(year)
        if not _same_entry(old, value):
            self.undo_stack.push(SetHistoryValue(self, year, old, value))

    # -- computed totals ------------------------------------------------------------------

    def is_computed(self, cell: str) -> bool:
        """A total that follows its parts (not typed over), of the session's own form."""
        return cell in totals(self.form) and cell not in self.document.typed_totals

    def blank_total(self, cell: str) -> Finding | None:
        """The E002 finding of a blank total over non-zero parts, if ``cell`` has one."""
        return next(
            (f for f in self.report.findings if f.code == BLANK_TOTAL_CODE and f.cells[0] == cell),
            None,
        )

    def parts_sum(self, cell: str) -> Number:
        return parts_sum(self.document, cell)

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

    def write_cells(self, states: Mapping[str, CellState]) -> None:
        """Store figures with their typed state, then recompute the totals that read them."""
        computed, document = totals(self.form), self.document
        for cell, (entry, typed) in states.items():
            document.values[cell] = entry
            if cell in computed and typed:
                document.typed_totals.add(cell)
            elif cell in computed:
                document.typed_totals.discard(cell)  # derive computes it again below
        # (A form without computed totals, such as a test's own, need not be a known form.)
        derived = derive(document, list(states)) if computed else []
        self._cells_written([*states, *(cell for cell in derived if cell not in states)])

    def write_fill(self, cell: str) -> None:
        """The total gets the sum of its filled parts (``forms.derive.fill_total``)."""
        self._cells_written(fill_total(self.document, cell))

    def _cells_written(self, cells: list[str]) -> None:
        self.validation.cells_changed(cells)
        self.cells_changed.emit(cells)
        if self.form.history_row in cells:
            self.history_changed.emit()
        self._refresh_report()

    def write_narrative(self, part: str, text: str) -> None:
        if part == PREFACE:
            self.document.preface = text
        else:
            self.document.narrative[part] = text
        self.narrative_changed.emit(part)
        self.validation.recheck_fields()  # a required part (P001), a hand-written preface (C001)
        self._refresh_report()

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

    def write_last_year(self, last: LastYear) -> None:
        self.document.last_year, self.document.last_year_text = dict(last[0]), dict(last[1])
        self.validation.recheck_all()
        self._refresh_report()
        self.last_year_changed.emit()

    def write_unit(self, key: str, unit: str) -> None:
        self.document.units[key] = unit
        self.units_changed.emit()

    def write_history(self, year: int, value: Number | None) -> None:
        self.document.history[year] = value
        self.history_changed.emit()

    def _fields_edited(self) -> None:
        self.validation.recheck_fields()
        self.fields_changed.emit()
        self._refresh_report()

    def _refresh_report(self) -> None:
        voided = void_if_changed(self.document)
        if voided:
            self.review_changed.emit(voided)
        self.report = self.validation.report()
        self.marks = marks_by_place(self.report)
        self.report_changed.emit()


def _same_entry(old: Entry, new: Entry) -> bool:
    """Equal and of the same type: 5 and Decimal('5') differ, as a count and an amount do."""
    return same_state((old, False), (new, False))


def _admitted(entry: Entry) -> Entry:
    """Text typed or pasted into a cell, past the boundary (no control or bidi characters)."""
    return RawText(clean_text(entry.text).text) if isinstance(entry, RawText) else entry
