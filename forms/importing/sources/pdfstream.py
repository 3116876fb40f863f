"""Tables without rules rebuilt from a PDF page: rows of figures aligned in columns.

A table printed without borders is text: each line is cut where a wide gap separates its
pieces. A line whose pieces after the first are figures is a table row; a run of at least
:data:`MIN_ROWS` such lines, with the label lines between them and up to
:data:`MAX_HEADER_LINES` lines of column headers above, is a table. The columns are the
clusters of the figures' centres. A label broken over two lines is joined: a label line
followed by a line of figures alone belongs to those figures; a label line without
numbering after a row goes on that row's label; one with numbering (（三）不予公开) is a row of
its own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise

from forms.importing.labels import fold, strip_numbering
from forms.importing.sources.pdflattice import line_text
from forms.importing.sources.pdfpage import Glyph
from forms.importing.sources.tables import Cell, Table

MIN_ROWS = 3
MAX_HEADER_LINES = 3
MAX_LABEL_LINES = 5  # label lines in a row between two rows of figures (wrapped headings)
MAX_UNIT = 3  # a unit printed in its own column: 件, 条, 万元, 人次
GAP = 1.2  # in character heights: a wider gap separates two cells
HEADER_GAP = 0.4  # column headers stand closer: CJK characters of one header touch
_FIGURE = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?$|^[-—–/]$")


@dataclass
class Piece:
    """A run of glyphs of a line without a wide gap: one cell's text on that line."""

    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def figure(self) -> bool:
        return bool(_FIGURE.match(fold(self.text)))


def pieces_of(line: list[Glyph], gap: float = GAP) -> list[Piece]:
    """The line cut at each gap wider than ``gap`` character heights."""
    runs: list[list[Glyph]] = [[line[0]]]
    for before, glyph in pairwise(line):
        size = max(glyph.height, before.height, 1.0)
        if glyph.x0 - before.x1 > size * gap:
            runs.append([glyph])
        else:
            runs[-1].append(glyph)
    return [Piece(line_text(run), run[0].x0, run[-1].x1) for run in runs if line_text(run)]


def stream_tables(lines: list[list[Glyph]], where: str) -> tuple[list[Table], list[list[Glyph]]]:
    """The unruled tables among a page's lines, and the lines that are not part of one."""
    cut = [pieces_of(line) for line in lines]
    rows = [_is_row(pieces) for pieces in cut]
    tables: list[Table] = []
    used: set[int] = set()
    start = 0
    while start < len(lines):
        if not rows[start]:
            start += 1
            continue
        end = start
        while end + 1 < len(lines) and (rows[end + 1] or _label_between(cut, rows, end + 1)):
            end += 1
        top = _header_start(cut, start)
        if sum(rows[start : end + 1]) >= MIN_ROWS or top < start:
            number = len(tables) + 1
            headers = [pieces_of(line, HEADER_GAP) for line in lines[top:start]]
            table = _table(headers + cut[start : end + 1], start - top, f"{where}无框表格{number}")
            tables.append(table)
            used.update(range(top, end + 1))
        start = end + 1
    return tables, [line for index, line in enumerate(lines) if index not in used]


def dangling_header(lines: list[list[Glyph]]) -> int:
    """How many lines at the foot of a page are a table's headers whose rows the next page
    holds: from a line of several pieces (not figures) among the last lines to the end, the
    lines after it being labels (一、主动公开情况)."""
    for back in range(1, min(MAX_HEADER_LINES, len(lines)) + 1):
        pieces = pieces_of(lines[-back])
        if len(pieces) >= 2 and not _is_row(pieces):
            return back
        if len(pieces) != 1 or pieces[0].figure:
            return 0
    return 0


def _is_row(pieces: list[Piece]) -> bool:
    """A label (or none) and then figures, perhaps with a unit (件, 条, 万元) among them."""
    rest = pieces[1:]
    return any(piece.figure for piece in rest) and all(
        piece.figure or len(fold(piece.text)) <= MAX_UNIT for piece in rest
    )


def _label_between(cut: list[list[Piece]], rows: list[bool], index: int) -> bool:
    """A label line (one piece, not a figure) with a row within the next lines."""
    for ahead in range(index, min(index + MAX_LABEL_LINES, len(cut))):
        if rows[ahead]:
            return True
        if len(cut[ahead]) != 1 or cut[ahead][0].figure:
            return False
    return False


def _header_start(cut: list[list[Piece]], start: int) -> int:
    """The first line of the column headers above row line ``start`` (``start`` if none).

    Headers are lines of several pieces; a label line or two (a heading row such as
    一、主动公开情况) may stand between them and the first row.
    """
    top = start
    for above in range(start - 1, max(start - 3, 0) - 1, -1):
        if len(cut[above]) >= 2 and not _is_row(cut[above]):
            top = above
            break
        if len(cut[above]) != 1:
            return start
    if top == start:
        return start
    while top > 0 and start - top < 2 * MAX_HEADER_LINES and len(cut[top - 1]) >= 2:
        top -= 1
    return top


def _table(cut: list[list[Piece]], header_lines: int, where: str) -> Table:
    figures = [piece for pieces in cut[header_lines:] for piece in pieces[1:] if _is_row(pieces)]
    columns = _columns(figures)
    left_edge = min(piece.x0 for piece in figures) if figures else 0.0
    table = Table(where)
    row = -1
    label_open = False  # the last row's label may go on (no numbering on the next line)
    pending: str | None = None  # a label line waiting for its figures
    parents: list[tuple[int, int]] = []  # the column spans of the header row above
    for number, pieces in enumerate(cut):
        if number < header_lines:
            row += 1
            spans = _header_spans(pieces, columns, left_edge, parents)
            for piece, first, end in spans:
                table.cells.append(Cell(row, first + 1, piece.text, 1, end - first + 1))
            parents = [(first, end) for _, first, end in spans if first >= 0] or parents
            continue
        label = pieces[0].text if not pieces[0].figure else ""
        values = pieces[1:] if label else pieces
        if not _is_row(pieces) and not (values and all(piece.figure for piece in values)):
            if label_open and strip_numbering(fold(label)) == fold(label) and pending is None:
                _extend_label(table, row, label)
            elif pending is not None:
                pending += label
            else:
                pending = label
            continue
        if pending is not None and not label:
            label, pending = pending, None
        elif pending is not None:
            row += 1
            table.cells.append(Cell(row, 0, pending))
            pending = None
        row += 1
        table.cells.append(Cell(row, 0, label))
        for piece in values:
            table.cells.append(Cell(row, _column(piece, columns, left_edge), piece.text))
        label_open = True
    if pending is not None:
        table.cells.append(Cell(row + 1, 0, pending))
    return table


def _header_spans(
    pieces: list[Piece], columns: list[float], left_edge: float, parents: list[tuple[int, int]]
) -> list[tuple[Piece, int, int]]:
    """Each header piece with the figure columns it spans (0-based, first and last).

    A header is centred over the columns it spans, within the span of the header above it
    (``parents``) and short of the next header's centre: the widest such span symmetric
    about its centre. Label-column pieces get (-1, -1).
    """
    placed: list[tuple[Piece, int, int]] = []
    headers = [piece for piece in pieces if _column(piece, columns, left_edge) > 0]
    placed.extend((piece, -1, -1) for piece in pieces if piece not in headers)
    last = len(columns) - 1
    previous_end = -1
    for index, piece in enumerate(headers):
        middle = _position(piece.centre, columns)
        low, high = next(((a, b) for a, b in parents if a - 0.5 <= middle <= b + 0.5), (0, last))
        low = max(low, previous_end + 1)
        if index + 1 < len(headers):
            high = min(high, math.ceil(_position(headers[index + 1].centre, columns)) - 1)
        first = max(low, math.ceil(2 * middle - high - 1e-9))
        end = min(high, math.floor(2 * middle - low + 1e-9))
        if first > end:
            first = end = min(max(round(middle), 0), last)
        placed.append((piece, first, end))
        previous_end = end
    return placed


def _position(x: float, columns: list[float]) -> float:
    """``x`` as a fractional column index (0 at the first column's centre)."""
    if len(columns) < 2 or x <= columns[0]:
        return 0.0
    for index in range(len(columns) - 1):
        if x <= columns[index + 1]:
            return index + (x - columns[index]) / (columns[index + 1] - columns[index])
    return float(len(columns) - 1)


def _extend_label(table: Table, row: int, more: str) -> None:
    for index, cell in enumerate(table.cells):
        if cell.row == row and cell.column == 0:
            table.cells[index] = Cell(row, 0, cell.text + more)
            return


def _columns(figures: list[Piece]) -> list[float]:
    """The centres of the figure columns, left to right."""
    centres: list[list[float]] = []
    for piece in sorted(figures, key=lambda p: p.centre):
        size = max(piece.x1 - piece.x0, 6.0)
        if centres and piece.centre - centres[-1][-1] <= size:
            centres[-1].append(piece.centre)
        else:
            centres.append([piece.centre])
    return [sum(group) / len(group) for group in centres]


def _column(piece: Piece, columns: list[float], left_edge: float) -> int:
    """0 for the label column, else 1 + the nearest figure column."""
    if not columns or piece.x1 < left_edge - 2:
        return 0
    nearest = min(range(len(columns)), key=lambda k: abs(columns[k] - piece.centre))
    return 1 + nearest
