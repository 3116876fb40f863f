"""The consolidated file's own sheets printed from WPS/Excel (LibreOffice stands in): a
reason for leaving a file out is read whole on one A4 landscape page, not cut at its edge."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao
from pypdf import PdfReader
from unit_reports import unit_report, write_units

from forms.office.workbook import BREAKDOWN_SHEET, FILINGS_SHEET, LEFT_OUT_SHEET
from forms.xlsx import save_document

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def _consolidated(root: Path) -> Path:
    folder = root / "各单位"
    write_units(folder, [1, 2])
    wrong = unit_report("青禾县第3局", 1)
    wrong.values["requests.carried_out/natural_person"] = 99
    save_document(wrong, folder / "单位003.xlsx")
    (folder / "单位名单.csv").write_text("单位名称\n青禾县第1局\n青禾县第4局\n", encoding="utf-8")
    output = root / "汇总.xlsx"
    nianbao("consolidate", folder, "-o", output)
    return output


def _printed(book: Path, sheet: str, folder: Path) -> list[str]:
    """One sheet of the file printed by LibreOffice: each page's text without white space."""
    single = folder / f"{sheet}.xlsx"
    workbook = openpyxl.load_workbook(book)
    for other in workbook.sheetnames:
        if other != sheet:
            del workbook[other]
    workbook.save(single)
    profile = (folder / "lo-profile").as_uri()
    command = [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--calc"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), str(single)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    pages = PdfReader(folder / f"{sheet}.pdf").pages
    return ["".join(page.extract_text().split()) for page in pages]


def test_the_reasons_print_whole_on_one_page(tmp_path: Path) -> None:
    output = _consolidated(tmp_path)
    sheet = openpyxl.load_workbook(output)[LEFT_OUT_SHEET]
    reason = "".join(str(sheet.cell(2, 3).value).split())
    assert reason.startswith("仍有") and len(reason) > 60
    pages = _printed(output, LEFT_OUT_SHEET, tmp_path)
    assert len(pages) == 1 and reason in pages[0]


def test_the_sheets_are_set_up_for_a4_landscape(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_consolidated(tmp_path))
    for name in (LEFT_OUT_SHEET, FILINGS_SHEET):
        setup = book[name].page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    breakdown = book[BREAKDOWN_SHEET]
    assert (breakdown.print_title_cols, breakdown.print_title_rows) == ("$A:$D", "$1:$2")
    # the figures' labels (本年新收政府信息公开申请数量（法人或其他组织·商业企业）…) in
    # columns 14 wide need four lines and more; the reason of a file left out, two in its 80
    assert breakdown.row_dimensions[2].height >= 60
    assert book[LEFT_OUT_SHEET].row_dimensions[2].height == 30
