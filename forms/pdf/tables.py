"""A statistical table of the form definition as a ruled reportlab table.

Generic over ``table.columns`` and ``table.rows``: a head row (or several, where columns carry
``groups``: adjacent columns under the same group share one merged cell), then one row per
form row with its numbering, indentation by level, unit and figures. Heading rows are bold
(黑体). The head repeats on each new page, and a row is never split across pages. A table
printed inside a narrative part carries its title as a first, merged row.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from forms.definition import Row
from forms.definition import Table as FormTable
from forms.document import Document
from forms.pdf.flowables import CJKParagraph
from forms.pdf.fonts import FontChain, Role
from forms.table_grid import head_depth, lead_columns, table_head
from forms.values import format_entry

Cell = CJKParagraph | str
Span = tuple[tuple[int, int], tuple[int, int]]
PADDING = 3
LABEL_SHARE = 0.45  # of a table's width, the least its label column keeps for one-line heads
NO_UNIT = "—"


@dataclass(frozen=True)
class GridStyles:
    """The paragraph styles of one table, all at one size."""

    label: ParagraphStyle
    heading: ParagraphStyle
    head: ParagraphStyle
    value: ParagraphStyle

    @classmethod
    def at_size(cls, fonts: FontChain, size: float) -> GridStyles:
        base = ParagraphStyle(
            f"grid-{size}",
            fontName=fonts.primary(Role.FANGSONG),
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_LEFT,
            wordWrap="CJK",
        )
        hei = fonts.primary(Role.HEI)
        return cls(
            label=base,
            heading=ParagraphStyle(f"grid-heading-{size}", parent=base, fontName=hei),
            head=ParagraphStyle(
                f"grid-head-{size}", parent=base, fontName=hei, alignment=TA_CENTER
            ),
            value=ParagraphStyle(f"grid-value-{size}", parent=base, alignment=TA_CENTER),
        )


class GridBuilder:
    """Builds the ruled table for one form table, one document and one width."""

    SINGLE_VALUE_WIDTH = 28 * mm
    MAX_SINGLE_VALUE_WIDTH = 52 * mm  # 本年收费金额（单位：万元） on one line at 10.5 pt
    UNIT_WIDTH = 16 * mm
    MATRIX_UNIT_WIDTH = 12 * mm
    MAX_VALUE_WIDTH = 24 * mm

    def __init__(self, fonts: FontChain, document: Document, size: float) -> None:
        self.fonts = fonts
        self.document = document
        self.size = size
        self.styles = GridStyles.at_size(fonts, size)

    def build(self, table: FormTable, width: float, with_title: bool) -> Table:
        lead = lead_columns(table)
        total_columns = lead + len(table.columns)
        rows: list[list[Cell]] = []
        spans: list[Span] = []
        if with_title:
            rows.append([self._text(table.title, self.styles.head, Role.HEI)])
            rows[0] += [""] * (total_columns - 1)
            spans.append(((0, 0), (total_columns - 1, 0)))
        head, head_spans = self._head(table, offset=len(rows))
        rows += head
        spans += head_spans
        head_count = len(rows)
        widths = self.column_widths(table, width)
        rows += [self._body_row(table, row, widths) for row in table.rows]
        grid = KeptTable(rows, colWidths=widths, repeatRows=head_count)
        grid.setStyle(ruled(self.fonts.primary(Role.FANGSONG), self.size, spans))
        return grid

    # -- head ---------------------------------------------------------------------------

    def _head(self, table: FormTable, offset: int) -> tuple[list[list[Cell]], list[Span]]:
        """The head's texts (in 黑体) and the spans of its merged cells, ``offset`` rows down."""
        width = lead_columns(table) + len(table.columns)
        texts: list[list[str]] = [[""] * width for _ in range(head_depth(table))]
        spans: list[Span] = []
        for cell in table_head(self.document, table):
            texts[cell.row][cell.column] = cell.text
            last_column, last_row = cell.column + cell.colspan - 1, cell.row + cell.rowspan - 1
            if (last_column, last_row) != (cell.column, cell.row):
                spans.append(((cell.column, offset + cell.row), (last_column, offset + last_row)))
        style = self.styles.head
        cells = [[self._text(t, style, Role.HEI) if t else "" for t in row] for row in texts]
        return cells, spans

    # -- body ---------------------------------------------------------------------------

    def _body_row(self, table: FormTable, row: Row, widths: list[float]) -> list[Cell]:
        style = self.styles.heading if row.is_heading else self.styles.label
        indented = ParagraphStyle(
            f"{style.name}-l{row.level}", parent=style, leftIndent=row.level * self.size
        )
        role = Role.HEI if row.is_heading else Role.FANGSONG
        cells: list[Cell] = [self._text(row.printed_label, indented, role)]
        if table.unit_header:  # a heading row has no unit: a dash, as the printed form has
            cells.append(self._short(row.unit or NO_UNIT, widths[1]))
        for column, width in zip(table.columns, widths[-len(table.columns) :], strict=True):
            key = table.cell_key(row.id, column.id)
            entry = None if row.is_heading else self.document.values.get(key)
            cells.append(self._short(format_entry(entry), width))
        return cells

    def _short(self, text: str, width: float) -> Cell:
        """A unit or a figure: a plain string where it fits in the main face (drawn much
        faster than a paragraph), else a wrapping paragraph with font fallback."""
        font = self.fonts.primary(Role.FANGSONG)
        runs = self.fonts.runs(text, Role.FANGSONG)
        fits = stringWidth(text, font, self.size) <= width - 2 * PADDING
        if fits and all(run_font == font for run_font, _ in runs):
            return text
        return self._text(text, self.styles.value, Role.FANGSONG)

    def _text(self, text: str, style: ParagraphStyle, role: Role) -> CJKParagraph:
        return CJKParagraph(self.fonts.markup(text, role), style)

    # -- geometry and rules -------------------------------------------------------------

    def column_widths(self, table: FormTable, width: float) -> list[float]:
        """Value columns as narrow as they may be; the label column takes the rest."""
        label, lead, value = self._widths(table, width)
        count = len(table.columns)
        if label < 4 * self.size:  # too many columns for any size: all of them narrower
            label = 4 * self.size
            value = (width - sum(lead) - label) / count
        return [label, *lead, *([value] * count)]

    def _widths(self, table: FormTable, width: float) -> tuple[float, list[float], float]:
        """The label column's width (what is left), the unit column's, each value column's."""
        count = len(table.columns)
        if count == 1:
            heading = self.document.column_heading(table, table.columns[0])  # with its unit
            wanted = stringWidth(heading, self.styles.head.fontName, self.size)
            value = min(max(self.SINGLE_VALUE_WIDTH, wanted + 8), self.MAX_SINGLE_VALUE_WIDTH)
            unit = self.UNIT_WIDTH
        else:
            unit = self.MATRIX_UNIT_WIDTH
            lead_width = unit if table.unit_header else 0.0
            wanted = min(self.MAX_VALUE_WIDTH, width * 0.6 / count)
            heads = self._one_line_heads(table, width - lead_width)
            value = max(self._narrowest_value(table), wanted, heads)
        lead = [unit] if table.unit_header else []
        return width - sum(lead) - value * count, lead, value

    def _one_line_heads(self, table: FormTable, room: float) -> float:
        """Value columns wide enough for each column's heading on one line (本年制发件数 printed
        as 本年制发件 over a lone 数 looked broken), while the label column keeps at least
        :data:`LABEL_SHARE` of the ``room`` beside the unit column; 0 where it would not."""
        font = self.styles.head.fontName
        heads = max(
            stringWidth(self.document.column_heading(table, column), font, self.size)
            for column in table.columns
        )
        needed = heads + 2 * PADDING + 1
        return needed if needed * len(table.columns) <= room * (1 - LABEL_SHARE) else 0.0

    def fits(self, table: FormTable, width: float) -> bool:
        """Whether the table fits ``width`` at this size: every value column wide enough for
        two characters of its head and its longest figure, the label column for its labels
        (up to six characters a line)."""
        if len(table.columns) == 1:
            return True
        return self._widths(table, width)[0] >= self._narrowest_label(table)

    def _narrowest_value(self, table: FormTable) -> float:
        figures = [
            format_entry(self.document.values.get(table.cell_key(row.id, column.id)))
            for row in table.value_rows()
            for column in table.columns
        ]
        font = self.fonts.primary(Role.FANGSONG)
        widest = max((stringWidth(text, font, self.size) for text in figures), default=0.0)
        return max(2 * self.size, widest) + 2 * PADDING

    def _narrowest_label(self, table: FormTable) -> float:
        font = self.fonts.primary(Role.HEI)
        longest = max(
            stringWidth(row.printed_label, font, self.size) + row.level * self.size
            for row in table.rows
        )
        return float(min(longest, 6 * self.size) + 2 * PADDING)


class KeptTable(Table):  # type: ignore[misc]
    """A ruled table parted between pages only where at least two body rows stay on each
    side, so that no row stands alone under the repeated head.

    ``keep_rows`` is what must go with a heading above the table: its head and two rows.
    """

    MIN_ROWS = 2

    @property
    def head_rows(self) -> int:
        repeat = self.repeatRows
        return len(repeat) if isinstance(repeat, tuple | list) else int(repeat)

    @property
    def keep_rows(self) -> int:
        return min(self.head_rows + self.MIN_ROWS, len(self._cellvalues))

    def split(self, availWidth: float, availHeight: float) -> list[Table]:
        self._calc(availWidth, availHeight)
        heights: list[float] = list(self._rowHeights)
        fitting, used = 0, 0.0
        while fitting < len(heights) and used + heights[fitting] <= availHeight + 1e-6:
            used += heights[fitting]
            fitting += 1
        last = min(fitting, len(heights) - self.MIN_ROWS)
        if last - self.head_rows < self.MIN_ROWS:
            at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
            return list(super().split(availWidth, availHeight)) if at_top else []
        parts: list[Table] = super().split(availWidth, sum(heights[:last]) + 1e-3)
        return parts


def ruled(font: str, size: float, spans: list[Span]) -> TableStyle:
    """A ruled grid; the FONT entry keeps reportlab from selecting unembedded Helvetica."""
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),  # units and figures given as plain strings
    ]
    commands += [("SPAN", start, end) for start, end in spans]
    return TableStyle(commands)


def problems_grid(fonts: FontChain, rows: list[tuple[str, str]], width: float) -> Table:
    """The open problems of a draft as a two-column ruled table: 代码 and 问题."""
    styles = GridStyles.at_size(fonts, 12)
    cells: list[list[Cell]] = [
        [CJKParagraph(fonts.markup(t, Role.HEI), styles.head) for t in ("代码", "问题")]
    ]
    for code, message in rows:
        cells.append(
            [
                CJKParagraph(fonts.markup(code, Role.FANGSONG), styles.value),
                CJKParagraph(fonts.markup(message, Role.FANGSONG), styles.label),
            ]
        )
    grid = Table(cells, colWidths=[22 * mm, width - 22 * mm], repeatRows=1)
    grid.setStyle(ruled(fonts.primary(Role.FANGSONG), 12, []))
    return grid
