"""What reportlab reads from a font file, kept in the user's cache folder between runs.

Parsing a CJK TrueType file (its cmap, horizontal metrics and glyph locations: tens of
thousands of entries read two bytes at a time) takes reportlab a quarter to a half second
per file. The result depends only on the file, so it is written once to the cache folder
and read back in milliseconds: the scalars as JSON, the tables as packed arrays.

An entry is keyed by the font file's path, size and modification time (and the subfont,
reportlab's version and this format's). It is checked before it is used: a wrong magic,
checksum, key or shape means it is ignored and rebuilt, never trusted. The folder is
``fonts`` in the user's cache folder (:mod:`forms.user_cache`). This module does not
import reportlab.
"""

from __future__ import annotations

import hashlib
import json
import logging
import struct
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.user_cache import CACHE_ENV, cache_dir, write_entry

__all__ = ["CACHE_ENV", "FontFacts", "cache_dir", "read", "write"]

log = logging.getLogger(__name__)

FORMAT = 3  # 3: no ``drawn`` table (``forms.pdf.cached_face.draws`` asks per character)
MAGIC = b"NBFONT1\n"
_DIGEST = 32
# The tables, each a packed array: the cmap (code -> glyph), the widths of characters, the
# horizontal metrics (advance, side bearing) and the glyph locations (``loca``).
ARRAYS = ("chars", "glyphs", "width_chars", "widths", "advances", "bearings", "glyph_pos")
_TYPECODES = {"widths": "d", "advances": "d", "bearings": "d"}


class CacheError(ValueError):
    """A cache entry that cannot be trusted: it is ignored and rebuilt."""


@dataclass
class FontFacts:
    """A parsed font file: reportlab's scalar attributes and its tables as arrays."""

    scalars: dict[str, Any]
    tables: dict[str, array[Any]] = field(default_factory=dict)

    def coverage(self) -> frozenset[int]:
        """The code points the face has a glyph for."""
        return frozenset(self.tables["chars"])


def file_key(path: Path, subfont: int, engine: str) -> dict[str, Any]:
    """What an entry must match to be used for ``path`` as it is now."""
    info = path.stat()
    return {
        "format": FORMAT,
        "path": str(path),
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "subfont": subfont,
        "engine": engine,
        "byteorder": sys.byteorder,
    }


def entry_path(path: Path, subfont: int) -> Path:
    """Where the entry for ``path`` lives; the format in the name, so that two versions of the
    app on one machine keep an entry each rather than rebuilding each other's."""
    name = hashlib.sha256(f"{path}\0{subfont}".encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / "fonts" / f"{name[:32]}-{FORMAT}.bin"


def read(path: Path, subfont: int, engine: str) -> FontFacts | None:
    """The cached facts of the font file, or None (no entry, or one that is stale or broken)."""
    entry = entry_path(path, subfont)
    try:
        blob = entry.read_bytes()
        return decode(blob, file_key(path, subfont, engine))
    except FileNotFoundError:
        return None
    except (OSError, CacheError, ValueError, TypeError, KeyError, struct.error) as exc:
        log.info("字体缓存无效，将重建：%s（%s）", entry, exc)
        return None


def write(path: Path, subfont: int, engine: str, facts: FontFacts) -> None:
    """Store the facts (atomically: a reader sees the old entry, the new one or none)."""
    entry = entry_path(path, subfont)
    try:
        write_entry(entry, encode(facts, file_key(path, subfont, engine)))
    except OSError as exc:  # a read-only or full cache folder: the next run parses again
        log.info("字体缓存无法写入：%s（%s）", entry, exc)


def encode(facts: FontFacts, key: dict[str, Any]) -> bytes:
    shapes = [[name, _typecode(name), len(facts.tables[name])] for name in ARRAYS]
    header = json.dumps({"key": key, "scalars": facts.scalars, "arrays": shapes}).encode()
    body = struct.pack("<I", len(header)) + header
    body += b"".join(_as_typed(name, facts.tables[name]).tobytes() for name in ARRAYS)
    return MAGIC + hashlib.sha256(body).digest() + body


def decode(blob: bytes, key: dict[str, Any]) -> FontFacts:
    if not blob.startswith(MAGIC):
        raise CacheError("不是字体缓存")
    start = len(MAGIC) + _DIGEST
    body = memoryview(blob)[start:]
    if hashlib.sha256(body).digest() != blob[len(MAGIC) : start]:
        raise CacheError("校验和不符")
    (length,) = struct.unpack_from("<I", body)
    header = json.loads(bytes(body[4 : 4 + length]))
    if header.get("key") != key:
        raise CacheError("字体文件已变化")
    return FontFacts(header["scalars"], _tables(header["arrays"], body[4 + length :]))


def _tables(shapes: list[list[Any]], data: memoryview) -> dict[str, array[Any]]:
    if [shape[0] for shape in shapes] != list(ARRAYS):
        raise CacheError("表不全")
    tables: dict[str, array[Any]] = {}
    offset = 0
    for name, typecode, count in shapes:
        if typecode != _typecode(name) or not isinstance(count, int) or count < 0:
            raise CacheError(f"表 {name} 的类型不对")
        table = array(typecode)
        size = table.itemsize * count
        if offset + size > len(data):
            raise CacheError(f"表 {name} 不完整")
        table.frombytes(data[offset : offset + size])
        tables[name] = table
        offset += size
    if offset != len(data):
        raise CacheError("多余的数据")
    if len(tables["chars"]) != len(tables["glyphs"]):
        raise CacheError("字符表长度不符")
    return tables


def _typecode(name: str) -> str:
    return _TYPECODES.get(name, "q")


def _as_typed(name: str, values: Any) -> array[Any]:
    if isinstance(values, array) and values.typecode == _typecode(name):
        return values
    return array(_typecode(name), values)
