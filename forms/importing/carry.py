"""Next year's report started from last year's: what carries over and what starts blank.

Carried: the unit, the contact line, the signatory block except its date, and the history
of the chart extended by last year's total. Last year's figures become ``last_year`` so the
tenfold-change check (W207) can compare. Figures, narrative, preface and explanations start
blank: they are this year's to write.
"""

from __future__ import annotations

from decimal import Decimal

from forms.document import Document, new_document
from forms.values import Number


def follow_on(previous: Document) -> Document:
    """A blank report for the year after ``previous``, carrying over what does not change."""
    form = previous.form
    document = new_document(previous.form_id, previous.unit, previous.year + 1)
    document.contact.update({item.id: previous.contact.get(item.id, "") for item in form.contact})
    document.signatories.update(
        {
            field.id: previous.signatories.get(field.id, "")
            for field in form.signatories
            if field.kind != "date"
        }
    )
    document.history = dict(previous.history)
    if form.history_row:
        document.history[previous.year] = _total(previous)
    document.last_year = _figures(previous)
    return document


def _figures(previous: Document) -> dict[str, Number]:
    return {
        cell: value
        for cell, value in previous.values.items()
        if isinstance(value, int | Decimal) and not isinstance(value, bool)
    }


def _total(previous: Document) -> Number | None:
    value = previous.values.get(previous.form.history_row or "")
    return value if isinstance(value, int | Decimal) else None
