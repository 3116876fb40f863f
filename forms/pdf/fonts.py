"""The font chain: which face prints each character, so that no glyph is ever a blank box.

Each role (title, Song, FangSong, Hei, Kai) has a list of candidate files, best first: the font
the user chose in settings, the Windows faces (仿宋, 宋体, 黑体, 楷体, 方正小标宋), the free
TrueType CJK fonts of Linux distributions or ``resources/fonts``. Every other candidate, and
the rare-character fonts (SimSun-ExtB, HanaMin), follow as per-character fallbacks: a run of
text is split where the current font lacks a glyph. A character no file has is printed as □
(:data:`forms.printable.PLACEHOLDER`) from an embedded face, with a logged warning; control,
format and bidi characters are dropped (:func:`forms.printable.printable`). Only on a machine
with no CJK font file at all does reportlab's built-in, unembedded STSong-Light print.

Font files are read lazily, once per process, and only when a character asks for them: the
role's first face when the role is first printed, the next one only for a character the
former lacks. What reportlab derives from a file (metrics, cmap, the tables subsetting
reads) comes from :mod:`forms.pdf.font_cache` when the file has not changed, so a run reads
only the glyphs it embeds. Faces are registered with reportlab under stable names;
reportlab embeds subsets of them in each PDF.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

from forms.pdf.cached_face import cached_font, draws
from forms.pdf.font_registry import embeddable, registry_font_paths
from forms.printable import PLACEHOLDER, printable

log = logging.getLogger(__name__)

LAST_RESORT = "STSong-Light"
NO_FACE = ""  # font_for's answer for a character no face has: it is printed as □
SHIPPED_FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"


class Role(StrEnum):
    """What a face is for on the printed page (GB/T 9704-2012)."""

    TITLE = "title"  # 小标宋: the report and annex titles
    SONG = "song"  # 宋体: page numbers, footer
    FANGSONG = "fangsong"  # 仿宋: body text, numbered points
    HEI = "hei"  # 黑体: 一、 headings, 附件N, table heads
    KAI = "kai"  # 楷体: （一） sub-headings


_WINDOWS = {
    Role.TITLE: [
        "FZXBSJW.TTF",
        "方正小标宋简体.TTF",
        "FZXiaoBiaoSong-B05S.ttf",
        "FZXBSK.TTF",
        "方正小标宋_GBK.TTF",
    ],
    Role.SONG: ["simsun.ttc"],
    Role.FANGSONG: ["simfang.ttf"],
    Role.HEI: ["simhei.ttf"],
    Role.KAI: ["simkai.ttf"],
}
_FREE = {
    Role.TITLE: ["gbsn00lp.ttf"],
    Role.SONG: ["gbsn00lp.ttf"],
    Role.FANGSONG: ["gbsn00lp.ttf"],
    Role.HEI: ["wqy-microhei.ttc"],
    Role.KAI: ["ukai.ttc"],
}
# Where a role's own faces lack a glyph, the nearest roles' faces come next, then all others.
_STAND_INS = {
    Role.TITLE: [Role.SONG, Role.HEI],
    Role.SONG: [Role.FANGSONG, Role.TITLE],
    Role.FANGSONG: [Role.SONG, Role.KAI],
    Role.HEI: [Role.SONG, Role.FANGSONG],
    Role.KAI: [Role.FANGSONG, Role.SONG],
}
_RARE = [
    "simsunb.ttf",
    "simsun.ttc",
    "HanaMinA.ttf",
    "HanaMinB.ttf",
]
_LINUX_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]


def windows_font_dirs() -> list[Path]:
    """The system and per-user font folders of Windows (the latter needs no admin rights)."""
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA", "").strip()
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def default_font_dirs() -> list[Path]:
    """Windows folders first, then the shipped fonts, then the Linux font trees."""
    return [*windows_font_dirs(), SHIPPED_FONTS_DIR, *_LINUX_DIRS]


class FontIndex:
    """File names (lower case) to paths, over a list of folders searched once, recursively."""

    def __init__(self, dirs: Iterable[Path]) -> None:
        self._paths: dict[str, Path] = {}
        for folder in dirs:
            for path in _font_files(folder):
                self._paths.setdefault(path.name.lower(), path)

    def find(self, name: str) -> Path | None:
        return self._paths.get(name.lower())


@cache
def font_index(dirs: tuple[Path, ...]) -> FontIndex:
    """The folders' fonts, listed once per process (a font installed later needs a restart)."""
    return FontIndex(dirs)


def _font_files(folder: Path) -> Iterator[Path]:
    try:
        if not folder.is_dir():
            return
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    yield Path(root) / name
    except OSError:
        return


@dataclass(frozen=True)
class Face:
    """A registered TrueType face: its reportlab name, its file and what it draws."""

    name: str
    path: Path
    face: TTFontFace

    def has(self, char: str) -> bool:
        return draws(self.face, ord(char))


@cache
def load_face(path: Path, subfont: int = 0) -> Face | None:
    """Read and register a font file once per process; ``None`` if reportlab cannot use it."""
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:6]
    name = f"nb-{path.stem}-{subfont}-{digest}"
    try:
        font = cached_font(name, path, subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as exc:
        log.warning("字体文件无法使用：%s（%s）", path, exc)
        return None
    pdfmetrics.registerFont(font)
    return Face(name, path, font.face)


@cache
def last_resort_font() -> str:
    """STSong-Light, built into reportlab and every PDF viewer in China, but not embedded."""
    pdfmetrics.registerFont(UnicodeCIDFont(LAST_RESORT))
    return LAST_RESORT


class FontChain:
    """For each role, the faces to try in order, and per character the face that prints it."""

    MISSING = frozenset({NO_FACE, LAST_RESORT})  # answers of font_for that print no glyph

    def __init__(self, preferred: Path | None = None, dirs: Sequence[Path] | None = None) -> None:
        self._index = font_index(tuple(default_font_dirs() if dirs is None else dirs))
        self._preferred = preferred
        self._paths: dict[Role, list[Path]] = {}
        self._faces: dict[Role, list[Face]] = {}
        self._next: dict[Role, int] = {}
        self._warned: set[Role] = set()
        self._choice: dict[tuple[Role, str], str] = {}
        self.fallbacks: dict[str, str] = {}
        self.missing: set[str] = set()
        self.refused: dict[Path, str] = {}  # faces whose licence forbids embedding, and why

    # -- which faces -----------------------------------------------------------------------

    def candidates(self, role: Role) -> list[Path]:
        """The role's font files, best first (listed, not read)."""
        if role not in self._paths:
            self._paths[role] = self._candidates(role)
        return self._paths[role]

    def face(self, role: Role, position: int) -> Face | None:
        """The role's usable face at ``position`` or after, loading files only as far as needed;
        None past the last."""
        faces = self._faces.setdefault(role, [])
        paths = self.candidates(role)
        while len(faces) <= position and self._next.get(role, 0) < len(paths):
            index = self._next.get(role, 0)
            self._next[role] = index + 1
            path = paths[index]  # a face whose licence forbids embedding is named and passed over
            loaded = load_face(path) if embeddable([path], self.refused) else None
            if loaded is not None:
                faces.append(loaded)
        return faces[position] if position < len(faces) else None

    def faces(self, role: Role) -> list[Face]:
        """All of the role's faces, best first (this reads every candidate file)."""
        while self.face(role, len(self._faces.get(role, []))) is not None:
            pass
        return list(self._faces.get(role, []))

    def _candidates(self, role: Role) -> list[Path]:
        names = [*_WINDOWS[role], *_FREE[role]]
        for other in [*_STAND_INS[role], *Role]:
            names += [*_WINDOWS[other], *_FREE[other]]
        found = [self._index.find(name) for name in [*names, *_RARE]]
        preferred = [self._preferred] if self._preferred else []
        registered = registry_font_paths(role)  # by face name, whatever the file is called
        return _unique([*preferred, *registered, *(path for path in found if path is not None)])

    def _first(self, role: Role) -> Face | None:
        face = self.face(role, 0)
        if face is None and role not in self._warned:
            self._warned.add(role)
            log.warning("没有找到可用的中文字体文件（%s），以 %s 代替（未嵌入）", role, LAST_RESORT)
        return face

    def primary(self, role: Role) -> str:
        """The font name a role's paragraphs are set in (STSong-Light if there is no file)."""
        face = self._first(role)
        return face.name if face else last_resort_font()

    def is_bold(self, role: Role) -> bool:
        """Whether the role's face is a bold design (方正小标宋) rather than a regular one."""
        path = self.primary_path(role)
        titles = {n.lower() for n in _WINDOWS[Role.TITLE]}
        return path is not None and (
            path.name.lower() in titles or path in registry_font_paths(Role.TITLE)
        )

    def primary_path(self, role: Role) -> Path | None:
        face = self._first(role)
        return face.path if face else None

    # -- which face for each character -----------------------------------------------------

    def font_for(self, char: str, role: Role) -> str:
        """The first face of the role's chain that has ``char``."""
        key = (role, char)
        if key not in self._choice:
            self._choice[key] = self._choose(char, role)
        return self._choice[key]

    def _choose(self, char: str, role: Role) -> str:
        position = 0
        while (face := self.face(role, position)) is not None:
            if face.has(char):
                if position:
                    self.fallbacks[char] = face.name
                return face.name
            position += 1
        self.missing.add(char)
        if position:
            log.info("没有字体含有字符 %r（U+%04X），以 %s 代替", char, ord(char), PLACEHOLDER)
            return NO_FACE
        return last_resort_font()

    def _placeholder(self, role: Role) -> tuple[str, str]:
        """The □ that stands for a character no font has, in a face that has □ (else ?)."""
        font = self.font_for(PLACEHOLDER, role)
        return (font, PLACEHOLDER) if font != NO_FACE else (self.primary(role), "?")

    def decisions(self) -> dict[tuple[Role, str], str]:
        """Every (role, character) asked for so far and the font chosen to print it."""
        return dict(self._choice)

    def runs(self, text: str, role: Role) -> list[tuple[str, str]]:
        """The text cut into (font name, text) runs, each run printable in its font."""
        runs: list[tuple[str, str]] = []
        for glyph in printable(text):
            font, char = self.font_for(glyph, role), glyph
            if font == NO_FACE:
                font, char = self._placeholder(role)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def markup(self, text: str, role: Role) -> str:
        """Paragraph markup for user text: escaped, with a font tag where a run falls back."""
        primary = self.primary(role)
        parts = []
        for font, run in self.runs(text, role):
            escaped = escape(run)
            parts.append(escaped if font == primary else f'<font face="{font}">{escaped}</font>')
        return "".join(parts)


def _unique(paths: Iterable[Path]) -> list[Path]:
    return list(dict.fromkeys(paths))


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``: & < > as entities (saxutils imports urllib.request, and
    with it ssl and email: 15 ms of every print's start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
