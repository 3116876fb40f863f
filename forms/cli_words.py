"""argparse's own words in Chinese: usage, headings, help and error messages of the CLI.

argparse looks its words up through ``gettext`` at the moment it uses them; the command line
points that look-up at this table before it builds its parser. Words not listed stay as
argparse has them.
"""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "invalid %(type)s value: %(value)r": "无效的%(type)s值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须有一个",
    "ignored explicit argument %r": "多余的参数值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可用：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def chinese(message: str) -> str:
    """argparse's word in Chinese, or the word itself where none is listed."""
    return WORDS.get(message, message)


def chinese_plural(singular: str, plural: str, count: int) -> str:
    return chinese(singular if count == 1 else plural)


def speak_chinese() -> None:
    """Make argparse use the Chinese words from now on (the process is the CLI's own)."""
    argparse._ = chinese  # type: ignore[attr-defined]
    argparse.ngettext = chinese_plural  # type: ignore[attr-defined]
