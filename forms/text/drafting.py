"""The routine sentences of a part, written from the table's figures in the form's own words.

A :class:`~forms.text.schema.Draft` is data in the definition: sentences with ``{cell}``
placeholders (a cell id or a glob, summed), each with an optional wording for when its figure
is 0 (本年未收到政府信息公开申请。). :func:`draft_text` fills them in; a figure still blank in
the table shows as :data:`BLANK` so the filer sees what is missing. The app offers the draft
beside the filer's text; it never replaces it.
"""

from __future__ import annotations

import re

from forms.definition import FormDefinition
from forms.document import Document
from forms.text.quotes import table_figure
from forms.text.schema import Draft, DraftSentence
from forms.values import format_number

BLANK = "＿＿"
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def draft_for(form: FormDefinition, part_id: str) -> Draft | None:
    return next((draft for draft in form.drafts if draft.part == part_id), None)


def draft_text(form: FormDefinition, document: Document, part_id: str) -> str:
    """The part's draft with this document's figures; ``""`` if the form drafts no such part."""
    draft = draft_for(form, part_id)
    if draft is None:
        return ""
    return "".join(_sentence(form, document, sentence) for sentence in draft.sentences)


def _sentence(form: FormDefinition, document: Document, sentence: DraftSentence) -> str:
    if sentence.zero_if and table_figure(form, document, sentence.zero_if) == 0:
        return _fill(form, document, sentence.zero_text)
    return _fill(form, document, sentence.text)


def _fill(form: FormDefinition, document: Document, text: str) -> str:
    def figure(match: re.Match[str]) -> str:
        value = table_figure(form, document, [match.group(1)])
        return BLANK if value is None else format_number(value)

    return PLACEHOLDER.sub(figure, text)
