"""The crash handler: an exception in a slot saves the document and the log, then tells."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.crash import EXIT_CRASH, CrashReport, install_crash_handler
from forms.document import Document

pytestmark = [
    pytest.mark.qt_no_exception_capture,
    pytest.mark.qt_log_ignore("propagateSizeHints"),  # the offscreen platform's, not ours
]


class _Boom(RuntimeError):
    pass


def _crash_in_a_slot(qtbot: QtBot) -> list[str]:
    """Click a button whose slot raises; close the crash dialog when it shows; its texts."""
    seen: list[str] = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.objectName(), box.windowTitle(), box.text()])
        box.done(QMessageBox.StandardButton.Close)

    def explode() -> None:
        raise _Boom("保存时出现了意外")

    button = QPushButton("保存")
    qtbot.addWidget(button)
    button.clicked.connect(explode)
    QTimer.singleShot(0, close_dialog)
    button.click()
    return seen


@pytest.fixture(autouse=True)
def _restore_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_a_crash_saves_the_document_and_the_log_and_names_both(
    qtbot: QtBot, data_dir: Path, demo: Document
) -> None:
    handler = install_crash_handler(demo.to_json)

    seen = _crash_in_a_slot(qtbot)

    report = handler.last_report
    assert report is not None and report.recovery_path is not None and report.log_path
    assert report.recovery_path.parent == data_dir / "recovery"
    assert Document.from_json(report.recovery_path.read_text(encoding="utf-8")) == demo
    log = report.log_path.read_text(encoding="utf-8")
    assert "未处理的异常" in log and "_Boom: 保存时出现了意外" in log
    assert str(report.recovery_path) in log
    name, title, text = seen
    assert name == "crashDialog" and "意外错误" in title
    assert str(report.recovery_path) in text and str(report.log_path) in text
    assert not list((data_dir / "recovery").glob("*.part"))


def test_without_a_document_nothing_is_recovered_but_the_log_is_written(
    qtbot: QtBot, data_dir: Path
) -> None:
    handler = install_crash_handler(lambda: None)

    _, _, text = _crash_in_a_slot(qtbot)

    assert handler.last_report == CrashReport(data_dir / "nianbao.log", None)
    assert "没有打开的年报" in text
    assert not (data_dir / "recovery").exists() or not any((data_dir / "recovery").iterdir())


def test_a_document_that_cannot_be_saved_still_shows_the_dialog(
    qtbot: QtBot, data_dir: Path
) -> None:
    def broken() -> str:
        raise ValueError("文档已损坏")

    handler = install_crash_handler(broken)

    _, _, text = _crash_in_a_slot(qtbot)

    assert handler.last_report is not None and handler.last_report.recovery_path is None
    assert "未能保存（ValueError: 文档已损坏）" in text
    log = (data_dir / "nianbao.log").read_text(encoding="utf-8")
    assert "恢复文件未能保存" in log and "_Boom" in log


def test_two_crashes_in_one_second_keep_both_recovery_files(
    qtbot: QtBot, data_dir: Path, demo: Document
) -> None:
    handler = install_crash_handler(demo.to_json)
    _crash_in_a_slot(qtbot)
    first = handler.last_report
    _crash_in_a_slot(qtbot)
    second = handler.last_report

    assert first and second and first.recovery_path != second.recovery_path
    assert len(list((data_dir / "recovery").glob("recovery-*.json"))) == 2


def test_a_second_exception_while_the_dialog_is_open_does_not_stack_dialogs(
    qtbot: QtBot, data_dir: Path, demo: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    handler = install_crash_handler(demo.to_json)
    dialogs: list[str] = []

    def explode_again() -> None:
        raise _Boom("对话框打开时又出错")

    second = QPushButton("再试")
    qtbot.addWidget(second)
    second.clicked.connect(explode_again)

    def while_the_dialog_is_open() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        dialogs.append(box.text())
        second.click()
        assert QApplication.activeModalWidget() is box
        box.done(QMessageBox.StandardButton.Close)

    button = QPushButton("保存")
    qtbot.addWidget(button)
    button.clicked.connect(explode_again)
    QTimer.singleShot(0, while_the_dialog_is_open)
    button.click()

    assert len(dialogs) == 1
    assert len(list((data_dir / "recovery").glob("recovery-*.json"))) == 1
    assert capsys.readouterr().err.count("_Boom: 对话框打开时又出错") == 2  # both printed
    assert handler.last_report is not None


_APP_THAT_CRASHES = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop.crash import install_crash_handler

app = QApplication([])
install_crash_handler(lambda: '{"form": "demo"}')

def close_dialog():
    box = QApplication.activeModalWidget()
    print("dialog:", type(box).__name__, flush=True)
    box.done(QMessageBox.StandardButton.Close)

def explode():
    QTimer.singleShot(0, close_dialog)
    raise RuntimeError("事件循环中的意外")

QTimer.singleShot(0, explode)
sys.exit(app.exec())
"""


def test_a_crash_in_the_running_app_ends_it_with_exit_code_70(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _APP_THAT_CRASHES],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    assert result.returncode == EXIT_CRASH, result.stderr
    assert "dialog: QMessageBox" in result.stdout
    assert "RuntimeError: 事件循环中的意外" in result.stderr
    (recovered,) = (data_dir / "recovery").glob("recovery-*.json")
    assert recovered.read_text(encoding="utf-8") == '{"form": "demo"}'
    assert "事件循环中的意外" in (data_dir / "nianbao.log").read_text(encoding="utf-8")
