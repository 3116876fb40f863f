"""The report as a printable PDF, laid out after GB/T 9704-2012 for an office's seal.

:class:`ReportRenderer` follows pretix's invoice renderer: geometry and sizes are class
constants in mm and points, and the work is split into hooks a subclass may override —
fonts (:meth:`_fonts`), styles (:meth:`_get_stylesheet`), page templates and frames
(:meth:`_get_page_templates`), page decorations (:meth:`_on_page`) and the story
(:meth:`_get_story`, built from the report, each table of the form definition, the analysis
note, the chart and, for a draft, the open problems).

Pages alternate: the binding side is left on odd pages and right on even ones. A table too
wide for the portrait type area is set on a landscape page: the sheet stays portrait, the
content turns so the table's head faces the binding edge on odd pages and the outer edge on
even ones, and the page number stays where it is on every other page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Any, ClassVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from forms.definition import FormDefinition
from forms.definition import Table as FormTable
from forms.document import Document
from forms.pdf import patches
from forms.pdf.chart import chart_title, history_chart
from forms.pdf.flowables import (
    CJKParagraph,
    EmboldenedParagraph,
    HeadingParagraph,
    KeepWithSeal,
    OnDraw,
    keep_headings,
)
from forms.pdf.fonts import FontChain, Role
from forms.pdf.tables import GridBuilder, problems_grid
from forms.validation import Report, Status, Validation
from forms.validation.cells import chinese_date, parse_date

SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SEAL_LABEL = "填报单位（盖章）："
PORTRAIT, LANDSCAPE = "portrait", "landscape"


def installed_version() -> str:
    """The app's version as installed (the same source as ``desktop.identity``)."""
    try:
        return version("nianbao")
    except PackageNotFoundError:
        return "0.0.0"


class ReportRenderer:
    """Renders one document to PDF bytes (:meth:`render`), page by page as GB/T 9704 has it."""

    PAGE_WIDTH, PAGE_HEIGHT = A4
    TOP_MARGIN = 37 * mm
    BINDING_MARGIN = 28 * mm
    TYPE_WIDTH = 156 * mm
    TYPE_HEIGHT = 225 * mm
    BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TYPE_HEIGHT  # 35 mm
    OUTER_MARGIN = PAGE_WIDTH - BINDING_MARGIN - TYPE_WIDTH  # 26 mm
    LINES_PER_PAGE = 22
    CHARS_PER_LINE = 28

    TITLE_SIZE = 22  # 二号
    BODY_SIZE = 16  # 三号
    PAGE_NUMBER_SIZE = 14  # 四号
    TABLE_SIZE = 12  # 小四
    WIDE_TABLE_SIZE = 10
    WIDEST_TABLE_SIZE = 9
    FOOTER_SIZE = 8
    PAGE_NUMBER_GAP = 7 * mm
    SEAL_DIAMETER = 45 * mm
    WATERMARK_SIZE = 110
    STYLE_ROLES: ClassVar[dict[str, Role]] = {
        "body": Role.FANGSONG,
        "heading": Role.HEI,
        "annex": Role.HEI,
        "title": Role.TITLE,
        "subtitle": Role.FANGSONG,
        "signature": Role.FANGSONG,
        "chart_title": Role.HEI,
    }
    MAX_PORTRAIT_COLUMNS = 7  # value columns; more go on a landscape page

    def __init__(
        self,
        document: Document,
        *,
        form: FormDefinition | None = None,
        fonts: FontChain | None = None,
        app_version: str | None = None,
    ) -> None:
        self.document = document
        self.form = form or document.form
        self.fonts = fonts or FontChain()
        self.version = app_version or installed_version()
        self.report: Report = Validation(document, self.form).report()
        self.is_draft = self.report.status is Status.DRAFT
        self._on_last_page = False
        self.page_count = 0
        self.styles = self._get_stylesheet()

    # -- geometry ---------------------------------------------------------------------------

    @property
    def leading(self) -> float:
        """22 lines to the type area's height."""
        return float(self.TYPE_HEIGHT / self.LINES_PER_PAGE)

    @property
    def text_width(self) -> float:
        """28 characters of 三号: a hair wider than 156 mm, centred on the type area."""
        return float(self.CHARS_PER_LINE * self.BODY_SIZE)

    def _left_margin(self, page: int) -> float:
        return float(self.BINDING_MARGIN if page % 2 else self.OUTER_MARGIN)

    # -- hooks: fonts and styles ------------------------------------------------------------

    def _font(self, role: Role) -> str:
        return self.fonts.primary(role)

    def _get_stylesheet(self) -> dict[str, ParagraphStyle]:
        body = ParagraphStyle(
            "body",
            fontName=self._font(Role.FANGSONG),
            fontSize=self.BODY_SIZE,
            leading=self.leading,
            firstLineIndent=2 * self.BODY_SIZE,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
        )
        title = ParagraphStyle(
            "title",
            parent=body,
            fontName=self._font(Role.TITLE),
            fontSize=self.TITLE_SIZE,
            leading=self.TITLE_SIZE * 1.6,
            firstLineIndent=0,
            alignment=TA_CENTER,
        )
        return {
            "body": body,
            "heading": ParagraphStyle("heading", parent=body, fontName=self._font(Role.HEI)),
            "annex": ParagraphStyle(
                "annex", parent=body, fontName=self._font(Role.HEI), firstLineIndent=0
            ),
            "title": title,
            "subtitle": ParagraphStyle(
                "subtitle", parent=body, firstLineIndent=0, alignment=TA_CENTER
            ),
            "signature": ParagraphStyle(
                "signature", parent=body, firstLineIndent=0, alignment=TA_LEFT
            ),
            "chart_title": ParagraphStyle(
                "chart_title",
                parent=body,
                fontName=self._font(Role.HEI),
                firstLineIndent=0,
                alignment=TA_CENTER,
            ),
        }

    def _text(self, text: str, style: str, role: Role | None = None) -> CJKParagraph:
        """A paragraph of user or form text: escaped, with per-character font fallback."""
        sheet = self.styles[style]
        role = role or self.STYLE_ROLES[style]
        kind = CJKParagraph
        if role is Role.TITLE and not self.fonts.is_bold(Role.TITLE):
            kind = EmboldenedParagraph
        return kind(self.fonts.markup(text, role), sheet)

    # -- hooks: page templates, frames and decorations -------------------------------------

    def _get_page_templates(self) -> list[PageTemplate]:
        overhang = (self.text_width - self.TYPE_WIDTH) / 2
        portrait = Frame(
            self.BINDING_MARGIN - overhang,
            self.BOTTOM_MARGIN - 1,
            self.text_width,
            self.TYPE_HEIGHT + 2,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area",
        )
        landscape = Frame(
            self.BOTTOM_MARGIN,
            self.OUTER_MARGIN,
            self.TYPE_HEIGHT,
            self.TYPE_WIDTH,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area-landscape",
        )
        return [
            PageTemplate(PORTRAIT, [portrait], onPage=self._on_page, onPageEnd=self._on_page_end),
            PageTemplate(
                LANDSCAPE,
                [landscape],
                onPage=self._on_landscape_page,
                onPageEnd=self._on_page_end,
            ),
        ]

    def _on_page(self, canvas: Any, doc: Any) -> None:
        """Decorate the sheet, then shift the frame to this page's binding side."""
        self._decorate(canvas, doc.page)
        canvas.saveState()
        canvas.translate(self._left_margin(doc.page) - self.BINDING_MARGIN, 0)

    def _on_landscape_page(self, canvas: Any, doc: Any) -> None:
        """Decorate the sheet, then turn the content: head to the binding edge on odd pages."""
        self._decorate(canvas, doc.page)
        canvas.saveState()
        if doc.page % 2:
            canvas.translate(self.PAGE_WIDTH, 0)
            canvas.rotate(90)
        else:
            canvas.translate(0, self.PAGE_HEIGHT)
            canvas.rotate(-90)
            canvas.translate(self.TOP_MARGIN - self.BOTTOM_MARGIN, 0)

    def _on_page_end(self, canvas: Any, doc: Any) -> None:
        canvas.restoreState()
        self.page_count = doc.page
        if self._on_last_page:
            self._draw_footer(canvas, doc.page)

    def _decorate(self, canvas: Any, page: int) -> None:
        if self.is_draft:
            self._draw_watermark(canvas)
        self._draw_page_number(canvas, page)

    def _draw_page_number(self, canvas: Any, page: int) -> None:
        """— N — in 四号 Song, 7 mm below the type area, one character in from its edge."""
        size = self.PAGE_NUMBER_SIZE
        y = self.BOTTOM_MARGIN - self.PAGE_NUMBER_GAP - size * 0.8
        left = self._left_margin(page)
        if page % 2:
            x, align = left + self.TYPE_WIDTH - size, "right"
        else:
            x, align = left + size, "left"
        self._draw_string(canvas, x, y, f"— {page} —", Role.SONG, size, align)

    def _draw_watermark(self, canvas: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.22))
        canvas.translate(self.PAGE_WIDTH / 2, self.PAGE_HEIGHT / 2)
        canvas.rotate(45)
        self._draw_string(
            canvas, 0, -self.WATERMARK_SIZE / 3, "草稿", Role.HEI, self.WATERMARK_SIZE, "center"
        )
        canvas.restoreState()

    def _draw_footer(self, canvas: Any, page: int) -> None:
        """The fingerprint and the app version, small, at the foot of the last page."""
        text = f"文档指纹 {self.document.fingerprint()} · 政府信息公开年报填报 {self.version}"
        x = self._left_margin(page) + self.TYPE_WIDTH / 2
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        self._draw_string(canvas, x, 12 * mm, text, Role.SONG, self.FOOTER_SIZE, "center")
        canvas.restoreState()

    def _draw_string(
        self, canvas: Any, x: float, y: float, text: str, role: Role, size: float, align: str
    ) -> None:
        """Draw text run by run, each in the font that has its characters."""
        runs = self.fonts.runs(text, role)
        width = sum(stringWidth(run, font, size) for font, run in runs)
        x -= {"left": 0.0, "center": width / 2, "right": width}[align]
        for font, run in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, size)

    def _mark_last_page(self, _canvas: Any) -> None:
        self._on_last_page = True

    # -- the story ------------------------------------------------------------------------

    def _get_story(self) -> list[Flowable]:
        story = [*self._report_story()]
        for table in self._annex_tables():
            story += [*self._page_break_for(table), *self._annex_table_story(table)]
        if self.form.analysis:
            story += [*self._page_break(), *self._analysis_story()]
        if self.form.history_years and self.form.history_row:
            story += [*self._page_break(), *self._chart_story()]
        if self.is_draft:
            story += [*self._page_break(), *self._problems_story()]
        return keep_headings([*story, OnDraw(self._mark_last_page)])

    def _page_break(self, template: str = PORTRAIT) -> list[Flowable]:
        return [NextPageTemplate(template), PageBreak()]

    def _report_story(self) -> Iterator[Flowable]:
        document = self.document
        yield self._text(document.unit, "title")
        yield self._text(self.form.title(document.year), "title")
        yield Spacer(1, self.leading)
        yield from self._lines(document.preface_text())
        for part in self.form.narrative:
            yield from self._part_story(part.id, part.heading)

    def _part_story(self, part_id: str, heading: str) -> Iterator[Flowable]:
        """The heading, the part's tables, then its text. A heading whose first table is
        set landscape goes onto the turned page with it, never alone above a page end."""
        tables = self._part_tables(part_id)
        turned = bool(tables) and self._is_wide(tables[0])
        if turned:
            yield from self._page_break(LANDSCAPE)
        yield HeadingParagraph(self.fonts.markup(heading, Role.HEI), self.styles["heading"])
        for index, table in enumerate(tables):
            yield from self._part_table_story(table, after_heading=turned and index == 0)
        yield from self._lines(self.document.narrative.get(part_id, ""))

    def _lines(self, text: str) -> Iterator[CJKParagraph]:
        """One paragraph per line, as the filer wrote it; headings in their faces."""
        for line in text.splitlines():
            line = line.strip()
            if line:
                yield self._narrative_line(line)

    def _narrative_line(self, line: str) -> CJKParagraph:
        """（一） lines start in 楷体, 一、 lines in 黑体, up to the first 。; the rest 仿宋."""
        role = Role.KAI if SUB_HEADING.match(line) else Role.HEI if HEADING.match(line) else None
        if role is None:
            return self._text(line, "body")
        head, stop, rest = line.partition("。")
        head += stop
        markup = (
            f'<font face="{self._font(role)}">{self.fonts.markup(head, role)}</font>'
            + self.fonts.markup(rest, Role.FANGSONG)
        )
        kind = CJKParagraph if rest.strip() else HeadingParagraph
        return kind(markup, self.styles["body"])

    def _annex_head(self, annex: str, title: str, subtitle: str = "") -> list[Flowable]:
        """附件N on the first line at the left, the title centred on the third."""
        head: list[Flowable] = []
        if annex:
            head += [self._text(annex, "annex"), Spacer(1, self.leading - 10)]
        head.append(self._text(title, "title"))
        if subtitle:
            head.append(self._text(subtitle.format(year=self.document.year), "subtitle"))
        return head

    # -- tables ---------------------------------------------------------------------------

    def _is_wide(self, table: FormTable) -> bool:
        return len(table.columns) > self.MAX_PORTRAIT_COLUMNS

    def _table_size(self, table: FormTable) -> float:
        if len(table.columns) == 1:
            return self.TABLE_SIZE
        return self.WIDE_TABLE_SIZE if len(table.columns) <= 10 else self.WIDEST_TABLE_SIZE

    def _grid(self, table: FormTable, with_title: bool) -> Table:
        width = self.TYPE_HEIGHT if self._is_wide(table) else self.text_width
        builder = GridBuilder(self.fonts, self.document, self._table_size(table))
        return builder.build(table, width, with_title)

    def _annex_tables(self) -> list[FormTable]:
        return [table for table in self.form.tables if not table.part]

    def _part_tables(self, part_id: str) -> list[FormTable]:
        return [table for table in self.form.tables if table.part == part_id]

    def _annex_table_story(self, table: FormTable) -> list[Flowable]:
        """附件N, the title and year, the table, and 填报单位（盖章） under it."""
        head = self._annex_head(table.annex, table.title, table.subtitle)
        seal = self._seal_block(signatories=False)
        return [*head, KeepWithSeal(self._grid(table, with_title=False), seal)]

    def _part_table_story(self, table: FormTable, after_heading: bool) -> list[Flowable]:
        """A table inside a narrative part, its title as the first row; wide ones landscape."""
        grid = self._grid(table, with_title=True)
        grid.spaceBefore = grid.spaceAfter = self.leading / 4
        if not self._is_wide(table):
            return [grid]
        turn = [] if after_heading else self._page_break(LANDSCAPE)
        return [*turn, grid, *self._page_break(PORTRAIT)]

    def _page_break_for(self, table: FormTable) -> list[Flowable]:
        return self._page_break(LANDSCAPE if self._is_wide(table) else PORTRAIT)

    # -- seal and signatories -------------------------------------------------------------

    def _seal_block(self, signatories: bool) -> list[Flowable]:
        """One line of air, 填报单位（盖章）, the signatories, and room for a 45 mm seal."""
        lines: list[Flowable] = [Spacer(1, self.leading), self._text(SEAL_LABEL, "signature")]
        if signatories:
            lines += self._signatory_lines()
        used = self.leading * (len(lines))
        if used < self.SEAL_DIAMETER:
            lines.append(Spacer(1, self.SEAL_DIAMETER - used))
        return lines

    def _signatory_lines(self) -> list[Flowable]:
        """Names on one line, phone and date on the next, in columns (as the form has them)."""
        names: list[str] = []
        others: list[str] = []
        for field in self.form.signatories:
            value = self.document.signatories.get(field.id, "").strip()
            if field.kind == "date":
                parsed = parse_date(value)
                value = chinese_date(parsed) if parsed else value
            (names if field.kind == "name" else others).append(f"{field.label}：{value}")
        return [self._signatory_row(line) for line in (names, others) if line]

    def _signatory_row(self, entries: list[str]) -> Table:
        cells = [self._text(entry, "signature") for entry in entries]
        row = Table([cells], colWidths=self._signatory_widths(entries))
        row.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self._font(Role.FANGSONG), self.BODY_SIZE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return row

    def _signatory_widths(self, entries: list[str]) -> list[float]:
        """Each entry as wide as its text (full-width characters), the spare room shared out.

        Equal columns crowd 单位负责人：李有凌 against the next entry; this keeps equal gaps.
        """
        natural = [len(entry) * self.BODY_SIZE for entry in entries]
        spare = max(self.text_width - sum(natural), 0.0)
        if spare == 0.0:
            return [self.text_width / len(entries)] * len(entries)
        return [width + spare / len(entries) for width in natural]

    # -- 附件2, chart, problems ------------------------------------------------------------

    def _analysis_story(self) -> list[Flowable]:
        part = self.form.analysis
        assert part is not None
        head = self._annex_head(part.number, part.title)
        lines = list(self._lines(self.document.narrative.get(part.id, "")))
        lead: Flowable = lines.pop() if lines else head.pop()
        return [
            *head,
            Spacer(1, self.leading / 2),
            *lines,
            KeepWithSeal(lead, self._seal_block(signatories=True)),
        ]

    def _chart_story(self) -> list[Flowable]:
        series = self.document.history_series()
        unit = self._history_unit()
        drawing = history_chart(series, self._font(Role.SONG), self.TYPE_WIDTH, unit)
        return [self._text(chart_title(series), "chart_title"), Spacer(1, self.leading), drawing]

    def _history_unit(self) -> str:
        row = self.form.index.cell_rows.get(self.form.history_row or "")
        return row.unit if row else ""

    def _problems_story(self) -> list[Flowable]:
        """The open problems of a draft: every error and every unexplained warning."""
        open_problems = [f for f in self.report.findings if f.is_error]
        open_problems += self.report.unexplained
        rows = [(finding.code, finding.message) for finding in open_problems]
        title = f"草稿：尚未解决的问题（共{len(rows)}项）"
        return [
            self._text(title, "chart_title"),
            Spacer(1, self.leading / 2),
            problems_grid(self.fonts, rows, self.text_width),
        ]

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
            title=self.form.title(self.document.year),
            author=self.document.unit,
            subject=self.form.name,
            creator=f"政府信息公开年报填报 {self.version}",
            initialFontName=self._font(Role.FANGSONG),
            initialFontSize=self.BODY_SIZE,
            initialLeading=self.leading,
        )
        doc.build(self._get_story())
        return buffer.getvalue()
