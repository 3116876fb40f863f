"""Checks of single fields: each value cell, the report header and the signatory block.

Field keys outside the table are ``header.<field>`` and ``sign.<field>``, so that findings
about them point at a place just as cell findings do.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from forms.codes import render
from forms.definition import FormDefinition, Severity, SignatoryField, ValueKind
from forms.definition_files import form_for_year
from forms.document import Document
from forms.form_index import FormIndex
from forms.validation.rules import Finding
from forms.values import MAX_VALUE, Entry, RawText, Refusal, format_entry, parse_value

_PHONE = re.compile(r"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$")
MIN_YEAR, MAX_YEAR = 1990, 2100


def error(code: str, place: str, **context: object) -> Finding:
    return Finding(f"{code}@{place}", code, Severity.ERROR, render(code, **context), (place,))


def check_cell(index: FormIndex, cell: str, entry: Entry) -> Finding | None:
    """Blank, unreadable or out-of-range figures; ``None`` when the cell holds a good figure."""
    if type(entry) is int and 0 <= entry <= MAX_VALUE and index.kind(cell) is ValueKind.INTEGER:
        return None  # the common case, decided without formatting and parsing the figure again
    label = index.label(cell)
    if entry is None:
        return error("E001", cell, label=label)
    text = entry.text if isinstance(entry, RawText) else format_entry(entry)
    result = parse_value(text, index.kind(cell))
    if isinstance(result, Refusal):
        return error(result.code, cell, label=label, text=text[:40])
    if isinstance(entry, Decimal) and index.kind(cell).base is ValueKind.INTEGER:
        return error("V003", cell, label=label, text=text)
    return None


def header_key(field: str) -> str:
    return f"header.{field}"


def signatory_key(field: str) -> str:
    return f"sign.{field}"


def warning(code: str, place: str, **context: object) -> Finding:
    return Finding(f"{code}@{place}", code, Severity.WARNING, render(code, **context), (place,))


def check_header(form: FormDefinition, document: Document) -> list[Finding]:
    findings = []
    if not document.unit.strip():
        findings.append(error("H001", header_key("unit")))
    if not MIN_YEAR <= document.year <= MAX_YEAR:
        findings.append(error("H002", header_key("year"), year=document.year))
    else:
        findings.extend(_format_of_the_year(form, document))
    return findings


def _format_of_the_year(form: FormDefinition, document: Document) -> list[Finding]:
    """H003: a report in a format not in use for its year (a 2025 report in the 2018 format)."""
    expected = form_for_year(document.year)
    if document.year < form.first_year:
        reason = f"{form.name}自{form.first_year}年度起使用"
    elif expected.first_year > form.first_year:
        reason = f"{document.year}年度应使用{expected.name}"
    else:
        return []
    return [warning("H003", header_key("year"), year=document.year, reason=reason)]


def check_signatories(form: FormDefinition, document: Document) -> list[Finding]:
    findings = []
    for field in form.signatories:
        finding = _check_signatory(field, document.signatories.get(field.id, ""), document.year)
        if finding:
            findings.append(finding)
    return findings


def _check_signatory(field: SignatoryField, text: str, year: int) -> Finding | None:
    place = signatory_key(field.id)
    value = text.strip()
    if not value:
        return error("S001", place, label=field.label)
    if field.kind == "phone" and not _PHONE.match(value.replace(" ", "")):
        return error("S002", place, label=field.label, text=value)
    if field.kind == "date":
        return _check_date(place, field.label, value, year)
    return None


def _check_date(place: str, label: str, value: str, year: int) -> Finding | None:
    parsed = parse_date(value)
    if parsed is None:
        return error("S003", place, label=label, text=value)
    if parsed <= date(max(year, 1), 12, 31):
        return error("S004", place, label=label, text=chinese_date(parsed), year=year)
    return None


def parse_date(value: str) -> date | None:
    """An ISO date (2019-02-27) or a Chinese one (2019年2月27日); ``None`` if neither."""
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value.strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def chinese_date(day: date) -> str:
    """A date as the signatory block prints it: 2019年2月27日 (no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"
