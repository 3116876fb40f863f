"""Reports that come in from other files: 导入, 由上年年报新建 and 汇总各单位年报.

Last year's report may be kept as this program's workbook, another workbook, a Word file, a
web page or a PDF. This program's workbook opens as it is; any other file is imported, and the
filer sees the mapping report (what each figure was read from, what was not understood)
before the new year's report is started from it. Either way the year is asked, not assumed,
and 上年结转 is carried from last year's 结转下年度继续办理 (:func:`forms.importing.carry`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from desktop import printing
from desktop.dialogs import NewReport, NewReportDialog, ask_path
from desktop.file_actions import READ_FAILURES, FileActions, read_failure
from desktop.session import Session
from forms.codes import NianbaoError
from forms.definition_files import available_forms
from forms.document import Document

SOURCES = "*.xlsx *.xls *.docx *.html *.htm *.pdf"  # = sources.FILE_PATTERNS (lxml: not at start)
IMPORT_FILTER = f"表格或报告 ({SOURCES});;表格 (*.xlsx *.xls)"
LAST_REPORT_FILTER = (
    f"上年年报 ({SOURCES});;年报文件 (*.xlsx);;Word 文件 (*.docx);;网页 (*.html *.htm);;"
    "PDF 文件 (*.pdf)"
)
LAST_REPORT = "由上年年报新建：读取上年年报"


class IncomingActions(FileActions):
    """Import a table or report, start next year's report from last year's, add up units."""

    @Slot()
    def import_table(self) -> None:
        """文件 → 导入: a foreign table or report, shown with its mapping report before use."""
        if not self.settle_changes():
            return
        path = self.ask_import_path()
        if path is None:
            return
        from desktop.import_dialog import run_import_dialog

        document = run_import_dialog(self, path)
        if document is not None:
            self.replace_session(Session(document))

    @Slot()
    def new_from_last_year(self) -> None:
        """A new report for the next year from last year's, in whatever file it is kept."""
        if not self.settle_changes():
            return
        path = self.ask_last_report_path()
        if path is None:
            return
        previous = self.read_last_report(path)
        choice = self.ask_follow_on(previous) if previous is not None else None
        if previous is not None and choice is not None:
            self._follow_on(previous, choice)

    def read_last_report(self, path: Path) -> Document | None:
        """Last year's report: this program's workbook as it is, any other file imported after
        the filer has accepted its mapping report; None (after saying why) when unreadable."""
        from desktop.import_dialog import run_import_dialog
        from forms.importing.sources import own_report

        try:
            with printing.busy():
                own = own_report(path)
        except READ_FAILURES as exc:
            self.show_error("无法读取上年年报", read_failure(path, exc))
            return None
        return own if own is not None else run_import_dialog(self, path, LAST_REPORT)

    def _follow_on(self, previous: Document, choice: NewReport) -> None:
        from forms.importing.carry import follow_on, not_carried

        try:
            document = follow_on(previous, year=choice.year, form_id=choice.form_id)
        except NianbaoError as exc:
            self.show_error("无法由上年年报新建", exc.message)
            return
        document.unit = choice.unit or document.unit
        self.replace_session(Session(document))
        lost = not_carried(previous, choice.form_id)
        if lost:
            self.show_message("未沿用的内容", "\n".join(lost))

    @Slot()
    def consolidate_units(self) -> None:
        """文件 → 汇总各单位年报: add up the units' files; the saved total may be opened here."""
        from desktop.consolidate_dialog import ConsolidateDialog

        dialog = ConsolidateDialog(self, self._folder())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        total = dialog.saved_to if accepted else None
        dialog.deleteLater()
        if total is not None:
            self.open_path(total)

    # -- questions to the user (methods, so tests can answer them) ----------------------------

    def ask_import_path(self) -> Path | None:
        return ask_path(self, "导入统计表", self._folder(), IMPORT_FILTER, save=False)

    def ask_last_report_path(self) -> Path | None:
        return ask_path(self, "选择上年的年报", self._folder(), LAST_REPORT_FILTER, save=False)

    def ask_follow_on(self, previous: Document) -> NewReport | None:
        """The year (last year's + 1 preselected), format and unit of a report started from
        ``previous``."""
        dialog = NewReportDialog(available_forms(), previous.unit, self, previous.year)
        return dialog.choice() if dialog.exec() == NewReportDialog.DialogCode.Accepted else None
