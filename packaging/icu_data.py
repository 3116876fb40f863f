"""ICU's data library cut to what Qt asks of it (the Linux bundle; used by nianbao.spec).

PySide6's Qt Core links ICU 73. Its data library, ``libicudata.so.73``, is 32 MB: one blob
(the symbol ``icudt73_dat``, ICU's "common data" format) holding every locale's names of
languages, countries, currencies and units, calendars, spell-out rules, line-break
dictionaries, transliterators and some 200 legacy code pages. Qt Core calls ICU for four
things only (its imports: ``ucol_*``, ``u_strToUpper/Lower``, ``ucal_*`` time-zone names,
``ucnv_*``), and the app speaks Chinese:

- collation (QCollator: Qt's file dialog sorts file names with it, in the Chinese locale by
  pinyin): the ``coll`` tree's root and Chinese rules and ``ucadata.icu``;
- case mapping: built into libicuuc, no data;
- time-zone display names (QTimeZone::displayName): the zone rules and metazones, the
  ``zone`` tree's root and Chinese names, the supplemental data ICU's calendar reads;
- text codecs by name (QStringConverter, e.g. an HTML clipboard in GBK): the alias table and
  the Chinese code pages GB18030, GBK and GB2312.

:func:`keep` names those items (root and the ``zh`` locales of the main, ``coll`` and
``zone`` trees); :func:`write_trimmed` writes a library of the same soname exporting the same
symbol with only them (about 3 MB), with ``as`` and ``ld`` from binutils. ICU falls back
to the root locale for any other locale asked, as it does for one it has no data for.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

MAIN_KEEP = frozenset(
    {
        "icuver.res",  # ICU's own version and standard: read when the data is opened
        "icustd.res",
        "res_index.res",  # the locales installed (the list is left whole: asked for a
        "pool.res",  # dropped one, ICU falls back to root); pool: the keys' shared strings
        "root.res",
        "supplementalData.res",  # calendar and week data (ucal_open)
        "likelySubtags.res",  # locale canonicalisation (zh_CN -> zh_Hans_CN)
        "zoneinfo64.res",  # time-zone rules, IDs and their links (ucal_*)
        "metaZones.res",
        "timezoneTypes.res",
        "cnvalias.icu",  # the converters' names and aliases (ucnv_open by name)
        "gb18030.cnv",  # the Chinese code pages: GB18030, GBK (windows-936 extends the
        "windows-936-2000.cnv",  # table ibm-1386) and GB2312 (EUC-CN, ibm-1383)
        "ibm-1386_P100-2001.cnv",
        "ibm-1383_P110-1999.cnv",
    }
)
TREE_KEEP = {
    "coll": frozenset({"res_index.res", "root.res", "ucadata.icu"}),  # the UCA's own tables
    "zone": frozenset({"res_index.res", "root.res", "pool.res"}),
}
CHINESE = re.compile(r"zh(_\w+)?\.res")  # zh, zh_CN, zh_Hans, zh_Hans_CN, zh_Hant, …


def keep(item: str) -> bool:
    """Whether an item of the common data (``icudt73l/coll/zh.res``) is kept."""
    _package, _, name = item.partition("/")
    tree, _, leaf = name.rpartition("/")
    if tree == "":
        return leaf in MAIN_KEEP or CHINESE.fullmatch(leaf) is not None
    if tree in TREE_KEEP:
        return leaf in TREE_KEEP[tree] or CHINESE.fullmatch(leaf) is not None
    return False  # brkitr, curr, lang, region, unit, translit, rbnf: never asked by Qt


def _sections(elf: bytes) -> list[tuple[str, int, int, int, int]]:
    """(name, type, address, offset, size) of each section of a little-endian ELF64 file."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    raw = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    names = raw[shstrndx][4]
    result = []
    for name, kind, _flags, address, offset, size in raw:
        end = elf.index(b"\0", names + name)
        result.append((elf[names + name : end].decode(), kind, address, offset, size))
    return result


def common_data(library: Path) -> tuple[str, bytes]:
    """The exported ``icudtNN_dat`` symbol's name and bytes in an ICU data library."""
    elf = library.read_bytes()
    sections = _sections(elf)
    dynsym = next(s for s in sections if s[0] == ".dynsym")
    dynstr = next(s for s in sections if s[0] == ".dynstr")
    for at in range(dynsym[3], dynsym[3] + dynsym[4], 24):
        name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", elf, at)
        start = dynstr[3] + name_at
        name = elf[start : elf.index(b"\0", start)].decode()
        if re.fullmatch(r"icudt\d+_dat", name):
            _n, _kind, address, offset, _size = sections[index]
            begin = value - address + offset
            return name, elf[begin : begin + size]
    raise ValueError(f"{library} exports no icudtNN_dat symbol")


def items(data: bytes) -> list[tuple[str, bytes]]:
    """The named items of ICU common data ("CmnD"), in order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[6] != 0:
        raise ValueError("not little-endian ICU common data")
    (count,) = struct.unpack_from("<I", data, header_size)
    table = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    ends = [*sorted(offset for _name, offset in table), len(data) - header_size]
    result = []
    for name_at, offset in table:
        start = header_size + name_at
        name = data[start : data.index(b"\0", start)].decode("ascii")
        end = ends[ends.index(offset) + 1]
        result.append((name, data[header_size + offset : header_size + end]))
    return result


def build(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """Common data of ``kept`` items (sorted by name, as ICU's binary search needs).

    Laid out as ICU's own ``icupkg`` does: the table of contents, the names, then each item
    on a 16-byte boundary.
    """
    kept = sorted(kept, key=lambda item: item[0])
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    table_size = 4 + 8 * len(kept)
    offset = -(-(table_size + len(names)) // 16) * 16
    table, blobs, name_at = [struct.pack("<I", len(kept))], [], table_size
    for name, blob in kept:
        table.append(struct.pack("<II", name_at, offset))
        name_at += len(name) + 1
        padded = blob + b"\0" * (-len(blob) % 16)
        blobs.append(padded)
        offset += len(padded)
    body = b"".join(table) + names
    return header + body + b"\0" * (-len(body) % 16) + b"".join(blobs)


def trimmed(data: bytes, wanted: Callable[[str], bool] = keep) -> bytes:
    """The common data with only the items ``wanted`` names."""
    (header_size,) = struct.unpack_from("<H", data, 0)
    return build(data[:header_size], [item for item in items(data) if wanted(item[0])])


def write_library(symbol: str, data: bytes, soname: str, target: Path) -> None:
    """A shared library ``soname`` exporting ``data`` as the read-only object ``symbol``.

    Assembled (``as``, ``.incbin``) and linked (``ld``) with binutils, 16-byte aligned as ICU
    asks, with a non-executable stack.
    """
    with tempfile.TemporaryDirectory() as folder:
        blob, source, obj = (Path(folder) / name for name in ("icudt.dat", "icudt.s", "icudt.o"))
        blob.write_bytes(data)
        source.write_text(
            "\n".join(
                [
                    ".section .rodata",
                    ".balign 16",
                    f".globl {symbol}",
                    f".type {symbol}, @object",
                    f".size {symbol}, {len(data)}",
                    f"{symbol}:",
                    f'.incbin "{blob}"',
                    '.section .note.GNU-stack,"",@progbits',
                    "",
                ]
            ),
            encoding="ascii",
        )
        subprocess.run(["as", "--64", "-o", str(obj), str(source)], check=True)
        link = ["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-z", "relro"]
        subprocess.run([*link, "--hash-style=gnu", "-o", str(target), str(obj)], check=True)


def write_trimmed(library: Path, target: Path) -> tuple[int, int]:
    """Write ``library`` cut to :func:`keep`'s items as ``target``; (bytes before, after)."""
    symbol, data = common_data(library)
    write_library(symbol, trimmed(data), library.name, target)
    return library.stat().st_size, target.stat().st_size
