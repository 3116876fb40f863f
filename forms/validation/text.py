"""The narrative checked against the tables and the report year (warnings T001–T004), and
for the blanks a draft leaves where a figure was not yet filled (error T005).

Each figure a part quotes (:func:`forms.text.quotes.find_quotes`) is compared with the cells
the form says it quotes; a disagreement is a warning placed at the part and the cell, with the
characters at fault as its span, and needs an explanation like any other warning. A year
written where the report year is meant, a part that says only 无, and a part that leaves out
what the form asks it to state (the 信息处理费 of part 六) are warnings too. A draft inserted
before its figures were filled writes ＿＿ for each: left in the text, it would be printed, so
it is an error (the report stays a 草稿) placed at the first of them.
"""

from __future__ import annotations

import re
from collections import Counter

from forms.codes import render
from forms.definition import FormDefinition, NarrativePart, Severity
from forms.document import Document
from forms.text.drafting import BLANK
from forms.text.quotes import expand_cells, find_quotes, table_figure
from forms.text.schema import PartDemand
from forms.validation.rules import Finding
from forms.values import format_number

PART_PREFIX = "part."
_PUNCTUATION = re.compile(r"[\s。.；;，,！!]+")


def check_text(form: FormDefinition, document: Document) -> list[Finding]:
    """Every text warning of the document (a few milliseconds for a whole report)."""
    findings: list[Finding] = []
    demands = {demand.part: demand for demand in form.text_checks.parts}
    for part in form.narrative_parts():
        text = document.narrative.get(part.id, "")
        if not text.strip():
            continue
        name = document.heading(part)
        findings += _blank_findings(part, name, text)
        findings += _quote_findings(form, document, part, name, text)
        if part.id in form.text_checks.year_parts:
            findings += _year_findings(form, document, part, name, text)
        if part.id in demands:
            findings += _demand_findings(form, demands[part.id], part, name, text)
    return findings


def quoted_cells(form: FormDefinition) -> frozenset[str]:
    """The cells some quote reads: a change to one of them re-runs the text checks."""
    return frozenset(
        cell for quote in form.text_checks.quotes for cell in expand_cells(form.index, quote.cells)
    )


def _quote_findings(
    form: FormDefinition, document: Document, part: NarrativePart, name: str, text: str
) -> list[Finding]:
    findings, seen = [], Counter[str]()
    for quoted in find_quotes(form.text_checks, text):
        table = table_figure(form, document, quoted.quote.cells)
        if quoted.value is None or table is None or quoted.value == table:
            continue
        seen[quoted.quote.id] += 1
        suffix = f"#{seen[quoted.quote.id]}" if seen[quoted.quote.id] > 1 else ""
        key = f"T001@{PART_PREFIX}{part.id}#{quoted.quote.id}{suffix}"
        message = render(
            "T001",
            part=name,
            phrase=quoted.phrase,
            name=quoted.quote.name,
            value=format_number(table),
        )
        cells = (PART_PREFIX + part.id, *expand_cells(form.index, quoted.quote.cells))
        findings.append(
            Finding(key, "T001", Severity.WARNING, message, cells, (quoted.start, quoted.end))
        )
    return findings


def _blank_findings(part: NarrativePart, name: str, text: str) -> list[Finding]:
    count = text.count(BLANK)
    if not count:
        return []
    place = PART_PREFIX + part.id
    first = text.index(BLANK)
    message = render("T005", part=name, count=count, blank=BLANK)
    span = (first, first + len(BLANK))
    return [Finding(f"T005@{place}", "T005", Severity.ERROR, message, (place,), span)]


def _year_findings(
    form: FormDefinition, document: Document, part: NarrativePart, name: str, text: str
) -> list[Finding]:
    findings = []
    for pattern in form.text_checks.year_patterns:
        for match in re.finditer(pattern, text):
            if int(match.group("year")) == document.year:
                continue
            key = f"T002@{PART_PREFIX}{part.id}#{match.group('year')}"
            span = (match.start("year"), match.end())
            phrase = text[span[0] : span[1]]
            message = render("T002", part=name, phrase=phrase, year=document.year)
            findings.append(
                Finding(key, "T002", Severity.WARNING, message, (PART_PREFIX + part.id,), span)
            )
    return findings


def _demand_findings(
    form: FormDefinition, demand: PartDemand, part: NarrativePart, name: str, text: str
) -> list[Finding]:
    place = PART_PREFIX + part.id
    bare = _PUNCTUATION.sub("", text)
    if demand.substantive and bare in form.text_checks.empty_answers:
        message = render("T003", part=name, text=bare)
        return [Finding(f"T003@{place}", "T003", Severity.WARNING, message, (place,))]
    return [
        Finding(
            f"T004@{place}#{number}",
            "T004",
            Severity.WARNING,
            render("T004", part=name, what=mention.what),
            (place,),
        )
        for number, mention in enumerate(demand.mentions, start=1)
        if not any(word in text for word in mention.any_of)
    ]
