"""reportlab TrueType fonts built from :mod:`forms.pdf.font_cache` instead of a fresh parse.

:func:`cached_font` gives the same :class:`TTFont` reportlab would build from the file: on a
cache hit its face carries the attributes reportlab's parser would have set, and reads the
font file only when a PDF embeds a subset of it. On a miss the file is parsed as usual and
the result stored for the next run.
"""

from __future__ import annotations

import logging
import mmap
import threading
from array import array
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, overload
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from forms.pdf import font_cache
from forms.pdf.font_cache import FontFacts

log = logging.getLogger(__name__)

ENGINE = f"reportlab-{reportlab.Version}"
# Parser state and what is rebuilt from other attributes: never cached.
_TRANSIENT = {"_ttf_data", "_pos", "_pdfScale", "glyphToChar", "filename", "_file_data", "_lock"}
_TABLE_ATTRIBUTES = {"charToGlyph", "charWidths", "hmetrics", "glyphPos"}


class Uncacheable(ValueError):
    """A face with an attribute this cache does not know how to store (a newer reportlab)."""


class CachedFace(TTFontFace):  # type: ignore[misc]
    """A TrueType face restored from the cache; the file is read when a subset is made."""

    def __init__(self, path: Path, facts: FontFacts) -> None:  # no super(): nothing to parse
        self.__dict__.update(restore(facts))
        self.filename = str(path)
        self._pos = 0
        self._pdfScale = _scale(int(self.unitsPerEm))
        self._file_data: Any = None
        self._lock = threading.Lock()

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:
        """Only text shaping (uharfbuzz) asks for it: built on first use."""
        return _glyph_to_char(self.charToGlyph)

    @property
    def _ttf_data(self) -> Any:
        if self._file_data is None:
            raise font_cache.CacheError("字体文件只在生成子集时读取")
        return self._file_data

    def get_table(self, tag: str) -> Any:
        """A table's bytes; the glyph table (megabytes in a CJK face, of which a subset takes
        a few kilobytes) as a window that copies only the glyphs sliced out of it."""
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return GlyphWindow(self._ttf_data, start, length)

    def makeSubset(self, subset: list[int]) -> bytes:
        """reportlab's subsetting over the file mapped into memory (only the pages it reads)."""
        with (
            self._lock,
            open(self.filename, "rb") as file,
            mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            self._file_data = data
            try:
                return bytes(super().makeSubset(subset))
            finally:
                self._file_data = None


class GlyphWindow:
    """A table of the mapped font file, sliced the way reportlab's ``makeSubset`` slices the
    glyph table: ``table[start:end]`` gives those bytes, and nothing else is copied."""

    def __init__(self, data: Any, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __getitem__(self, part: slice) -> bytes:
        first, last, step = part.indices(self._length)
        if step != 1:
            raise ValueError("字形表只按连续区段读取")
        return bytes(self._data[self._start + first : self._start + max(first, last)])


def cached_font(name: str, path: Path, subfont: int = 0) -> TTFont:
    """The font file as a reportlab font named ``name``, from the cache where it is valid."""
    facts = font_cache.read(path, subfont, ENGINE)
    if facts is None:
        font = TTFont(name, str(path), subfontIndex=subfont)
        try:
            font_cache.write(path, subfont, ENGINE, facts_of(font.face))
        except (Uncacheable, TypeError, ValueError, OverflowError) as exc:
            log.info("字体信息无法缓存：%s（%s）", path, exc)
        return font
    return _font_with_face(name, CachedFace(path, facts))


def draws(face: TTFontFace, code: int) -> bool:
    """Whether the face prints the character with an outline. Some fonts map characters they
    do not draw to an empty glyph (AR PL UKai maps 䶮 so): an ideograph there would print as
    a blank, so the chain looks further for it."""
    glyph: int | None = face.charToGlyph.get(code)
    if glyph is None:
        return False
    positions = face.glyphPos
    return code < 0x3400 or (glyph < len(positions) - 1 and positions[glyph + 1] > positions[glyph])


def _font_with_face(name: str, face: TTFontFace) -> TTFont:
    """What ``TTFont.__init__`` does, with the face given rather than parsed from the file."""
    font: TTFont = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False  # shaping (uharfbuzz) would read the whole file: Chinese needs none
    return font


def facts_of(face: TTFontFace) -> FontFacts:
    """A parsed face's attributes, split into JSON scalars and packed tables."""
    scalars: dict[str, Any] = {}
    for key, value in vars(face).items():
        if key in _TRANSIENT or key in _TABLE_ATTRIBUTES:
            continue
        scalars[key] = _scalar(key, value)
    chars = array("q", face.charToGlyph)
    widths = face.charWidths
    tables = {
        "chars": chars,
        "glyphs": array("q", face.charToGlyph.values()),
        "width_chars": array("q", widths),
        "widths": array("d", widths.values()),
        "advances": array("d", (advance for advance, _ in face.hmetrics)),
        "bearings": array("d", (bearing for _, bearing in face.hmetrics)),
        "glyph_pos": array("q", face.glyphPos),
    }
    return FontFacts(scalars, tables)


def restore(facts: FontFacts) -> dict[str, Any]:
    """The face's attributes as reportlab's parser sets them."""
    attributes = {key: _unscalar(value) for key, value in facts.scalars.items()}
    tables = facts.tables
    if len(tables["width_chars"]) != len(tables["widths"]):
        raise font_cache.CacheError("宽度表长度不符")
    if len(tables["advances"]) != len(tables["bearings"]):
        raise font_cache.CacheError("度量表长度不符")
    attributes["charToGlyph"] = dict(zip(tables["chars"], tables["glyphs"], strict=True))
    attributes["charWidths"] = dict(zip(tables["width_chars"], tables["widths"], strict=True))
    attributes["hmetrics"] = Metrics(tables["advances"], tables["bearings"])
    attributes["glyphPos"] = tables["glyph_pos"]  # indexed like reportlab's list
    return attributes


class Metrics(Sequence[tuple[float, float]]):
    """reportlab's ``hmetrics`` (advance, side bearing) per glyph, over two packed arrays
    (tens of thousands of tuples would cost megabytes a face)."""

    def __init__(self, advances: array[float], bearings: array[float]) -> None:
        self._advances, self._bearings = advances, bearings

    def __len__(self) -> int:
        return len(self._advances)

    @overload
    def __getitem__(self, index: int) -> tuple[float, float]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[float, float]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(zip(self._advances[index], self._bearings[index], strict=True))
        return self._advances[index], self._bearings[index]


def _scalar(key: str, value: Any) -> Any:
    if isinstance(value, TTFNameBytes):
        return {"name": bytes(value).hex(), "text": value.ustr}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, tuple):
        return {"tuple": [_scalar(key, item) for item in value]}
    if isinstance(value, list):
        return [_scalar(key, item) for item in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {k: _scalar(key, item) for k, item in value.items()}}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise Uncacheable(f"{key}: {type(value).__name__}")


def _unscalar(value: Any) -> Any:
    if isinstance(value, list):
        return [_unscalar(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "name" in value:
        name = TTFNameBytes(bytes.fromhex(value["name"]))
        name.ustr = value["text"]
        return name
    if "bytes" in value:
        return bytes.fromhex(value["bytes"])
    if "tuple" in value:
        return tuple(_unscalar(item) for item in value["tuple"])
    return {key: _unscalar(item) for key, item in value["dict"].items()}


def _scale(units_per_em: int) -> Any:
    """reportlab's ``_pdfScale``: font units to thousandths of an em."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _glyph_to_char(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    glyph_to_char: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        glyph_to_char.setdefault(glyph, []).append(char)
    return glyph_to_char
