"""The one door through which text enters a cell: never a formula, never illegal XML.

Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what spreadsheet
programs take for a formula (OWASP "CSV injection"). Such text is stored as a string cell
with the quotePrefix style, so that WPS/Excel keep it text even when a reviewer edits the
cell. Characters XML 1.0 forbids are dropped and line ends become ``\\n`` (what a cell can
hold); :func:`cell_text` says what a text will read back as, so the reader can tell a
reviewer's edit from this unavoidable cleaning.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cell_text(text: str) -> str:
    """The text as a cell will hold it: XML-illegal characters dropped, line ends as ``\\n``."""
    return _ILLEGAL_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def write_text(cell: Any, text: str, formula_like: bool | None = None) -> None:
    """Put ``text`` into an openpyxl cell as a plain string, whatever it starts with.

    ``formula_like`` overrides the test for a piece cut from a longer (already cleaned) text.
    """
    risky = looks_like_formula(text) if formula_like is None else formula_like
    cell.value = cell_text(text)
    cell.data_type = "s"
    if risky:
        cell.quotePrefix = True


def split_for_cells(text: str, size: int = MAX_CELL_CHARS) -> list[str]:
    """Cut a long text into pieces a cell can hold (at least one piece, maybe empty)."""
    return [text[start : start + size] for start in range(0, len(text), size)] or [""]
