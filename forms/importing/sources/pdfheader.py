"""The column headers of a table without rules: wrapped header lines joined, groups spanned.

A header longer than its column wraps (结转下年 / 度继续办理, 法人或 / 其他组织, 结果维 / 持): the
pieces of text standing one under another, aligned (centred or flush left) with a small gap,
are one header cell, unless they are two headers: a group over its first child (申请人情况 over
法人或其他组织). The headers of the national formats tell the two apart: lines whose joined
text begins a known header are joined, a known header over the beginning of another is not;
text no format knows is joined when the lower line is no wider than the upper (a wrapped line
fills its column, its rest is shorter).

The lowest cell over each figure column is that column's header (a *leaf*); the others are
group headers, in levels by their height on the page. A group is centred over the columns
it spans, within the group above it, short of its neighbours, and not over a leaf that stands
as high as itself (自然人 and 总计 beside 法人或其他组织). A leaf under fewer groups than the
deepest spans the rows down to the header's foot. Text in the label column is the corner note
(wrapped lines joined), or a title above the whole header.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from forms.importing.labels import label_key
from forms.importing.sources.tables import Cell

ALIGN = 0.6  # character heights: lines of one cell are centred or start this close
GAP = 0.9  # character heights: the most space between two lines of one cell


@dataclass
class Box:
    """A piece of header text on one line: its text and box (PDF points, y upwards)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Block:
    """A header cell: its lines, top first."""

    lines: list[Box] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def top(self) -> float:
        return max(line.y1 for line in self.lines)

    @property
    def bottom(self) -> float:
        return min(line.y0 for line in self.lines)

    @property
    def centre(self) -> float:
        return (min(b.x0 for b in self.lines) + max(b.x1 for b in self.lines)) / 2


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """The match keys of every header, group, note and title of the shipped formats."""
    from forms.definition_files import available_forms

    texts: set[str] = set()
    for form in available_forms():
        for table in form.tables:
            texts.update([table.title, table.note, table.label_header, table.unit_header])
            for column in table.columns:
                texts.update([column.label, *column.groups])
                texts.update(column.heading(unit) for unit in column.units)
    return frozenset(key for key in map(label_key, texts) if key)


def _begins(key: str) -> bool:
    return bool(key) and any(known.startswith(key) for known in _known())


def joins(upper: str, lower: str, narrower: bool) -> bool:
    """Whether ``lower`` goes on the header cell ``upper`` (the line above it)."""
    above, below = label_key(upper), label_key(lower)
    if _begins(label_key(upper + lower)):
        return True
    if above in _known() or _begins(below):
        return False  # a whole header over another (or the beginning of one)
    return narrower


def blocks_of(boxes: list[Box], size: float) -> list[Block]:
    """Header pieces joined into cells (see the module docstring)."""
    found: list[Block] = []
    for box in sorted(boxes, key=lambda b: (-b.y1, b.x0)):
        block = _above(found, box, size)
        lower_fits = block is not None and box.x1 - box.x0 <= _width(block) + size * 0.5
        if block is not None and joins(block.text, box.text, lower_fits):
            block.lines.append(box)
        else:
            found.append(Block([box]))
    return found


def _width(block: Block) -> float:
    return max(line.x1 - line.x0 for line in block.lines)


def _above(found: list[Block], box: Box, size: float) -> Block | None:
    """The cell whose last line stands right above ``box``, aligned with it."""
    best: Block | None = None
    for block in found:
        last = block.lines[-1]
        gap = last.y0 - box.y1
        aligned = abs(last.centre - box.centre) <= size * ALIGN or abs(last.x0 - box.x0) <= (
            size * ALIGN
        )
        closer = best is None or last.y0 < best.lines[-1].y0
        if -size * 0.3 <= gap <= size * GAP and aligned and closer:
            best = block
    return best


def header_cells(
    boxes: list[Box], columns: list[float], boundary: float, size: float
) -> tuple[list[Cell], int]:
    """The header of a table as cells (0-based rows; column 0 is the label column) and the
    number of header rows. ``columns`` are the figure columns' centres, ``boundary`` the x
    where the label column ends."""
    labels = blocks_of([b for b in boxes if b.centre < boundary], size)
    heads = blocks_of([b for b in boxes if b.centre >= boundary], size)
    if not heads or not columns:
        return _corner_only(labels)
    highest = max(block.top for block in heads)
    titles = sorted((b for b in labels if b.bottom > highest), key=lambda b: -b.top)
    corner = sorted((b for b in labels if b.bottom <= highest), key=lambda b: -b.top)
    leaves = _leaves(heads, columns)
    groups = [block for block in heads if id(block) not in {id(b) for b, _, _ in leaves}]
    levels = _levels(groups)
    spans = _group_spans(levels, leaves, columns, size)
    depth = len(levels)
    top = len(titles)
    cells = [
        Cell(number, 0, block.text, 1, len(columns) + 1) for number, block in enumerate(titles)
    ]
    if corner:
        cells.append(Cell(top, 0, "".join(b.text for b in corner), depth + 1, 1))
    for level, placed in enumerate(spans):
        for block, first, end in placed:
            cells.append(Cell(top + level, first + 1, block.text, 1, end - first + 1))
    for block, first, end in leaves:
        start = 1 + max(
            (level for level, placed in enumerate(spans) for _, a, b in placed if a <= first <= b),
            default=-1,
        )
        cells.append(Cell(top + start, first + 1, block.text, depth + 1 - start, end - first + 1))
    return cells, top + depth + 1


def _corner_only(labels: list[Block]) -> tuple[list[Cell], int]:
    ordered = sorted(labels, key=lambda b: -b.top)
    return [Cell(number, 0, block.text) for number, block in enumerate(ordered)], len(ordered)


def _leaves(heads: list[Block], columns: list[float]) -> list[tuple[Block, int, int]]:
    """The lowest cell over each figure column, with the columns it is lowest over."""
    spacing = min((b - a for a, b in pairwise(columns)), default=1e9)
    lowest: dict[int, Block] = {}
    for number, centre in enumerate(columns):
        over = [
            block
            for block in heads
            if abs(block.centre - centre) <= spacing / 2
            or min(b.x0 for b in block.lines) <= centre <= max(b.x1 for b in block.lines)
        ]
        if over:
            lowest[number] = min(over, key=lambda block: block.bottom)
    leaves: list[tuple[Block, int, int]] = []
    for number in sorted(lowest):
        block = lowest[number]
        if leaves and leaves[-1][0] is block and leaves[-1][2] == number - 1:
            leaves[-1] = (block, leaves[-1][1], number)
        elif not any(placed is block for placed, _, _ in leaves):
            leaves.append((block, number, number))
    return leaves


def _levels(groups: list[Block]) -> list[list[Block]]:
    """Group cells in rows: cells whose heights overlap stand in one row; top row first."""
    levels: list[list[Block]] = []
    for block in sorted(groups, key=lambda b: -(b.top + b.bottom)):
        row = levels[-1] if levels else None
        if row is not None and block.top >= min(b.bottom for b in row):
            row.append(block)
        else:
            levels.append([block])
    return [sorted(row, key=lambda b: b.centre) for row in levels]


def _group_spans(
    levels: list[list[Block]],
    leaves: list[tuple[Block, int, int]],
    columns: list[float],
    size: float,
) -> list[list[tuple[Block, int, int]]]:
    """Each group with the first and last figure column it spans (0-based), row by row."""
    last = len(columns) - 1
    floor_top = min((leaf.top for leaf, _, _ in leaves), default=0.0)
    floor_middle = min(((leaf.top + leaf.bottom) / 2 for leaf, _, _ in leaves), default=0.0)
    placed: list[list[tuple[Block, int, int]]] = []
    parents: list[tuple[int, int]] = []
    for number, row in enumerate(levels):
        deepest = number == len(levels) - 1
        blocked = {
            column
            for leaf, first, end in leaves
            if leaf.top > min(b.bottom for b in row) - size * 0.2
            or (
                deepest
                and leaf.top > floor_top + size * 0.4
                and (leaf.top + leaf.bottom) / 2 > floor_middle + size * 0.4
            )
            for column in range(first, end + 1)
        }
        spans: list[tuple[Block, int, int]] = []
        previous_end = -1
        for index, block in enumerate(row):
            middle = round(2 * _position(block.centre, columns)) / 2  # centred: whole or half
            low, high = next(
                ((a, b) for a, b in parents if a - 0.5 <= middle <= b + 0.5), (0, last)
            )
            low = max([low, previous_end + 1] + [c + 1 for c in blocked if c < middle])
            high = min([high] + [c - 1 for c in blocked if c > middle])
            if index + 1 < len(row):
                high = min(high, math.ceil(_position(row[index + 1].centre, columns)) - 1)
            first = max(low, math.ceil(2 * middle - high - 1e-9))
            end = min(high, math.floor(2 * middle - low + 1e-9))
            if first > end:
                first = end = min(max(round(middle), 0), last)
            spans.append((block, first, end))
            previous_end = end
        placed.append(spans)
        parents = [(a, b) for _, a, b in spans] or parents
    return placed


def _position(x: float, columns: list[float]) -> float:
    """``x`` as a fractional column index (0 at the first column's centre)."""
    if len(columns) < 2 or x <= columns[0]:
        return 0.0
    for index in range(len(columns) - 1):
        if x <= columns[index + 1]:
            return index + (x - columns[index]) / (columns[index + 1] - columns[index])
    return float(len(columns) - 1)
