"""Printed labels folded to match keys, and the index of a form's rows by those keys.

Offices retype the labels of the statistical table in many ways: with or without the numbering
(（一）, 1．, 其中：), with half-width or full-width brackets, with spaces, with or without the
note in brackets, 其它 for 其他. :func:`label_key` folds all of that away (NFKC, numbering,
punctuation, spaces), so that one key stands for every way of writing a label.

Column headers are matched the same way, with the bracketed note of a header (（单位：万元）)
optional. Titles, corner notes, group headers and part headings are known texts: found in the
label area they are not reported as unknown rows.
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


_BRACKETED = re.compile(r"\([^()]*\)")
_VARIANTS = (("其它", "其他"),)


def label_key(text: str) -> str:
    """The match key of a label: folded, numbering and punctuation removed."""
    bare = strip_numbering(fold(text))
    for variant, usual in _VARIANTS:
        bare = bare.replace(variant, usual)
    return "".join(ch for ch in bare if not unicodedata.category(ch).startswith("P"))


AMOUNT_UNITS = ("千元", "万元", "元")  # the units a header may state for an amount, longest first
_UNIT_NOTE = re.compile(rf"\((?:单位:?)?(?:{'|'.join(AMOUNT_UNITS)})\)")


def known_text(text: str, index: LabelIndex) -> bool:
    """A printed text around the tables that is no row: a title, a header or a note, also with
    the unit its report states (采购总金额（单位：元）)."""
    return label_key(_UNIT_NOTE.sub("", fold(text))) in index.known_texts


def header_keys(text: str) -> set[str]:
    """The keys a column header may be written as: with or without its bracketed note, and
    the note alone (行政诉讼（复议后起诉） stands for both 行政诉讼 and 复议后起诉)."""
    folded = fold(text)
    variants = [folded, _BRACKETED.sub("", folded), *_BRACKETED.findall(folded)]
    return {key for key in map(label_key, variants) if key}


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
            key
            for table in form.tables
            for column in table.columns
            for text in (column.label, *column.groups)
            for key in header_keys(text)
        }
        self.known_texts = self.column_keys | _known_texts(form)

    def candidates(self, text: str) -> list[RowRef]:
        key = label_key(text)
        return list(self.by_key.get(key, ())) if key else []

    def section_label(self, section: str) -> str:
        return self.sections[section].printed_label


def _known_texts(form: FormDefinition) -> set[str]:
    """Keys of the printed texts around the tables that are not rows: titles, headers, notes."""
    texts = [part.heading for part in form.narrative] + [part.title for part in form.narrative]
    for table in form.tables:
        texts += [table.title, table.label_header, table.unit_header, table.note, table.annex]
    return {key for text in texts if text for key in header_keys(text)} | {"单位", "序号"}


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
