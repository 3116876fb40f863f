"""Which pages a report's window has, in the order of the printed report (no Qt here).

报告信息与签署 first, then 前言, each narrative part with the tables printed inside it
(``Table.part``), each annex table (``Table.annex``, a table of no part) on a page of its own,
the analysis note where the form has one, and 历年数据 only when the form keeps history years.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forms.definition import NarrativePart, Table
from forms.document import Document

HEADER, PREFACE, HISTORY = "header", "preface", "history"
TABLE_PREFIX = "table:"
PART_PREFIX = "part."  # a finding about a part's text (P001) is placed at part.<id>
PREFACE_HINT = "报告开头的说明段落；留空时使用下面灰色显示的标准文字。"


class PageKind(StrEnum):
    HEADER = "header"
    PART = "part"
    ANNEX = "annex"
    HISTORY = "history"


@dataclass(frozen=True)
class PartInfo:
    """A text part as its editor shows it: id, heading (as this report writes it), hint."""

    id: str
    heading: str
    hint: str


@dataclass(frozen=True)
class PagePlan:
    """One page: its key, the title in the list, what it holds."""

    key: str
    title: str
    kind: PageKind
    part: PartInfo | None = None
    tables: tuple[Table, ...] = ()


def table_title(table: Table, year: int) -> str:
    """An annex table's title as printed: 附件1 政府信息公开情况统计表（2018年度）."""
    subtitle = table.subtitle.format(year=year)
    return f"{table.annex} {table.title}{subtitle}".strip()


def page_plan(document: Document) -> list[PagePlan]:
    """Every page of the window for this document, in order."""
    form = document.form
    pages = [
        PagePlan(HEADER, "报告信息与签署", PageKind.HEADER),
        PagePlan(PREFACE, "前言", PageKind.PART, PartInfo(PREFACE, "前言", PREFACE_HINT)),
    ]
    for part in form.narrative:
        pages.append(_part_page(document, part))
    for table in form.tables:
        if not table.part:
            title = f"{table.annex} {table.title}".strip()
            pages.append(PagePlan(TABLE_PREFIX + table.id, title, PageKind.ANNEX, tables=(table,)))
    if form.analysis is not None:
        pages.append(_part_page(document, form.analysis))
    if form.history_years > 0:
        pages.append(PagePlan(HISTORY, "历年数据", PageKind.HISTORY))
    return pages


def _part_page(document: Document, part: NarrativePart) -> PagePlan:
    title = document.heading(part)
    tables = tuple(table for table in document.form.tables if table.part == part.id)
    return PagePlan(part.id, title, PageKind.PART, PartInfo(part.id, title, part.hint), tables)
