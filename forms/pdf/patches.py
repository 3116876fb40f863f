"""Corrections to reportlab, applied (idempotently) before a PDF is built.

1. 标点禁则 without hanging punctuation: reportlab's CJK line breaker lets a mark that may not
   begin a line hang past the right edge of the type area, knows only the Japanese list of
   such marks, and may end a line with an opening “ 《 （. :func:`cjk_frag_split` replaces it:
   a line never passes the width it is given; where the next line would begin with ，。”
   or the line would end with “《（, characters move down to the next line (推入), and
   :func:`justify_line` spreads the room this leaves over the line's characters.
   :func:`make_line` builds each line as reportlab's ``makeCJKParaLine`` does, comparing the
   style of a run of characters once rather than once per character (a third of the time
   of laying out a report went there).
2. Copying and searching rare characters: reportlab writes the ToUnicode map of an embedded
   subset as ``<%04X>``, which is wrong for a character beyond the BMP (𠮷 U+20BB7 comes
   back from pdftotext or a PDF viewer's search as U+20BB). PDF wants UTF-16BE there: the
   surrogate pair ``<D842DFB7>``. The printed glyph was right either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from reportlab.lib import textsplit
from reportlab.pdfbase import ttfonts
from reportlab.platypus import paragraph

NO_LINE_START = "，。、；：？！）》」』】〕〗〉”’…％·—"
NO_LINE_END = "“‘《（〈「『【〔〖［｛"
MAX_SPREAD = 0.2  # of the type size, added between two characters at most
_original_to_unicode = ttfonts.makeToUnicodeCMap
_original_justify = paragraph._justifyDrawParaLineX


def apply() -> None:
    observe_line_start_rules()
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph._justifyDrawParaLineX = justify_line
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def observe_line_start_rules() -> None:
    """Teach reportlab's CJK line breaker the Chinese punctuation that cannot start a line."""
    for module in (textsplit, paragraph):  # each reads its own copy of the list
        missing = "".join(ch for ch in NO_LINE_START if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


def cjk_frag_split(
    frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool, encoding: str = "utf8"
) -> Any:
    """reportlab's ``cjkFragSplit`` (one glyph at a time) with Chinese line-breaking rules."""
    glyphs = [
        paragraph.cjkU(char, frag, encoding)
        for frag in frags
        for char in (_decoded(frag.text, encoding) or [""])
    ]
    lines: list[Any] = []
    start = index = 0
    used = 0.0
    while index < len(glyphs):
        width_limit = max_widths[min(len(lines), len(max_widths) - 1)]
        width = _width(glyphs[index], width_limit)
        forced = hasattr(glyphs[index].frag, "lineBreak")
        if not forced and used + width > width_limit + paragraph._FUZZ and index > start:
            end = break_before(glyphs, start, index)
            used = sum(_width(glyph, width_limit) for glyph in glyphs[start:end])
            lines.append(_line(glyphs[start:end], width_limit, used, False, calc_bounds))
            start = index = end
            used = 0.0
            continue
        used += width
        index += 1
        if forced:
            lines.append(_line(glyphs[start:index], width_limit, used, True, calc_bounds))
            start, used = index, 0.0
    if used > 0:
        width_limit = max_widths[min(len(lines), len(max_widths) - 1)]
        lines.append(_line(glyphs[start:], width_limit, used, False, calc_bounds))
    return paragraph.ParaLines(kind=1, lines=lines)


def break_before(glyphs: Sequence[str], start: int, end: int) -> int:
    """Where the line from ``start`` ends when ``glyphs[end]`` does not fit: not inside a
    Latin word or a number, never before ，。” and never after “《（."""
    end = _word_start(glyphs, start, end)
    candidate = end
    while candidate > start + 1 and _bad_break(glyphs, candidate):
        candidate -= 1
    return end if _bad_break(glyphs, candidate) else candidate  # else: a line of punctuation


def _bad_break(glyphs: Sequence[str], position: int) -> bool:
    """A break before ``position`` that starts a line with ，。” or ends one with “《（."""
    after, before = glyphs[position], glyphs[position - 1]
    return (len(after) == 1 and after in NO_LINE_START) or (
        len(before) == 1 and before in NO_LINE_END
    )


def _word_start(glyphs: Sequence[str], start: int, end: int) -> int:
    """Back from ``end`` to the start of the Latin word or number it cuts, at most half a
    line back (a long URL is cut where it must)."""
    if not (_latin(glyphs[end]) and _latin(glyphs[end - 1])):
        return end
    for position in range(end - 1, (start + end) // 2, -1):
        if not _latin(glyphs[position]):
            return position + 1
    return end


def _latin(glyph: str) -> bool:
    return len(glyph) == 1 and ord(glyph) < 0x3000 and unicodedata.category(glyph) != "Zs"


def _decoded(text: str | bytes, encoding: str) -> str:
    return text.decode(encoding) if isinstance(text, bytes) else text


def _width(glyph: Any, width_limit: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = width_limit
        width = width.normalizedValue(width_limit)
    return float(width)


def _line(glyphs: Sequence[Any], width: float, used: float, forced: bool, bounds: bool) -> Any:
    return make_line(glyphs, width, used, width - used, forced, bounds)


def make_line(
    glyphs: Sequence[Any],
    max_width: float,
    width_used: float,
    extra_space: float,
    line_break: bool,
    calc_bounds: bool,
) -> Any:
    """reportlab's ``makeCJKParaLine``, the same line, built run by run.

    Consecutive glyphs of one fragment have the same size and bounds, and joining them to
    the word being built is decided once for the run: ``sameFrag`` of the word's style and
    the run's gives one answer for all of it. A fragment reportlab never joins (a line break,
    an inline image) stays one word per glyph, as there.
    """
    words: list[Any] = []
    chars: list[str] = []
    current = paragraph.FragLine()
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    index, count = 0, len(glyphs)
    while index < count:
        frag = glyphs[index].frag
        end = index + 1
        while end < count and glyphs[end].frag is frag:
            end += 1
        size = frag.fontSize
        ascent, descent = _ascent_descent(frag, size, calc_bounds)
        max_size, max_ascent = max(max_size, size), max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        joins_never = _never_joined(frag)
        new_word = joins_never or not paragraph.sameFrag(current, frag)
        for position in range(index, end):
            if new_word and (joins_never or position == index):
                words.append(_word(current, chars))
                chars, current = [], frag
            chars.append(glyphs[position])
        index = end
    if chars:
        words.append(_word(current, chars))
    return paragraph.FragLine(
        kind=1,
        extraSpace=extra_space,
        wordCount=1,
        words=words[1:],
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=width_used,
        lineBreak=line_break,
    )


def _word(style: Any, chars: list[str]) -> Any:
    word = style.clone()
    word.text = "".join(chars)
    return word


def _never_joined(frag: Any) -> bool:
    """``sameFrag`` is false for such a fragment, even with itself."""
    return "cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__


def _ascent_descent(frag: Any, size: float, calc_bounds: bool) -> tuple[float, float]:
    if calc_bounds:
        image: Any = getattr(frag, "cbDefn", None)
        if getattr(image, "width", 0):
            height = paragraph.imgNormV(image.height, size)
            descent, ascent = paragraph.imgVRange(height, image.valign, size)
            return ascent, descent
    ascent, descent = paragraph.getAscentDescent(frag.fontName, size)
    return ascent, descent


def justify_line(tx: Any, offset: float, line: Any, last: int = 0) -> None:
    """A justified line of Chinese: the room left at its end shared between its characters.

    reportlab justifies by widening spaces, and a line of Chinese has none. A line that
    would spread by more than a fifth of a character per gap (before a long web address
    moved whole to the next line) stays flush left instead.
    """
    cjk = getattr(line, "kind", 0) == 1 and not last and not line.lineBreak
    count = sum(len(w.text) for w in line.words if not hasattr(w, "cbDefn")) if cjk else 0
    size = float(getattr(line, "fontSize", 0) or 0)
    tight = count > 1 and line.extraSpace / (count - 1) <= MAX_SPREAD * size
    if not (cjk and line.extraSpace > 1e-6 and tight):
        _original_justify(tx, offset, line, last)
        return
    tx.setCharSpace(line.extraSpace / (count - 1))
    try:
        _original_justify(tx, offset, line, last)
    finally:
        tx.setCharSpace(0)


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with each code point written as UTF-16BE hex."""
    cmap: str = _original_to_unicode(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            cmap = cmap.replace(f"<{code:04X}>", f"<{utf16_hex(code)}>")
    return cmap


def utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()
