"""Where the app looks and writes on an office PC: file dialogs start in 文档 (which may be
redirected to OneDrive or a share), and an app-data folder that cannot be made never stops
the window from opening."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from modal import when_modal
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from desktop.main_window import MainWindow


def documents_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Documents moved away from home, as OneDrive does: by the XDG user-dirs file on Linux;
    on Windows (the CI's test job) the shell's own Documents folder."""
    if sys.platform == "win32":
        location = QStandardPaths.StandardLocation.DocumentsLocation
        return Path(QStandardPaths.writableLocation(location))
    home = tmp_path / "home"
    documents = home / "OneDrive - 平川区政府" / "文档"
    documents.mkdir(parents=True)
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/OneDrive - 平川区政府/文档"\n', encoding="utf-8"
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return documents


def test_an_untitled_report_opens_the_dialog_in_documents(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = documents_elsewhere(tmp_path, monkeypatch)
    seen: list[str] = []

    def look_and_cancel(dialog: QFileDialog) -> None:
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    when_modal(QFileDialog, look_and_cancel)
    assert window.ask_open_path() is None
    when_modal(QFileDialog, look_and_cancel)
    assert window.ask_save_path("年报文件 (*.xlsx)", ".xlsx") is None

    assert [Path(folder) for folder in seen] == [documents, documents]
    assert documents != Path.home()


def test_an_app_data_folder_that_cannot_be_made_does_not_stop_the_start(
    tmp_path: Path,
) -> None:
    """As an offline redirected profile: the folder's parent is a file, so mkdir fails."""
    blocker = tmp_path / "offline-share"
    blocker.write_text("不是文件夹", encoding="utf-8")
    env = {
        **os.environ,
        "NIANBAO_DATA_DIR": str(blocker / "nianbao"),
        "NIANBAO_SMOKE_QUIT": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "desktop.main", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "不是文件夹"
