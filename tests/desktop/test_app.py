"""Start-up: the arguments, the first document, Chinese Qt dialogs, a file named at start."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import close_window
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import install_translations, open_window, parse_args
from desktop.main import NO_DISPLAY, missing_display, mistyped_command
from forms.definition_files import available_forms
from forms.demo import load_demo
from forms.xlsx import save_document


def test_arguments() -> None:
    assert parse_args(["--demo"]).demo == "gov-info-2018"
    assert parse_args(["--demo", "gov-info-2021"]).demo == "gov-info-2021"
    assert parse_args(["年报.xlsx"]).file == Path("年报.xlsx")
    assert parse_args([]).file is None


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--nonsense"])
    assert exit_info.value.code == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_qt_dialogs_speak_chinese() -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_the_log_says_whether_qts_chinese_loaded_and_from_where(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    """What the frozen build's smoke run checks in its log (packaging/smoke_linux.sh)."""
    with caplog.at_level(logging.INFO, logger="nianbao.app"):
        assert install_translations(qapp) == ["qtbase_zh_CN"]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    expected = f"Qt 中文翻译：载入 ['qtbase_zh_CN']（{folder}），“Cancel”→“取消”"
    assert [record.getMessage() for record in caplog.records] == [expected]


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


@pytest.mark.parametrize(
    ("platform", "environ", "refused"),
    [
        ("linux", {}, True),
        ("linux", {"DISPLAY": ""}, True),
        ("linux", {"HOME": "/root", "LANG": "zh_CN.UTF-8"}, True),
        ("linux", {"DISPLAY": ":0"}, False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, False),
        ("win32", {}, False),
        ("darwin", {}, False),
    ],
)
def test_the_window_needs_a_display_on_linux(
    platform: str, environ: dict[str, str], refused: bool
) -> None:
    assert (missing_display(platform, environ) == NO_DISPLAY) is refused


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux's")
def test_without_a_display_the_window_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    """The real entry point in an emptied environment: one Chinese line, rc 2, no core dump."""
    script = Path(sys.executable).parent / "nianbao"
    env = {"PATH": os.defpath, "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(script)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [NO_DISPLAY]
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == [], "no core file, nothing written"
    demo = subprocess.run(
        [str(script), "--demo"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert (demo.returncode, demo.stderr.strip()) == (2, NO_DISPLAY)


@pytest.mark.parametrize(
    ("args", "mistyped"),
    [
        (["frob"], True),
        (["chek", "年报.xlsx"], True),
        (["年报.xlsx"], False),
        (["年报"], False),  # a file of that name exists (made below)
        (["--demo"], False),
        ([], False),
        (["check", "x.xlsx"], False),
    ],
)
def test_a_mistyped_command_is_a_usage_error_not_a_window(
    args: list[str], mistyped: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "年报").write_bytes(b"")
    said = mistyped_command(args)
    assert (said is not None) is mistyped
    if said:
        assert said.startswith(f"用法错误：没有命令“{args[0]}”，可用：check、new、demo、pdf")


def test_the_2021_demo_opens_from_the_command_line(qtbot: QtBot, settings: QSettings) -> None:
    window = open_window(["--demo", "gov-info-2021"], settings=settings)
    qtbot.addWidget(window)
    assert window.session.document.content() == load_demo("gov-info-2021").content()
    assert window.session.report.status.value == "可定稿"


def test_an_empty_window_starts_last_years_report_in_its_format(
    qtbot: QtBot, settings: QSettings
) -> None:
    window = open_window([], settings=settings)
    qtbot.addWidget(window)
    document = window.session.document
    assert document.year == date.today().year - 1 and document.form_id == "gov-info-2021"
