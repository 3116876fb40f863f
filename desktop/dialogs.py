"""Small dialogs of the window: a new report (form, unit, year), file choosers and 关于.

Qt's own file chooser (where the system has none, as on Linux) is sized by
:mod:`desktop.file_dialog_size` for a long Chinese file name and its date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from desktop.file_dialog_size import fit_file_dialog
from desktop.identity import APP_NAME
from forms.definition import FormDefinition
from forms.definition_files import form_for_year
from forms.version import APP_VERSION


@dataclass(frozen=True)
class NewReport:
    form_id: str
    unit: str
    year: int


class NewReportDialog(QDialog):
    """Choose the report format and year, and name the unit.

    The format follows the year as it is chosen (2019–2020: the trial format), and can still be
    changed. The cursor starts in 填报单位, the one field a new report needs typed. Started
    from last year's report, the dialog is titled so, offers only later years and preselects
    the year after last year's, the cursor in it: the year is asked, never assumed.
    """

    def __init__(
        self,
        forms: list[FormDefinition],
        unit: str = "",
        parent: QWidget | None = None,
        last_year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建年报" if last_year is None else f"由上年年报（{last_year}年）新建")
        self.form_box = QComboBox(self)
        for form in forms:
            self.form_box.addItem(form.name, form.id)
        self.form_box.setCurrentIndex(len(forms) - 1)
        self.unit = QLineEdit(unit, self)
        self.year = QSpinBox(self)
        self.year.setRange(1990 if last_year is None else last_year + 1, 2100)
        self.year.valueChanged.connect(self._follow_year)
        self.year.setValue(date.today().year - 1 if last_year is None else last_year + 1)
        self._follow_year(self.year.value())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("报表格式(&F)：", self.form_box)
        layout.addRow("填报单位(&U)：", self.unit)
        layout.addRow("报告年度(&Y)：", self.year)
        layout.addRow(buttons)
        # what the filer types first: the unit (its text selected), or the year asked for
        (self.unit if last_year is None else self.year).setFocus()
        self.unit.selectAll()

    def _follow_year(self, year: int) -> None:
        found = self.form_box.findData(form_for_year(year).id)
        if found >= 0:
            self.form_box.setCurrentIndex(found)

    def choice(self) -> NewReport:
        return NewReport(
            str(self.form_box.currentData()), self.unit.text().strip(), self.year.value()
        )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"关于{APP_NAME}",
        f"<h3>{APP_NAME}</h3><p>版本 {APP_VERSION}</p>"
        "<p>填写、审核、保存和打印政府信息公开工作年度报告。</p>",
    )


# Qt 6.11's labels read "&Look in:" and "Files of &type:", which its zh_CN catalogue does not
# yet have (it translates the older "Look in:"); Qt's own file dialog (Linux) showed English.
CHINESE_FILE_DIALOG_LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围(&L)：",
    QFileDialog.DialogLabel.FileType: "文件类型(&T)：",
}


def file_dialog(
    parent: QWidget, title: str, folder: str, file_filter: str, save: bool, name: str = ""
) -> QFileDialog:
    """A file chooser with every label in Chinese (the system's own dialog where there is one),
    offering ``name`` as the file name when one is given (a save dialog's suggestion)."""
    dialog = QFileDialog(parent, title, folder, file_filter)
    mode = QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    dialog.setAcceptMode(mode)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    for label, text in CHINESE_FILE_DIALOG_LABELS.items():
        dialog.setLabelText(label, text)
    if name:
        dialog.selectFile(name)
    fit_file_dialog(dialog)
    return dialog


def file_name_for(unit: str, title: str, suffix: str) -> str:
    """A new file's suggested name, 某某县交通运输局2026年政府信息公开工作年度报告.xlsx: the
    characters Windows forbids in a name are left out."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", f"{unit.strip()}{title}").strip(" .")
    return f"{stem}{suffix}"


def documents_folder() -> Path:
    """Where a file dialog starts for an untitled report: the user's 文档 (Documents).

    Qt asks the shell, so a Documents folder redirected to OneDrive or a server share is the
    one found; the home folder only when there is none.
    """
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def ask_path(
    parent: QWidget, title: str, folder: str, file_filter: str, save: bool, name: str = ""
) -> Path | None:
    """The file the user chose, or None when the dialog was cancelled."""
    dialog = file_dialog(parent, title, folder, file_filter, save, name)
    chosen = dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []
    dialog.deleteLater()
    return Path(chosen[0]) if chosen else None
