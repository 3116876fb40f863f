"""Benchmarks of the Word file and the web page (issue 14).

Budget (read the figures; never a timed assert): a report's Word file ≤ 300 ms, its web page
≤ 50 ms, both demos. ``uv run pytest tests/bench/test_publish_bench.py --benchmark-enable``
prints the medians; the normal suite runs each once as a test.
"""

from __future__ import annotations

from typing import Any

import pytest

from forms.demo import load_demo
from forms.docx import docx_bytes
from forms.html import html_text

FORMS = ["gov-info-2018", "gov-info-2021"]


@pytest.mark.parametrize("form_id", FORMS)
def test_docx(benchmark: Any, form_id: str) -> None:
    document = load_demo(form_id)
    data = benchmark(docx_bytes, document)
    assert data.startswith(b"PK")


@pytest.mark.parametrize("form_id", FORMS)
def test_html(benchmark: Any, form_id: str) -> None:
    document = load_demo(form_id)
    page = benchmark(html_text, document)
    assert page.startswith("<!DOCTYPE html>")
