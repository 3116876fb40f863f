"""Open a saved file: the visible cells are the truth, the hidden copy fills in the rest.

A reviewer may have changed figures, text or names in WPS/Excel. Each visible field is read
(figures through ``coerce_cell``: unreadable text is kept as ``RawText``) and compared with
the hidden JSON copy; where they differ, the visible value wins and a Chinese line in
``Opened.differences`` names the sheet, the cell, the field, the old and the new value.
Explanations, history and last year's figures exist only in the hidden copy.

Computed totals (``forms.derive``): a total cell the reviewer changed is theirs, kept and
checked (added to ``typed_totals``); a total cleared follows its parts again. Then the totals
that follow their parts are computed, so a part edited in the sheet (which has no formulas
in its cells) or a blank total over filled parts gets its sum, with a line saying so. Rows
and columns are found by the hidden ids, whatever the height of the header above them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.boundary import admit, clean_text, year_from_text
from forms.codes import NianbaoError
from forms.definition import DefinitionError, FormDefinition, Table
from forms.definition_files import load_form
from forms.derive import derive, totals
from forms.document import Document, DocumentError
from forms.review import void_if_changed
from forms.values import Entry, RawText, coerce_cell, format_entry
from forms.xlsx.fast_grids import read_grids_fast
from forms.xlsx.guard import inspect_file
from forms.xlsx.layout import (
    FIELDS_MARKER,
    FILE_LAYOUT,
    META_APP,
    META_SHEET,
    TABLE_MARKER,
    VALUE_COLUMN_ID,
    narrative_key,
    split_chunk_key,
)
from forms.xlsx.safe import cell_text
from forms.xlsx.sheets import Grid, column_letter, read_grids

__all__ = ["Opened", "open_document", "read_grids", "read_grids_fast"]

SHOWN_CHARS = 40


@dataclass
class Opened:
    """A document read from a file, and where the visible cells differ from the hidden copy."""

    document: Document
    differences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reading:
    """One visible cell: where it is and what it holds."""

    sheet: str
    coordinate: str
    value: Any


GridReader = Callable[[Path, bytes, list[str]], dict[str, Grid]]


def open_document(path: Path, grids_of: GridReader | None = None) -> Opened:
    """Read a file saved by this app (or edited by a reviewer); raise NianbaoError (F0xx).

    What lies outside the layout or the bounds of :mod:`forms.boundary` is reported among
    the differences, with its code, and left out of the document. ``grids_of`` reads the
    sheets from the bytes the guard passed (default :func:`read_grids_fast`, which leaves
    what it cannot read as openpyxl would to the careful :func:`read_grids`).
    """
    path = Path(path)
    try:
        return _open(path, grids_of or read_grids_fast)
    except MemoryError as exc:
        raise NianbaoError("F020", path=path) from exc


def _open(path: Path, grids_of: GridReader) -> Opened:
    data = inspect_file(path)
    notices: list[str] = []
    grids = grids_of(path, data, notices)
    meta = grids.pop(META_SHEET, None)
    if meta is None:
        raise NianbaoError("F002", path=path, detail="缺少本软件的数据页")
    document = hidden_copy(path, meta, notices)
    differences = apply_visible(document, grids)
    admitted = admit(document)  # before the sign-off check: what the file holds, bounded
    voided = void_if_changed(document)  # signed off, then edited in WPS/Excel
    return Opened(document, [*notices, *differences, *admitted, *([voided] if voided else [])])


# -- the hidden copy ----------------------------------------------------------------------------


def hidden_copy(path: Path, meta: Grid, notices: list[str] | None = None) -> Document:
    """The document as saved, after checking that this app can read it."""
    entries = {row[0]: row[1] for row in meta if len(row) > 1 and row[0] != "json"}
    pieces = [row[1] for row in meta if len(row) > 1 and row[0] == "json"]
    if entries.get("app") != META_APP:
        raise NianbaoError("F002", path=path, detail="数据页不是本软件写的")
    form_id, version = str(entries.get("form_id")), entries.get("form_version")
    form = _known_form(path, form_id)
    if not isinstance(version, int) or not isinstance(entries.get("layout"), int):
        raise NianbaoError("F005", path=path, detail="数据页的版本信息缺失")
    if version > form.version or entries["layout"] > FILE_LAYOUT:
        raise NianbaoError("F004", path=path, form=form.name, version=version)
    if len(pieces) != entries.get("json_pieces") or not all(isinstance(p, str) for p in pieces):
        raise NianbaoError("F005", path=path, detail="数据页的内容不完整")
    try:
        document = Document.from_json("".join(pieces), notices)
    except DocumentError as exc:
        raise NianbaoError("F005", path=path, detail=str(exc)) from exc
    if document.form_id != form.id:
        raise NianbaoError("F005", path=path, detail="数据页中的报表格式前后不一致")
    if document.form_version > form.version:
        raise NianbaoError("F004", path=path, form=form.name, version=document.form_version)
    return document


def _known_form(path: Path, form_id: str) -> FormDefinition:
    try:
        return load_form(form_id)
    except DefinitionError as exc:
        raise NianbaoError("F003", path=path, form=form_id[:60]) from exc


# -- the visible cells ----------------------------------------------------------------------


def apply_visible(document: Document, grids: dict[str, Grid]) -> list[str]:
    """Take every visible field into ``document``; the lines describing what changed."""
    form = document.form
    cells, texts = collect_readings(form, grids)
    differences: list[str] = []
    missing = 0
    for key in form.index.cell_order:
        if key in cells:
            differences += _apply_cell(document, key, cells[key])
        else:
            missing += 1
    differences += derive_totals(document, cells)
    for spec in text_fields(form):
        if spec.key in texts:
            differences += _apply_text(document, spec, texts[spec.key])
        else:
            missing += 1
    if missing:
        differences.append(
            f"有{missing}项内容在表格中找不到（可能删除了行或工作表），沿用保存时的内容"
        )
    return differences


def collect_readings(
    form: FormDefinition, grids: dict[str, Grid]
) -> tuple[dict[str, Reading], dict[str, list[Reading]]]:
    """Figures by cell key, and text fields by key (pieces of a long text in order)."""
    cells: dict[str, Reading] = {}
    pieces: dict[str, list[tuple[int, Reading]]] = defaultdict(list)
    tables = {table.id: table for table in form.tables}
    for title, grid in grids.items():
        marker = grid[0][0] if grid and grid[0] else None
        if not isinstance(marker, str):
            continue
        if marker.startswith(TABLE_MARKER) and marker.removeprefix(TABLE_MARKER) in tables:
            cells.update(_table_readings(title, grid, tables[marker.removeprefix(TABLE_MARKER)]))
        elif marker == FIELDS_MARKER:
            for key, index, reading in _field_readings(title, grid):
                pieces[key].append((index, reading))
    texts = {
        key: [reading for _, reading in sorted(found, key=lambda p: p[0])]
        for key, found in pieces.items()
    }
    return cells, texts


def _table_readings(title: str, grid: Grid, table: Table) -> dict[str, Reading]:
    column_ids = {column.id for column in table.columns}
    columns = [(i, ident) for i, ident in enumerate(grid[0]) if i > 0 and ident in column_ids]
    value_rows = {row.id for row in table.value_rows()}
    readings: dict[str, Reading] = {}
    for number, row in enumerate(grid[1:], start=2):
        if not row or row[0] not in value_rows:
            continue
        for index, column_id in columns:
            value = row[index] if index < len(row) else None
            readings[table.cell_key(row[0], column_id)] = Reading(
                title, _coordinate(number, index), value
            )
    return readings


def _field_readings(title: str, grid: Grid) -> list[tuple[str, int, Reading]]:
    if VALUE_COLUMN_ID not in grid[0]:
        return []
    index = grid[0].index(VALUE_COLUMN_ID)
    found = []
    for number, row in enumerate(grid[1:], start=2):
        if row and isinstance(row[0], str) and row[0]:
            key, piece = split_chunk_key(row[0])
            value = row[index] if index < len(row) else None
            found.append((key, piece, Reading(title, _coordinate(number, index), value)))
    return found


def _coordinate(row: int, index: int) -> str:
    return f"{column_letter(index + 1)}{row}"


# -- figures ------------------------------------------------------------------------------------


def _apply_cell(document: Document, key: str, reading: Reading) -> list[str]:
    index = document.form.index
    hidden = document.values.get(key)
    visible = coerce_cell(reading.value, index.kind(key))
    if same_entry(hidden, visible, reading.value):
        return []
    document.values[key] = visible
    if key in totals(document.form):  # a reviewer's total is kept and checked; a blank follows
        if visible is None:
            document.typed_totals.discard(key)
        else:
            document.typed_totals.add(key)
    return [_difference(reading, index.label(key), _shown_entry(hidden), _shown_entry(visible))]


def derive_totals(document: Document, cells: dict[str, Reading]) -> list[str]:
    """Compute the totals that follow their parts; a line for each that now differs from
    what its cell showed (a part edited in WPS/Excel, a blank total over filled parts)."""
    lines = []
    for key in derive(document):
        reading = cells.get(key)
        if reading is None:
            continue
        shown = coerce_cell(reading.value, document.form.index.kind(key))
        if not same_entry(document.values.get(key), shown, reading.value):
            label, value = document.form.index.label(key), _shown_entry(document.values.get(key))
            old = _shown_entry(shown)
            lines.append(
                f"{_place(reading)}（{label}）：原为“{old}”，按各项之和自动计算为“{value}”"
            )
    return lines


def same_entry(hidden: Entry, visible: Entry, raw: Any) -> bool:
    """Whether the visible cell still holds what was saved (as far as a cell can hold it)."""
    if hidden == visible:
        return True
    if isinstance(hidden, RawText) and (raw is None or isinstance(raw, str)):
        return cell_text(hidden.text) == (raw or "")  # text of characters a cell cannot hold
    if isinstance(hidden, int | Decimal) and isinstance(raw, float):
        return float(hidden) == raw  # a spreadsheet keeps figures as binary floating point
    return False


def _shown_entry(entry: Entry) -> str:
    return _shorten(format_entry(entry)) if entry is not None else "（空白）"


# -- text fields ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSpec:
    """A text field of the document: its key in the file, its label, how to get and set it."""

    key: str
    label: str
    get: Callable[[Document], str]
    put: Callable[[Document, str], None]


def text_fields(form: FormDefinition) -> list[TextSpec]:
    """Every text field the visible sheets show, the year included."""
    specs = [
        TextSpec("unit", "填报单位", lambda d: d.unit, lambda d, v: setattr(d, "unit", v)),
        TextSpec("year", "报告年度", lambda d: str(d.year), _put_year),
        TextSpec("preface", "前言", lambda d: d.preface, lambda d, v: setattr(d, "preface", v)),
    ]
    specs += [_mapped(f"contact.{c.id}", c.label, "contact", c.id) for c in form.contact]
    specs += [
        _mapped(narrative_key(p.id), p.heading, "narrative", p.id) for p in form.narrative_parts()
    ]
    specs += [_mapped(f"sign.{s.id}", s.label, "signatories", s.id) for s in form.signatories]
    return specs


def _mapped(key: str, label: str, attribute: str, ident: str) -> TextSpec:
    def get(document: Document) -> str:
        mapping: dict[str, str] = getattr(document, attribute)
        return mapping.get(ident, "")

    def put(document: Document, value: str) -> None:
        getattr(document, attribute)[ident] = value

    return TextSpec(key, label, get, put)


def _put_year(document: Document, value: str) -> None:
    document.year = year_from_text(value) or document.year


def _apply_text(document: Document, spec: TextSpec, readings: list[Reading]) -> list[str]:
    hidden = spec.get(document)
    visible = clean_text("".join(as_text(reading.value) for reading in readings)).text
    if visible == cell_text(hidden):
        return []
    if spec.key == "year" and year_from_text(visible) is None:
        shown = _shorten(visible)
        return [
            _difference(readings[0], spec.label, hidden, shown)
            + "，不是年份，沿用原值（年度应在1990–2100之间）"
        ]
    spec.put(document, visible.strip() if spec.key == "year" else visible)
    return [_difference(readings[0], spec.label, _shorten(hidden), _shorten(visible))]


def as_text(value: Any) -> str:
    """A cell's value as text: dates as 2019-02-27, whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _difference(reading: Reading, label: str, old: str, new: str) -> str:
    return f"{_place(reading)}（{label}）：原为“{old}”，现为“{new}”"


def _place(reading: Reading) -> str:
    return f"工作表“{reading.sheet}”{reading.coordinate}"


def _shorten(text: str) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= SHOWN_CHARS else flat[:SHOWN_CHARS] + "…"
