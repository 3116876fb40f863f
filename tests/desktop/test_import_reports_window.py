"""文件 → 导入 takes a report kept as PDF or Word: chosen in the file dialog, read, accepted.

Ctrl+I on the main window opens the file chooser, whose filter offers the report kinds; the
app's own 2021 PDF (or a Word file) is chosen, the mapping report is accepted, and the window
holds the report with every figure and part of the original.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from modal import when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.import_dialog import ImportDialog
from desktop.main_window import MainWindow
from forms.demo import load_demo
from forms.pdf import render_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importing" / "sources"))
from source_files import blocks, write_docx


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_report_file_is_imported_through_the_window(
    window: MainWindow, tmp_path: Path, kind: str
) -> None:
    demo = load_demo("gov-info-2021")
    if kind == "pdf":
        chosen = tmp_path / "去年的年报.pdf"
        render_pdf(demo, chosen)
    else:
        chosen = write_docx(blocks(demo), tmp_path / "去年的年报.docx")
    filters: list[list[str]] = []
    seen: list[str] = []

    def choose(dialog: QFileDialog) -> None:
        filters.append(dialog.nameFilters())
        dialog.selectFile(str(chosen))
        dialog.accept()

    def accept(dialog: ImportDialog) -> None:
        seen.append(dialog.summary.text())
        dialog.accept()

    when_modal(QFileDialog, choose)
    when_modal(ImportDialog, accept)
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert filters[0][0] == "表格或报告 (*.xlsx *.xls *.docx *.html *.htm *.pdf)"
    assert seen == ["已对应 200 项 · 未找到 0 项 · 有歧义 0 处 · 未能识别 0 处"]
    document = window.session.document
    assert (document.form_id, document.unit, document.year) == (
        demo.form_id,
        demo.unit,
        demo.year,
    )
    assert document.values == demo.values
    assert document.narrative == demo.narrative
    assert document.contact == demo.contact
