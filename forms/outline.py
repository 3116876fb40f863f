"""The report as an ordered list of blocks: what the Word file and the web page both publish.

The printed PDF lays the report out itself (:mod:`forms.pdf`); the Word file
(:mod:`forms.docx`) and the web page (:mod:`forms.html`) share this one reading of it, in
the PDF's order: the unit and title, the preface, each part (heading, tables, text), the 落款
and the signatory line, then for 2018 附件1, 附件2 and the history figures. Each table is a
:class:`~forms.table_grid.Grid` (head cells with their spans, body rows of formatted figures),
so both writers merge the same header cells.

:func:`report_text` is the report's text, block by block, that a writer's output read back
must equal.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from forms.definition import FormDefinition, NarrativePart
from forms.definition import Table as FormTable
from forms.document import Document
from forms.signatory_text import date_text, field_value
from forms.table_grid import BodyRow, Grid, HeadCell, table_grid
from forms.values import Entry, RawText, format_entry

SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_CHARS = 2 * 28  # a heading line is at most two lines long
DATE_INDENT = 4  # characters from the right edge to the 成文日期 (GB/T 9704)
HISTORY_LABEL = "年度"
# characters no XML or HTML file may hold (C0 controls but tab and line ends, lone surrogates)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class Kind(StrEnum):
    """What a paragraph is, which decides its face, size and alignment."""

    TITLE = "title"  # 小标宋, centred: the unit, the report's and each annex's title
    SUBTITLE = "subtitle"  # 仿宋, centred: （2018年度）
    ANNEX = "annex"  # 黑体, flush left: 附件1
    HEADING = "heading"  # 黑体: a part's heading (一、总体情况)
    BODY = "body"  # 仿宋, first line indented two characters
    SIGNATURE = "signature"  # 仿宋, flush left: 填报单位（盖章）：
    CLOSING = "closing"  # 仿宋, flush right at ``right_indent`` characters: the 落款
    CAPTION = "caption"  # 黑体, centred: the title of the history figures


class Face(StrEnum):
    """The face of a run-in head at the start of a body line."""

    HEI = "hei"  # 一、
    KAI = "kai"  # （一）


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; a body line may start with a run-in head of ``run_in`` characters."""

    kind: Kind
    text: str
    run_in: int = 0
    face: Face | None = None
    is_heading: bool = False  # a short line that is all head: kept with what follows
    right_indent: float = 0.0  # characters, for the 落款

    @property
    def head(self) -> str:
        return self.text[: self.run_in]

    @property
    def rest(self) -> str:
        return self.text[self.run_in :]


@dataclass(frozen=True)
class SignatoryLine:
    """Entries of one signatory line (单位负责人：… 审核人：… 填报人：…)."""

    entries: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page (each annex does)."""


@dataclass(frozen=True)
class SealRoom:
    """``lines`` empty lines: room for the seal around a seal label or a 落款."""

    lines: int = 1


Block = Paragraph | Grid | SignatoryLine | PageBreak | SealRoom


@dataclass
class Outline:
    """The blocks of one document's report, in order; ``document`` is the :func:`cleaned` one."""

    document: Document
    form: FormDefinition
    blocks: list[Block] = field(default_factory=list)


def outline(document: Document, form: FormDefinition | None = None) -> Outline:
    """Read the report into blocks, in the order the printed report has them."""
    form = form or document.form
    result = Outline(cleaned(document), form)
    result.blocks = list(_blocks(result.document, form))
    return result


def clean(text: str) -> str:
    """The text without characters an XML or HTML file cannot hold; line ends as ``\\n``."""
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def cleaned(document: Document) -> Document:
    """A copy of the document whose every text is :func:`clean`."""

    def texts(mapping: dict[str, str]) -> dict[str, str]:
        return {key: clean(value) for key, value in mapping.items()}

    def entry(value: Entry) -> Entry:
        return RawText(clean(value.text)) if isinstance(value, RawText) else value

    return dataclasses.replace(
        document,
        unit=clean(document.unit),
        preface=clean(document.preface),
        contact=texts(document.contact),
        narrative=texts(document.narrative),
        signatories=texts(document.signatories),
        headings=texts(document.headings),
        values={cell: entry(value) for cell, value in document.values.items()},
    )


def _blocks(document: Document, form: FormDefinition) -> Iterator[Block]:
    yield Paragraph(Kind.TITLE, document.unit.strip())
    yield Paragraph(Kind.TITLE, form.title(document.year))
    yield from _lines(document.preface_text())
    for part in form.narrative:
        yield from _part(document, form, part)
    if form.closing:
        yield from _closing(document, form)
    for table in form.tables:
        if not table.part:
            yield from _annex_table(document, form, table)
    if form.analysis:
        yield from _analysis(document, form, form.analysis)
    if form.history_years and form.history_row:
        yield PageBreak()
        yield from history_grid(document, form)


def _part(document: Document, form: FormDefinition, part: NarrativePart) -> Iterator[Block]:
    """The heading, the part's tables, then its text; nothing for a part with neither."""
    tables = [table for table in form.tables if table.part == part.id]
    lines = list(_lines(document.narrative.get(part.id, "")))
    if not tables and not lines:
        return
    yield Paragraph(Kind.HEADING, document.heading(part), is_heading=True)
    for table in tables:
        caption = table.title if table.title != part.title else ""
        yield table_grid(document, table, caption)
    yield from lines


def _lines(text: str) -> Iterator[Paragraph]:
    """One paragraph per line as the filer wrote it; 一、 and （一） heads run in."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            yield narrative_line(line)


def narrative_line(line: str) -> Paragraph:
    """（一） lines start in 楷体, 一、 lines in 黑体, up to the first 。 or ：; only a short line
    without a full stop is a heading kept with what follows (as the PDF has it)."""
    face = Face.KAI if SUB_HEADING.match(line) else Face.HEI if HEADING.match(line) else None
    if face is None:
        return Paragraph(Kind.BODY, line)
    cut = min((line.index(mark) + 1 for mark in "。：" if mark in line), default=len(line))
    heading = cut == len(line) and not line.endswith("。") and len(line) <= HEADING_CHARS
    return Paragraph(Kind.BODY, line, run_in=cut, face=face, is_heading=heading)


# -- tables ----------------------------------------------------------------------------------


def history_grid(document: Document, form: FormDefinition) -> Iterator[Block]:
    """The history figures (the PDF's chart) as a table of years, blank years 未填."""
    series = document.history_series()
    first, last = series[0][0], series[-1][0]
    unit = form.index.cell_rows[form.history_row].unit if form.history_row else ""
    yield Paragraph(Kind.CAPTION, f"{first}年—{last}年主动公开政府信息情况")
    label = f"主动公开政府信息数量（{unit}）" if unit else "主动公开政府信息数量"
    head = (HeadCell(HISTORY_LABEL, 0, 0), HeadCell(label, 0, 1))
    rows = tuple(
        BodyRow(
            f"{year}年", 0, False, None, (format_entry(value) if value is not None else "未填",)
        )
        for year, value in series
    )
    yield Grid("history", "", 2, 1, head, rows)


# -- annexes ---------------------------------------------------------------------------------


def _annex_head(annex: str, title: str, subtitle: str = "") -> Iterator[Paragraph]:
    """附件N on the first line at the left, the title centred on the third."""
    if annex:
        yield Paragraph(Kind.ANNEX, annex)
    yield Paragraph(Kind.TITLE, title)
    if subtitle:
        yield Paragraph(Kind.SUBTITLE, subtitle)


def _annex_table(document: Document, form: FormDefinition, table: FormTable) -> Iterator[Block]:
    yield PageBreak()
    yield from _annex_head(table.annex, table.title, table.subtitle.format(year=document.year))
    yield table_grid(document, table)
    yield from _seal_block(document, form, signatories=False)


def _analysis(document: Document, form: FormDefinition, part: NarrativePart) -> Iterator[Block]:
    yield PageBreak()
    yield from _annex_head(part.number, part.title)
    yield from _lines(document.narrative.get(part.id, ""))
    yield from _seal_block(document, form, signatories=True)


def _seal_block(document: Document, form: FormDefinition, signatories: bool) -> Iterator[Block]:
    if form.seal_label:
        yield Paragraph(Kind.SIGNATURE, form.seal_label)
    if signatories:
        yield from signatory_lines(document, form)
    yield SealRoom(3)  # a 45 mm seal is four and a half lines high


# -- 落款 and signatories ----------------------------------------------------------------------


def _closing(document: Document, form: FormDefinition) -> Iterator[Block]:
    """The unit centred over the 成文日期, the date four characters in from the right."""
    assert form.closing is not None
    unit = document.unit.strip()
    date = date_text(document.signatories.get(form.closing.date_field, ""))
    unit_width, date_width = text_width(unit), text_width(date)
    centre = DATE_INDENT + date_width / 2
    unit_right = max(0.0, centre - unit_width / 2)
    centre = unit_right + unit_width / 2  # a long name moves the date with it
    date_right = max(0.0, centre - date_width / 2)
    yield SealRoom(1)  # the seal's top within a line of the text above
    yield Paragraph(Kind.CLOSING, unit, right_indent=unit_right)
    yield Paragraph(Kind.CLOSING, date, right_indent=date_right)
    lines = list(signatory_lines(document, form))
    if lines:
        yield SealRoom(1)  # clear of the seal's lower half
    yield from lines


def signatory_lines(document: Document, form: FormDefinition) -> Iterator[SignatoryLine]:
    """Names on one line, phone and date on the next (as the form has them)."""
    names: list[str] = []
    others: list[str] = []
    for item in form.signatories:
        if item.signatory_line:
            entry = f"{item.label}：{field_value(document, item)}"
            (names if item.kind == "name" else others).append(entry)
    for line in (names, others):
        if line:
            yield SignatoryLine(tuple(line))


def text_width(text: str) -> float:
    """Width in full-width characters: CJK and full-width forms 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


# -- the report's text -------------------------------------------------------------------------


def block_text(block: Block) -> list[str]:
    """A block's lines of text: a paragraph's text, a grid's caption, head and rows (cells
    joined by tabs, a merged head cell once), a signatory line's entries."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, SignatoryLine):
        return ["\t".join(block.entries)]
    if isinstance(block, Grid):
        lines = [block.caption] if block.caption else []
        for row in range(block.head_rows):
            lines.append("\t".join(c.text for c in block.head if c.row == row))
        lines += ["\t".join(row.texts) for row in block.rows]
        return lines
    return []


def report_text(report: Outline) -> str:
    """The report's whole text, one line per paragraph and table row."""
    return "\n".join(line for block in report.blocks for line in block_text(block))
