"""A report copied from last year's: the same figures, or a part in nearly the same words.

Newspapers find such "乌龙报告" every year: last year's report filed again with the year
changed. Where last year's report is known (``Document.last_year``, ``last_year_text``), two
warnings may ask about it, with thresholds from the form (``FormDefinition.copying``):
Y001 when most of the nonzero figures compared equal last year's (the figures are its cells,
so each is marked in the table), Y002 for each part whose text shares nearly all its
three-character pieces with last year's.
"""

from __future__ import annotations

from decimal import Decimal

from forms.codes import render
from forms.definition import FormDefinition, Severity
from forms.document import Document
from forms.validation.rules import Finding
from forms.validation.text import PART_PREFIX

PIECE = 3  # characters in a piece of text compared


def check_copying(form: FormDefinition, document: Document) -> list[Finding]:
    """Y001 and Y002, or nothing when the form asks for no such check or last year is unknown."""
    if form.copying is None:
        return []
    return [*_same_figures(form, document), *_same_texts(form, document)]


def _same_figures(form: FormDefinition, document: Document) -> list[Finding]:
    assert form.copying is not None
    compared, same = 0, []
    for cell in form.index.cell_order:
        value, last = document.values.get(cell), document.last_year.get(cell)
        if not isinstance(value, int | Decimal) or last is None or (value == 0 and last == 0):
            continue
        compared += 1
        if value == last:
            same.append(cell)
    if compared < form.copying.least_compared or len(same) < form.copying.same_share * compared:
        return []
    message = render("Y001", same=len(same), count=compared)
    return [Finding("Y001@report", "Y001", Severity.WARNING, message, tuple(same))]


def _same_texts(form: FormDefinition, document: Document) -> list[Finding]:
    assert form.copying is not None
    findings = []
    for part in form.narrative_parts():
        text, last = document.narrative.get(part.id, ""), document.last_year_text.get(part.id, "")
        if min(len(text.strip()), len(last.strip())) < form.copying.least_text:
            continue
        likeness = similarity(text, last)
        if likeness >= form.copying.text_similarity:
            place = PART_PREFIX + part.id
            message = render("Y002", part=document.heading(part), percent=round(likeness * 100))
            findings.append(Finding(f"Y002@{place}", "Y002", Severity.WARNING, message, (place,)))
    return findings


def similarity(text: str, other: str) -> float:
    """The share of three-character pieces the two texts have in common (Jaccard), ignoring
    spaces and line breaks; linear in the texts' length."""
    pieces, others = _pieces(text), _pieces(other)
    if not pieces or not others:
        return 0.0
    return len(pieces & others) / len(pieces | others)


def _pieces(text: str) -> set[str]:
    flat = "".join(text.split())
    return {flat[i : i + PIECE] for i in range(len(flat) - PIECE + 1)}
