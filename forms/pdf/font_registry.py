"""Fonts Windows knows by name, and fonts whose licence forbids putting them in a PDF.

Windows lists its fonts in ``HKLM`` and ``HKCU`` under ``SOFTWARE\\Microsoft\\Windows NT\\
CurrentVersion\\Fonts``: value names like ``方正小标宋简体 (TrueType)`` or ``宋体 & 新宋体
(TrueType)``, data a file name in ``%WINDIR%\\Fonts`` or a full path (a font a user installed
without admin rights lives in ``%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts`` and is listed in
HKCU). So a 方正小标宋 or 仿宋_GB2312 installed under another file name is found by its face
name. The registry is read through a small reader function, replaced in tests.

A face whose OS/2 ``fsType`` says "restricted licence" (0x0002, with no less restrictive bit),
"no subsetting" (0x0100) or "bitmap only" (0x0200) cannot be embedded: it is reported by its
name and the chain goes on to the next face, never silently.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

FONTS_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
RegistryReader = Callable[[], Iterable[tuple[str, str]]]  # (value name, data), HKCU first

# The face names each role looks for in the registry, best first (roles as in fonts.Role).
ROLE_FACES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S"),
    "song": ("宋体", "SimSun"),
    "fangsong": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    "hei": ("黑体", "SimHei"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
}

RESTRICTED, PREVIEW_PRINT, EDITABLE = 0x0002, 0x0004, 0x0008
NO_SUBSETTING, BITMAP_ONLY = 0x0100, 0x0200


def read_windows_registry() -> list[tuple[str, str]]:
    """The font values of HKCU, then HKLM; nothing on other systems or on any failure."""
    if sys.platform != "win32":
        return []
    import winreg

    entries: list[tuple[str, str]] = []
    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(hive, FONTS_KEY) as key:
                for index in range(winreg.QueryInfoKey(key)[1]):
                    name, data, _kind = winreg.EnumValue(key, index)
                    if isinstance(data, str):
                        entries.append((name, data))
        except OSError:
            continue
    return entries


def windows_fonts_dir() -> Path:
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    return Path(windir) / "Fonts"


def face_names(value_name: str) -> list[str]:
    """``宋体 & 新宋体 (TrueType)`` -> ``["宋体", "新宋体"]``."""
    name = value_name.strip()
    if name.endswith(")") and " (" in name:
        name = name[: name.rindex(" (")]
    return [part.strip() for part in name.split("&") if part.strip()]


def registry_font_paths(role: str, reader: RegistryReader | None = None) -> list[Path]:
    """The font files the registry names for a role's faces, in the role's order of faces."""
    by_face: dict[str, Path] = {}
    for value_name, data in (reader or read_windows_registry)():
        if not data.lower().endswith((".ttf", ".ttc", ".otf")):
            continue
        path = Path(data) if Path(data).is_absolute() else windows_fonts_dir() / data
        for face in face_names(value_name):
            by_face.setdefault(face.casefold(), path)
    wanted = [by_face.get(face.casefold()) for face in ROLE_FACES.get(role, ())]
    return list(dict.fromkeys(path for path in wanted if path is not None))


def embeddable(paths: Iterable[Path], refused: dict[Path, str]) -> list[Path]:
    """The paths whose licence lets them be embedded; each refused one is logged by name and
    recorded in ``refused`` (path -> the Chinese reason)."""
    kept = []
    for path in paths:
        reason = embedding_refusal(path)
        if reason is None:
            kept.append(path)
        else:
            refused[path] = reason
            log.warning("%s，已改用字体链中的下一个字体", reason)
    return kept


@cache
def embedding_refusal(path: Path, subfont: int = 0) -> str | None:
    """Why the face may not go into a PDF (names it), or None when it may or is unreadable
    (an unreadable file is reported when it is loaded)."""
    try:
        with path.open("rb") as file:
            tables = _tables(file, subfont)
            fs_type = _fs_type(file, tables)
            if fs_type is None:
                return None
            why = _refusal(fs_type)
            if why is None:
                return None
            name = _full_name(file, tables) or path.stem
    except (OSError, struct.error, ValueError):
        return None
    return f"字体“{name}”（{path.name}）的授权{why}（fsType 0x{fs_type:04X}），不能嵌入PDF"


def _refusal(fs_type: int) -> str | None:
    if fs_type & RESTRICTED and not fs_type & (PREVIEW_PRINT | EDITABLE):
        return "禁止嵌入"
    if fs_type & NO_SUBSETTING:
        return "不允许子集嵌入"
    if fs_type & BITMAP_ONLY:
        return "只允许嵌入位图"
    return None


def _read(file: BinaryIO, offset: int, size: int) -> bytes:
    file.seek(offset)
    data = file.read(size)
    if len(data) != size:
        raise ValueError("truncated font file")
    return data


def _tables(file: BinaryIO, subfont: int) -> dict[bytes, tuple[int, int]]:
    """Tag -> (offset, length) of the face's tables (a .ttc's ``subfont``-th face)."""
    base = 0
    if _read(file, 0, 4) == b"ttcf":
        (base,) = struct.unpack(">I", _read(file, 12 + 4 * subfont, 4))
    (count,) = struct.unpack(">H", _read(file, base + 4, 2))
    records = _read(file, base + 12, 16 * count)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", records, 16 * index)
        tables[tag] = (offset, length)
    return tables


def _fs_type(file: BinaryIO, tables: dict[bytes, tuple[int, int]]) -> int | None:
    if b"OS/2" not in tables:
        return None
    (fs_type,) = struct.unpack(">H", _read(file, tables[b"OS/2"][0] + 8, 2))
    return int(fs_type)


def _full_name(file: BinaryIO, tables: dict[bytes, tuple[int, int]]) -> str | None:
    """The face's name, Chinese first (its full name, ID 4, before its family, ID 1)."""
    if b"name" not in tables:
        return None
    offset, length = tables[b"name"]
    data = _read(file, offset, length)
    _format, count, strings = struct.unpack_from(">HHH", data, 0)
    found: dict[tuple[int, int], str] = {}
    for index in range(count):
        platform, encoding, language, name_id, size, start = struct.unpack_from(
            ">HHHHHH", data, 6 + 12 * index
        )
        if platform == 3 and encoding in (1, 10) and name_id in (1, 4):
            raw = data[strings + start : strings + start + size]
            rank = 0 if language == 0x0804 else 1 if language == 0x0409 else 2
            found.setdefault((rank, name_id == 1), raw.decode("utf-16-be", "replace"))
    return found[min(found)] if found else None
