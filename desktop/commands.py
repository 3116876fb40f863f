"""Undoable edits: one small QUndoCommand per kind of edit to the document.

Each command keeps the old and the new value and, on redo/undo, hands one of them to the
session's ``write_*`` method, which edits the document and re-runs validation. Typing into one
narrative part, explanation or text field merges into a single command (``id``/``mergeWith``),
so one undo takes back one burst of typing, not one character.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from forms.definition import FormDefinition
from forms.review import Review
from forms.values import Entry, Number

MERGE_NARRATIVE, MERGE_EXPLANATION, MERGE_TEXT_FIELD, MERGE_CELL = 1, 2, 3, 4
CellState = tuple[Entry, bool]  # a cell's value, and whether a computed total was typed over


class Writer(Protocol):
    """What the commands act on (the session): they are handed it, they never import it."""

    form: FormDefinition

    def write_cells(self, states: Mapping[str, CellState]) -> None: ...
    def write_fill(self, cell: str) -> None: ...
    def write_narrative(self, part: str, text: str) -> None: ...
    def write_explanation(self, key: str, text: str) -> None: ...
    def write_field(self, place: str, text: str) -> None: ...
    def write_year(self, year: int) -> None: ...
    def write_history(self, year: int, value: Number | None) -> None: ...
    def write_last_year(self, last: LastYear) -> None: ...
    def write_review(self, review: Review) -> None: ...
    def write_unit(self, key: str, unit: str) -> None: ...


LastYear = tuple[dict[str, Number], dict[str, str]]  # last year's figures and parts' text


class SetCellValue(QUndoCommand):
    """One figure typed into a table cell.

    The table validates on every keystroke, so each keystroke is an edit; the keystrokes of
    one editing of one cell (same ``typing`` number) merge into a single command. Typing over
    a computed total makes it typed; undo gives back its value and its computed state.
    """

    def __init__(
        self, session: Writer, cell: str, old: CellState, new: CellState, typing: int = 0
    ) -> None:
        super().__init__(f"填写“{session.form.index.label(cell)}”")
        self._session, self._cell, self._old, self._new = session, cell, old, new
        self._typing = typing

    def id(self) -> int:
        return MERGE_CELL if self._typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCellValue) or (other._cell, other._typing) != (
            self._cell,
            self._typing,
        ):
            return False
        self._new = other._new
        self.setObsolete(same_state(self._new, self._old))
        return True

    def redo(self) -> None:
        self._session.write_cells({self._cell: self._new})

    def undo(self) -> None:
        self._session.write_cells({self._cell: self._old})


def same_state(one: CellState, other: CellState) -> bool:
    """Equal values of the same type (5 and Decimal('5') differ) and the same typed flag."""
    return type(one[0]) is type(other[0]) and one == other


class SetCellValues(QUndoCommand):
    """Several figures at once (a paste, a cleared selection): one undo step, one re-check."""

    def __init__(
        self,
        session: Writer,
        text: str,
        old: Mapping[str, CellState],
        new: Mapping[str, CellState],
    ) -> None:
        super().__init__(text)
        self._session, self._old, self._new = session, old, new

    def redo(self) -> None:
        self._session.write_cells(self._new)

    def undo(self) -> None:
        self._session.write_cells(self._old)


class FillTotal(QUndoCommand):
    """A blank total given the sum of its parts (the one action of an E002 finding)."""

    def __init__(self, session: Writer, cell: str, old: CellState) -> None:
        super().__init__(f"填入“{session.form.index.label(cell)}”的各项之和")
        self._session, self._cell, self._old = session, cell, old

    def redo(self) -> None:
        self._session.write_fill(self._cell)

    def undo(self) -> None:
        self._session.write_cells({self._cell: self._old})


class _MergingTextEdit(QUndoCommand):
    """A text edit that absorbs the next edit of the same place while the user keeps typing."""

    merge_id = -1

    def __init__(self, session: Writer, place: str, old: str, new: str, text: str) -> None:
        super().__init__(text)
        self._session, self._place, self._old, self._new = session, place, old, new

    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other._place != self._place:
            return False
        self._new = other._new
        self.setObsolete(self._new == self._old)
        return True

    def redo(self) -> None:
        self._write(self._new)

    def undo(self) -> None:
        self._write(self._old)

    def _write(self, text: str) -> None:
        raise NotImplementedError


class SetNarrative(_MergingTextEdit):
    """Typing in one narrative part (or the preface, place ``preface``)."""

    merge_id = MERGE_NARRATIVE

    def __init__(self, session: Writer, part: str, old: str, new: str) -> None:
        super().__init__(session, part, old, new, "编辑正文")

    def _write(self, text: str) -> None:
        self._session.write_narrative(self._place, text)


class InsertIntoNarrative(SetNarrative):
    """Text put into a part in one piece (a draft inserted): an undo step of its own, which
    the typing before or after it does not absorb."""

    def __init__(self, session: Writer, part: str, old: str, new: str) -> None:
        super().__init__(session, part, old, new)
        self.setText("插入草稿")

    def id(self) -> int:
        return -1


class SetExplanation(_MergingTextEdit):
    """The filer's 说明 for a warning, stored under the finding's key."""

    merge_id = MERGE_EXPLANATION

    def __init__(self, session: Writer, key: str, old: str, new: str) -> None:
        super().__init__(session, key, old, new, "填写说明")

    def _write(self, text: str) -> None:
        self._session.write_explanation(self._place, text)


class SetTextField(_MergingTextEdit):
    """A header, contact or signatory field: ``header.unit``, ``contact.phone``, ``sign.filer``."""

    merge_id = MERGE_TEXT_FIELD

    def __init__(self, session: Writer, place: str, old: str, new: str) -> None:
        super().__init__(session, place, old, new, "编辑报告信息")

    def _write(self, text: str) -> None:
        self._session.write_field(self._place, text)


class SetYear(QUndoCommand):
    """The report year."""

    def __init__(self, session: Writer, old: int, new: int) -> None:
        super().__init__("修改报告年度")
        self._session, self._old, self._new = session, old, new

    def redo(self) -> None:
        self._session.write_year(self._new)

    def undo(self) -> None:
        self._session.write_year(self._old)


class SetHistoryValue(QUndoCommand):
    """An earlier year's proactive total for the chart."""

    def __init__(self, session: Writer, year: int, old: Number | None, new: Number | None) -> None:
        super().__init__(f"修改{year}年数据")
        self._session, self._year, self._old, self._new = session, year, old, new

    def redo(self) -> None:
        self._session.write_history(self._year, self._new)

    def undo(self) -> None:
        self._session.write_history(self._year, self._old)


class SetLastYear(QUndoCommand):
    """Last year's report taken in (or dropped) for comparison."""

    def __init__(self, session: Writer, old: LastYear, new: LastYear) -> None:
        super().__init__("载入上年报告对比")
        self._session, self._old, self._new = session, old, new

    def redo(self) -> None:
        self._session.write_last_year(self._new)

    def undo(self) -> None:
        self._session.write_last_year(self._old)


class SetReview(QUndoCommand):
    """The reviewer's work changed: a verdict, a remark, a sign-off given or withdrawn."""

    def __init__(self, session: Writer, old: Review, new: Review, text: str) -> None:
        super().__init__(text)
        self._session, self._old, self._new = session, old, new

    def redo(self) -> None:
        self._session.write_review(self._new)

    def undo(self) -> None:
        self._session.write_review(self._old)


class SetUnit(QUndoCommand):
    """The unit a report states for a column with a choice (采购总金额: 万元 or 元)."""

    def __init__(self, session: Writer, key: str, old: str, new: str) -> None:
        super().__init__(f"修改单位为{new}")
        self._session, self._key, self._old, self._new = session, key, old, new

    def redo(self) -> None:
        self._session.write_unit(self._key, self._new)

    def undo(self) -> None:
        self._session.write_unit(self._key, self._old)
