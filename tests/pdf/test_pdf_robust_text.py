"""Hostile text in print: a paragraph of tens of thousands of characters, characters no font
has, bidi and control characters (issue 11, item 9)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pdf_pages import Pdf, squash

from forms.cli import main
from forms.demo import load_demo
from forms.document import Document
from forms.pdf import patches, render_pdf_bytes
from forms.xlsx import save_document

SENTENCE = "政府信息公开工作稳步推进，“公开”《条例》（试行）abc 123。"


def with_overview(text: str) -> Document:
    document = load_demo()
    first = next(iter(document.narrative))
    document.narrative[first] = text
    return document


def test_a_long_paragraph_is_broken_into_lines_once_not_once_per_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (SENTENCE * 1000)[:30_000]
    broken: list[int] = []
    original = patches.cjk_frag_split

    def counting(frags: Any, *args: Any, **kwargs: Any) -> Any:
        broken.append(sum(len(frag.text) for frag in frags))
        return original(frags, *args, **kwargs)

    monkeypatch.setattr(patches, "cjk_frag_split", counting)
    pdf = Pdf(render_pdf_bytes(with_overview(text)))
    assert pdf.page_count > 40
    printed = re.sub(r"—\d+—", "", squash(pdf.pdftotext()))  # without the page numbers
    assert squash(text) in printed  # every character printed, in order
    # The whole report's text is broken about once (it was once per page: quadratic).
    assert sum(broken) < 3 * len(text), sum(broken)


HOSTILE = "危险\u202e反转\u200b文本\u0007，扩展G字\U00030000和\U0003134a，罕用䶮。"


def test_bidi_and_control_characters_are_dropped_and_missing_ones_print_as_a_box() -> None:
    document = with_overview(HOSTILE)
    document.unit = "平川\u202e区\u2066人民政府"
    pdf = Pdf(render_pdf_bytes(document))
    text = pdf.pdftotext()
    assert not {"\u202e", "\u200b", "\u2066", "\u0007"} & set(text)
    assert "危险反转文本，扩展G字□和□，罕用䶮。" in squash(text)
    assert "平川区人民政府" in squash(text)
    fonts = pdf.fonts()
    assert all(font["emb"] == "yes" for font in fonts), fonts  # never STSong-Light
    assert not any("STSong" in font["name"] for font in fonts)


def test_check_warns_of_dropped_and_missing_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.xlsx"
    save_document(with_overview(HOSTILE), path)
    assert main(["check", str(path)]) == 1  # warnings only
    out = capsys.readouterr().out
    # U+0007 and U+202E are removed when the file is read (forms.boundary, said as V010);
    # the zero-width space it keeps is dropped in print and warned of
    assert "[改动] 报告正文“一、概述”：控制字符已删除，文字方向控制符已删除（V010）" in out
    assert "[警告 W402] 正文·概述含有不可见的控制或双向文本字符（U+200B）" in out
    assert "“\U00030000”（U+30000）没有可嵌入的字体，打印时以□代替" in out
    assert "U+3134A" in out
    assert "䶮" not in out  # HanaMinA has it: no warning
    assert main(["check", "--json", str(path)]) == 1
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes.count("W401") == 2 and codes.count("W402") == 1
