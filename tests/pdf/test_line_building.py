"""The faster line building gives reportlab's lines, and reportlab's deferred pattern still
matches what it matched.

:func:`forms.pdf.patches.make_line` replaces reportlab's ``makeCJKParaLine`` for speed:
every line of the demo reports, in both signature placements, is built by both and compared
attribute by attribute.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import paragraph

from forms.demo import load_demo
from forms.pdf import deferred_patterns, patches, render_pdf_bytes

ROOT = Path(__file__).resolve().parents[2]
URLS = ["https://www.gov.cn/zhengce/", "www.example.org/a?b=1", "http://10.0.0.1:8080/x", "无"]


def described(line: Any) -> tuple[list[tuple[str, str]], list[list[tuple[str, str]]]]:
    attributes = {k: v for k, v in line.__dict__.items() if k != "words"}
    words = [sorted((k, repr(v)) for k, v in word.__dict__.items()) for word in line.words]
    return sorted((k, repr(v)) for k, v in attributes.items()), words


def test_every_line_of_the_demos_is_reportlabs(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[bool] = []
    fast = patches.make_line

    def both(*args: Any) -> Any:
        line = fast(*args)
        compared.append(described(line) == described(paragraph.makeCJKParaLine(*args)))
        return line

    monkeypatch.setattr(patches, "make_line", both)
    for form in ("gov-info-2018", "gov-info-2021"):
        for signatures in ("report", "sheet"):
            assert render_pdf_bytes(load_demo(form), signatures=signatures).startswith(b"%PDF")
    assert len(compared) > 500
    assert all(compared)


def test_reportlabs_web_address_pattern_is_compiled_on_first_use() -> None:
    """In a fresh interpreter: importing the PDF machinery leaves the pattern deferred and
    ``re.compile`` as it was; the deferred pattern matches as the compiled one does."""
    code = (
        "import re, sys; compile = re.compile; import forms.pdf\n"
        "from reportlab.platypus import paragraph\n"
        "print(type(paragraph.uri_pat).__name__, re.compile is compile)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["LazyPattern", "True"]
    source = inspect.getsource(paragraph)
    found = re.search(r"^uri_pat = re\.compile\((.*), re\.I\)$", source, re.MULTILINE)
    assert found is not None
    text = ast.literal_eval(found.group(1))
    lazy, real = deferred_patterns.LazyPattern(text, re.I), re.compile(text, re.I)
    for url in URLS:
        assert bool(lazy.match(url)) == bool(real.match(url)), url
    assert lazy.match(URLS[0]).group(1) == "https://"
