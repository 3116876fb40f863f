"""Which of a report's characters print, without importing the PDF machinery.

The print drops what no printer shows (control, format and bidi characters such as U+202E,
variation selectors, unassigned code points): :func:`printable`. A character no installed
font has is printed as □ from an embedded face, never in an unembedded font. ``nianbao
check`` warns of both (W401, W402): :func:`print_warnings` looks at the report's text and
asks the fonts only about characters outside the common ranges (ASCII, the CJK ideographs
of the basic block, CJK and full-width punctuation), so an ordinary report costs no font
work and no reportlab import.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from forms.codes import render
from forms.document import Document

PLACEHOLDER = "□"  # printed where no font has the character
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Co", "Zl", "Zp"})
_COMMON = (
    (0x20, 0x7E),  # ASCII
    (0x2010, 0x2027),  # ‐ – — ‘ ’ “ ” … ·
    (0x3000, 0x303F),  # 、。〈〉《》「」【】〔〕
    (0x4E00, 0x9FA5),  # the CJK ideographs of GB 13000.1 (every CJK font has them)
    (0xFF01, 0xFF5E),  # full-width forms: ，；：？！（）
)


def is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def dropped(char: str) -> bool:
    """A character the print leaves out (tabs are printed as spaces, not dropped)."""
    return char != "\t" and (
        unicodedata.category(char) in DROPPED_CATEGORIES or is_variation_selector(char)
    )


def printable(text: str) -> str:
    """The text as printed: tabs as spaces, control, format and bidi characters removed."""
    return "".join(ch for ch in text.replace("\t", " ") if not dropped(ch))


def is_common(char: str) -> bool:
    """A character every CJK font has: no need to ask the fonts about it."""
    code = ord(char)
    return any(low <= code <= high for low, high in _COMMON)


@dataclass(frozen=True)
class PrintWarning:
    """A W4xx warning of ``nianbao check``: a character the print leaves out or replaces."""

    code: str
    place: str
    message: str


def texts(document: Document) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text the report prints, ``where`` in Chinese."""
    form = document.form
    parts = {part.id: part.title for part in form.narrative_parts()}
    contacts = {field.id: field.label for field in form.contact}
    signatories = {field.id: field.label for field in form.signatories}
    yield "填报单位", document.unit
    yield "前言", document.preface
    for group, labels, values in (
        ("联系方式", contacts, document.contact),
        ("正文", parts, document.narrative),
        ("签署栏", signatories, document.signatories),
        ("说明", {}, document.explanations),
        ("标题", parts, document.headings),
    ):
        for key, text in values.items():
            yield f"{group}·{labels.get(key, key)}", text


def print_warnings(
    document: Document, missing: Callable[[Iterable[str]], set[str]] | None = None
) -> list[PrintWarning]:
    """W402 for text with characters the print drops, W401 for characters no font has.

    ``missing`` tells which of the given characters no font has; by default the PDF's own
    font chain answers (imported only when a character outside the common ranges occurs).
    """
    warnings: list[PrintWarning] = []
    rare: dict[str, str] = {}
    for place, text in texts(document):
        gone = sorted({ch for ch in text if dropped(ch) and ch not in "\r\n"})
        if gone:
            codes = "、".join(f"U+{ord(ch):04X}" for ch in gone)
            message = render("W402", place=place, codes=codes)
            warnings.append(PrintWarning("W402", place, message))
        for char in text:
            if not dropped(char) and not is_common(char) and char not in "\t\r\n":
                rare.setdefault(char, place)
    if rare:
        lacking = (missing or _missing_from_fonts)(rare)
        for char in sorted(lacking, key=lambda ch: (rare[ch], ord(ch))):
            message = render("W401", place=rare[char], char=char, hex=f"{ord(char):04X}")
            warnings.append(PrintWarning("W401", rare[char], message))
    return warnings


def _missing_from_fonts(chars: Iterable[str]) -> set[str]:
    from forms.pdf.fonts import FontChain, Role

    chain = FontChain()
    return {char for char in chars if chain.font_for(char, Role.FANGSONG) in chain.MISSING}
