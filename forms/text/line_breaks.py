"""Where a line of Chinese may break: text cut into the pieces a line is made of.

A line breaks between two Chinese characters, never inside a Latin word or a number, never
before a closing mark (，。）) and never after an opening one (（《). :func:`pieces` cuts a text
so: each piece is a character or a word, with the closing marks that follow it and the opening
marks before it. Which marks close or open, and what a word is, the caller says: a terminal's
help text (``forms.cli_format``) and a table's column header (``desktop.table.fit``) differ.
"""

from __future__ import annotations

import re


def pieces(text: str, piece: re.Pattern[str], opening: str, closing: str) -> list[str]:
    """The unbreakable pieces of ``text``, as ``piece`` finds them (a word, a space, one
    character), each opening mark joined to what follows it and each closing mark to what
    comes before it (not to a space)."""
    result: list[str] = []
    opened = ""
    for found in piece.findall(text):
        if found in opening:
            opened += found
        elif found[0] in closing and result and not result[-1].isspace() and not opened:
            result[-1] += found
        else:
            result.append(opened + found)
            opened = ""
    if opened:
        result.append(opened)
    return result
