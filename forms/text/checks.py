"""Checks of a definition's narrative records: patterns that compile, cells and parts that exist.

Run by :func:`forms.definition_checks.consistency_problems` when a definition loads, so that
a mistyped pattern or cell id is a :class:`~forms.definition.DefinitionError` naming it, not a
check that silently never fires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from forms.definition import FormDefinition
from forms.form_index import FormIndex
from forms.text.drafting import PLACEHOLDER
from forms.text.quotes import compile_pattern, expand_cells
from forms.text.schema import FIGURE


def text_problems(form: FormDefinition, index: FormIndex) -> Iterator[str]:
    """Every problem of the form's text checks and drafts, as one line each."""
    checks = form.text_checks
    parts = {part.id for part in form.narrative_parts()}
    for quote in checks.quotes:
        where = f"text_checks.quotes[{quote.id}]"
        yield from (f"{where}: 没有相符的单元格：{c}" for c in _dead(index, quote.cells))
        for pattern in quote.patterns:
            if FIGURE not in pattern:
                yield f"{where}: 模式中没有 {FIGURE}：{pattern}"
            yield from _regex_problem(where, partial(compile_pattern, pattern, checks))
        for pattern in quote.zero_patterns:
            yield from _regex_problem(where, partial(re.compile, pattern))
    for pattern in checks.year_patterns:
        yield from _regex_problem("text_checks.year_patterns", partial(_year, pattern))
    named = [*checks.year_parts, *(demand.part for demand in checks.parts)]
    named += [draft.part for draft in form.drafts]
    yield from (f"text_checks/drafts: 没有这个叙述部分：{p}" for p in named if p not in parts)
    for draft in form.drafts:
        for sentence in draft.sentences:
            used = PLACEHOLDER.findall(sentence.text + sentence.zero_text)
            used += sentence.zero_if
            dead = _dead(index, used)
            yield from (f"drafts[{draft.part}]: 没有相符的单元格：{c}" for c in dead)


def _dead(index: FormIndex, expressions: list[str]) -> list[str]:
    return [e for e in expressions if not expand_cells(index, [e])]


def _regex_problem(where: str, build: Callable[[], object]) -> Iterator[str]:
    try:
        build()
    except (re.error, ValueError) as exc:
        yield f"{where}: 正则表达式错误（{exc}）"


def _year(pattern: str) -> re.Pattern[str]:
    compiled = re.compile(pattern)
    if "year" not in compiled.groupindex:
        raise ValueError(f"没有 (?P<year>…) 组：{pattern}")
    return compiled
