"""The reviewer's menu (审核): sign the report off, withdraw it, see what changed.

审核通过 asks for the reviewer's name (the 审核人 of the signatory block by default) and
signs off as of today, once the report has no error, no warning left unexplained and no
说明 the reviewer marked 不采纳 or 待核实 (else one coded line says what stands in the way). Any
later change of a figure or text withdraws it, and the status bar says so. 修改记录 lists the
file's change log, newest first. The verdicts on each warning are in the problems panel's
context menu (:mod:`desktop.problems`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.window_part import WindowPart
from forms.review import approval_holds, approval_refusal

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class ReviewActions(WindowPart):
    """The 审核 menu's actions over the window's session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.approve_action = QAction("审核通过(&A)…", window)
        self.approve_action.triggered.connect(self.ask_and_approve)
        self.withdraw_action = QAction("撤销审核通过(&W)", window)
        self.withdraw_action.triggered.connect(self.withdraw)
        self.changes_action = QAction("修改记录(&H)…", window)
        self.changes_action.triggered.connect(self.show_changes)

    @Slot()
    def ask_and_approve(self) -> None:
        session = self._window.session
        refusal = approval_refusal(session.document, session.report)
        if refusal is not None:
            QMessageBox.information(
                self._window,
                "还不能审核通过",
                f"[{refusal.code}] {refusal.message}\n\n（{session.report.summary()}）",
            )
            return
        name, ok = QInputDialog.getText(
            self._window, "审核通过", "审核人姓名：", text=session.reviewer()
        )
        if ok and name.strip():
            session.approve(name.strip(), date.today().isoformat())

    @Slot()
    def withdraw(self) -> None:
        if self._window.session.document.review.approval is not None:
            self._window.session.withdraw_approval()

    @Slot()
    def show_changes(self) -> None:
        dialog = ChangeLog(self._window)
        dialog.exec()
        dialog.deleteLater()

    def state(self) -> str:
        """For the status bar: 审核通过（陈晓岚 2026-01-21）, or nothing."""
        document = self._window.session.document
        approval = document.review.approval
        if approval is None or not approval_holds(document):
            return ""
        return f"审核通过（{approval.by} {approval.on}）"


class ChangeLog(QDialog):
    """The file's change log, newest first."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("修改记录")
        self.resize(760, 420)
        changes = list(reversed(window.session.document.review.changes))
        rows = [(c.at[:19].replace("T", " "), c.place, c.old, c.new) for c in changes]
        rows = rows or [("", "尚无修改记录（每次保存时记录改动）", "", "")]
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels(["时间", "位置", "原为", "改为"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
