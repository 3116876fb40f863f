"""文件 → 汇总各单位年报: the office adds up its units' reports.

The filer picks the folder of the units' files (and, if they wish, their own report as the
parent to check against the children). Reading runs on a worker thread (several processes
for many files, :func:`forms.office.consolidate.read_units`) behind a progress dialog whose
取消 stops it. The result shows how many units were counted, every file left out with its
reason, and each parent figure unlike the sum of its children; 保存汇总 writes the total with
its breakdown sheets, and 打开汇总 closes the dialog for the window to open it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs import CHINESE_FILE_DIALOG_LABELS, ask_path
from desktop.file_actions import FILE_FILTER
from desktop.file_dialog_size import fit_file_dialog
from forms.codes import NianbaoError
from forms.document import Document
from forms.office.consolidate import (
    Consolidation,
    ConsolidationCancelled,
    UnitFile,
    consolidate,
    read_units,
    unit_files,
)
from forms.office.register import (
    Filing,
    filing_counts,
    filing_states,
    find_register,
    read_register,
)


class _Reader(QObject):
    """Reads the units' files on a worker thread; ``cancel`` stops it between files."""

    progressed = Signal(int, int)
    done = Signal(object)  # list[UnitFile], or None when cancelled

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._paths, self._stop = paths, threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            units = read_units(self._paths, self.progressed.emit, self._stop.is_set)
        except ConsolidationCancelled:
            units = None
        self.done.emit(units)


class ConsolidateDialog(QDialog):
    """Choose the folder, read with progress, see what was counted and left out, save."""

    def __init__(self, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总各单位年报")
        self.resize(820, 560)
        self.result: Consolidation | None = None
        self.saved_to: Path | None = None
        self._thread: QThread | None = None
        self.progress: QProgressDialog | None = None
        self.folder = QLineEdit(folder, self)
        self.parent_file = QLineEdit(self)
        self.parent_file.setPlaceholderText("可不填：本单位自己的年报，逐项与下级合计核对")
        self.register = QLineEdit(self)
        self.register.setPlaceholderText(
            "可不填：应报送单位的名单（“单位名单.xlsx/.csv”放在文件夹中会自动使用）"
        )
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText("汇总报告的单位名称，如：某某县人民政府")
        self.start = QPushButton("开始汇总(&S)", self)
        self.summary = QLabel("选择各单位年报所在的文件夹，然后开始汇总。", self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["文件", "未计入的原因或与下级不符之处"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.filings = QTableWidget(0, 3, self)
        self.filings.setHorizontalHeaderLabels(["单位", "报送情况", "文件"])
        self.filings.horizontalHeader().setStretchLastSection(True)
        self.filings.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, "未计入的文件")
        self.tabs.addTab(self.filings, "报送情况")
        self.filing_list: list[Filing] = []
        self.buttons = QDialogButtonBox(self)
        self.save = self.buttons.addButton("保存汇总(&A)…", QDialogButtonBox.ButtonRole.ActionRole)
        self.open = self.buttons.addButton("打开汇总(&O)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.save.setEnabled(False)
        self.open.setEnabled(False)
        self.start.setDefault(True)  # Enter in a field starts; once saved, it opens the total
        self._lay_out()
        self.start.clicked.connect(self.run)
        self.save.clicked.connect(self.ask_and_save)
        self.open.clicked.connect(self._open_saved)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("各单位年报文件夹(&F)：", self._with_button(self.folder, self._choose_folder))
        form.addRow("上级年报(&P)：", self._with_button(self.parent_file, self._choose_parent))
        form.addRow("单位名单(&R)：", self._with_button(self.register, self._choose_register))
        form.addRow("汇总单位名称(&U)：", self.unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _with_button(self, line: QLineEdit, choose: object) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(line, 1)
        button = QPushButton("选择…", row)
        button.clicked.connect(choose)
        box.addWidget(button)
        return row

    @Slot()
    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, "选择各单位年报所在的文件夹", self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        for label, text in CHINESE_FILE_DIALOG_LABELS.items():
            dialog.setLabelText(label, text)
        fit_file_dialog(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.folder.setText(dialog.selectedFiles()[0])
        dialog.deleteLater()

    @Slot()
    def _choose_parent(self) -> None:
        chosen = ask_path(self, "选择上级年报", self.folder.text(), FILE_FILTER, False)
        if chosen is not None:
            self.parent_file.setText(str(chosen))

    @Slot()
    def _choose_register(self) -> None:
        file_filter = "单位名单 (*.xlsx *.xls *.csv)"
        chosen = ask_path(self, "选择单位名单", self.folder.text(), file_filter, False)
        if chosen is not None:
            self.register.setText(str(chosen))

    def _register_path(self, folder: Path) -> Path | None:
        """The register named, else the one lying in the folder (shown once found)."""
        text = self.register.text().strip()
        if text:
            return Path(text)
        found = find_register([folder])
        if found is not None:
            self.register.setText(str(found))
        return found

    # -- reading -------------------------------------------------------------------------

    @Slot()
    def run(self) -> None:
        """Read every file of the folder behind a progress dialog with 取消."""
        folder = Path(self.folder.text().strip())
        register = self._register_path(folder) if folder.is_dir() else None
        paths = unit_files([folder]) if folder.is_dir() else []
        paths = [p for p in paths if register is None or p.resolve() != register.resolve()]
        if not paths:
            self.summary.setText(f"“{folder}”中没有找到 .xlsx 年报文件。")
            return
        self.start.setEnabled(False)
        self.progress = QProgressDialog("正在读取各单位年报…", "取消", 0, len(paths), self)
        self.progress.setWindowTitle("汇总")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        self._reader = _Reader(paths)
        self._thread = QThread(self)
        self._reader.moveToThread(self._thread)
        self._thread.started.connect(self._reader.run)
        self._reader.progressed.connect(self._on_progress)
        self._reader.done.connect(self._on_read)
        # a slot of this dialog, run at once on the GUI thread: a slot of the reader would wait
        # in the busy worker thread's queue until reading had ended
        self.progress.canceled.connect(self._cancel_reading)
        self._thread.start()

    @Slot()
    def _cancel_reading(self) -> None:
        self._reader.cancel()

    @Slot(int, int)
    def _on_progress(self, done: int, count: int) -> None:
        if self.progress is not None:
            self.progress.setLabelText(f"正在读取各单位年报：{done} / {count}")
            self.progress.setValue(done)

    @Slot(object)
    def _on_read(self, units: list[UnitFile] | None) -> None:
        self._finish_thread()
        if self.progress is not None:
            self.progress.reset()
        self.start.setEnabled(True)
        if units is None:
            self.summary.setText("已取消汇总，未保存任何文件。")
            return
        try:
            parent = self._parent_document()
        except NianbaoError as exc:
            self.summary.setText(f"上级年报无法读取：{exc}")
            return
        self.result = consolidate(units, unit_name=self.unit.text().strip(), parent=parent)
        self._show_result(self.result)
        self._show_filings(units, self.result)

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None

    def _parent_document(self) -> Document | None:
        from forms.xlsx import open_document

        text = self.parent_file.text().strip()
        return open_document(Path(text)).document if text else None

    def _show_result(self, result: Consolidation) -> None:
        parts = [
            f"{result.total.year}年{result.form.name}：计入{len(result.counted)}个单位，"
            f"未计入{len(result.left_out)}个文件。",
            result.check_summary(),
        ]
        if result.parent_differences:
            parts.append(f"上级年报有{len(result.parent_differences)}项与下级合计不符。")
        self.summary.setText("\n".join(parts))
        rows = [(Path(item.path).name, item.reason) for item in result.left_out]
        rows += [
            ("上级年报", f"{d.label}：上级{d.parent_text}，下级合计{d.children}")
            for d in result.parent_differences
        ]
        self.table.setRowCount(len(rows))
        for row, (name, reason) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.resizeColumnToContents(0)
        self.save.setEnabled(bool(result.counted))

    def _show_filings(self, units: list[UnitFile], result: Consolidation) -> None:
        register = self.register.text().strip()
        self.filing_list = []
        if register:
            try:
                names = read_register(Path(register))
            except NianbaoError as exc:
                self.summary.setText(self.summary.text() + f"\n单位名单无法读取：{exc}")
                return
            year = result.total.year
            self.filing_list = filing_states(names, units, result.total.form_id, year)
            self.summary.setText(
                self.summary.text()
                + f"\n报送情况（{len(names)}个单位）：{filing_counts(self.filing_list)}"
            )
        self.filings.setRowCount(len(self.filing_list))
        for row, filing in enumerate(self.filing_list):
            for column, text in enumerate((filing.unit, filing.state, filing.file)):
                self.filings.setItem(row, column, QTableWidgetItem(text))
        self.filings.resizeColumnToContents(0)

    # -- saving ----------------------------------------------------------------------------

    @Slot()
    def ask_and_save(self) -> None:
        start = str(Path(self.folder.text()).parent / "汇总.xlsx")
        path = ask_path(self, "保存汇总", start, FILE_FILTER, save=True)
        if path is not None:
            self.save_to(path.with_suffix(".xlsx"))

    def save_to(self, path: Path) -> None:
        from forms.office.workbook import save_consolidation

        if self.result is None:
            return
        try:
            save_consolidation(self.result, path, self.filing_list)
        except NianbaoError as exc:
            QMessageBox.warning(self, "无法保存", str(exc))
            return
        self.saved_to = path
        self.summary.setText(self.summary.text() + f"\n已保存到：{path}")
        self.open.setEnabled(True)
        self.open.setDefault(True)

    @Slot()
    def _open_saved(self) -> None:
        """打开汇总: close with the saved total for the window to open (``saved_to``)."""
        if self.saved_to is not None:
            self.accept()

    def reject(self) -> None:
        if self._thread is not None:
            self._reader.cancel()
            self._finish_thread()
        super().reject()
