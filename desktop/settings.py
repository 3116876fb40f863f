"""The app's settings store: the one place a ``QSettings`` is made.

A plain ``QSettings()`` takes its organization and application from the QApplication. With an
empty organization, Qt's Windows registry backend has no key to write under and silently keeps
nothing, so recent files and choices were lost at every restart. Here the format, scope,
organization and application are all given: on Windows the registry key
``HKEY_CURRENT_USER\\Software\\nianbao\\nianbao`` (no admin rights), on Linux the file
``~/.config/nianbao/nianbao.conf``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.identity import APP_ID

ORGANIZATION = "nianbao"
SETTINGS_FORMAT = QSettings.Format.NativeFormat
SETTINGS_SCOPE = QSettings.Scope.UserScope


def app_settings() -> QSettings:
    """The user's settings of this app, named explicitly (never the empty organization)."""
    return QSettings(SETTINGS_FORMAT, SETTINGS_SCOPE, ORGANIZATION, APP_ID)
