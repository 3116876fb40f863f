"""Positions in a text as Python counts them (code points) and as Qt does (UTF-16 units).

The core finds a phrase at code-point offsets; a QTextCursor counts UTF-16 units, so every
character outside the Basic Multilingual Plane (𠮷, 䶮's neighbours in Extension B) before
the phrase shifts it by one. These two functions convert between them.
"""

from __future__ import annotations


def to_qt(text: str, index: int) -> int:
    """The Qt position of the code point at ``index``."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def from_qt(text: str, position: int) -> int:
    """The code-point index of the Qt position ``position``."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
