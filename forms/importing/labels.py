"""Printed labels folded to match keys, and the index of a form's rows by those keys.

Offices retype the labels of the statistical table in many ways: with or without the numbering
(（一）, 1．, 其中：), with half-width or full-width brackets, with spaces, with or without the
note in brackets. :func:`label_key` folds all of that away (NFKC, numbering, punctuation,
spaces), so that one key stands for every way of writing a label.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from forms.definition import FormDefinition, Row, Table

_CHINESE_NUMERAL = "[一二三四五六七八九十百零〇]+"
_NUMBERING = re.compile(
    rf"^(?:其中:?"
    rf"|\(\s*(?:{_CHINESE_NUMERAL}|\d+)\s*\)"
    rf"|(?:{_CHINESE_NUMERAL}|\d+)\s*[、.,:)]"
    rf"|第(?:{_CHINESE_NUMERAL}|\d+)[部分项条]*[、.,:]?)\s*"
)


def fold(text: str) -> str:
    """Full-width forms to half-width (NFKC), runs of space to none."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def strip_numbering(text: str) -> str:
    """Remove leading numbering such as ``(一)``, ``1.``, ``三、``, ``其中:`` (folded text)."""
    while True:
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def label_key(text: str) -> str:
    """The match key of a label: folded, numbering and punctuation removed."""
    bare = strip_numbering(fold(text))
    return "".join(ch for ch in bare if not unicodedata.category(ch).startswith("P"))


@dataclass(frozen=True)
class RowRef:
    """A form row as a match target: its table, the row, and the part (一、…) it belongs to."""

    table: Table
    row: Row
    section: str

    @property
    def key(self) -> str:
        return f"{self.table.id}:{self.row.id}"


class LabelIndex:
    """Every form row under each key its label may be written as."""

    def __init__(self, form: FormDefinition) -> None:
        self.form = form
        self.by_key: dict[str, list[RowRef]] = defaultdict(list)
        self.sections: dict[str, Row] = {}
        for table in form.tables:
            for ref in _row_refs(table):
                self.sections.setdefault(ref.section, ref.row)
                for key in _keys_of(ref.row):
                    self.by_key[key].append(ref)
        self.units = {fold(row.unit) for table in form.tables for row in table.value_rows()}
        self.column_keys = {
            label_key(column.label): (table, column)
            for table in form.tables
            for column in table.columns
        }

    def candidates(self, text: str) -> list[RowRef]:
        key = label_key(text)
        return list(self.by_key.get(key, ())) if key else []

    def section_label(self, section: str) -> str:
        return self.sections[section].printed_label


def _row_refs(table: Table) -> list[RowRef]:
    refs, section = [], ""
    for row in table.rows:
        if row.level == 0 or not section:
            section = f"{table.id}:{row.id}"
        refs.append(RowRef(table, row, section))
    return refs


def _keys_of(row: Row) -> set[str]:
    variants = {row.label, row.label + row.note, row.printed_label}
    return {key for key in map(label_key, variants) if key}
