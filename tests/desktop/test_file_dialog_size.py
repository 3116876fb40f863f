"""Qt's own file chooser at 1366×768 shows a long Chinese file name and its date whole.

At Qt's own size the name was cut to 某某县交通运输局20…作年度报告.xlsx and the type to Ex…表格.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from modal import when_modal
from PySide6.QtCore import QModelIndex, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QPushButton, QTreeView
from pytestqt.qtbot import QtBot

from desktop.consolidate_dialog import ConsolidateDialog
from desktop.dialogs import ask_path
from desktop.file_dialog_size import DATE_COLUMN, NAME_COLUMN, SIZE_COLUMN, TYPE_COLUMN
from desktop.main_window import MainWindow

LONG_NAME = "白银市平川区人民政府办公室2026年政府信息公开工作年度报告（修订稿）.xlsx"


@dataclass
class Seen:
    width: int = 0
    height: int = 0
    columns_fit: bool = False  # every shown column in the list without scrolling sideways
    type_hidden: bool = False
    cut: tuple[str, ...] = ()  # the texts of the long file's row that do not fit their column


def row_texts_cut(tree: QTreeView, name: QModelIndex) -> tuple[str, ...]:
    cut = []
    for column in (NAME_COLUMN, SIZE_COLUMN, DATE_COLUMN):
        index = name.siblingAtColumn(column)
        if tree.sizeHintForIndex(index).width() > tree.columnWidth(column):
            cut.append(str(index.data()))
    return tuple(cut)


def look_when_listed(path: Path, seen: list[Seen]) -> None:
    """Once the dialog lists ``path`` (its model reads the folder in the background), note
    what it shows, then cancel it."""

    def look(dialog: QFileDialog) -> None:
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model().sourceModel() if hasattr(tree.model(), "sourceModel") else None
        source = model if isinstance(model, QFileSystemModel) else tree.model()
        assert isinstance(source, QFileSystemModel)
        found = source.index(str(path))
        if not found.isValid() or not found.siblingAtColumn(DATE_COLUMN).data():
            QTimer.singleShot(10, lambda: look(dialog))  # not read yet: look again
            return
        proxy = tree.model()
        shown = proxy.mapFromSource(found) if proxy is not source else found  # type: ignore[attr-defined]
        header = tree.header()
        seen.append(
            Seen(
                dialog.width(),
                dialog.height(),
                header.length() <= tree.viewport().width(),
                tree.isColumnHidden(TYPE_COLUMN),
                row_texts_cut(tree, shown),
            )
        )
        dialog.reject()

    when_modal(QFileDialog, look)


@pytest.fixture(autouse=True)
def fresh_qt_settings(tmp_path: Path) -> Iterator[None]:
    """Qt keeps its file dialog's columns and places in the user's QtProject.conf: each test
    starts from none, as on a clerk's new computer, and leaves the user's file alone."""
    user = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    native, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    QSettings.setPath(native, scope, str(tmp_path / "config"))
    yield
    QSettings.setPath(native, scope, user)


@pytest.mark.parametrize("save", [False, True], ids=["打开", "保存为"])
def test_the_file_dialog_shows_a_long_name_and_its_date(
    window: MainWindow, tmp_path: Path, save: bool
) -> None:
    report = tmp_path / LONG_NAME
    report.write_bytes(b"")
    seen: list[Seen] = []
    look_when_listed(report, seen)
    title = "保存为" if save else "打开年报"
    assert ask_path(window, title, str(tmp_path), "年报文件 (*.xlsx)", save=save) is None
    [dialog] = seen
    assert dialog.cut == ()
    assert dialog.columns_fit and dialog.type_hidden
    assert 600 < dialog.width <= 1366 and 400 < dialog.height <= 768


def test_the_folder_chooser_of_the_consolidation_is_as_roomy(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """Opened from the 汇总 dialog, a long folder name shows whole as well."""
    folder = tmp_path / "白银市平川区各乡镇人民政府及区直各部门2026年政府信息公开工作年度报告"
    folder.mkdir()
    dialog = ConsolidateDialog(window, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[Seen] = []
    look_when_listed(folder, seen)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "选择…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [chooser] = seen
    assert chooser.cut == () and chooser.columns_fit
    dialog.close()
