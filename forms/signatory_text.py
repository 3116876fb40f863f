"""The signatory block's values as every output writes them (PDF, Word, web page).

A date reads YYYY年M月D日 when it is a date, as typed otherwise, and blank spaces to be
filled by hand (the 成文日期 of a draft) when nothing was typed.
"""

from __future__ import annotations

from forms.definition import SignatoryField
from forms.document import Document
from forms.validation.cells import chinese_date, parse_date

BLANK_DATE = "　　　　年　　月　　日"  # filled in by hand


def date_text(value: str) -> str:
    """YYYY年M月D日 for a readable date; as typed otherwise; blanks to fill by hand."""
    value = value.strip()
    if not value:
        return BLANK_DATE
    parsed = parse_date(value)
    return chinese_date(parsed) if parsed else value


def field_value(document: Document, item: SignatoryField) -> str:
    """A signatory field as printed: a date written out, anything else as typed."""
    value = document.signatories.get(item.id, "").strip()
    return date_text(value) if item.kind == "date" and value else value
