"""Ruled tables rebuilt from a PDF page: the rules make a lattice, missing rules make merges.

The rules of a page that touch one another form a table. Its distinct rule positions cut it
into a lattice of rows and columns; where the rule between two neighbouring lattice cells is
missing, they are one merged cell (a group header such as 申请人情况 or 行政复议 spans the
columns below it). Each glyph goes to the lattice cell its centre lies in; a cell's text is
its glyphs line by line. What a table covers is kept out of the page's running text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from forms.importing.sources.pdfpage import Glyph, Rule
from forms.importing.sources.tables import Cell, Table

TOLERANCE = 2.0
MAX_RULES = 1500


@dataclass
class Lattice:
    """One ruled table on a page: rule positions (xs left to right, ys top to bottom)."""

    xs: list[float]
    ys: list[float]
    horizontal: list[Rule] = field(default_factory=list)
    vertical: list[Rule] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def contains(self, glyph: Glyph) -> bool:
        left, bottom, right, top = self.box
        return left <= glyph.cx <= right and bottom <= glyph.cy <= top

    def place(self, glyph: Glyph) -> tuple[int, int]:
        """The lattice cell (row, column) of a glyph inside the table."""
        column = min(max(bisect_right(self.xs, glyph.cx) - 1, 0), len(self.xs) - 2)
        descending = [-y for y in self.ys]
        row = min(max(bisect_right(descending, -glyph.cy) - 1, 0), len(self.ys) - 2)
        return row, column


def lattices(rules: list[Rule]) -> list[Lattice]:
    """The ruled tables among a page's rules, top of the page first."""
    horizontal = _merged([rule for rule in rules if rule.horizontal])[:MAX_RULES]
    vertical = _merged([rule for rule in rules if not rule.horizontal])[:MAX_RULES]
    groups = _touching(horizontal, vertical)
    found = []
    for hs, vs in groups:
        ys = _positions([rule.at for rule in hs], descending=True)
        xs = _positions([rule.at for rule in vs], descending=False)
        if len(xs) >= 2 and len(ys) >= 2:
            found.append(Lattice(xs, ys, hs, vs))
    return sorted(found, key=lambda lattice: -lattice.ys[0])


def _merged(rules: list[Rule]) -> list[Rule]:
    """Collinear rules that overlap or nearly touch, as one rule each."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.at / TOLERANCE), r.start)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and abs(last.at - rule.at) <= TOLERANCE
            and rule.start <= last.end + TOLERANCE
        ):
            merged[-1] = Rule(last.horizontal, last.at, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return merged


def _touching(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rules connected by crossings (union-find over the rules)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for h_index, h in enumerate(horizontal):
        for v_index, v in enumerate(vertical):
            if _cross(h, v):
                parent[root(h_index)] = root(len(horizontal) + v_index)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = defaultdict(lambda: ([], []))
    for index, rule in enumerate(horizontal):
        groups[root(index)][0].append(rule)
    for index, rule in enumerate(vertical):
        groups[root(len(horizontal) + index)][1].append(rule)
    return [group for group in groups.values() if group[0] and group[1]]


def _cross(h: Rule, v: Rule) -> bool:
    return (
        h.start - TOLERANCE <= v.at <= h.end + TOLERANCE
        and v.start - TOLERANCE <= h.at <= v.end + TOLERANCE
    )


def _positions(values: list[float], descending: bool) -> list[float]:
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= TOLERANCE:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    centres = [sum(cluster) / len(cluster) for cluster in clusters]
    return sorted(centres, reverse=descending)


def table_of(lattice: Lattice, glyphs: list[Glyph], where: str) -> Table:
    """The cells of a ruled table with their merges, and the text of each."""
    regions = _regions(lattice)
    texts: dict[tuple[int, int], list[Glyph]] = defaultdict(list)
    for glyph in glyphs:
        texts[regions[lattice.place(glyph)]].append(glyph)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (row, column), top_left in regions.items():
        rows, columns = spans.get(top_left, (1, 1))
        spans[top_left] = (
            max(rows, row - top_left[0] + 1),
            max(columns, column - top_left[1] + 1),
        )
    table = Table(where)
    for (row, column), (rows, columns) in sorted(spans.items()):
        text = cell_text(texts.get((row, column), []))
        table.cells.append(Cell(row, column, text, rows, columns))
    return table


def _regions(lattice: Lattice) -> dict[tuple[int, int], tuple[int, int]]:
    """Each lattice cell → the top-left lattice cell of the merged cell it belongs to."""
    rows, columns = len(lattice.ys) - 1, len(lattice.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        first, second = sorted((root(a), root(b)))
        parent[second] = first

    for row in range(rows):
        middle_y = (lattice.ys[row] + lattice.ys[row + 1]) / 2
        for column in range(columns):
            middle_x = (lattice.xs[column] + lattice.xs[column + 1]) / 2
            if column + 1 < columns and not _ruled(
                lattice.vertical, lattice.xs[column + 1], middle_y
            ):
                join((row, column), (row, column + 1))
            if row + 1 < rows and not _ruled(lattice.horizontal, lattice.ys[row + 1], middle_x):
                join((row, column), (row + 1, column))
    return {cell: root(cell) for cell in parent}


def _ruled(rules: list[Rule], at: float, across: float) -> bool:
    return any(
        abs(rule.at - at) <= TOLERANCE and rule.start - TOLERANCE <= across <= rule.end + TOLERANCE
        for rule in rules
    )


def cell_text(glyphs: list[Glyph]) -> str:
    """Glyphs as lines top to bottom, each left to right; lines joined as one text."""
    return "\n".join(line_text(line) for line in lines_of(glyphs))


def lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines (by vertical overlap), top line first, each left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.cy, g.x0)):
        line = lines[-1] if lines else None
        if line is not None and abs(line[0].cy - glyph.cy) <= max(line[0].height, 1.0) * 0.5:
            line.append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def line_text(line: list[Glyph]) -> str:
    """A line's characters; a space where a wide gap separates them (columns, Latin words)."""
    out: list[str] = []
    for before, glyph in zip([None, *line], line, strict=False):
        if before is not None and glyph.text != " " and before.text != " ":
            gap = glyph.x0 - before.x1
            size = max(glyph.height, before.height, 1.0)
            latin = before.text.isascii() and glyph.text.isascii()
            if gap > size * 0.9 or (latin and gap > size * 0.2):
                out.append(" ")
        if not (glyph.text == " " and out and out[-1] == " "):
            out.append(glyph.text)
    return "".join(out).strip()
