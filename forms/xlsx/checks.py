"""The 审核 sheet's formulas, generated from each rule's data, and the app's own verdicts.

One :class:`CheckRow` per check instance (a rule expanded per cell, column or row exactly as
``forms.validation.rules`` does). Its formula shows ``通过``, ``错误``, ``警告`` or ``未填``
live in WPS/Excel/LibreOffice: ``未填`` whenever a figure it reads is blank or not a number,
as the app stays silent then. Last year's figures are written as constants.
:func:`app_verdicts` gives the app's verdict per finding key in the same words, so that a
recalculated sheet can be compared with the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from openpyxl.utils import get_column_letter, quote_sheetname

from forms.definition import LAST_YEAR_PREFIX, FormDefinition, Rule, RuleKind, Severity
from forms.derive import cell_mappings, map_term
from forms.document import Document
from forms.validation.rules import checks_for, term_value
from forms.values import Number, format_number
from forms.xlsx.layout import Place

PASSED, BLANK = "通过", "未填"
VERDICTS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
Reference = Callable[[str], str]  # a cell key → an absolute reference like 'Sheet'!$D$5


@dataclass(frozen=True)
class CheckRow:
    """One line of the check sheet."""

    key: str
    rule: Rule
    cells: tuple[str, ...]
    formula: str


def check_rows(
    form: FormDefinition, document: Document, places: dict[str, Place]
) -> list[CheckRow]:
    """Every check instance of the form with its verdict formula, in definition order."""
    reference = partial(_absolute, places)
    tables = {table.id: table for table in form.tables}
    rows: list[CheckRow] = []
    for rule in form.rules:
        for mapping in cell_mappings(rule, tables.get(rule.table or "")):
            for terms in _instances(rule, mapping, form):
                rows.append(_row(rule, terms, document, reference))
    return rows


def _absolute(places: dict[str, Place], cell: str) -> str:
    place = places[cell]
    return f"{quote_sheetname(place.sheet)}!${get_column_letter(place.column)}${place.row}"


def _instances(
    rule: Rule, mapping: Callable[[str], str], form: FormDefinition
) -> Iterator[list[str]]:
    """The terms of each check instance: ``[total, *parts]`` or ``[cell, reference?]``."""
    if rule.kind in (RuleKind.SUM_EQUALS, RuleKind.SUM_AT_LEAST):
        yield [map_term(term, mapping) for term in (rule.total or "", *rule.parts)]
        return
    cells = form.index.cell_order if rule.cells == ["*"] else rule.cells
    reference = [map_term(rule.reference, mapping)] if rule.reference else []
    for cell in cells:
        yield [cell if rule.cells == ["*"] else map_term(cell, mapping), *reference]


def _current(terms: list[str]) -> tuple[str, ...]:
    names = (term.removeprefix("-") for term in terms)
    return tuple(name for name in names if not name.startswith(LAST_YEAR_PREFIX))


def _row(rule: Rule, terms: list[str], document: Document, reference: Reference) -> CheckRow:
    current = _current(terms)
    test = _test(rule, terms, document, reference)
    counted = ",".join(reference(cell) for cell in current)
    verdict = f'IF({test},"{PASSED}","{VERDICTS[rule.severity]}")' if test else f'"{PASSED}"'
    formula = f'=IF(COUNT({counted})<{len(current)},"{BLANK}",{verdict})'
    return CheckRow(f"{rule.code}@{current[0]}", rule, current, formula)


def _test(rule: Rule, terms: list[str], document: Document, reference: Reference) -> str | None:
    """The condition that holds when the check passes; ``None`` when it cannot be judged."""
    if rule.unless_known and _expression(rule.unless_known, document, reference) is not None:
        return None  # silenced by a known figure (last year's): the app is silent, so is the sheet
    if rule.kind is RuleKind.CHANGE_RATIO:
        return _ratio_test(rule, terms[0], document, reference)
    figures = [_expression(term, document, reference) for term in terms]
    if any(figure is None for figure in figures):
        return None  # last year's figure unknown: the app stays silent, so does the sheet
    first, rest = figures[0], figures[1:]
    if rule.kind in (RuleKind.SUM_EQUALS, RuleKind.SUM_AT_LEAST):
        comparison = "=0" if rule.kind is RuleKind.SUM_EQUALS else ">=0"
        return f"ROUND(SUM({','.join(str(f) for f in rest)})-({first}),6){comparison}"
    limit = rest[0] if rest else _limit_constant(rule)
    tests = {
        RuleKind.AT_MOST: f"{first}<={limit}",
        RuleKind.AT_LEAST: f"{first}>={limit}",
        RuleKind.NONZERO: f"{first}<>0",
        RuleKind.NONZERO_REQUIRES: f"OR({first}=0,{limit}>0)",
    }
    return tests[rule.kind]


def _limit_constant(rule: Rule) -> str:
    """A rule's constant limit (``limit_value``), or nothing for kinds without a limit."""
    return _constant(rule.limit_value) if rule.limit_value is not None else ""


def _expression(term: str, document: Document, reference: Reference) -> str | None:
    """A term in a formula: a cell reference, or last year's figure as a constant."""
    sign, name = ("-", term[1:]) if term.startswith("-") else ("", term)
    if not name.startswith(LAST_YEAR_PREFIX):
        return sign + reference(name)
    last = document.last_year.get(name.removeprefix(LAST_YEAR_PREFIX))
    return None if last is None else f"{sign}({_constant(last)})"


def _ratio_test(rule: Rule, cell: str, document: Document, reference: Reference) -> str | None:
    """The sheet's form of ``forms.validation.rules.within_change``."""
    last = document.last_year.get(cell)
    if last is None or last < 0 or (last == 0 and rule.notable is None):
        return None
    here = reference(cell)
    if last == 0:  # from nothing: only a notable figure counts
        return f"OR({here}=0,{here}<{_constant(rule.notable or Decimal(0))})"
    ratio, factor = f"{here}/{_constant(last)}", _constant(Decimal(str(rule.factor)))
    test = f"AND({ratio}>=1/{factor},{ratio}<={factor})"
    if rule.notable is None or last >= rule.notable:
        return test
    return f"OR({here}<{_constant(rule.notable)},{test})"  # both small: no question


def _constant(value: Number) -> str:
    return format_number(value)


def app_verdicts(document: Document) -> dict[str, str]:
    """The app's verdict per check key, in the check sheet's words."""
    verdicts: dict[str, str] = {}
    for check in checks_for(document.form):
        finding = check.evaluate(document)
        if finding is not None:
            verdicts[check.key] = VERDICTS[finding.severity]
        elif any(term_value(document, cell) is None for cell in check.cells):
            verdicts[check.key] = BLANK
        else:
            verdicts[check.key] = PASSED
    return verdicts
