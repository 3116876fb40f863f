"""The report as a printable PDF, laid out after GB/T 9704-2012 for an office's seal.

:class:`ReportRenderer` follows pretix's invoice renderer: geometry and sizes are class
constants in mm and points, and the work is split into hooks a subclass may override. The
hooks live by responsibility in the renderer's bases: sizes, faces and styles in
:mod:`forms.pdf.layout`; page templates, frames, page numbers and the draft mark in
:mod:`forms.pdf.furniture`; the statistical tables in :mod:`forms.pdf.placement`; the seal
block and the signatories in :mod:`forms.pdf.seal`. This module builds the story: the
report's parts, the annexes, the analysis note, the chart and, for a draft, the open problems.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer

from forms.definition import NarrativePart
from forms.pdf import patches
from forms.pdf.flowables import (
    CJKParagraph,
    GridSnap,
    HeadingParagraph,
    KeepWithSeal,
    OnDraw,
    keep_headings,
)
from forms.pdf.fonts import Role
from forms.pdf.furniture import PageFurniture
from forms.pdf.layout import LANDSCAPE
from forms.pdf.placement import TablePlacement
from forms.pdf.tables import problems_grid
from forms.validation.rules import Finding

__all__ = ["ReportRenderer"]

SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
BLANK_CODE = "E001"  # a cell left blank
BLANKS_LISTED = 3  # more blank cells in one table are listed as one line
HEADING_CHARS = 2 * 28  # a heading line is at most two lines long


class ReportRenderer(PageFurniture, TablePlacement):
    """Renders one document to PDF bytes (:meth:`render`), page by page as GB/T 9704 has it."""

    # -- the story ------------------------------------------------------------------------

    def _get_story(self) -> list[Flowable]:
        story = [*self._report_story()]
        if self.form.closing:
            story = self._with_closing(story)
        for table in self._annex_tables():
            story += [*self._page_break_for(table), *self._annex_table_story(table)]
        if self.form.analysis:
            story += [*self._page_break(), *self._analysis_story()]
        if self.form.history_years and self.form.history_row:
            story += [*self._page_break(), *self._chart_story()]
        if self.signatures == "sheet" and self._line_fields():
            story += [*self._page_break(), *self._submission_sheet()]
        if self.is_draft:
            story += [*self._page_break(), *self._problems_story()]
        return keep_headings([*story, OnDraw(self._mark_last_page)])

    def _report_story(self) -> Iterator[Flowable]:
        document = self.document
        yield self._text(document.unit, "title")
        yield self._text(self.form.title(document.year), "title")
        yield Spacer(1, self.leading)
        yield from self._lines(document.preface_text())
        for part in self.form.narrative:
            yield from self._part_story(part)

    def _part_story(self, part: NarrativePart) -> Iterator[Flowable]:
        """The heading, the part's tables, then its text; nothing at all for a part with
        neither text nor table (no heading over an empty space). A heading whose first
        table is set landscape goes onto the turned page with it."""
        tables = self._part_tables(part.id)
        lines = list(self._lines(self.document.narrative.get(part.id, "")))
        if not tables and not lines:
            return
        turned = bool(tables) and self._is_wide(tables[0])
        if turned:
            yield from self._page_break(LANDSCAPE)
        yield HeadingParagraph(
            self.fonts.markup(self._heading(part), Role.HEI), self.styles["heading"]
        )
        for index, table in enumerate(tables):
            yield from self._part_table_story(
                table,
                titled=table.title != part.title,
                after_heading=turned and index == 0,
                first=index == 0,
                last=index == len(tables) - 1,
            )
        yield from lines

    def _heading(self, part: NarrativePart) -> str:
        """The part's heading as this report wrote it (the seed's own wording), else the form's."""
        return self.document.heading(part)

    def _with_closing(self, story: list[Flowable]) -> list[Flowable]:
        """The 落款 after the report's last text or table, kept with its last lines."""
        while story and isinstance(story[-1], GridSnap):
            story.pop()
        if not story:
            return self._closing_block()
        return [*story[:-1], KeepWithSeal(story[-1], self._closing_block())]

    def _lines(self, text: str) -> Iterator[CJKParagraph]:
        """One paragraph per line, as the filer wrote it; headings in their faces."""
        for line in text.splitlines():
            line = line.strip()
            if line:
                yield self._narrative_line(line)

    def _narrative_line(self, line: str) -> CJKParagraph:
        """（一） lines start in 楷体, 一、 lines in 黑体, up to the first 。 or ：; the rest
        仿宋. Only a short line without a full stop is a heading kept with what follows: a
        one-sentence paragraph such as "（二）依申请公开…办结16件。" is text."""
        role = Role.KAI if SUB_HEADING.match(line) else Role.HEI if HEADING.match(line) else None
        if role is None:
            return self._text(line, "body")
        cut = min((line.index(mark) + 1 for mark in "。：" if mark in line), default=len(line))
        head, rest = line[:cut], line[cut:]
        markup = (
            f'<font face="{self._font(role)}">{self.fonts.markup(head, role)}</font>'
            + self.fonts.markup(rest, Role.FANGSONG)
        )
        heading = not rest.strip() and not line.endswith("。") and len(line) <= HEADING_CHARS
        kind = HeadingParagraph if heading else CJKParagraph
        return kind(markup, self.styles["body"])

    # -- 附件2, chart, problems ------------------------------------------------------------

    def _analysis_story(self) -> list[Flowable]:
        part = self.form.analysis
        assert part is not None
        head = self._annex_head(part.number, part.title)
        lines = list(self._lines(self.document.narrative.get(part.id, "")))
        lead: Flowable = lines.pop() if lines else head.pop()
        return [
            *head,
            Spacer(1, self.leading),
            *lines,
            KeepWithSeal(lead, self._seal_block(signatories=True)),
        ]

    def _chart_story(self) -> list[Flowable]:
        from forms.pdf.chart import chart_title, history_chart  # reportlab.graphics: 10 ms

        series = self.document.history_series()
        unit = self._history_unit()
        drawing = history_chart(series, self._font(Role.SONG), self.TYPE_WIDTH, unit)
        return [self._text(chart_title(series), "chart_title"), Spacer(1, self.leading), drawing]

    def _history_unit(self) -> str:
        row = self.form.index.cell_rows.get(self.form.history_row or "")
        return row.unit if row else ""

    def _problems_story(self) -> list[Flowable]:
        """The open problems of a draft: every error and every unexplained warning; a table's
        many blank cells (E001) as one line per table, not a page of them."""
        open_problems = [f for f in self.report.findings if f.is_error]
        open_problems += self.report.unexplained
        title = f"草稿：尚未解决的问题（共{len(open_problems)}项）"
        return [
            self._text(title, "chart_title"),
            Spacer(1, self.leading / 2),
            problems_grid(self.fonts, self._problem_rows(open_problems), self.text_width),
        ]

    def _problem_rows(self, findings: list[Finding]) -> list[tuple[str, str]]:
        blanks: dict[str, list[Finding]] = {}
        cell_tables = self.form.index.cell_tables
        for finding in findings:
            table = cell_tables.get(finding.cells[0]) if finding.cells else None
            if finding.code == BLANK_CODE and table is not None:
                blanks.setdefault(table.id, []).append(finding)
        grouped = {key for key, found in blanks.items() if len(found) > BLANKS_LISTED}
        rows: list[tuple[str, str]] = []
        for finding in findings:
            table = cell_tables.get(finding.cells[0]) if finding.cells else None
            if finding.code != BLANK_CODE or table is None or table.id not in grouped:
                rows.append((finding.code, finding.message))
            elif finding is blanks[table.id][0]:
                count = len(blanks[table.id])
                text = f"表“{table.title}”有{count}项未填写（空白不等于0，没有发生的请填0）"
                rows.append((finding.code, text))
        return rows

    # -- building ---------------------------------------------------------------------------

    def render(self) -> bytes:
        """The whole report as PDF bytes."""
        patches.apply()
        self._on_last_page = False
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            pageTemplates=self._get_page_templates(),
            **self.metadata(),
            initialFontName=self._font(Role.FANGSONG),
            initialFontSize=self.BODY_SIZE,
            initialLeading=self.leading,
        )
        doc.build(self._get_story())
        return buffer.getvalue()
