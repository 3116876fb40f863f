"""``nianbao docx FILE.xlsx -o 年报.docx`` and ``nianbao html FILE.xlsx -o 年报.html``: run as
an office would, in a subprocess, the written files opened and read back."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from cli_run import installed as nianbao
from published import open_word, word_lines

from forms.demo import load_demo
from forms.outline import outline, report_text


def test_word_and_web_page_from_the_saved_file(tmp_path: Path) -> None:
    assert (
        nianbao("demo", "--form", "gov-info-2021", "-o", "青禾.xlsx", cwd=tmp_path).returncode == 0
    )
    result = nianbao("docx", "青禾.xlsx", "-o", "年报.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "已生成 Word 文件：年报.docx"
    expected = [line for line in report_text(outline(load_demo("gov-info-2021"))).splitlines()]
    assert word_lines(open_word((tmp_path / "年报.docx").read_bytes())) == expected
    result = nianbao("html", "青禾.xlsx", "-o", "年报.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "已生成网页：年报.html"
    page = lxml.html.fromstring((tmp_path / "年报.html").read_bytes())
    assert page.findtext(".//h1/span[@class='title']") == "2025年政府信息公开工作年度报告"


@pytest.mark.parametrize(("command", "wrong"), [("docx", "年报.pdf"), ("html", "年报.htm")])
def test_the_output_must_end_as_the_command_writes(
    command: str, wrong: str, tmp_path: Path
) -> None:
    result = nianbao(command, "x.xlsx", "-o", wrong, cwd=tmp_path)
    assert result.returncode == 2
    assert f"输出文件应以 .{command} 结尾" in result.stderr
    assert not (tmp_path / wrong).exists()


def test_an_unreadable_report_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "坏.xlsx").write_text("not a workbook", encoding="utf-8")
    result = nianbao("docx", "坏.xlsx", "-o", "年报.docx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "年报.docx").exists()
