"""The header page as a clerk sees it: a date hint that follows the report year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.pages.header import DateField, example_date


def date_fields(window: MainWindow) -> list[DateField]:
    return [w for w in window.header.fields.values() if isinstance(w, DateField)]


def type_year(qtbot: QtBot, window: MainWindow, text: str) -> None:
    spin = window.header.fields["header.year"]
    assert isinstance(spin, QSpinBox)
    window.pages.show_page("header")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


def test_the_date_hint_is_in_the_filing_month_after_the_report_year(
    window: MainWindow, qtbot: QtBot
) -> None:
    (field,) = date_fields(window)  # 2018's form: 填报日期
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "" and window.session.document.signatories["date"] == ""
    assert field.placeholderText() == "如 2019年1月20日（Alt+↓ 打开日历）"
    type_year(qtbot, window, "2025")
    assert window.session.document.year == 2025
    assert field.placeholderText() == "如 2026年1月20日（Alt+↓ 打开日历）"
    window.undo_action.trigger()  # the year typed is one step
    assert window.session.document.year == 2018
    assert field.placeholderText() == "如 2019年1月20日（Alt+↓ 打开日历）"


def test_a_year_no_calendar_can_follow_still_gives_a_hint() -> None:
    assert example_date(2025) == date(2026, 1, 20)
    assert example_date(9999).year == example_date(0).year == date.today().year
