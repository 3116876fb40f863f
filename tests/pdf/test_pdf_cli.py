"""``nianbao pdf FILE.xlsx -o FILE.pdf``: from a saved file to a printed report, headless.

Runs the installed ``nianbao`` command in a subprocess, as an office would, and reads the
written PDF back.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_run import installed as nianbao
from pdf_pages import Pdf

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.pdf import render_pdf, render_pdf_bytes


def test_nianbao_pdf_prints_the_saved_demo(tmp_path: Path) -> None:
    assert nianbao("demo", "-o", "demo.xlsx", cwd=tmp_path).returncode == 0
    result = nianbao("pdf", "demo.xlsx", "-o", "demo.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "demo.pdf" in result.stdout
    pdf = Pdf((tmp_path / "demo.pdf").read_bytes())
    assert pdf.page_count == Pdf(render_pdf_bytes(load_demo())).page_count  # same report
    assert "2018年政府信息公开工作年度报告" in pdf.text(0)
    assert load_demo().fingerprint() in pdf.metadata()["Keywords"]


@pytest.mark.parametrize(("place", "sheets"), [("report", 0), ("sheet", 1)])
def test_nianbao_pdf_puts_the_signatures_where_the_office_wants_them(
    place: str, sheets: int, tmp_path: Path
) -> None:
    assert nianbao("demo", "--form", "gov-info-2021", "-o", "d.xlsx", cwd=tmp_path).returncode == 0
    result = nianbao("pdf", "d.xlsx", "-o", "d.pdf", "--signatures", place, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = Pdf((tmp_path / "d.pdf").read_bytes())
    assert len(pdf.pages_with("政府信息公开工作年度报告报送单")) == sheets
    last = "".join(pdf.text(pdf.page_count - 1).split())
    assert "单位负责人" in last and "周明远" in last and "填报日期" in last
    if place == "report":
        assert "2026年1月20日" in last and "青禾县自然资源局" in last  # the 落款 on the same page


def test_nianbao_pdf_refuses_an_unknown_signature_place(tmp_path: Path) -> None:
    result = nianbao("pdf", "x.xlsx", "-o", "x.pdf", "--signatures", "both", cwd=tmp_path)
    assert (
        result.returncode == 2 and "无效的选项：'both'（可选：'report', 'sheet'）" in result.stderr
    )


def test_nianbao_pdf_of_a_missing_file_says_so_in_one_line(tmp_path: Path) -> None:
    result = nianbao("pdf", "nowhere.xlsx", "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nowhere.xlsx" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_target_raises_a_coded_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(NianbaoError) as raised:
        render_pdf(load_demo(), tmp_path / "missing-folder" / "report.pdf")
    assert raised.value.code == "F045"
    assert "report.pdf" in raised.value.message


def test_a_folder_in_the_way_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "report.pdf"
    folder.mkdir()
    with pytest.raises(NianbaoError):
        render_pdf(load_demo(), folder)
    assert folder.is_dir() and [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_rendering_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    render_pdf(load_demo(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary left


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_rasterise(tmp_path: Path) -> None:
    """Every page renders to an image (what 打印预览 and a printer driver do)."""
    target = tmp_path / "demo.pdf"
    render_pdf(load_demo(), target)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(target), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == Pdf(target.read_bytes()).page_count
