"""The definition records for the narrative: figures it quotes, years, and drafts from the table.

A form says in data which phrases of the narrative quote which table cells (:class:`Quote`),
where the report year is meant (:class:`TextChecks`), and the routine sentences the filer can
insert, written from the figures (:class:`Draft`). Cell expressions name one cell
(``requests.new/total``) or several by a glob (``requests.refused.*/total``), summed; a
pattern writes ``{n}`` where the quoted figure stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from forms.records import Limits, NonEmpty, Record

FIGURE = "{n}"  # where a quote pattern has its figure


@dataclass(frozen=True, kw_only=True)
class Quote(Record):
    """A figure the narrative quotes: the phrases that quote it and the cells it must equal."""

    id: NonEmpty
    name: NonEmpty  # the figure in messages: 新收政府信息公开申请数
    cells: Annotated[list[NonEmpty], Limits(min_length=1)]  # summed; globs allowed
    patterns: list[NonEmpty] = field(default_factory=list)  # regular expressions with {n}
    zero_patterns: list[NonEmpty] = field(default_factory=list)  # text that means 0


@dataclass(frozen=True, kw_only=True)
class Mention(Record):
    """A statement a part must make: one of ``any_of`` appears in its text."""

    any_of: Annotated[list[NonEmpty], Limits(min_length=1)]
    what: NonEmpty  # in the message: 本年度收取信息处理费的情况


@dataclass(frozen=True, kw_only=True)
class PartDemand(Record):
    """What one narrative part must say beyond being filled in."""

    part: NonEmpty
    substantive: bool = False  # more than a bare 无 / 暂无
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TextChecks(Record):
    """Narrative checks of a form: quoted figures, the report year, and what parts must say."""

    quotes: list[Quote] = field(default_factory=list)
    skip_words: list[NonEmpty] = field(default_factory=list)  # 累计, 历年: not this year's figure
    approximate_before: list[NonEmpty] = field(default_factory=list)  # 约16件: not exact
    approximate_after: list[NonEmpty] = field(default_factory=list)  # 16余件: not exact
    year_patterns: list[NonEmpty] = field(default_factory=list)  # regex with (?P<year>…)
    year_parts: list[NonEmpty] = field(default_factory=list)  # parts where the year is checked
    empty_answers: list[NonEmpty] = field(default_factory=lambda: ["无", "暂无", "没有"])
    parts: list[PartDemand] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class DraftSentence(Record):
    """One sentence of a draft: ``text`` with ``{cell}`` placeholders, or ``zero_text`` when
    the cells named by ``zero_if`` add up to 0."""

    text: NonEmpty
    zero_if: list[NonEmpty] = field(default_factory=list)
    zero_text: str = ""


@dataclass(frozen=True, kw_only=True)
class Draft(Record):
    """The routine sentences of one part, written from the table's figures."""

    part: NonEmpty
    sentences: Annotated[list[DraftSentence], Limits(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Copying(Record):
    """When a report looks copied from last year's ("乌龙报告"): most nonzero figures the
    same as last year's, or a part whose text is nearly last year's."""

    same_share: Annotated[float, Limits(gt=0, le=1)] = 0.8  # of the figures compared
    least_compared: Annotated[int, Limits(ge=1)] = 10  # nonzero figures with last year's known
    text_similarity: Annotated[float, Limits(gt=0, le=1)] = 0.85  # shared 3-character pieces
    least_text: Annotated[int, Limits(ge=1)] = 100  # characters in both years' part
