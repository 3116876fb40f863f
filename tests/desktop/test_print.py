"""Printing: PDF export through forms.pdf, page images for preview and paper, and failures."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from conftest import previewed_pages
from PySide6.QtPrintSupport import QPrinter

from desktop import printing
from desktop.main_window import MainWindow
from forms.codes import NianbaoError


def export(window: MainWindow, target: Path) -> list[str]:
    errors: list[str] = []
    window.ask_save_path = lambda _f, _s: target  # type: ignore[method-assign]
    window.show_error = lambda _t, text: errors.append(text)  # type: ignore[method-assign]
    window.export_pdf()
    return errors


@pytest.fixture
def demo_pdf(window: MainWindow, tmp_path: Path) -> Path:
    assert export(window, tmp_path / "年报") == []
    return tmp_path / "年报.pdf"


def test_export_writes_the_report_as_pdf(demo_pdf: Path) -> None:
    reader = pypdf.PdfReader(demo_pdf)
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert "平川区" in text
    assert "12457" in text.replace(",", "")


def test_pages_render_as_a4_images(demo_pdf: Path) -> None:
    pages = printing.render_pages(demo_pdf, dpi=40)
    assert len(pages) == len(pypdf.PdfReader(demo_pdf).pages)
    first = pages[0]
    assert first.height() / first.width() == pytest.approx(297 / 210, rel=0.02)
    assert not first.isNull() and first.pixelColor(0, 0).lightness() > 240


def test_printing_paints_one_sheet_per_page(demo_pdf: Path, tmp_path: Path) -> None:
    pages = printing.render_pages(demo_pdf, dpi=60)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printing.paint_pages(printer, pages)
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == len(pages)


def test_the_preview_shows_every_page(window: MainWindow, demo_pdf: Path) -> None:
    expected = len(pypdf.PdfReader(demo_pdf).pages)
    assert previewed_pages(window) == expected


def test_a_renderer_failure_is_a_message_not_a_crash(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_document: object, path: Path, _signatures: str = "report") -> None:
        raise NianbaoError("F008", path=path, detail="磁盘已满")

    monkeypatch.setattr(printing, "render_pdf", refuse)
    errors = export(window, tmp_path / "x.pdf")
    assert len(errors) == 1 and "磁盘已满" in errors[0]
    assert not (tmp_path / "x.pdf").exists()


def test_the_signature_setting_moves_the_signatory_line_to_a_submission_sheet(
    window: MainWindow, tmp_path: Path
) -> None:
    menu = next(
        action.menu()
        for action in window.menuBar().actions()[0].menu().actions()
        if action.text() == "签署栏位置(&G)"
    )
    choices = {action.text(): action for action in menu.actions()}
    assert list(choices) == ["签署栏印在报告末尾", "签署栏另附报送单"]
    assert choices["签署栏印在报告末尾"].isChecked()
    choices["签署栏另附报送单"].trigger()
    assert window.settings.value("print/signatures") == "sheet"
    assert not choices["签署栏印在报告末尾"].isChecked()
    assert export(window, tmp_path / "报送") == []
    reader = pypdf.PdfReader(tmp_path / "报送.pdf")
    last = "".join(reader.pages[-1].extract_text().split())
    assert "政府信息公开工作年度报告报送单" in last and "李有凌" in last
    choices["签署栏印在报告末尾"].trigger()
    assert export(window, tmp_path / "报告") == []
    reader = pypdf.PdfReader(tmp_path / "报告.pdf")
    assert "报送单" not in "".join(page.extract_text() for page in reader.pages)
