"""Column headers over a table: which sheet column holds which column of the form.

A header may take several rows: 申请人情况 over 自然人 and over 法人或其他组织, which stands over
商业企业 … 其他. The *path* of a sheet column is the header texts over it, top to bottom. A merged
header cell stands over every column of its range (:attr:`Grid.merges`); in a table that lost
its merges (copied from a web page) a header cell stands over the columns up to the next header
cell of its row, within the header above it.

A form column matches a sheet column when its label is the last text of the path and no text
of the path is a group of another column of that table: 结果维持 under 复议后起诉 is not 结果维持
under 行政复议. A sheet column that fits several form columns equally is left out and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from forms.definition import Column, Table
from forms.importing.labels import header_keys, label_key
from forms.importing.workbook import Grid

MAX_HEADER_ROWS = 6


@dataclass
class HeaderMatch:
    """The columns of one table found under its header, and what did not fit."""

    columns: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    unmatched: dict[int, str] = field(default_factory=dict)
    doubtful: dict[int, tuple[str, ...]] = field(default_factory=dict)


def spread(grid: Grid, rows: Iterable[int]) -> dict[tuple[int, int], Any]:
    """The cells of ``rows`` with each merged value copied over its whole range."""
    wanted = sorted(set(rows))
    cells = {(row, column): value for row in wanted for column, value in grid.row(row).items()}
    if not wanted:
        return cells
    for top, left, bottom, right in grid.merges:
        value = grid.cells.get((top, left))
        if value is None or bottom < wanted[0] or top > wanted[-1]:
            continue
        for row in wanted:
            if top <= row <= bottom:
                for column in range(left, right + 1):
                    cells.setdefault((row, column), value)
    return cells


def column_paths(grid: Grid, rows: list[int], columns: list[int]) -> dict[int, list[str]]:
    """The header texts over each of ``columns`` in the header ``rows`` (top first)."""
    cells = spread(grid, rows)
    texts = {
        place: str(value).strip()
        for place, value in cells.items()
        if isinstance(value, str) and value.strip()
    }
    lo, hi = min(columns), max(columns)
    paths: dict[int, list[str]] = {}
    previous: list[str] = []
    for column in columns:
        path = _path(texts, rows, column, (lo, hi))
        own = any((row, column) in grid.cells for row in rows)
        if own or path != previous:
            paths[column] = path  # else: the right part of a merged header, not a column
        previous = path
    return paths


def _path(texts: dict[tuple[int, int], str], rows: list[int], column: int,
          span: tuple[int, int]) -> list[str]:  # fmt: skip
    lo, hi = span
    path: list[str] = []
    for row in rows:
        own = [c for (r, c) in texts if r == row and lo <= c <= hi]
        left = [c for c in own if c <= column]
        if not left:
            continue
        start = max(left)
        after = [c for c in own if c > start]
        lo, hi = start, (min(after) - 1 if after else hi)
        text = texts[row, start]
        if not path or label_key(path[-1]) != label_key(text):
            path.append(text)
    return path


def match_columns(table: Table, paths: dict[int, list[str]], units: set[str]) -> HeaderMatch:
    """The sheet column of each form column of ``table`` whose header path fits it."""
    found = HeaderMatch()
    claimed: dict[str, list[int]] = {}
    for column, path in sorted(paths.items()):
        path = [text for text in path if _meaningful(text, units)]
        if not path:
            continue
        found.texts[column] = "／".join(path)
        fits = _fits(table, path)
        if len(fits) == 1:
            claimed.setdefault(fits[0].id, []).append(column)
        elif fits:
            found.doubtful[column] = tuple(table.column_name(c) for c in fits)
        else:
            found.unmatched[column] = found.texts[column]
    for column_id, places in claimed.items():
        if len(places) == 1:
            found.columns[column_id] = places[0]
        else:
            name = next(table.column_name(c) for c in table.columns if c.id == column_id)
            found.doubtful.update({place: (name,) for place in places})
    return found


def _meaningful(text: str, units: set[str]) -> bool:
    key = label_key(text)
    return bool(key) and not key.isdigit() and key not in units


def _fits(table: Table, path: list[str]) -> list[Column]:
    """The form columns whose label ends ``path``, best fitting groups first, conflicts out."""
    leaf = header_keys(path[-1])
    above = "|".join(label_key(text) for text in path[:-1])
    groups = {label_key(g) for column in table.columns for g in column.groups}
    present = {group for group in groups if group in above}
    scored = []
    for column in table.columns:
        if not leaf & header_keys(column.label):
            continue
        own = {label_key(g) for g in column.groups}
        if present - own:
            continue  # a group over this sheet column that is not this column's group
        scored.append((len(present & own), column))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [column for score, column in scored if score == best]
