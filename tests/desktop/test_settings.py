"""Settings are made one way, named in full, and what one run writes the next run reads.

On Windows a ``QSettings()`` with no organization writes nothing to the registry; the app's
settings therefore name format, scope, organization and application (desktop/settings.py).
On Linux the user scope of the native format (a file) is pointed at a temporary folder; on
Windows (the CI's test job) the registry key is the real one, so the tests write only a key
of their own there, or put back what they changed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import close_window, make_window
from PySide6.QtCore import QSettings, QStandardPaths
from pytestqt.qtbot import QtBot

from desktop.app import open_window
from desktop.file_actions import RECENT_KEY
from desktop.session import Session
from desktop.settings import ORGANIZATION, app_settings
from forms.demo import load_demo

WINDOWS = sys.platform == "win32"
REGISTRY_KEY = "\\HKEY_CURRENT_USER\\Software\\nianbao\\nianbao"


@pytest.fixture
def settings_home(tmp_path: Path) -> Iterator[Path]:
    """The user-scope folder of native settings, for this test only (not the registry)."""
    folder = tmp_path / "config"
    native, user = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    QSettings.setPath(native, user, str(folder))
    yield folder
    config = QStandardPaths.StandardLocation.GenericConfigLocation
    QSettings.setPath(native, user, QStandardPaths.writableLocation(config))


def test_the_app_settings_are_named_in_full(settings_home: Path) -> None:
    settings = app_settings()

    assert settings.format() == QSettings.Format.NativeFormat
    assert settings.scope() == QSettings.Scope.UserScope
    assert settings.organizationName() == ORGANIZATION == "nianbao"
    assert settings.applicationName() == "nianbao"
    if WINDOWS:
        assert settings.fileName() == REGISTRY_KEY
    else:
        assert Path(settings.fileName()) == settings_home / "nianbao" / "nianbao.conf"


def test_a_value_survives_a_new_settings_object(settings_home: Path) -> None:
    first = app_settings()
    first.setValue("tests/recent_files", ["D:/年报/2025年报.xlsx", "D:/年报/2024年报.xlsx"])
    first.sync()
    assert first.status() == QSettings.Status.NoError
    del first

    again = app_settings()
    assert again.value("tests/recent_files") == ["D:/年报/2025年报.xlsx", "D:/年报/2024年报.xlsx"]
    again.remove("tests")
    again.sync()
    if not WINDOWS:
        text = (settings_home / "nianbao" / "nianbao.conf").read_text(encoding="utf-8")
        assert "[tests]" not in text


def test_the_window_keeps_recent_files_for_the_next_run(
    qtbot: QtBot, settings_home: Path, data_dir: Path, tmp_path: Path
) -> None:
    report = tmp_path / "平川区2018年报.xlsx"
    before = app_settings().value(RECENT_KEY)  # a developer's own, on Windows
    window = open_window([])  # settings as the app makes them
    assert window.settings.organizationName() == "nianbao"
    window.remember_recent(report)
    close_window(window)

    later = make_window(qtbot, Session(load_demo()), app_settings(), data_dir)
    try:
        assert later.recent_files()[0] == report.resolve()
    finally:
        close_window(later)
        restore = app_settings()
        if before is None:
            restore.remove(RECENT_KEY)
        else:
            restore.setValue(RECENT_KEY, before)
