"""Import of a report kept as PDF (20 pages) and as Word: time per import.

The 2021 demo with its overview written out at length (as a county's report is) is printed
by the app to a 20-page PDF and written as a Word file; each is imported whole (tables
matched, parts read). Targets: the PDF within 1 s, the Word file within 300 ms (medians,
``uv run pytest tests/bench --benchmark-enable``); the tests check every figure came back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from forms.demo import load_demo
from forms.document import Document
from forms.importing.sources import import_file
from forms.pdf import render_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importing" / "sources"))
from source_files import blocks, write_docx

PAGES = 20


def long_report() -> Document:
    """The 2021 demo whose overview runs on for pages, as a large county's does."""
    report = load_demo("gov-info-2021")
    paragraph = report.narrative["overview"].split("\n")[1]
    report.narrative["overview"] = "\n".join([report.narrative["overview"], *[paragraph] * 80])
    return report


@pytest.fixture(scope="module")
def report() -> Document:
    return long_report()


@pytest.fixture(scope="module")
def pdf(report: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import pypdfium2

    path = tmp_path_factory.mktemp("bench") / "二十页.pdf"
    render_pdf(report, path)
    document = pypdfium2.PdfDocument(str(path))
    pages = len(document)
    document.close()
    assert pages == PAGES, f"the report prints on {pages} pages, not {PAGES}"
    return path


@pytest.fixture(scope="module")
def word(report: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docx(blocks(report), tmp_path_factory.mktemp("bench") / "年报.docx")


def test_a_20_page_pdf(benchmark, pdf: Path, report: Document) -> None:  # type: ignore[no-untyped-def]
    imported = benchmark(import_file, pdf)
    assert imported.document.values == report.values
    assert imported.document.narrative == report.narrative


def test_a_word_report(benchmark, word: Path, report: Document) -> None:  # type: ignore[no-untyped-def]
    imported = benchmark(import_file, word)
    assert imported.document.values == report.values
    assert imported.document.narrative == report.narrative
