"""The header page as a clerk sees it: a date hint that follows the report year, and the
fields of all its groups starting at one x."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import close_window, make_window
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.pages.header import DateField, example_date
from desktop.session import Session
from forms.demo import load_demo


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


def field_group(widget: QWidget) -> QGroupBox:
    group = widget.parentWidget()
    assert isinstance(group, QGroupBox)
    return group


@pytest.mark.parametrize("form", ["gov-info-2018", "gov-info-2021"])
def test_the_fields_of_every_group_start_at_one_x(
    qtbot: QtBot, settings: QSettings, data_dir: Path, form: str
) -> None:
    window = make_window(qtbot, Session(load_demo(form)), settings, data_dir)
    try:
        window.pages.show_page("header")
        page, fields = window.header, window.header.fields.values()
        groups = {field_group(field).title() for field in fields}
        assert len(groups) >= 3  # 报告信息, 联系方式, 签署栏 (and 2021's 落款)
        lefts = {field.mapTo(page.widget(), QPoint(0, 0)).x() for field in fields}
        assert len(lefts) == 1, lefts
        for field in fields:  # and each field starts right of its whole label
            form_layout = field_group(field).layout()
            assert isinstance(form_layout, QFormLayout)
            label = form_layout.labelForField(field)
            text = label.text().replace("&", "")
            right = label.geometry().left() + label.fontMetrics().horizontalAdvance(text)
            assert right <= field.geometry().left()
    finally:
        close_window(window)
