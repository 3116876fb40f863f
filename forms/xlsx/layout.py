"""What the writer and the reader agree on: sheet names, hidden markers and field keys.

Every data sheet has a hidden first row and a hidden first column. The first row holds a
marker in A1 (``nianbao:table:<id>`` or ``nianbao:fields``) and, above each value column,
that column's id (``value`` for the text sheets). The first column holds each row's key: a
row id on a table sheet, a field key on the text sheets (``unit``, ``contact.office``,
``narrative.overview``, ``sign.filer``; a long text continues in ``narrative.overview#1``…).
The reader finds everything by these keys, so a reviewer may rename sheets, move sheets or
insert rows and columns without breaking the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.definition import FormDefinition, Table

MARKER_PREFIX = "nianbao:"
TABLE_MARKER = MARKER_PREFIX + "table:"
FIELDS_MARKER = MARKER_PREFIX + "fields"
VALUE_COLUMN_ID = "value"
CHUNK_SEPARATOR = "#"
KEY_COLUMN = 1
MARKER_ROW = 1

META_SHEET = "_nianbao"
META_APP = "nianbao"
FILE_LAYOUT = 1  # this module's layout; a file with a higher number is from a newer app

REPORT_SHEET = "年报正文"
SIGNATORY_SHEET = "签署栏"
CHECK_SHEET = "审核"
_FORBIDDEN_IN_SHEET_NAMES = str.maketrans({ch: "" for ch in "[]:*?/\\'"})
MAX_SHEET_NAME = 31


@dataclass(frozen=True)
class Place:
    """Where a figure stands: sheet title, 1-based row and column."""

    sheet: str
    row: int
    column: int


def table_sheet_names(form: FormDefinition) -> dict[str, str]:
    """A distinct, legal sheet name for each table: ``附件1 政府信息公开情况统计表``."""
    taken = {REPORT_SHEET, SIGNATORY_SHEET, CHECK_SHEET, META_SHEET}
    if form.analysis:
        taken.add(analysis_sheet_name(form))
    names: dict[str, str] = {}
    for table in form.tables:
        names[table.id] = _distinct(_table_sheet_base(table), taken)
        taken.add(names[table.id])
    return names


def analysis_sheet_name(form: FormDefinition) -> str:
    assert form.analysis is not None
    return sheet_name(f"{form.analysis.number} {form.analysis.title}".strip())


def sheet_name(text: str) -> str:
    return text.translate(_FORBIDDEN_IN_SHEET_NAMES).strip()[:MAX_SHEET_NAME] or "表"


def _table_sheet_base(table: Table) -> str:
    return sheet_name(f"{table.annex} {table.title}".strip())


def _distinct(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        suffix = f"（{number}）"
        candidate, number = name[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    return candidate


def chunk_key(key: str, index: int) -> str:
    """The key of the ``index``-th piece of a long text (the first piece keeps the key)."""
    return key if index == 0 else f"{key}{CHUNK_SEPARATOR}{index}"


def split_chunk_key(key: str) -> tuple[str, int]:
    base, _, number = key.partition(CHUNK_SEPARATOR)
    readable = number.isascii() and number.isdigit() and len(number) <= 6  # not ², not 5000 digits
    return base, int(number) if readable else 0


def narrative_key(part_id: str) -> str:
    return f"narrative.{part_id}"
