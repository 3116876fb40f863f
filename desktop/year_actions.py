"""This year beside last year in the window: 文件 → 载入上年报告对比, 查看 → 显示上年数.

Loading last year's report puts its figures and text into the document for comparison (one
undo step): the year-over-year rules and the copy checks (Y001, Y002) run on them, and each
table can show last year's figure small and grey beside this year's. A report of another year
than the one before is taken only when the filer says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop.file_actions import FILE_FILTER
from desktop.window_part import WindowPart
from forms.office.years import last_year_of

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class YearComparison(WindowPart):
    """The two actions and what they do to the window's session and tables."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.load_action = QAction("载入上年报告对比(&Y)…", window)
        self.load_action.triggered.connect(self.ask_and_load)
        self.show_action = QAction("显示上年数(&Y)", window)
        self.show_action.setCheckable(True)
        self.show_action.setShortcut("Ctrl+Shift+Y")
        self.show_action.toggled.connect(self.show_last_year)

    @Slot()
    def ask_and_load(self) -> None:
        from desktop.dialogs import ask_path

        window = self._window
        path = ask_path(window, "选择上年的年报", window._folder(), FILE_FILTER, save=False)
        opened = None if path is None else window._read_report(path, "无法载入上年报告")
        if opened is None:
            return
        previous, document = opened.document, window.session.document
        if previous.year != document.year - 1 and not self._other_year_accepted(previous.year):
            return
        figures, texts = last_year_of(previous, document.form)
        window.session.set_last_year((figures, texts))
        self.show_action.setChecked(True)
        window.statusBar().showMessage(
            f"已载入{previous.year}年报告对比：{len(figures)}项数字，{len(texts)}部分正文", 8000
        )

    def _other_year_accepted(self, year: int) -> bool:
        wanted = self._window.session.document.year - 1
        answer = QMessageBox.question(
            self._window,
            "年度不是上一年",
            f"所选报告是{year}年的，不是上一年（{wanted}年）的。仍然用它对比吗？",
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(bool)
    def show_last_year(self, shown: bool) -> None:
        """Show or hide last year's figures in every table of the window."""
        for view in self._window.table_views.values():
            view.table_model.set_show_last_year(shown)
        if shown and not self._window.session.document.last_year:
            self._window.statusBar().showMessage(
                "本报告没有上年数据：请用“文件 → 载入上年报告对比”选择上年的年报", 8000
            )

    def apply(self) -> None:
        """A new session's tables follow the current setting."""
        self.show_last_year(self.show_action.isChecked())
