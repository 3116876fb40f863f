"""Documents the tests build alike in several folders (importable from any test: tests/ is on
the path through tests/conftest.py)."""

from __future__ import annotations

from decimal import Decimal

from forms.definition import ValueKind
from forms.definition_files import load_form
from forms.derive import totals
from forms.document import Document, new_document


def distinct_figures(form_id: str) -> Document:
    """A report whose every figure differs from every other (decimals for 万元), every total
    given as an import gives it; the checks find errors, which is fine for layout tests."""
    form = load_form(form_id)
    document = new_document(form.id, "某某县人民政府办公室", 2025)
    for number, cell in enumerate(form.index.cell_order, start=101):
        decimal = form.index.kind(cell) is ValueKind.DECIMAL
        document.values[cell] = Decimal(f"{number}.25") if decimal else number
    document.typed_totals = set(totals(form))
    return document
