"""The command line's help laid out for Chinese text in a terminal.

argparse counts every character as one column, but a terminal shows a Chinese character (and a
full-width mark) two columns wide: help lines ran past the edge, the help column did not line
up after a Chinese metavar (--unit 单位), and textwrap broke Latin words (（sh / eet）,
gov- / info-2019). :class:`ChineseHelpFormatter` measures text in terminal columns, breaks a
line between Chinese characters or at a space, never inside a Latin word or number, never
before a closing mark (，。）) or after an opening one (（), and ends a Chinese heading with
the full-width colon (位置参数：).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterable

from forms.text import line_breaks

OPENING = "（《「『【〔“‘([{"
CLOSING = "，。、；：！？）》」』】〕”’),.;:!?]}"
# a run of Latin letters, digits and the marks inside words (--year, gov-info-2019, 1,234)
# is one piece; a space is one; any other character is one
PIECE = re.compile(r"[!-~]+| +|.", re.DOTALL)
UNBOUNDED = 10_000  # a width no usage line reaches: argparse then keeps it on one line


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pieces(text: str) -> list[str]:
    """The unbreakable pieces of ``text``: a Chinese character or a Latin word, with the
    closing marks after it and the opening marks before it; spaces as pieces of their own."""
    return line_breaks.pieces(text, PIECE, OPENING, CLOSING)


def wrap(text: str, width: int) -> list[str]:
    """``text`` (white space collapsed) in lines of at most ``width`` columns; a piece wider
    than that stands alone on its line rather than being cut."""
    lines: list[str] = []
    line = ""
    for piece in pieces(" ".join(text.split())):
        if piece.isspace():
            line += " " if line else ""
        elif line and columns(line.rstrip() + piece) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fill_lines(parts: Iterable[str], width: int, first: str, indent: str) -> list[str]:
    """Usage parts ([-h], -o 输出文件) joined by spaces in lines of ``width`` columns, the first
    after ``first``, the others after ``indent``."""
    lines, line = [], first
    for part in parts:
        start = line in (first, indent)
        if not start and columns(f"{line} {part}") > width:
            lines.append(line)
            line = indent + part
        else:
            line = line + part if start else f"{line} {part}"
    return [*lines, line]


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help measured in terminal columns (see the module's text)."""

    def __init__(self, prog: str, *args: object, **kwargs: object) -> None:
        super().__init__(prog, *args, **kwargs)  # type: ignore[arg-type]
        self._headings: set[str] = set()

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        """As argparse, with a full-width colon after a Chinese heading."""
        lines = super().format_help().split("\n")
        for number, line in enumerate(lines):
            title = line.strip()[:-1]
            if line.endswith(":") and title in self._headings and not title.isascii():
                lines[number] = line[:-1] + "："
        return "\n".join(lines)

    def add_argument(self, action: argparse.Action) -> None:
        """As argparse, but the help column is placed by the invocations' width in columns."""
        super().add_argument(action)
        if action.help is argparse.SUPPRESS:
            return
        invocation = self._format_action_invocation
        widest = columns(invocation(action)) + self._current_indent
        for subaction in self._iter_indented_subactions(action):  # indents while it runs
            widest = max(widest, columns(invocation(subaction)) + self._current_indent)
        self._action_max_length = max(self._action_max_length, widest)

    def _format_action(self, action: argparse.Action) -> str:
        """As argparse; an invocation that fits beside the help is padded to its column by
        its width in columns, not its length in characters."""
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        help_position = min(self._action_max_length + 2, self._max_help_position)
        room = help_position - self._current_indent - 2
        start = " " * self._current_indent + header
        if action.help and text.startswith(start) and not text.startswith(start + "\n"):
            rest = text[len(start) :].lstrip(" ")
            if columns(header) <= room:
                return start + " " * (room - columns(header) + 2) + rest
            return f"{start}\n{' ' * help_position}{rest}"
        return text

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        """argparse's usage on one line, then wrapped by columns under the first argument."""
        width, self._width = self._width, UNBOUNDED
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width = width
        if usage is not None or "\n" in text.rstrip("\n"):
            return text
        line = text.rstrip("\n")
        text_width = self._width - self._current_indent
        if columns(line) <= text_width:
            return text
        head = line[: line.index(self._prog) + len(self._prog)]  # 用法：nianbao pdf
        parts = re.findall(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+", line[len(head) :])
        indent = " " * (columns(head) + 1)
        if columns(head) > 0.75 * text_width:
            indent = " " * columns(head[: -len(self._prog)])
            return "\n".join([head, *fill_lines(parts, text_width, indent, indent)]) + "\n\n"
        return "\n".join(fill_lines(parts, text_width, head + " ", indent)) + "\n\n"

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - columns(indent)))
