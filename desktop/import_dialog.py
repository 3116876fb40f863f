"""文件 → 导入: a foreign statistical table read into a new report, after the user has seen how.

:func:`run_import_dialog` reads the file (a workbook, a Word file, a web page or a PDF) with
:func:`forms.importing.sources.import_file`,
shows the mapping report (each form row → the sheet cell it came from; rows not found;
ambiguous labels; cells not understood) with the unit and year to be used, and returns the new
document on 确定, ``None`` on 取消 or when the file cannot be read (after saying why).

The report format is chosen from the table (the dialog says which and why); the user may pick
another, and may choose whether cells holding "-"/"—"/"/" are read as 0 (listed either way).
Either choice reads the file again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.codes import NianbaoError
from forms.definition_files import available_forms
from forms.document import Document
from forms.importing import Imported, ImportReport, Reading
from forms.importing.sources import import_file
from forms.values import RawText, format_entry

HEADERS = ("指标", "来源单元格", "导入的值", "说明")
FOUND, MISSING, AMBIGUOUS, ODD = "已对应", "未找到", "有歧义", "未能识别"
COLOURS = {MISSING: "#EDEDED", AMBIGUOUS: "#FFEB9C", ODD: "#FFC7CE"}
MIN_YEAR, MAX_YEAR = 1990, 2100
AUTOMATIC = "按表格内容自动选择"
NOTICES_HEIGHT = 110
IMPORT = "导入统计表"
DASHES = "把“-”“—”“/”读作0（每一格都列在下表中）"

Reread = Callable[[str | None, Reading], Imported]


class ImportDialog(QDialog):
    """The mapping report of one import as a table, with the unit and year; 确定/取消."""

    def __init__(
        self,
        imported: Imported,
        parent: QWidget | None = None,
        reread: Reread | None = None,
        purpose: str = IMPORT,
    ) -> None:
        super().__init__(parent)
        self.imported = imported
        self.reread = reread
        report = imported.report
        self.setWindowTitle(f"{purpose} — {report.path}")
        self.summary = QLabel(self)
        self.notices = QPlainTextEdit(self)
        self.notices.setReadOnly(True)
        self.notices.setMaximumHeight(NOTICES_HEIGHT)
        self.table = _report_table(report, self)
        self.form = _form_box(self)
        self.dashes = QCheckBox(DASHES, self)
        self.dashes.setChecked(report.dashes_as_zero)
        self.unit = QLineEdit(imported.document.unit, self)
        self.year = QSpinBox(self)
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSpecialValueText("（请选择）")
        self.year.setMinimum(MIN_YEAR - 1)
        self.year.setValue(imported.document.year or MIN_YEAR - 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.year.valueChanged.connect(self._on_year_changed)
        self._on_year_changed(self.year.value())
        self._show_texts()
        self._lay_out()
        self.form.currentIndexChanged.connect(self._read_again)
        self.dashes.toggled.connect(self._read_again)

    def _lay_out(self) -> None:
        fields = QFormLayout()
        fields.addRow("报表格式(&F)：", self.form)
        fields.addRow("", self.dashes)
        fields.addRow("填报单位(&U)：", self.unit)
        fields.addRow("报告年度(&Y)：", self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notices)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(fields)
        layout.addWidget(self.buttons)
        self.form.setEnabled(self.reread is not None)
        self.resize(900, 600)

    def _show_texts(self) -> None:
        report = self.imported.report
        self.summary.setText(report.summary())
        lines = [report.form_reason] if report.form_reason else []
        lines += [report.dash_notice()] if report.dashes else []
        self.notices.setPlainText("\n".join([*lines, *report.notices]))
        self.notices.setVisible(bool(lines or report.notices))
        self.dashes.setVisible(bool(report.dashes) or not report.dashes_as_zero)
        self.dashes.setEnabled(self.reread is not None)

    def _read_again(self) -> None:
        """Read the file again with the format and the reading of dashes now chosen."""
        if self.reread is None:
            return
        form_id = self.form.currentData()
        try:
            imported = self.reread(form_id, Reading(dashes_as_zero=self.dashes.isChecked()))
        except NianbaoError as exc:
            QMessageBox.warning(self, "无法按此格式导入", exc.message)
            return
        self.imported = imported
        self.table.deleteLater()
        self.table = _report_table(imported.report, self)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.table, stretch=1)
        self._show_texts()

    def _on_year_changed(self, year: int) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(MIN_YEAR <= year <= MAX_YEAR)

    def document(self) -> Document:
        """The imported document with the unit and year as the dialog shows them."""
        document = self.imported.document
        document.unit = self.unit.text().strip()
        document.year = self.year.value()
        return document


def _form_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(AUTOMATIC, None)
    for form in available_forms():
        box.addItem(form.name, form.id)
    return box


def _report_table(report: ImportReport, parent: QWidget) -> QTableWidget:
    rows = _report_rows(report)
    table = QTableWidget(len(rows), len(HEADERS), parent)
    table.setHorizontalHeaderLabels(HEADERS)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for number, (status, texts) in enumerate(rows):
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if status in COLOURS:
                item.setBackground(QColor(COLOURS[status]))
            table.setItem(number, column, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    return table


def _report_rows(report: ImportReport) -> list[tuple[str, tuple[str, str, str, str]]]:
    """One line per problem, then per form row read: status and the four columns' texts.

    Problems come first so that they are seen without scrolling past hundreds of rows read.
    """
    rows: list[tuple[str, tuple[str, str, str, str]]] = []
    for odd in report.not_understood:
        rows.append((ODD, ("", odd.source, odd.text, odd.reason)))
    for doubt in report.ambiguous:
        note = f"{doubt.reason}；可能是：{'、'.join(doubt.candidates)}"
        rows.append((AMBIGUOUS, (doubt.text, doubt.source, "（未采用）", note)))
    for missing in report.missing:
        rows.append((MISSING, (missing.label, "—", "（空白）", "表格中没有找到这一行")))
    for item in report.mapped:
        shown = "（空白）" if item.entry is None else format_entry(item.entry)
        status = ODD if isinstance(item.entry, RawText) else FOUND
        rows.append((status, (item.label, item.source, shown, item.note)))
    return rows


def run_import_dialog(parent: QWidget | None, path: Path, purpose: str = IMPORT) -> Document | None:
    """Import ``path`` after the user has accepted the mapping report; ``None`` otherwise.
    ``purpose`` heads the dialog (导入统计表, or 读取上年年报 when next year starts from it)."""
    path = Path(path)
    try:
        imported = import_file(path)
    except NianbaoError as exc:
        QMessageBox.warning(parent, "无法导入", exc.message)
        return None

    def reread(form_id: str | None, reading: Reading) -> Imported:
        return import_file(path, form_id, reading=reading)

    dialog = ImportDialog(imported, parent, reread, purpose)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.document()
        return None
    finally:
        dialog.deleteLater()
