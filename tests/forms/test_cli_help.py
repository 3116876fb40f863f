"""``nianbao … --help`` in an 80-column terminal: Chinese headings with a full-width colon, lines
measured in columns (a Chinese character is two), no Latin word broken, the help aligned."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forms.cli import SUBCOMMANDS, build_parser
from forms.cli_format import columns, pieces, wrap

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = 80
WIDTH = COLUMNS - 2  # argparse leaves two columns free
HELP_COLUMN = 24  # argparse's max_help_position
LATIN_WORD = re.compile(r"-{0,2}[A-Za-z0-9][A-Za-z0-9_.,-]*[A-Za-z0-9]")


def help_of(*args: str) -> list[str]:
    """The help as a user sees it in an 80-column terminal (COLUMNS fixed)."""
    result = subprocess.run(
        [sys.executable, "-m", "forms", *args, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": str(COLUMNS)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def helps_of(command: str) -> list[str]:
    """The help texts the subcommand's options were given (as argparse expands them)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [str(a.help) for a in sub.choices[command]._actions if a.help]


def test_pdf_help_headings_end_with_a_full_width_colon() -> None:
    lines = help_of("pdf")
    assert "位置参数：" in lines and "选项：" in lines
    assert not [line for line in lines if line.endswith(":")]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_lines_fit_80_columns_and_keep_latin_words_whole(command: str) -> None:
    lines = help_of(command)
    too_wide = [line for line in lines if columns(line) > WIDTH]
    assert not too_wide
    for text in helps_of(command):
        for word in LATIN_WORD.findall(text):
            assert any(word in line for line in lines), f"“{word}”被折行拆开"
    assert not [line for line in lines if line.strip()[:1] in tuple("，。、；：）」")]


def test_pdf_help_keeps_sheet_whole() -> None:
    lines = help_of("pdf")
    assert any("（sheet）" in line for line in lines)
    assert not [line for line in lines if line.rstrip().endswith("（sh")]


def test_the_help_column_lines_up_after_chinese_metavars() -> None:
    lines = help_of("new")
    beside = [line for line in lines if re.match(r"  -\S.*\S {2,}\S", line)]
    assert {"--unit 单位", "--year 年度", "--from 上年文件", "-h, --help"} <= {
        re.split(r" {2,}", line.strip())[0] for line in beside
    }
    for line in beside:
        head = re.match(r"(  \S.*?\S) {2,}", line)
        assert head is not None
        gap = len(line) - len(line[head.end() :]) - len(head.group(1))
        assert columns(head.group(1)) + gap == HELP_COLUMN, line
    continued = [line for line in lines if line.startswith(" " * HELP_COLUMN)]
    assert continued and all(line[HELP_COLUMN] != " " for line in continued)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("印在报告末尾（report，默认）或另附报送单（sheet）", 20, 3),
        ("gov-info-2019：政府信息公开工作年度报告", 16, 3),
    ],
)
def test_wrap_counts_columns_and_breaks_between_pieces(text: str, width: int, lines: int) -> None:
    wrapped = wrap(text, width)
    assert len(wrapped) == lines
    assert "".join(wrapped) == text
    assert all(columns(line) <= width for line in wrapped)
    assert all(piece in {p for line in wrapped for p in pieces(line)} for piece in pieces(text))


def test_columns_counts_a_chinese_character_as_two() -> None:
    assert columns("位置参数：") == 10 and columns("sheet") == 5 and columns("（sh") == 4
    assert pieces("（sheet）或") == ["（sheet）", "或"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_argument_says_what_it_is_for(command: str) -> None:
    """A clerk reading ``--help`` sees a line for every file and option, not a bare name."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    bare = [a.metavar or a.dest for a in sub.choices[command]._actions if not a.help]
    assert bare == []
