"""Reading a rendered PDF back: page texts, text lines with positions, fonts, page images.

Uses pypdf for positioned text and poppler's pdftotext/pdffonts for what a reader's tools
see. Nothing here knows how the renderer works; it only looks at the file.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

WORD = re.compile(
    r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" xMax="(?P<x1>[\d.]+)" '
    r'yMax="(?P<y1>[\d.]+)">(?P<text>.*?)</word>'
)
PAGE_NUMBER = re.compile(r"^— \d+ —$")
POPPLER = shutil.which("pdftotext") is not None


@dataclass(frozen=True)
class Word:
    """A word as poppler's ``pdftotext -bbox`` sees it (a run of text without spaces; in
    Chinese usually a whole line): its box in points from the top left of the page."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    """A line of text as drawn: where it starts (points from the bottom left) and its text."""

    x: float
    y: float
    text: str


class Pdf:
    """A PDF file read back."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)

    def lines(self, index: int) -> list[Line]:
        """The text lines of one page (0-based), top to bottom, pieces of a line joined."""
        pieces: dict[tuple[float, float], str] = {}

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            key = (round(x, 1), round(y, 1))
            pieces[key] = pieces.get(key, "") + text.replace("\n", "")

        self.reader.pages[index].extract_text(visitor_text=visit)
        lines = [Line(x, y, text) for (x, y), text in pieces.items()]
        return sorted(lines, key=lambda line: (-line.y, line.x))

    def text(self, index: int) -> str:
        """A page's text without its page number, all whitespace removed (wrapped lines
        of a paragraph joined)."""
        lines = self.lines(index)
        return squash("".join(line.text for line in lines if not PAGE_NUMBER.match(line.text)))

    def stacked_text(self, index: int) -> str:
        """The page's lines grouped by where they start (a wrapped table cell's lines share
        x, or on a turned page y) and joined; groups separated by |."""
        by_x: dict[float, list[Line]] = {}
        by_y: dict[float, list[Line]] = {}
        for line in self.lines(index):
            by_x.setdefault(round(line.x), []).append(line)
            by_y.setdefault(round(line.y), []).append(line)
        columns = ["".join(line.text for line in group) for group in by_x.values()]
        rows = [
            "".join(line.text for line in sorted(group, key=lambda line: line.x))
            for group in by_y.values()
        ]
        return "|".join(squash(text) for text in [*columns, *rows])

    def all_stacked_text(self) -> str:
        return "|".join(self.stacked_text(i) for i in range(self.page_count))

    def all_text(self) -> str:
        return "".join(self.text(i) for i in range(self.page_count))

    def pages_with(self, needle: str) -> list[int]:
        return [i for i in range(self.page_count) if squash(needle) in self.text(i)]

    def pdftotext(self, layout: bool = False) -> str:
        """What poppler's pdftotext reads (per page, split by form feeds)."""
        if not POPPLER:
            pytest.skip("poppler-utils (pdftotext) is not installed")
        args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
        result = subprocess.run(args, input=self.data, capture_output=True, check=True)
        return result.stdout.decode("utf-8")

    def words(self) -> list[list[Word]]:
        """Every page's words with their boxes, from ``pdftotext -bbox``."""
        if not POPPLER:
            pytest.skip("poppler-utils (pdftotext) is not installed")
        args = ["pdftotext", "-bbox", "-", "-"]
        html = subprocess.run(args, input=self.data, capture_output=True, check=True).stdout
        pages: list[list[Word]] = []
        for page in html.decode("utf-8").split("<page ")[1:]:
            pages.append([_word(match) for match in WORD.finditer(page)])
        return pages

    def metadata(self) -> dict[str, str]:
        """The document information dictionary, keys without their slash."""
        info: dict[str, object] = dict(self.reader.metadata or {})
        return {str(key).lstrip("/"): str(value) for key, value in info.items()}

    def base_fonts(self) -> set[str]:
        """The /BaseFont names of every font the pages use, as the file states them (pdffonts
        lists CID fonts only when poppler-data has their character collection)."""
        names: set[str] = set()
        for page in self.reader.pages:
            resources = page.get("/Resources") or {}
            fonts = resources.get("/Font") or {}
            for ref in fonts.values():
                names.add(str(ref.get_object().get("/BaseFont", "")).lstrip("/"))
        return names

    def fonts(self) -> list[dict[str, str]]:
        """pdffonts' table: name, type, emb(edded) and sub(set) for every font used."""
        if not POPPLER:
            pytest.skip("poppler-utils (pdffonts) is not installed")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fonts.pdf"
            path.write_bytes(self.data)
            result = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True)
        rows = result.stdout.decode("utf-8").splitlines()[2:]
        return [_font_row(row) for row in rows if row.strip()]


def _word(match: re.Match[str]) -> Word:
    x0, y0, x1, y1 = (float(match.group(name)) for name in ("x0", "y0", "x1", "y1"))
    return Word(x0, y0, x1, y1, html_lib.unescape(match.group("text")))


def _font_row(row: str) -> dict[str, str]:
    """One pdffonts row; the name has no spaces, the flags are the yes/no columns."""
    flags = re.findall(r"\b(yes|no)\b", row)
    return {"name": row.split()[0], "emb": flags[0], "sub": flags[1], "uni": flags[2]}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_number_text(number: int) -> str:
    return f"— {number} —"
