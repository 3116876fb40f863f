"""A report printed to PDF the way many offices publish it: tables as aligned text, no rules.

Portrait A4, a running header (the report's title) on every page after the first and the page
number “— n —” at the foot. A table's columns have fixed widths, so a header longer than its
column wraps onto two or three lines (at the column's width, or where ``Press.wraps`` breaks it
by hand), centred in its cell and vertically centred in its header row; a group header
(申请人情况, 法人或其他组织, 行政诉讼 …) is centred over the columns it covers. A label longer
than the label column wraps, its figures on the first line (or between the lines, ``middle``).
A table runs on over the page break, its header repeated or not (``Press.repeat_header``);
``Press.breaks`` forces a break before a table's n-th body row (or after the first line of
its label, ``Press.split_row``, as Word lets a row break across pages), ``Press.new_pages`` before a
table (the next block of table 二, in the same columns as the one ending the page). Nothing
is drawn but text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from source_files import Block, Layout, Span

from forms.document import Document

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 60.0, 535.0, 770.0, 80.0
BODY = 10.5  # narrative text size
PAD = 3.0  # points between two rows of a table


@dataclass
class Press:
    """How the office's printer laid the report out."""

    wraps: dict[str, list[int]] = field(default_factory=dict)  # header text → break positions
    breaks: dict[int, int] = field(default_factory=dict)  # table index → body row on a new page
    new_pages: set[int] = field(default_factory=set)  # tables that start a new page
    repeat_header: bool = True
    middle: bool = False  # figures centred between the lines of a wrapped label
    split_row: bool = False  # the forced break falls inside the row: its label's rest overleaf
    running_header: str = ""


def write_press_pdf(
    document: Document, report: list[Block], path: Path, press: Press | None = None
) -> Path:
    """The report as an unruled, paginated PDF (see the module docstring)."""
    from reportlab.pdfgen import canvas

    from forms.pdf.fonts import last_resort_font

    press = press or Press()
    printer = _Printer(canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT)), last_resort_font())
    printer.running = press.running_header or document.unit + document.title()
    number = 0
    for block in report:
        if isinstance(block, str):
            printer.paragraph(block)
        else:
            if number in press.new_pages:
                printer.new_page()
            _table(printer, block, press, press.breaks.get(number))
            number += 1
    printer.finish()
    return path


class _Printer:
    """A canvas with a cursor, the running header and the page number."""

    def __init__(self, sheet: Any, font: str) -> None:
        self.sheet, self.font = sheet, font
        self.y = TOP
        self.page = 1
        self.running = ""

    def text(self, text: str, x: float, size: float, centre: bool = False) -> None:
        self.sheet.setFont(self.font, size)
        if centre:
            self.sheet.drawCentredString(x, self.y, text)
        else:
            self.sheet.drawString(x, self.y, text)

    def room(self, height: float) -> bool:
        return self.y - height >= BOTTOM

    def new_page(self) -> None:
        self._foot()
        self.sheet.showPage()
        self.page += 1
        self.y = TOP
        self.sheet.setFont(self.font, 9)
        self.sheet.drawCentredString(WIDTH / 2, HEIGHT - 40, self.running)

    def _foot(self) -> None:
        self.sheet.setFont(self.font, 10)
        self.sheet.drawCentredString(WIDTH / 2, 45, f"— {self.page} —")

    def paragraph(self, text: str) -> None:
        per_line = int((RIGHT - LEFT) / BODY)
        lines, first = [], text
        if first:
            lines.append(first[: per_line - 2])
            rest = first[per_line - 2 :]
            lines.extend(rest[k : k + per_line] for k in range(0, len(rest), per_line))
        for index, line in enumerate(lines):
            if not self.room(BODY * 1.6):
                self.new_page()
            self.text(line, LEFT + (2 * BODY if index == 0 else 0), BODY)
            self.y -= BODY * 1.6

    def finish(self) -> None:
        self._foot()
        self.sheet.save()


@dataclass
class _Grid:
    """Column edges of a table and its text size."""

    edges: list[float]
    size: float

    def chars(self, first: int, count: int) -> int:
        return max(int((self.edges[first + count] - self.edges[first] - 3) / self.size), 1)

    def centre(self, first: int, count: int) -> float:
        return (self.edges[first] + self.edges[first + count]) / 2


def _grid(table: Layout) -> _Grid:
    label = 150.0 if table.width <= 8 else 42.0
    size = 9.0 if table.width <= 8 else 7.5
    step = (RIGHT - LEFT - label) / (table.width - 1)
    return _Grid([LEFT, *(LEFT + label + step * k for k in range(table.width))], size)


def wrap(text: str, chars: int, breaks: list[int]) -> list[str]:
    """``text`` broken at ``breaks`` (positions), then each piece at ``chars`` characters."""
    pieces, start = [], 0
    for at in sorted(b for b in breaks if 0 < b < len(text)):
        pieces.append(text[start:at])
        start = at
    pieces.append(text[start:])
    return [piece[k : k + chars] for piece in pieces for k in range(0, len(piece), chars)]


def _table(printer: _Printer, table: Layout, press: Press, forced: int | None) -> None:
    grid = _grid(table)
    leading = grid.size * 1.25
    header, height = _header_lines(table, grid, press, leading)
    draw_header = _header_drawer(printer, header, grid, height)
    if not printer.room(height + leading * 2):
        printer.new_page()
    draw_header()
    for number in range(table.header_rows, table.height):
        spans = [s for s in table.spans if s.row == number and s.text]
        label = next((s.text for s in spans if s.column == 0), "")
        lines = wrap(label, grid.chars(0, 1), []) or [""]
        body = number - table.header_rows
        if press.split_row and body == forced and len(lines) > 1:
            _body_row(printer, spans, lines[:1], grid, leading, False)  # the row runs over
            spans, lines = [], lines[1:]
        if not printer.room(leading * len(lines)) or body == forced:
            printer.new_page()
            if press.repeat_header:
                draw_header()
        _body_row(printer, spans, lines, grid, leading, press.middle)
    printer.y -= leading * 0.8


def _header_lines(
    table: Layout, grid: _Grid, press: Press, leading: float
) -> tuple[list[tuple[Span, float, str]], float]:
    """Each header line as (span, its baseline's depth below the header's top, text), and the
    header's height: rows as tall as their tallest cell with a little padding between them, a
    cell's lines vertically centred in the rows it spans."""
    spans = [s for s in table.spans if s.row < table.header_rows and s.text]
    wrapped = {
        id(s): wrap(s.text, grid.chars(s.column, s.columns), press.wraps.get(s.text, []))
        for s in spans
    }
    tall = [1] * table.header_rows
    for span in sorted(spans, key=lambda s: s.rows):
        need = len(wrapped[id(span)])
        have = sum(tall[span.row : span.row + span.rows])
        tall[span.row + span.rows - 1] += max(need - have, 0)
    tops = [sum(tall[:row]) * leading + row * PAD for row in range(table.header_rows + 1)]
    out = []
    for span in spans:
        lines = wrapped[id(span)]
        room = tops[span.row + span.rows] - PAD - tops[span.row]
        first = tops[span.row] + (room - len(lines) * leading) / 2
        out.extend((span, first + (k + 0.8) * leading, text) for k, text in enumerate(lines))
    return out, tops[-1]


def _header_drawer(
    printer: _Printer, header: list[tuple[Span, float, str]], grid: _Grid, height: float
) -> Callable[[], None]:
    def draw() -> None:
        top = printer.y
        for span, depth, text in header:
            printer.y = top - depth
            if span.column == 0:
                printer.text(text, grid.edges[0], grid.size)
            else:
                printer.text(text, grid.centre(span.column, span.columns), grid.size, centre=True)
        printer.y = top - height - grid.size

    return draw


def _body_row(
    printer: _Printer,
    spans: list[Span],
    lines: list[str],
    grid: _Grid,
    leading: float,
    middle: bool,
) -> None:
    top = printer.y
    for index, line in enumerate(lines):
        printer.y = top - index * leading
        printer.text(line, grid.edges[0], grid.size)
    printer.y = top - (len(lines) - 1) * leading / 2 if middle else top
    for span in spans:
        if span.column > 0:
            printer.text(span.text, grid.centre(span.column, span.columns), grid.size, True)
    printer.y = top - len(lines) * leading - PAD
