"""The rules of a definition turned into checks: one small evaluator per rule kind.

A rule may stand for several checks: one per cell for ``at_most`` and its kin, one per
column or row for a matrix rule. Each :class:`Check` knows the cells it reads, so that a
change to one cell re-runs only the checks that read it. Checks return a finding or ``None``
and never raise; a check whose figures are blank or unreadable stays silent (the blank or
unreadable cell is reported by the cell check instead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from forms.codes import fill, render
from forms.definition import LAST_YEAR_PREFIX, FormDefinition, Rule, RuleKind, Severity, strip_term
from forms.derive import Total, cell_mappings, complete_sum, map_term, parts_sum, totals
from forms.document import Document
from forms.form_index import FormIndex
from forms.values import Number, format_number


@dataclass(frozen=True)
class Finding:
    """One problem: its stable key, code, severity, message with figures, and the cells.

    The first cell is the one at fault; the others are the figures it was compared with. A
    finding about a part's text may name the characters at fault: ``span`` (start, end).
    """

    key: str
    code: str
    severity: Severity
    message: str
    cells: tuple[str, ...]
    span: tuple[int, int] | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


Evaluator = Callable[[Document], Finding | None]


@dataclass(frozen=True)
class Check:
    key: str
    cells: tuple[str, ...]
    evaluate: Evaluator


def checks_for(form: FormDefinition) -> list[Check]:
    """Every check the form's rules stand for, in definition order (built once per form)."""
    index = form.index
    if index.checks is None:
        index.checks = [check for rule in form.rules for check in _expand(rule, form)]
    return index.checks


def blank_total_checks(form: FormDefinition) -> list[Check]:
    """One E002 check per computed total (see :func:`blank_total_check`)."""
    return [blank_total_check(form, total) for total in totals(form).values()]


def blank_total_check(form: FormDefinition, total: Total) -> Check:
    """E002: a total left blank while its parts add up to something: one given as blank (in
    ``typed_totals``, as a table that printed it blank), or one whose every part is filled.

    (A computed total whose parts are not all filled waits for them: that is no finding.)
    """
    label = form.index.label(total.cell)

    def evaluate(document: Document) -> Finding | None:
        if document.values.get(total.cell) is not None:
            return None
        given_blank = total.cell in document.typed_totals
        if not given_blank and complete_sum(document, total.cell) is None:
            return None
        figure = parts_sum(document, total.cell)
        if not figure:
            return None
        message = render("E002", label=label, sum=format_number(figure))
        cells = (total.cell, *total.parts)
        return Finding(f"E002@{total.cell}", "E002", Severity.ERROR, message, cells)

    return Check(f"E002@{total.cell}", (total.cell, *total.parts), evaluate)


# -- expansion ------------------------------------------------------------------------------


def _expand(rule: Rule, form: FormDefinition) -> Iterator[Check]:
    tables = {table.id: table for table in form.tables}
    for mapping in cell_mappings(rule, tables.get(rule.table or "")):
        yield from _checks(rule, mapping, form.index)


def _checks(rule: Rule, mapping: Callable[[str], str], index: FormIndex) -> Iterator[Check]:
    def mapped(terms: list[str]) -> list[str]:
        return [map_term(term, mapping) for term in terms]

    if rule.kind in (RuleKind.SUM_EQUALS, RuleKind.SUM_AT_LEAST):
        total, parts = mapped([rule.total or ""])[0], mapped(rule.parts)
        yield _check(rule, (total, *parts), _sum_evaluator(rule, total, parts, index))
        return
    cells = index.cell_order if rule.cells == ["*"] else mapped(rule.cells)
    reference = mapped([rule.reference])[0] if rule.reference else None
    for cell in cells:
        involved = (cell, reference) if reference else (cell,)
        yield _check(rule, involved, _cell_evaluator(rule, cell, reference, index))


def _check(rule: Rule, terms: tuple[str, ...], evaluate: Evaluator) -> Check:
    current = tuple(term.removeprefix("-") for term in terms if LAST_YEAR_PREFIX not in term)
    if rule.unless_known:
        evaluate = _unless_known(rule.unless_known, evaluate)
    return Check(f"{rule.code}@{current[0]}", current, evaluate)


def _unless_known(term: str, evaluate: Evaluator) -> Evaluator:
    """Skip the check when ``term`` (usually last year's figure) is known."""

    def guarded(document: Document) -> Finding | None:
        return None if term_value(document, term) is not None else evaluate(document)

    return guarded


# -- evaluation -----------------------------------------------------------------------------


def term_value(document: Document, term: str) -> Number | None:
    """A term's figure: this year's or last year's, negated for ``-id``; ``None`` if unknown."""
    name = term.removeprefix("-")
    if name.startswith(LAST_YEAR_PREFIX):
        value: object = document.last_year.get(name.removeprefix(LAST_YEAR_PREFIX))
    else:
        value = document.values.get(name)
    if not isinstance(value, int | Decimal):
        return None
    return -value if term.startswith("-") else value


def _finding(
    rule: Rule, cells: tuple[str, ...], message: str | None = None, **figures: object
) -> Finding:
    shown = {k: format_number(v) if isinstance(v, int | Decimal) else v for k, v in figures.items()}
    current = tuple(c.removeprefix("-") for c in cells if LAST_YEAR_PREFIX not in c)
    return Finding(
        key=f"{rule.code}@{current[0]}",
        code=rule.code,
        severity=rule.severity,
        message=fill(message or rule.message, **shown),
        cells=current,
    )


def _sum_evaluator(rule: Rule, total: str, parts: list[str], index: FormIndex) -> Evaluator:
    at_least = rule.kind is RuleKind.SUM_AT_LEAST

    def evaluate(document: Document) -> Finding | None:
        figures = [term_value(document, term) for term in (total, *parts)]
        if any(value is None for value in figures):
            return None
        whole, parts_sum = figures[0], sum(v for v in figures[1:] if v is not None)
        assert whole is not None
        holds = parts_sum >= whole if at_least else parts_sum == whole
        if holds:
            return None
        label = index.label(total) if total in index.cell_rows else total
        below_zero = parts_sum < 0 and rule.negative_message
        return _finding(
            rule,
            (total, *parts),
            rule.negative_message if below_zero else None,
            total=whole,
            sum=parts_sum,
            diff=whole - parts_sum,
            excess=-parts_sum,
            label=label,
        )

    return evaluate


_CELL_TESTS: dict[RuleKind, Callable[[Number, Number | None], bool]] = {
    RuleKind.AT_MOST: lambda value, limit: limit is None or value <= limit,
    RuleKind.AT_LEAST: lambda value, limit: limit is None or value >= limit,
    RuleKind.NONZERO: lambda value, _limit: value != 0,
    RuleKind.NONZERO_REQUIRES: lambda value, limit: value == 0 or limit is None or limit > 0,
}


def _cell_evaluator(rule: Rule, cell: str, reference: str | None, index: FormIndex) -> Evaluator:
    if rule.kind is RuleKind.CHANGE_RATIO:
        return _ratio_evaluator(rule, cell, index)
    holds = _CELL_TESTS[rule.kind]
    label = index.label(cell)
    limit_label = index.label(strip_term(reference)) if reference else ""
    involved = (cell, reference) if reference else (cell,)

    def evaluate(document: Document) -> Finding | None:
        value = term_value(document, cell)
        limit = term_value(document, reference) if reference else rule.limit_value
        if value is None or (reference and limit is None) or holds(value, limit):
            return None
        return _finding(
            rule, involved, label=label, value=value, limit=limit, limit_label=limit_label
        )

    return evaluate


def within_change(value: Number, last: Number, factor: Decimal, notable: Decimal | None) -> bool:
    """True when this year's figure is no remarkable change from last year's.

    Without ``notable``: within ``factor`` either way (nothing judged when last year was 0).
    With it: a change only counts when the larger figure is at least ``notable``, and then a
    change from 0 or to 0 counts too (0 → 25, 30 → 0), while 3 → 0 in a small count does not.
    """
    if value < 0 or last < 0:
        return True  # signed figures (本年增/减) have no ratio
    if notable is not None and max(value, last) < notable:
        return True
    if last == 0:
        return notable is None or value == 0
    return 1 / factor <= Decimal(value) / Decimal(last) <= factor


def _ratio_evaluator(rule: Rule, cell: str, index: FormIndex) -> Evaluator:
    factor = Decimal(str(rule.factor))
    label = index.label(cell)

    def evaluate(document: Document) -> Finding | None:
        value = term_value(document, cell)
        last = document.last_year.get(cell)
        if value is None or last is None or within_change(value, last, factor, rule.notable):
            return None
        return _finding(rule, (cell,), label=label, value=value, last=last)

    return evaluate
