"""Hostile text in print: a paragraph of tens of thousands of characters, characters no font
has, bidi and control characters (issue 11, item 9)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pdf_pages import Pdf, squash

from forms.demo import load_demo
from forms.document import Document
from forms.pdf import patches, render_pdf_bytes

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
