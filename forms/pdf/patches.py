"""Two corrections to reportlab, applied (idempotently) before a PDF is built.

1. 标点禁则: reportlab's CJK line breaker knows the Japanese punctuation that may not begin a
   line, not the Chinese full-width ，；：？！ and closing quotes. The lists are module
   globals of ``textsplit`` and ``paragraph``; both are extended.
2. Copying and searching rare characters: reportlab writes the ToUnicode map of an embedded
   subset as ``<%04X>``, which is wrong for a character beyond the BMP (𠮷 U+20BB7 comes
   back from pdftotext or a PDF viewer's search as U+20BB). PDF wants UTF-16BE there: the
   surrogate pair ``<D842DFB7>``. The printed glyph was right either way.
"""

from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.pdfbase import ttfonts
from reportlab.platypus import paragraph

NO_LINE_START = "，。、；：？！）》」』】〕〗”’…％·"
_original_to_unicode = ttfonts.makeToUnicodeCMap


def apply() -> None:
    observe_line_start_rules()
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def observe_line_start_rules() -> None:
    """Teach reportlab's CJK line breaker the Chinese punctuation that cannot start a line."""
    for module in (textsplit, paragraph):  # each reads its own copy of the list
        missing = "".join(ch for ch in NO_LINE_START if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with each code point written as UTF-16BE hex."""
    cmap: str = _original_to_unicode(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            cmap = cmap.replace(f"<{code:04X}>", f"<{utf16_hex(code)}>")
    return cmap


def utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()
