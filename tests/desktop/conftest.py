"""GUI test set-up: a private app-data folder, the main window, and no leaked windows.

Every test gets its own app-data folder (``NIANBAO_DATA_DIR``), so recovery copies and logs
never touch the user's. A test that leaves a top-level widget behind fails, as napari's
``make_napari_viewer`` does: a leaked dialog or window is a bug in the app or the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import install_translations
from desktop.main_window import DISCARD, MainWindow
from desktop.recovery import RecoveryCopy
from desktop.session import Session
from desktop.table import TableView
from forms.demo import load_demo

# The offscreen platform plugin says this whenever a main window with a menu bar, dock or
# status bar is shown; it is the plugin's limitation, not the app's (xcb and Windows are silent).
OFFSCREEN_SIZE_HINTS = r"This plugin does not support propagateSizeHints\(\)"
# A popup (context menu, calendar) on the offscreen platform says these as well.
POPUP_ON_OFFSCREEN = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


@pytest.fixture(scope="session", autouse=True)
def chinese_qt(qapp: QApplication) -> None:
    """Qt's own dialogs in Chinese, as the app sets them up at start."""
    install_translations(qapp)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a window or dialog open after its fixtures are torn down."""
    before = set(QApplication.topLevelWidgets())
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"测试留下了未关闭的窗口：{[type(w).__name__ for w in leaked]}"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(qtbot: QtBot, session: Session, settings: QSettings, folder: Path) -> MainWindow:
    window = MainWindow(session, settings=settings, recovery=RecoveryCopy(folder / "recovery"))
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def close_window(window: MainWindow) -> None:
    window.ask_save_changes = lambda: DISCARD  # type: ignore[method-assign]
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    """The main window on a fresh copy of the demo document, shown at 1366×768."""
    win = make_window(qtbot, Session(load_demo()), settings, data_dir)
    yield win
    close_window(win)


@pytest.fixture
def demo2021(qtbot: QtBot, settings: QSettings, data_dir: Path) -> Iterator[MainWindow]:
    """The main window on the 2021 demo (whose text quotes its figures correctly), 1366×768."""
    win = make_window(qtbot, Session(load_demo("gov-info-2021")), settings, data_dir)
    yield win
    close_window(win)


def reveal(widget: QWidget) -> None:
    """Show the window's page that holds ``widget`` (a hidden page takes no keys)."""
    window = widget.window()
    if isinstance(window, MainWindow):
        window.pages.show_widget(widget)


class Typist:
    """Types into a table cell as a user does: select it, type, press Enter."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot

    def cell(self, view: TableView, cell: str, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
        reveal(view)
        view.setFocus()
        index = view.table_model.index_of(cell)
        view.setCurrentIndex(index)
        first, rest = text[0], text[1:]
        self.key_text(view, first)
        editor = view.indexWidget(index)
        assert isinstance(editor, QLineEdit), "typing into the table should open a line editor"
        for char in rest:
            self.key_text(editor, char)
        self._qtbot.keyClick(editor, key)

    @staticmethod
    def key_text(widget: QWidget, char: str) -> None:
        """One key press carrying ``char`` (also full-width digits, as an IME delivers them)."""
        key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def typist(qtbot: QtBot) -> Typist:
    return Typist(qtbot)


def previewed_pages(window: MainWindow) -> int:
    """Open 打印预览 as the user does and count the pages it shows, then close it."""
    from modal import when_modal
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    counted: list[int] = []

    def count_and_close(dialog: QPrintPreviewDialog) -> None:
        counted.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        dialog.reject()

    when_modal(QPrintPreviewDialog, count_and_close)
    window.print_preview()
    assert len(counted) == 1, "the preview did not open"
    return counted[0]
