"""One PDF page as pdfium sees it: the glyphs with their boxes, and the straight rules drawn.

Only what is needed to rebuild a report: each character that is not a space with its box
(PDF points, y upwards), and every horizontal or vertical stroke or thin rectangle edge
(table borders, whether drawn as lines or as filled hairline rectangles). Curves are ignored.
The budgets keep a hostile page from costing much: at most :data:`MAX_GLYPHS` characters and
:data:`MAX_SEGMENTS` path segments are looked at.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

MAX_GLYPHS = 40_000
MAX_SEGMENTS = 20_000
MIN_RULE = 3.0  # points: shorter strokes are ticks or dots, not borders


@dataclass(frozen=True)
class Glyph:
    """A character and its box."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Rule:
    """A horizontal (``at`` is y, ``start``–``end`` along x) or vertical rule."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass
class Page:
    """The glyphs and rules of one page, and whether it holds images (a scan)."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    images: int
    cut: bool = False


def read_page(document: Any, index: int) -> Page:
    """Glyphs and rules of page ``index`` of a pypdfium2 document."""
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            glyphs, cut = _glyphs(textpage)
        finally:
            textpage.close()
        rules: list[Rule] = []
        images = 0
        seen = 0
        for obj in page.get_objects(max_depth=3):
            kind = raw.FPDFPageObj_GetType(obj.raw)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == raw.FPDF_PAGEOBJ_PATH and seen < MAX_SEGMENTS:
                found = _path_rules(obj, raw)
                seen += len(found) + 1
                rules.extend(found)
        return Page(index + 1, width, height, glyphs, rules, images, cut or seen >= MAX_SEGMENTS)
    finally:
        page.close()


def _glyphs(textpage: Any) -> tuple[list[Glyph], bool]:
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    cut = count > MAX_GLYPHS
    count = min(count, MAX_GLYPHS)
    glyphs: list[tuple[Glyph, int]] = []
    for index in range(count):
        code = raw.FPDFText_GetUnicode(textpage.raw, index)
        if code < 32 or code in (0xFFFE, 0xFFFF) or (code != 32 and chr(code).isspace()):
            continue  # a space the PDF holds is kept (it may separate words); others are layout
        if 0xD800 <= code <= 0xDFFF:
            continue  # half of a pair: such characters are never in a report's figures or labels
        if raw.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if right > left or top > bottom:
            turn = _direction(raw.FPDFText_GetCharAngle(textpage.raw, index))
            glyphs.append((Glyph(chr(code), left, bottom, right, top), turn))
    return _upright(glyphs), cut


def _direction(angle: float) -> int:
    """A character's angle in sixteenths of a turn (0 upright, 14 for a 草稿 mark at 45°)."""
    return round(angle * 8 / math.pi) % 16 if angle >= 0 else 0


def _upright(glyphs: list[tuple[Glyph, int]]) -> list[Glyph]:
    """The characters written the way most of the page is: a slanted watermark or stamp (草稿,
    样本) across a table is no part of its text."""
    if not glyphs:
        return []
    usual = Counter(turn for _, turn in glyphs).most_common(1)[0][0]
    return [glyph for glyph, turn in glyphs if turn == usual]


def _path_rules(obj: Any, raw: Any) -> list[Rule]:
    fill = ctypes.c_int(0)
    stroke = ctypes.c_int(0)
    if not raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)):
        return []
    if not fill.value and not stroke.value:
        return []  # a clipping path: nothing is drawn
    count = raw.FPDFPath_CountSegments(obj.raw)
    if count <= 0 or count > 2000:
        return []
    matrix = obj.get_matrix()
    points = _subpaths(obj, raw, count)
    rules = []
    for subpath in points:
        placed = [matrix.on_point(x, y) for x, y in subpath]
        for (ax, ay), (bx, by) in pairwise(placed):
            rule = _rule(ax, ay, bx, by)
            if rule is not None:
                rules.append(rule)
    return rules


def _subpaths(obj: Any, raw: Any, count: int) -> list[list[tuple[float, float]]]:
    """The straight pieces of a path as lists of points (a curve ends a piece)."""
    x, y = ctypes.c_float(0), ctypes.c_float(0)
    pieces: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
        if not segment or not raw.FPDFPathSegment_GetPoint(
            segment, ctypes.byref(x), ctypes.byref(y)
        ):
            continue
        point = (x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or kind != raw.FPDF_SEGMENT_LINETO:
            if len(current) > 1:
                pieces.append(current)
            current, start = [point], point if kind == raw.FPDF_SEGMENT_MOVETO else start
            continue
        current.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            current.append(start)
    if len(current) > 1:
        pieces.append(current)
    return pieces


def _rule(ax: float, ay: float, bx: float, by: float) -> Rule | None:
    if abs(ay - by) < 0.5 and abs(ax - bx) >= MIN_RULE:
        return Rule(True, (ay + by) / 2, min(ax, bx), max(ax, bx))
    if abs(ax - bx) < 0.5 and abs(ay - by) >= MIN_RULE:
        return Rule(False, (ax + bx) / 2, min(ay, by), max(ay, by))
    return None
