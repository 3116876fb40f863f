"""How a matrix's value columns fit the width the page gives them.

While they fit, each column is as wide as its label on one line or an eight-digit figure. When
they do not, each column is only as wide as its label or its widest cell (a figure, with its
mark and, when shown, last year's figure beside it), and at least a four-digit figure (9,999),
so that no figure is ever cut; if that is still too wide (table 四 of
2021 has fifteen columns) the labels wrap on two, then three lines (结果 / 维持). Only when even
that is too wide does the grid scroll sideways. A label breaks between Chinese characters
or around a Latin word or a number, never inside one, and never before a closing mark
(，）：) or after an opening one (（).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFontMetrics

from forms.text import line_breaks
from forms.values import format_number

WRAP_LINES = (1, 2, 3)  # the line counts a narrow column's header tries, fewest first
FIGURE_SAMPLE = format_number(9999, grouping=True)  # a narrow column still shows 9,999
# a Latin word or a number (1,234.56, 20%) is one piece; any other character is one
PIECE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.,%-]*[A-Za-z0-9%])?|.", re.DOTALL)
OPENING = "（(《〈「『【“‘"
CLOSING = "，。、；：！？）)》〉」』】”’%％,.;:!?"


@dataclass(frozen=True)
class ColumnFit:
    """The value columns' widths and their labels as shown (lines joined by newlines)."""

    widths: tuple[int, ...]
    labels: tuple[str, ...]

    @property
    def lines(self) -> int:
        return max((label.count("\n") + 1 for label in self.labels), default=1)


def natural_width(metrics: QFontMetrics, label: str, content: int = 0) -> int:
    """A column on a wide page: its label on one line, room for an eight-digit figure (or for
    its widest cell, ``content`` pixels)."""
    padding = metrics.horizontalAdvance("00")
    widest = max(metrics.horizontalAdvance(text) for text in ("0" * 8, label))
    return max(widest, content) + padding


def fit_columns(
    metrics: QFontMetrics, labels: Sequence[str], contents: Sequence[int], room: int
) -> ColumnFit:
    """The widest way of showing the columns that fits in ``room`` pixels, else the narrowest.
    ``contents`` is the width of each column's widest cell, margins left out."""
    widths = (natural_width(metrics, *column) for column in zip(labels, contents, strict=True))
    natural = ColumnFit(tuple(widths), tuple(labels))
    if sum(natural.widths) <= room:
        return natural
    fit = natural
    for lines in WRAP_LINES:
        fit = _wrapped(metrics, labels, contents, lines)
        if sum(fit.widths) <= room:
            break
    return fit


def figure_width(metrics: QFontMetrics, content: int) -> int:
    """The width a narrow column needs for its widest cell (a four-digit figure at least)."""
    return max(metrics.horizontalAdvance(FIGURE_SAMPLE), content)


def narrow_padding(metrics: QFontMetrics) -> int:
    """The cell's margins (three pixels a side in Qt's styles) and the grid line."""
    return max(metrics.horizontalAdvance("0"), 8)


def _wrapped(
    metrics: QFontMetrics, labels: Sequence[str], contents: Sequence[int], lines: int
) -> ColumnFit:
    padding = narrow_padding(metrics)
    widths, shown = [], []
    for label, content in zip(labels, contents, strict=True):
        width = max(
            figure_width(metrics, content), _widest_line(metrics, wrap(metrics, label, lines))
        )
        fewest = next(
            text
            for text in (wrap(metrics, label, count) for count in range(1, lines + 1))
            if _widest_line(metrics, text) <= width
        )  # 总计 stays on one line over a column as wide as its figures
        widths.append(width + padding)
        shown.append(fewest)
    return ColumnFit(tuple(widths), tuple(shown))


def _widest_line(metrics: QFontMetrics, text: str) -> int:
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


def wrap(metrics: QFontMetrics, label: str, lines: int) -> str:
    """``label`` on at most ``lines`` lines, broken where its widest line is narrowest."""
    pieces = pieces_of(label)
    best, best_width = label, metrics.horizontalAdvance(label)
    for count in range(2, min(lines, len(pieces)) + 1):
        for cuts in itertools.combinations(range(1, len(pieces)), count - 1):
            bounds = (0, *cuts, len(pieces))
            rows = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
            width = max(metrics.horizontalAdvance(row) for row in rows)
            if width < best_width:
                best, best_width = "\n".join(rows), width
    return best


def pieces_of(label: str) -> list[str]:
    """The unbreakable pieces of a label: a Chinese character, a Latin word or a number, with
    the closing marks after it and the opening marks before it."""
    return line_breaks.pieces(label, PIECE, OPENING, CLOSING)
