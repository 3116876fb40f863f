"""The figures a narrative part quotes, found by the form's phrase patterns.

:func:`find_quotes` runs every :class:`~forms.text.schema.Quote` of a form over one part's
text and returns each figure with where it stands (character offsets into the filer's text,
for highlighting). A figure written approximately (约16件, 16余件) is returned as such and
compared with nothing; one in a clause about other years (历年累计…) is not a quote at all.
:func:`table_figure` adds up the cells a quote names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fnmatch import fnmatchcase

from forms.definition import FormDefinition
from forms.document import Document
from forms.form_index import FormIndex
from forms.text.numbers import FIGURE_PATTERN, fold_digits, read_figure
from forms.text.schema import FIGURE, Quote, TextChecks
from forms.values import Number

_CLAUSE_END = re.compile(r"[。；;，,：:\n]")


@dataclass(frozen=True)
class Quoted:
    """One figure found in a part: what it quotes, its value, and where it stands."""

    quote: Quote
    value: Decimal | None  # None: written approximately
    start: int
    end: int
    phrase: str


@dataclass(frozen=True)
class _Compiled:
    quote: Quote
    patterns: tuple[re.Pattern[str], ...]
    zero_patterns: tuple[re.Pattern[str], ...]


_COMPILED: dict[int, tuple[TextChecks, list[_Compiled]]] = {}
_FOUND: dict[tuple[int, str], tuple[TextChecks, list[Quoted]]] = {}  # until the text changes
_FOUND_KEPT = 64


def compile_pattern(pattern: str, checks: TextChecks) -> re.Pattern[str]:
    """A quote pattern with ``{n}`` standing for a figure, optionally approximate."""
    before = "|".join(map(re.escape, checks.approximate_before))
    after = "|".join(map(re.escape, checks.approximate_after))
    figure = (
        (f"(?P<before>{before})?" if before else "")
        + FIGURE_PATTERN
        + (f"(?P<after>{after})?" if after else "")
    )
    return re.compile(pattern.replace(FIGURE, figure))


def _compiled(checks: TextChecks) -> list[_Compiled]:
    kept = _COMPILED.get(id(checks))
    if kept is None or kept[0] is not checks:
        compiled = [
            _Compiled(
                quote,
                tuple(compile_pattern(p, checks) for p in quote.patterns),
                tuple(re.compile(p) for p in quote.zero_patterns),
            )
            for quote in checks.quotes
        ]
        kept = _COMPILED[id(checks)] = (checks, compiled)
    return kept[1]


def find_quotes(checks: TextChecks, text: str) -> list[Quoted]:
    """Every figure ``text`` quotes, in order of where it stands.

    The result is kept for the text: after a figure is typed in the table, the quotes of an
    unchanged narrative are compared again without reading the text again.
    """
    key = (id(checks), text)
    kept = _FOUND.get(key)
    if kept is None or kept[0] is not checks:
        if len(_FOUND) >= _FOUND_KEPT:
            _FOUND.clear()
        kept = _FOUND[key] = (checks, _read_quotes(checks, text))
    return kept[1]


def _read_quotes(checks: TextChecks, text: str) -> list[Quoted]:
    folded = fold_digits(text)
    found: list[Quoted] = []
    for item in _compiled(checks):
        for pattern in item.patterns:
            found += _figures(item.quote, pattern, folded, checks)
        for pattern in item.zero_patterns:
            found += [
                Quoted(item.quote, Decimal(0), m.start(), m.end(), text[m.start() : m.end()])
                for m in pattern.finditer(folded)
            ]
    return sorted(found, key=lambda quoted: quoted.start)


def _figures(quote: Quote, pattern: re.Pattern[str], text: str, checks: TextChecks) -> list[Quoted]:
    found = []
    for match in pattern.finditer(text):
        if _about_other_years(text, match.start(), match.start("n"), checks):
            continue
        groups = match.groupdict()
        approximate = bool(groups.get("before") or groups.get("after"))
        value = None if approximate else read_figure(match.group("n"))
        if value is None and not approximate:
            continue
        found.append(Quoted(quote, value, match.start(), match.end(), match.group(0)))
    return found


def _about_other_years(text: str, start: int, figure: int, checks: TextChecks) -> bool:
    """A figure in a clause that says 累计 or 历年 before it is not this year's."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    clause = text[ends[-1] if ends else 0 : figure]
    return any(word in clause for word in checks.skip_words)


_EXPANDED: dict[tuple[int, tuple[str, ...]], tuple[FormIndex, tuple[str, ...]]] = {}


def expand_cells(index: FormIndex, expressions: list[str]) -> tuple[str, ...]:
    """The cells named by ids or globs (``requests.refused.*/total``), in table order."""
    key = (id(index), tuple(expressions))
    kept = _EXPANDED.get(key)
    if kept is None or kept[0] is not index:
        cells = tuple(
            cell
            for cell in index.cell_order
            if any(fnmatchcase(cell, expression) for expression in expressions)
        )
        kept = _EXPANDED[key] = (index, cells)
    return kept[1]


def table_figure(form: FormDefinition, document: Document, expressions: list[str]) -> Number | None:
    """The sum of the named cells, or ``None`` while any of them is blank or unreadable."""
    total: Number = 0
    for cell in expand_cells(form.index, expressions):
        value = document.values.get(cell)
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return None
        total += value
    return total
