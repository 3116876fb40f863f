"""文件 → 由上年年报新建 from last year's report in whatever file it is kept in.

Last year's report is written by the app's own writers (Word, web page, PDF) and as a
district's own workbook; the window imports it after showing the mapping report, asks the
year, and starts next year's report with 上年结转 taken from last year's 结转下年度继续办理.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from documents import distinct_figures
from modal import when_modal
from openpyxl import Workbook

from desktop.dialogs import NewReportDialog
from desktop.import_dialog import ImportDialog
from desktop.incoming_actions import SOURCES
from desktop.main_window import DISCARD, MainWindow
from forms.definition_files import load_form
from forms.document import Document
from forms.docx import render_docx
from forms.html import render_html
from forms.importing.sources import FILE_PATTERNS
from forms.pdf import render_pdf

WRITERS: dict[str, Callable[[Document, Path], None]] = {
    ".docx": render_docx,
    ".html": render_html,
    ".pdf": render_pdf,  # a draft: its 草稿 mark crosses the tables
}


class Dialogs:
    """Accepts the import's mapping report and the new report's year, noting what they said."""

    def __init__(self) -> None:
        self.imports: list[str] = []
        self.years: list[tuple[str, int]] = []
        when_modal(ImportDialog, self._accept_import)
        when_modal(NewReportDialog, self._accept_year)

    def _accept_import(self, dialog: ImportDialog) -> None:
        self.imports.append(dialog.windowTitle())
        dialog.accept()

    def _accept_year(self, dialog: NewReportDialog) -> None:
        self.years.append((dialog.windowTitle(), dialog.year.value()))
        dialog.accept()


def start_from(window: MainWindow, path: Path) -> list[str]:
    """Run 由上年年报新建 on ``path``; the errors the window showed."""
    errors: list[str] = []
    window.ask_last_report_path = lambda: path  # type: ignore[method-assign]
    window.ask_save_changes = lambda: DISCARD  # type: ignore[method-assign]
    window.show_error = lambda _title, text: errors.append(text)  # type: ignore[method-assign]
    window.show_message = lambda _title, _text: None  # type: ignore[method-assign]
    window.new_from_last_year()
    return errors


def carried_columns() -> list[str]:
    table = next(t for t in load_form("gov-info-2021").tables if t.id == "requests")
    return [column.id for column in table.columns]


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_next_year_starts_from_a_word_web_or_pdf_report(
    window: MainWindow, tmp_path: Path, suffix: str
) -> None:
    last = distinct_figures("gov-info-2021")
    path = tmp_path / f"{last.year}年年报{suffix}"
    WRITERS[suffix](last, path)
    dialogs = Dialogs()
    assert start_from(window, path) == []
    assert dialogs.imports == [f"由上年年报新建：读取上年年报 — {path.name}"]
    assert dialogs.years == [(f"由上年年报（{last.year}年）新建", last.year + 1)]
    document = window.session.document
    assert (document.form_id, document.year, document.unit) == (
        "gov-info-2021",
        last.year + 1,
        last.unit,
    )
    *kinds, total = carried_columns()
    carried = [last.values[f"requests.carried_out/{column}"] for column in kinds]
    assert [document.values[f"requests.carried_in/{column}"] for column in kinds] == carried
    assert document.values[f"requests.carried_in/{total}"] == sum(carried)  # type: ignore[arg-type]
    assert document.last_year == {cell: v for cell, v in last.values.items() if v is not None}
    assert window.session.path is None


def test_next_year_starts_from_a_districts_own_workbook(window: MainWindow, tmp_path: Path) -> None:
    """A workbook that is not this program's (F002) is imported, not refused."""
    path = tmp_path / "区里的2025年报表.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["某某县人民政府办公室2025年政府信息公开工作年度报告"])
    sheet.append(["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"])
    sheet.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"])
    sheet.append(
        ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    )
    sheet.append(["一、本年新收政府信息公开申请数量", 7, 1, 0, 0, 0, 0, 8])
    sheet.append(["二、上年结转政府信息公开申请数量", 1, 0, 0, 0, 0, 0, 1])
    sheet.append(["四、结转下年度继续办理", 3, 2, 0, 0, 0, 1, 6])
    workbook.save(path)
    dialogs = Dialogs()
    assert start_from(window, path) == []
    assert dialogs.imports == [f"由上年年报新建：读取上年年报 — {path.name}"]
    document = window.session.document
    assert document.year == 2026
    carried = [document.values[f"requests.carried_in/{c}"] for c in carried_columns()]
    assert carried == [3, 2, 0, 0, 0, 1, 6]


def test_the_dialogs_offer_every_kind_of_file_the_importer_reads() -> None:
    assert SOURCES == FILE_PATTERNS
