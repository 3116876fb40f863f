"""Computed totals: the 总计 cells a sum rule defines, filled in from their parts.

A rule with ``computes = true`` makes its total cell (one per column or row for a matrix
rule) a computed cell. Its value follows its parts once every part holds a figure, unless
the total was given explicitly: typed over by the filer, imported, or edited by a reviewer.
Such totals are listed in ``Document.typed_totals``; they are kept as they are and checked.
Where two rules would compute one cell, the first in the definition does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from forms.definition import FormDefinition, Rule, Table, strip_term
from forms.values import Entry, Number

if TYPE_CHECKING:
    from forms.document import Document


@dataclass(frozen=True)
class Total:
    """A computed cell, the cells it adds up, and the code of the rule that defines it."""

    cell: str
    parts: tuple[str, ...]
    code: str


# -- how a rule's ids map to cells (shared with the rule checks) ------------------------------


def cell_mappings(rule: Rule, table: Table | None) -> Iterator[Callable[[str], str]]:
    """How a rule's ids map to cell keys: as they are, or once per column or per row."""
    if table is None or not (rule.each_column or rule.each_row):
        yield lambda name: name
    elif rule.each_column:
        for column in table.columns:
            yield partial(_in_column, table, column.id)
    else:
        rows = [row.id for row in table.value_rows()] if rule.each_row == "all" else rule.each_row
        for row_id in rows or []:
            yield partial(table.cell_key, row_id)


def _in_column(table: Table, column_id: str, row_id: str) -> str:
    return table.cell_key(row_id, column_id)


def map_term(term: str, mapping: Callable[[str], str]) -> str:
    """A term with its cell id mapped, keeping its ``-`` and ``last:`` prefixes."""
    prefix = term[: len(term) - len(strip_term(term))]
    return prefix + mapping(strip_term(term))


# -- the computed cells of a form ------------------------------------------------------------


def totals(form: FormDefinition) -> dict[str, Total]:
    """Every computed cell of a form, in an order where parts come before their totals."""
    index = form.index
    if index.totals is None:
        index.totals = _ordered(_collect(form))
    return index.totals


def _collect(form: FormDefinition) -> dict[str, Total]:
    tables = {table.id: table for table in form.tables}
    found: dict[str, Total] = {}
    for rule in form.rules:
        if not rule.computes:
            continue
        for mapping in cell_mappings(rule, tables.get(rule.table or "")):
            cell = map_term(rule.total or "", mapping)
            parts = tuple(map_term(part, mapping) for part in rule.parts)
            found.setdefault(cell, Total(cell, parts, rule.code))
    return found


def _ordered(found: dict[str, Total]) -> dict[str, Total]:
    """Totals sorted so that a total made of other totals comes after them."""
    ordered: dict[str, Total] = {}

    def visit(cell: str, path: tuple[str, ...]) -> None:
        if cell in ordered or cell not in found or cell in path:
            return
        for part in found[cell].parts:
            visit(part, (*path, cell))
        ordered[cell] = found[cell]

    for cell in found:
        visit(cell, ())
    return ordered


def formula_text(form: FormDefinition, cell: str) -> str:
    """A tooltip line: 自动计算：（一）予以公开 + （二）部分公开 + …"""
    total = totals(form).get(cell)
    if total is None:
        return ""
    return "自动计算：" + " + ".join(_part_name(form, cell, part) for part in total.parts)


def _part_name(form: FormDefinition, total: str, part: str) -> str:
    """A part named by what sets it apart from its total: its row, or in a row its column."""
    index = form.index
    row, column = index.cell_rows[part], index.cell_columns[part]
    if not index.cell_tables[part].is_matrix or column == index.cell_columns[total]:
        return f"{row.number}{row.label}"
    return column.label


# -- computing -------------------------------------------------------------------------------


def is_computed(document: Document, cell: str) -> bool:
    """A total whose value follows its parts (not given explicitly)."""
    return cell in totals(document.form) and cell not in document.typed_totals


def waits_for_parts(document: Document, cell: str) -> bool:
    """A computed total left blank because some part is blank: it fills in with them."""
    total = totals(document.form).get(cell)
    if total is None or cell in document.typed_totals or document.values.get(cell) is not None:
        return False
    return _sum_of(document, total) is None


def complete_sum(document: Document, cell: str) -> Number | None:
    """The sum of a total's parts once every part holds a figure; ``None`` before."""
    return _sum_of(document, totals(document.form)[cell])


def parts_sum(document: Document, cell: str) -> Number:
    """The sum of a total's parts that hold a figure (blank and unreadable parts count 0)."""
    total = totals(document.form)[cell]
    return sum((_number(document.values.get(part)) or 0 for part in total.parts), start=0)


def derive(document: Document, changed: Iterable[str] | None = None) -> list[str]:
    """Recompute the computed totals (those reading ``changed``, when given); return changes."""
    found = totals(document.form)
    if changed is None:
        affected = set(found)
    else:
        changed = list(changed)
        affected = _affected(found, changed) | {cell for cell in changed if cell in found}
    updated: list[str] = []
    for cell, total in found.items():
        if cell not in affected or cell in document.typed_totals:
            continue
        value = _sum_of(document, total)
        if not _same(document.values.get(cell), value):
            document.values[cell] = value
            updated.append(cell)
    return updated


def write_values(document: Document, given: Mapping[str, Entry]) -> list[str]:
    """Store figures given explicitly (typed, imported, pasted) and recompute what reads them.

    A total given a figure is kept as given (typed); a total given a blank follows its parts
    again. Returns every cell whose value was written or recomputed.
    """
    computed = totals(document.form)
    for cell, entry in given.items():
        if cell in computed:
            if entry is None:
                document.typed_totals.discard(cell)
            else:
                document.typed_totals.add(cell)
        document.values[cell] = entry
    derived = derive(document, given)
    return [*given, *(cell for cell in derived if cell not in given)]


def fill_total(document: Document, cell: str) -> list[str]:
    """Give a total the sum of its filled parts; return the cells written or recomputed.

    With every part filled the total follows them again (computed). While a part is blank it
    could only compute blank, so it keeps the sum as a given figure (typed) and is checked.
    """
    complete = complete_sum(document, cell) is not None
    return write_values(document, {cell: None if complete else parts_sum(document, cell)})


def _affected(found: dict[str, Total], changed: Iterable[str]) -> set[str]:
    """The totals that read the changed cells, directly or through other totals."""
    readers: dict[str, list[str]] = {}
    for total in found.values():
        for part in total.parts:
            readers.setdefault(part, []).append(total.cell)
    pending, affected = list(changed), set()
    while pending:
        for reader in readers.get(pending.pop(), ()):
            if reader not in affected:
                affected.add(reader)
                pending.append(reader)
    return affected


def _sum_of(document: Document, total: Total) -> Number | None:
    figures = [_number(document.values.get(part)) for part in total.parts]
    if any(value is None for value in figures):
        return None
    return sum((v for v in figures if v is not None), start=0)


def _number(entry: Entry) -> Number | None:
    return entry if isinstance(entry, int | Decimal) and not isinstance(entry, bool) else None


def _same(old: Entry, new: Number | None) -> bool:
    return type(old) is type(new) and old == new
