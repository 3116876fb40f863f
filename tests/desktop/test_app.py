"""Start-up: the arguments, the first document, Chinese Qt dialogs, a file named at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import close_window
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desktop.app import open_window, parse_args
from forms.definition import available_forms
from forms.demo import load_demo
from forms.xlsx import save_document


def test_arguments() -> None:
    assert parse_args(["--demo"]).demo
    assert parse_args(["年报.xlsx"]).file == Path("年报.xlsx")
    assert parse_args([]).file is None


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--nonsense"])
    assert exit_info.value.code == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_qt_dialogs_speak_chinese() -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_demo_opens_untitled_so_save_asks_for_a_path(qtbot: QtBot, settings: QSettings) -> None:
    window = open_window(["--demo"], settings=settings)
    qtbot.addWidget(window)
    assert window.session.path is None
    assert window.session.document.content() == load_demo().content()
    assert not window.isWindowModified()
    assert window.windowTitle() == "未命名[*]"
    close_window(window)


def test_no_arguments_gives_a_blank_report_of_the_newest_form(
    qtbot: QtBot, settings: QSettings
) -> None:
    window = open_window([], settings=settings)
    assert window.session.form.id == available_forms()[-1].id
    assert all(value is None for value in window.session.document.values.values())
    assert window.session.report.blanks
    close_window(window)


def test_a_file_named_at_start_is_opened_once_the_window_shows(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    path = tmp_path / "start.xlsx"
    save_document(load_demo(), path)
    window = open_window([str(path)], settings=settings)
    window.show()
    qtbot.waitUntil(lambda: window.session.path == path)
    assert window.windowTitle() == "start.xlsx[*]"
    close_window(window)
