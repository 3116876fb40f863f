"""A date typed and then saved at once with Ctrl+S, the cursor still in the field, is saved:
the field kept a date only on leaving, so the file got the old 成文日期 (seen at 1366×768
typing 2027年1月20日 and pressing Ctrl+S); Ctrl+Q closed without asking. Typing itself and
the field's own keys still keep the date only when it is left (no S003 for half a date)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Typist, close_window, make_window, reveal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.main_window import CANCEL, MainWindow
from desktop.pages.header import DateField
from desktop.session import SIGN_PREFIX, Session
from forms.demo import load_demo
from forms.xlsx import open_document, save_document


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "交通局2026年报.xlsx"
    save_document(load_demo("gov-info-2021"), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, data_dir: Path, saved: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, Session(load_demo("gov-info-2021")), settings, data_dir)
    assert win.open_path(saved)
    yield win
    close_window(win)


def test_a_date_typed_then_ctrl_s_is_in_the_saved_file(window: MainWindow, saved: Path) -> None:
    field = type_date(window, "2027-01-25")
    QTest.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert open_document(saved).document.signatories["issued"] == "2027-01-25"


def type_date(window: MainWindow, text: str) -> DateField:
    field = window.pages.header.fields[SIGN_PREFIX + "issued"]
    assert isinstance(field, DateField)
    reveal(field)
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for char in text:
        Typist.key_text(field, char)
    return field


def test_typing_and_the_fields_own_keys_keep_the_date_until_it_is_left(
    window: MainWindow,
) -> None:
    field = type_date(window, "2027-0")
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert field.text() == "2027-0" and field.hasSelectedText()
    assert window.session.document.signatories["issued"] == "2026-01-20"
    assert "S003" not in {f.code for f in window.session.report.findings}


def dates_asked_to_save(window: MainWindow) -> list[str]:
    """Each time the window asks whether to save, the 成文日期 it would save; it is told 取消."""
    asked: list[str] = []

    def ask() -> str:
        asked.append(window.session.document.signatories["issued"])
        return CANCEL

    window.ask_save_changes = ask  # type: ignore[method-assign]
    return asked


def test_ctrl_q_after_typing_a_date_asks_to_save_it(window: MainWindow) -> None:
    asked = dates_asked_to_save(window)
    field = type_date(window, "2027年1月25日")
    QTest.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["2027-01-25"]
    assert window.isVisible()


def test_closing_with_the_mouse_after_typing_a_date_asks_to_save_it(window: MainWindow) -> None:
    """The window's close button (a close event, no key in the field) keeps the date too."""
    asked = dates_asked_to_save(window)
    field = type_date(window, "2027年1月26日")
    assert window.session.document.signatories["issued"] == "2026-01-20"  # not kept yet
    window.close()
    assert asked == ["2027-01-26"]
    assert window.isVisible() and field.hasFocus()  # 取消: typing goes on where it was
