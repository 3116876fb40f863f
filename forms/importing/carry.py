"""Next year's report started from last year's: what carries over and what starts blank.

Carried: the unit, the contact line, the signatory block except its dates, and the history
of the chart extended by last year's total. Last year's figures become ``last_year`` so the
year-on-year checks (W201, W202, W204, W207) can compare. The figures the new format's
``carry`` names are filled (上年结转 ← last year's 结转下年度继续办理, column by column); the
other figures, narrative, preface and explanations start blank: they are this year's to write.

The year is the caller's to give (the filer is asked; it is never assumed), and by default
picks the format (:func:`forms.definition_files.form_for_year`). Next year may be filed in another
format (a 2020 report in the 2019 format followed by a 2021 one): then only what has a place
in the new format carries over, matched by id, and :func:`not_carried` names what was left.
The previous report is a :class:`Document`, however it was read (xlsx, or another source).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from forms.codes import NianbaoError
from forms.definition import FormDefinition
from forms.definition_files import form_for_year, load_form
from forms.derive import derive
from forms.document import Document, new_document
from forms.form_index import FormIndex
from forms.values import Number


def follow_on(previous: Document, *, year: int, form_id: str | None = None) -> Document:
    """A report for ``year`` started from ``previous`` (in ``form_id``, by default the format
    of ``year``); :class:`NianbaoError` V008 unless ``year`` comes after last year's."""
    if year <= previous.year:
        raise NianbaoError("V008", year=year, last=previous.year)
    form = load_form(form_id or form_for_year(year).id)
    document = new_document(form.id, previous.unit, year)
    document.contact.update(_kept(previous.contact, {item.id for item in form.contact}))
    names = {field.id for field in form.signatories if field.kind != "date"}
    document.signatories.update(_kept(previous.signatories, names))
    if form.history_row:
        document.history = dict(previous.history)
        if previous.form.history_row:
            document.history[previous.year] = _total(previous)
    figures = _figures(previous)
    document.last_year = {cell: v for cell, v in figures.items() if cell in form.index.cell_rows}
    pairs = carry_pairs(form, previous.form)
    carried = {into: figures[source] for into, source in pairs if source in figures}
    document.values.update(carried)
    derive(document, carried)
    document.last_year_text = {p: text for p, text in previous.narrative.items() if text.strip()}
    return document


def carry_pairs(form: FormDefinition, last: FormDefinition) -> Iterator[tuple[str, str]]:
    """(this year's cell, last year's cell) for every figure ``form`` carries over from a
    report in ``last``: a row is taken column by column, where last year's table has the
    column too."""
    for carry in form.carry:
        if carry.into in form.index.cell_rows:
            if carry.source in last.index.cell_rows:
                yield carry.into, carry.source
            continue
        for cell in _row_cells(form.index, carry.into):
            column = form.index.cell_columns[cell].id
            source = _cell_of_row(last.index, carry.source, column)
            if source is not None:
                yield cell, source


def _row_cells(index: FormIndex, row: str) -> list[str]:
    return [cell for cell, cell_row in index.cell_rows.items() if cell_row.id == row]


def _cell_of_row(index: FormIndex, row: str, column: str) -> str | None:
    found = [cell for cell in _row_cells(index, row) if index.cell_columns[cell].id == column]
    return found[0] if found else None


def not_carried(previous: Document, form_id: str) -> list[str]:
    """What of ``previous`` has no place in ``form_id``: one line per kind, for the user."""
    form = load_form(form_id)
    lines = []
    kept_contact = {item.id for item in form.contact}
    lost_contact = [
        item.label
        for item in previous.form.contact
        if item.id not in kept_contact and _lost(previous.contact, item.id)
    ]
    if lost_contact:
        lines.append(f"联系方式：{'、'.join(lost_contact)}（{form.name}没有这些项）")
    signers = {field.id for field in form.signatories}
    lost_signers = [
        field.label
        for field in previous.form.signatories
        if field.kind != "date"
        and field.id not in signers
        and _lost(previous.signatories, field.id)
    ]
    if lost_signers:
        lines.append(f"签署栏：{'、'.join(lost_signers)}")
    if previous.history and not form.history_row:
        lines.append(f"历年数据（{form.name}没有历年数据图）")
    figures = _figures(previous)
    lost_figures = [cell for cell in figures if cell not in form.index.cell_rows]
    if lost_figures:
        lines.append(f"上年统计数 {len(lost_figures)} 项（格式不同，无法与本年逐项比较）")
    return lines


def _kept(fields: dict[str, str], names: set[str]) -> dict[str, str]:
    return {key: text for key, text in fields.items() if key in names}


def _lost(fields: dict[str, str], key: str) -> bool:
    return bool(fields.get(key, "").strip())


def _figures(previous: Document) -> dict[str, Number]:
    return {
        cell: value
        for cell, value in previous.values.items()
        if isinstance(value, int | Decimal) and not isinstance(value, bool)
    }


def _total(previous: Document) -> Number | None:
    value = previous.values.get(previous.form.history_row or "")
    return value if isinstance(value, int | Decimal) else None
