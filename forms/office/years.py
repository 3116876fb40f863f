"""This year beside last year: last year's report taken in for comparison.

:func:`last_year_of` reads what a comparison needs from last year's report: its figures, by the
cells of this year's form, and the text of its parts. They become ``Document.last_year`` and
``last_year_text``, which the year-over-year rules (W2xx ``change_ratio``), the copy checks
(Y001, Y002) and the window's 上年数 column read.
"""

from __future__ import annotations

from decimal import Decimal

from forms.definition import FormDefinition
from forms.document import Document
from forms.values import Number


def last_year_of(
    previous: Document, form: FormDefinition
) -> tuple[dict[str, Number], dict[str, str]]:
    """Last year's figures for the cells ``form`` has, and last year's non-empty parts."""
    figures = {
        cell: value
        for cell, value in previous.values.items()
        if cell in form.index.cell_rows
        and isinstance(value, int | Decimal)
        and not isinstance(value, bool)
    }
    texts = {part: text for part, text in previous.narrative.items() if text.strip()}
    return figures, texts
