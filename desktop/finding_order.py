"""Where each place of a finding is in the report, so that the problems list keeps form order.

A place is what a finding names first: a table cell, a table's unit (``table/column``), a
part's text (``part.<id>``) or a field of the header page (``header.unit``, ``contact.<id>``,
``sign.<id>``). The order is the window's: the header page's fields as it lays them out, then
each page of :func:`desktop.pages.plan.page_plan` with its text before its tables, each
table's units before its cells row by row. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop.pages.header import HEADER_YEAR
from desktop.pages.plan import PART_PREFIX, page_plan
from desktop.session import CONTACT_PREFIX, HEADER_UNIT, SIGN_PREFIX
from forms.document import Document


def place_ranks(document: Document) -> dict[str, int]:
    """Each place of the document's form with its position in the window (0 first)."""
    ranks: dict[str, int] = {}
    for place in _places(document):
        ranks.setdefault(place, len(ranks))
    return ranks


def _places(document: Document) -> Iterator[str]:
    form = document.form
    yield from (HEADER_UNIT, HEADER_YEAR)
    yield from (CONTACT_PREFIX + item.id for item in form.contact)
    yield from (SIGN_PREFIX + field.id for field in form.signatories)
    for plan in page_plan(document):
        if plan.part is not None:
            yield from (PART_PREFIX + plan.part.id, plan.part.id)
        for table in plan.tables:
            yield from (table.unit_key(column) for column in table.columns)
            yield from table.cell_keys()
