"""The Word file opened in LibreOffice Writer and printed to PDF, read back with pdftotext:
A4 pages numbered — N —, the titles and text, and every figure of every table on its row.

Skipped where ``soffice`` is not installed (``.ci/run`` installs libreoffice-writer-nogui).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from published import SOFFICE, figures_on_rows, pdf_pages_text, to_pdf

from forms.demo import load_demo
from forms.docx import render_docx
from forms.outline import outline
from forms.table_grid import Grid
from forms.xlsx import open_document, save_document

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]
FORMS = ["gov-info-2018", "gov-info-2021"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both demos saved as xlsx, read back, written as Word files (as ``nianbao docx`` does)
    and converted to PDF by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("word")
    sources = []
    for form_id in FORMS:
        save_document(load_demo(form_id), folder / f"{form_id}.xlsx")
        render_docx(open_document(folder / f"{form_id}.xlsx").document, folder / f"{form_id}.docx")
        sources.append(folder / f"{form_id}.docx")
    return to_pdf(sources, folder / "pdf")


@pytest.mark.parametrize("form_id", FORMS)
def test_pages_are_a4_and_numbered(printed: dict[str, Path], form_id: str) -> None:
    info = subprocess.run(
        ["pdfinfo", str(printed[form_id])], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = pdf_pages_text(printed[form_id])
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"—\s*{number}\s*—", page), f"page {number} has no — {number} —"


@pytest.mark.parametrize("form_id", FORMS)
def test_the_text_reads_back(printed: dict[str, Path], form_id: str) -> None:
    document = load_demo(form_id)
    pages = [
        re.sub(r"—\s*\d+\s*—\s*$", "", page)
        for page in pdf_pages_text(printed[form_id], layout=False)
    ]
    text = re.sub(r"\s+", "", "".join(pages))  # page numbers out: paragraphs run across pages
    assert document.unit in text
    assert document.title() in text
    for part in document.form.narrative_parts():
        for line in document.narrative.get(part.id, "").splitlines():
            assert re.sub(r"\s+", "", line) in text, line


@pytest.mark.parametrize("form_id", FORMS)
def test_every_figure_prints_on_its_row(printed: dict[str, Path], form_id: str) -> None:
    """Each value row's figures, as the xlsx holds them, end the line of its label (or one
    of the two below, where the label wraps), in the order of the table's columns."""
    lines = "\n".join(pdf_pages_text(printed[form_id])).splitlines()
    from_xlsx = open_document(printed[form_id].parent.parent / f"{form_id}.xlsx").document
    grids = [b for b in outline(from_xlsx).blocks if isinstance(b, Grid)]
    checked = figures_on_rows(lines, grids)
    assert checked == sum(1 for g in grids for r in g.rows if not r.is_heading)


def test_no_page_holds_only_the_closing(printed: dict[str, Path]) -> None:
    """The 落款 and the signatories never open a page without text above them (GB/T 9704: no
    此页无正文). Only for 2021: LibreOffice ignores keep-with-next on a table's last row (Word
    honours it), so 2018's 填报单位（盖章） under 附件1 may start a page there; the Word file
    keeps it (tests/publish/test_docx.py)."""
    form_id = "gov-info-2021"
    document = load_demo(form_id)
    seal_block = ("填报单位（盖章）", "单位负责人", "联系电话", document.unit)
    for number, page in enumerate(pdf_pages_text(printed[form_id]), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        text = [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]
        assert not all(line.replace(" ", "").startswith(seal_block) for line in text), number
