"""A PDF made by LibreOffice from a Word report, its table 三 split across two pages (2021, 2019).

The Word file is made with python-docx, with enough text before part 三 that its table breaks
across a page; once with the header rows marked to repeat on the new page (重复标题行) and once
without. ``soffice --headless --convert-to pdf`` prints it. Every figure must come back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from source_files import blocks, figures_in, printed_figures, write_docx

from forms.demo import load_demo
from forms.importing.sources import read_source
from forms.importing.sources.text import read_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FILLER = "填充段落：本段用于把表格推到页面底部，使表格跨页。"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def print_with_libreoffice(docx: Path) -> Path:
    assert SOFFICE is not None
    profile = (docx.parent / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)]
    subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    return docx.with_suffix(".pdf")


@pytest.mark.parametrize("form_id", ["gov-info-2021", "gov-info-2019"])
@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header"])
def test_a_table_split_across_pages_comes_back_whole(
    form_id: str, repeat_header: bool, tmp_path: Path
) -> None:
    report = load_demo(form_id)
    layout = blocks(report)
    start = layout.index("三、收到和处理政府信息公开申请情况")
    layout[start:start] = [FILLER] * 10
    pdf = print_with_libreoffice(write_docx(layout, tmp_path / "年报.docx", repeat_header))
    source = read_source(pdf)
    split = [notice for notice in source.notices if re.search(r"第2页表格\d+、第3页表格1", notice)]
    assert split, source.notices  # table 三 starts on page 2 and runs on to page 3
    assert figures_in(source.grids[0], report) == printed_figures(report)
    text = read_text(source.paragraphs, report.form)
    assert (text.unit, text.year, text.missing) == (report.unit, report.year, [])
    assert text.contact == report.contact
    assert text.narrative["proactive"] == "\n".join([FILLER] * 10)
    for part in ("overview", "problems", "other"):
        assert text.narrative[part] == report.narrative[part]
