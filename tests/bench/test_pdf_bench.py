"""Benchmarks of the printed report.

Budget (read the figures; never a timed assert): the demo's whole PDF ≤ 400 ms, fonts already
registered (they are read once per process, as in the app). ``uv run pytest tests/bench
--benchmark-enable`` prints the figures; the normal suite runs each once as a test.
``tests/bench/pdf_vs_libreoffice.py`` compares with LibreOffice printing the saved xlsx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forms.demo import load_demo
from forms.document import Document
from forms.pdf import render_pdf, render_pdf_bytes
from forms.xlsx import open_document, save_document


def test_demo_pdf(benchmark: Any, demo: Document) -> None:
    data = benchmark(render_pdf_bytes, demo)
    assert data.startswith(b"%PDF")


def test_demo_2021_pdf(benchmark: Any) -> None:
    """The complete 2021 sample report (tables 二–四 in portrait, 落款 and signatory line)."""
    document = load_demo("gov-info-2021")
    data = benchmark(render_pdf_bytes, document)
    assert data.startswith(b"%PDF")


def test_saved_xlsx_to_pdf_file(benchmark: Any, demo: Document, tmp_path: Path) -> None:
    """What ``nianbao pdf demo.xlsx -o demo.pdf`` does after start-up: open, render, write."""
    source, target = tmp_path / "demo.xlsx", tmp_path / "demo.pdf"
    save_document(demo, source)

    def open_and_print() -> None:
        render_pdf(open_document(source).document, target)

    benchmark(open_and_print)
    assert target.read_bytes().startswith(b"%PDF")
