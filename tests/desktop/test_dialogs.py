"""File choosers: every label in Chinese, and the chosen path comes back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from modal import when_modal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.dialogs import ask_path, file_dialog

shown_offscreen = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_file_dialog_labels_are_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = file_dialog(parent, "打开年报", str(tmp_path), "年报文件 (*.xlsx)", save=False)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    words = [re.sub(r"\(&\w\)", "", text) for text in labels]  # 查找范围(&L)： keeps its key
    assert not [text for text in words if re.search(r"[A-Za-z]", text)], labels


@shown_offscreen
def test_ask_path_returns_the_chosen_file(qtbot: QtBot, tmp_path: Path) -> None:
    chosen = tmp_path / "平川 2018.xlsx"
    chosen.write_bytes(b"")
    parent = QWidget()
    qtbot.addWidget(parent)

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(chosen))
        dialog.accept()

    when_modal(QFileDialog, choose)
    assert ask_path(parent, "打开年报", str(tmp_path), "年报文件 (*.xlsx)", save=False) == chosen
