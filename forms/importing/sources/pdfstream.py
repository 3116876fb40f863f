"""Tables without rules rebuilt from a PDF page: rows of figures aligned in columns.

A table printed without borders is text: each line is cut where a wide gap separates its
pieces. A line whose pieces after the first are figures is a table row; a run of at least
:data:`MIN_ROWS` such lines, with the label lines between them and the column headers above,
is a table. The columns are the clusters of the figures' centres. The header is the run of
lines above the first row in the table's type size, none of them running from the label
column across the figures (a paragraph); :mod:`.pdfheader` joins its wrapped lines into cells.

A label broken over two lines is joined: a label line followed by a line of figures alone
belongs to those figures (figures set between the two lines of their label too); a label
line without numbering goes on the row before it (or on the numbered line waiting for its
figures); one with numbering (（三）不予公开) is a row of its own.

A table that runs on from the previous page is read with that page's columns (``carried``),
so that the parts line up even where a column is blank on one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from forms.importing.labels import fold, strip_numbering
from forms.importing.sources.pdfheader import Box, header_cells
from forms.importing.sources.pdflattice import line_text
from forms.importing.sources.pdfpage import Glyph
from forms.importing.sources.tables import Cell, Table

MIN_ROWS = 3
MAX_HEADER_LINES = 3  # header lines left at a page's foot, their rows overleaf
MAX_HEADER_SCAN = 16  # lines looked at above a table's first row for its header
MAX_HEADER_PIECES = 400  # pieces of text in a header (the wide table 四 has 40)
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
    y0: float = 0.0
    y1: float = 0.0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def figure(self) -> bool:
        return bool(_FIGURE.match(fold(self.text)))

    def box(self) -> Box:
        return Box(self.text, self.x0, self.x1, self.y0, self.y1)


def pieces_of(line: list[Glyph], gap: float = GAP) -> list[Piece]:
    """The line cut at each gap wider than ``gap`` character heights."""
    runs: list[list[Glyph]] = [[line[0]]]
    for before, glyph in pairwise(line):
        size = max(glyph.height, before.height, 1.0)
        if glyph.x0 - before.x1 > size * gap:
            runs.append([glyph])
        else:
            runs[-1].append(glyph)
    return [
        Piece(
            line_text(run),
            run[0].x0,
            run[-1].x1,
            min(g.y0 for g in run),
            max(g.y1 for g in run),
        )
        for run in runs
        if line_text(run)
    ]


@dataclass
class Found:
    """The unruled tables of a page, the lines left over, and how the tables meet the page:
    ``at_top`` the first table starts on the page's first line, ``at_foot`` the last ends on
    its last line; ``columns`` are the last table's figure columns."""

    tables: list[Table]
    rest: list[list[Glyph]]
    at_top: bool = False
    at_foot: bool = False
    columns: list[float] = field(default_factory=list)


def stream_tables(
    lines: list[list[Glyph]], where: str, carried: list[float] | None = None
) -> Found:
    """The unruled tables among a page's lines, and the lines that are not part of one.

    ``carried`` are the columns of a table the previous page ended with: a table at the top
    of this page whose figures stand in those columns continues it and is read with them.
    """
    cut = [pieces_of(line) for line in lines]
    rows = [_is_row(pieces) for pieces in cut]
    found = Found([], [])
    used: set[int] = set()
    start = 0
    while start < len(lines):
        if not rows[start]:
            start += 1
            continue
        end = start
        while end + 1 < len(lines) and (rows[end + 1] or _label_between(cut, rows, end + 1)):
            end += 1
        columns = _columns(
            [p for pieces in cut[start : end + 1] if _is_row(pieces) for p in pieces[1:]]
        )
        shape = _Shape.of(lines, cut, start, end, columns)
        end = _label_tail(lines, cut, end, shape)
        top, header_end = _header_lines(lines, start, shape)
        if carried and not found.tables and _fits(columns, carried):
            shape = _Shape.of(lines, cut, start, end, carried)
            top, header_end = _header_lines(lines, start, shape)
            if top == start and _labels_only(cut[:start], shape):
                top = header_end = 0  # a label overleaf waiting for its figures
        if sum(rows[start : end + 1]) >= MIN_ROWS or top < start:
            number = len(found.tables) + 1
            header = [
                p.box() for line in lines[top:header_end] for p in pieces_of(line, HEADER_GAP)
            ]
            if len(header) > MAX_HEADER_PIECES:  # no table's header: text, not joined
                top = header_end = start
                header = []
            table = _table(header, cut[header_end : end + 1], shape, f"{where}无框表格{number}")
            found.tables.append(table)
            found.at_top = found.at_top or (number == 1 and top == 0)
            found.at_foot = end == len(lines) - 1
            found.columns = shape.columns
            used.update(range(top, end + 1))
        start = end + 1
    found.rest = [line for index, line in enumerate(lines) if index not in used]
    return found


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


@dataclass
class _Shape:
    """Where a table's columns stand: figure centres, the label column's left edge and the
    x where it ends, the type size."""

    columns: list[float]
    left: float
    boundary: float
    size: float

    @classmethod
    def of(
        cls,
        lines: list[list[Glyph]],
        cut: list[list[Piece]],
        start: int,
        end: int,
        columns: list[float],
    ) -> _Shape:
        body = cut[start : end + 1]
        labels = [pieces[0] for pieces in body if not pieces[0].figure]
        figures = [p for pieces in body if _is_row(pieces) for p in pieces[1:]]  # units too
        sizes = sorted(max(g.height for g in line) for line in lines[start : end + 1])
        size = sizes[len(sizes) // 2] if sizes else 10.0
        left = min((p.x0 for p in labels), default=min((p.x0 for p in figures), default=0.0))
        first = min((p.x0 for p in figures), default=columns[0] if columns else 0.0)
        right = max((p.x1 for p in labels), default=first - 3 * size)
        return cls(columns, left, (min(right, first) + first) / 2, size)


def _fits(columns: list[float], carried: list[float]) -> bool:
    """Whether the figure columns of a page stand in the columns of the page before."""
    if not columns or len(columns) > len(carried):
        return False
    spacing = min((b - a for a, b in pairwise(carried)), default=20.0)
    return all(min(abs(c - k) for k in carried) <= spacing / 3 for c in columns)


def _label_tail(lines: list[list[Glyph]], cut: list[list[Piece]], end: int, shape: _Shape) -> int:
    """The last line of a table whose last row's label wraps onto lines after its figures."""
    last = min(end + MAX_LABEL_LINES, len(lines) - 1)
    while end < last:
        pieces = cut[end + 1]
        gap = min(g.y0 for g in lines[end]) - max(g.y1 for g in lines[end + 1])
        text = fold(pieces[0].text)
        if not (
            _labels_only([pieces], shape)
            and strip_numbering(text) == text
            and gap <= shape.size * 0.8
        ):
            break
        end += 1
    return end


def _labels_only(cut: list[list[Piece]], shape: _Shape) -> bool:
    """Whether these lines are a row's label lines: one piece each, flush with the labels."""
    return len(cut) <= MAX_LABEL_LINES and all(
        len(pieces) == 1
        and not pieces[0].figure
        and abs(pieces[0].x0 - shape.left) <= shape.size * 0.6
        and pieces[0].x1 < shape.boundary
        for pieces in cut
    )


def _header_lines(lines: list[list[Glyph]], start: int, shape: _Shape) -> tuple[int, int]:
    """The first line of the header over row line ``start`` and the line after its last.

    Lines count as header while they are in the table's type size, close to the line below,
    not a row of figures and not a paragraph (text from the label column across the
    figures); label lines below the last header text over the figures are rows (一、…).
    """
    top = start
    last_over_figures = -1
    for above in range(start - 1, max(start - 1 - MAX_HEADER_SCAN, -1), -1):
        line = lines[above]
        pieces = pieces_of(line, HEADER_GAP)
        size = max(glyph.height for glyph in line)
        gap = min(g.y0 for g in line) - max(g.y1 for g in lines[above + 1])
        if (
            _is_row(pieces_of(line))
            or not shape.size * 0.75 <= size <= shape.size * 1.1  # headers may be smaller
            or gap > shape.size * 1.6
            or any(  # text running from the label column over the figures: a paragraph
                p.x0 < shape.boundary - shape.size and p.x1 > shape.boundary + shape.size
                for p in pieces
            )
        ):
            break
        over_figures = any(p.centre >= shape.boundary for p in pieces)
        if not over_figures and any(p.x0 > shape.left + shape.size * 0.6 for p in pieces):
            break  # label-column text not flush with the labels: a heading of the report
        top = above
        if last_over_figures < 0 and over_figures:
            last_over_figures = above
    if last_over_figures < 0:
        return start, start
    return top, last_over_figures + 1


def _table(header: list[Box], body: list[list[Piece]], shape: _Shape, where: str) -> Table:
    table = Table(where)
    cells, row = header_cells(header, shape.columns, shape.boundary, shape.size)
    table.cells.extend(cells)
    table.header_rows = row
    table.columns_at = [round(x) for x in shape.columns]
    row -= 1
    label_open = False  # the last row's label may go on (no numbering on the next line)
    pending: str | None = None  # a numbered label line waiting for its figures
    for pieces in body:
        label = pieces[0].text if not pieces[0].figure else ""
        values = pieces[1:] if label else pieces
        numbered = bool(label) and strip_numbering(fold(label)) != fold(label)
        if not _is_row(pieces) and not (values and all(piece.figure for piece in values)):
            if pending is None and label_open and not numbered:
                _extend_label(table, row, label)
            elif pending is not None and not numbered:
                pending += label
            else:
                if pending is not None:
                    row += 1
                    table.cells.append(Cell(row, 0, pending))
                pending = label
            continue
        if pending is not None:
            if numbered:
                row += 1
                table.cells.append(Cell(row, 0, pending))
            else:
                label = pending + label
            pending = None
        row += 1
        table.cells.append(Cell(row, 0, label))
        for piece in values:
            table.cells.append(Cell(row, _column(piece, shape.columns, shape.boundary), piece.text))
        label_open = True
    if pending is not None:
        table.cells.append(Cell(row + 1, 0, pending))
    return table


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


def _column(piece: Piece, columns: list[float], boundary: float) -> int:
    """0 for the label column, else 1 + the nearest figure column."""
    if not columns or piece.centre < boundary:
        return 0
    nearest = min(range(len(columns)), key=lambda k: abs(columns[k] - piece.centre))
    return 1 + nearest
