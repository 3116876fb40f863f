"""Settings are made one way, named in full, and what one run writes the next run reads.

On Windows a ``QSettings()`` with no organization writes nothing to the registry; the app's
settings therefore name format, scope, organization and application (desktop/settings.py).
Here the user scope of the native format is pointed at a temporary folder (on Linux the
native format is a file), and a value is read back through a new settings object.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import close_window, make_window
from PySide6.QtCore import QSettings, QStandardPaths
from pytestqt.qtbot import QtBot

from desktop.app import open_window
from desktop.session import Session
from desktop.settings import ORGANIZATION, app_settings
from forms.demo import load_demo


@pytest.fixture
def settings_home(tmp_path: Path) -> Iterator[Path]:
    """The user-scope folder of native settings, for this test only."""
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
    assert Path(settings.fileName()) == settings_home / "nianbao" / "nianbao.conf"


def test_a_value_survives_a_new_settings_object(settings_home: Path) -> None:
    first = app_settings()
    first.setValue("recent_files", ["D:/年报/2025年报.xlsx", "D:/年报/2024年报.xlsx"])
    first.sync()
    assert first.status() == QSettings.Status.NoError
    del first

    again = app_settings()
    assert again.value("recent_files") == ["D:/年报/2025年报.xlsx", "D:/年报/2024年报.xlsx"]
    text = (settings_home / "nianbao" / "nianbao.conf").read_text(encoding="utf-8")
    assert "recent_files=" in text


def test_the_window_keeps_recent_files_for_the_next_run(
    qtbot: QtBot, settings_home: Path, data_dir: Path, tmp_path: Path
) -> None:
    report = tmp_path / "平川区2018年报.xlsx"
    window = open_window([])  # settings as the app makes them
    assert window.settings.organizationName() == "nianbao"
    window.remember_recent(report)
    close_window(window)

    later = make_window(qtbot, Session(load_demo()), app_settings(), data_dir)
    assert later.recent_files() == [report.resolve()]
    close_window(later)
