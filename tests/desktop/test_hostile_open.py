"""Issue 11 in the window: opening each hostile file (文件 → 打开, Ctrl+O) keeps the app alive.

A refused file leaves the open report exactly as it was and says why with its code's
message; a file with content beyond the bounds opens with the notices shown, and the report
it gives can be saved and reopened. The files are built by ``tests/hostile/reading.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from forms.xlsx import open_document, save_document

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
import corpus
import reading
import sandbox

REFUSED = [
    (reading.macro_workbook, "含宏的工作簿"),
    (reading.pdf_named_xlsx, "PDF 文件"),
    (reading.word_named_xlsx, "Word 文档"),
    (reading.fifo, "管道"),
    (reading.folder, "文件夹"),
    (corpus.entity_bomb, "XML 炸弹"),
    (corpus.ratio_bomb, "压缩炸弹"),
    (corpus.truncated, "已损坏"),
]
OPENED = [
    (reading.year_beyond_9999, "不是年份"),
    (reading.stray_far_cell, "XFD1048576"),
    (reading.copy_with_huge_exponents, "V011"),
    (reading.copy_with_5000_digit_history, "V011"),
    (reading.copy_with_surrogate_and_escape, "V010"),
]


@pytest.fixture
def capped(window: MainWindow) -> Iterator[None]:
    """A blow-up while opening fails the test (MemoryError), not the machine. Set once the
    window is up: Qt reserves its address space when it starts."""
    with sandbox.capped():
        yield


def _name(case: object) -> str:
    return getattr(case, "__name__", str(case))


def _open_with_ctrl_o(window: MainWindow, path: Path) -> tuple[list[str], list[str]]:
    """Press Ctrl+O as a user does, the file dialog answered with ``path``."""
    errors: list[str] = []
    messages: list[str] = []
    window.ask_open_path = lambda: path  # type: ignore[method-assign]
    window.show_error = lambda _title, text: errors.append(text)  # type: ignore[method-assign]
    window.show_message = lambda _title, text: messages.append(text)  # type: ignore[method-assign]
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    return errors, messages


@pytest.fixture
def good(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "good" / "年报.xlsx"
    path.parent.mkdir()
    save_document(window.session.document, path)
    return path


@pytest.mark.usefixtures("capped")
@pytest.mark.parametrize(("build", "word"), REFUSED, ids=_name)
def test_a_refused_file_keeps_the_open_report(
    window: MainWindow, good: Path, tmp_path: Path, build: corpus.Builder, word: str
) -> None:
    before = window.session.document.to_json()
    errors, _ = _open_with_ctrl_o(window, build(good, tmp_path / "坏 文件.xlsx"))
    assert len(errors) == 1 and word in errors[0]
    assert window.isVisible()
    assert window.session.document.to_json() == before
    assert window.session.path is None


@pytest.mark.usefixtures("capped")
@pytest.mark.parametrize(("build", "word"), OPENED, ids=_name)
def test_content_beyond_the_bounds_opens_with_notices_and_saves(
    window: MainWindow, good: Path, tmp_path: Path, build: corpus.Builder, word: str
) -> None:
    bad = build(good, tmp_path / "坏 文件.xlsx")
    errors, messages = _open_with_ctrl_o(window, bad)
    assert errors == []
    assert len(messages) == 1 and word in messages[0]
    assert window.session.path == bad and window.session.document.year == 2018
    again = tmp_path / "另存.xlsx"
    save_document(window.session.document, again)
    reopened = open_document(again)
    assert reopened.differences == []
    assert reopened.document.content() == window.session.document.content()


def test_typed_bidi_and_control_characters_stay_out_of_the_report(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Typed or pasted text passes the same boundary as a file: what is saved is printable."""
    part = window.pages.show_part("other")
    part.editor.selectAll()
    qtbot.keyClick(part.editor, Qt.Key.Key_Delete)
    part.editor.insertPlainText("无\u202e其他\u200f事项")  # as a paste puts it (keyClicks: Latin-1)
    assert window.session.document.narrative["other"] == "无其他事项"
    window.session.set_field("sign.filer", "张\x1b[31m三")
    assert window.session.document.signatories["filer"] == "张[31m三"
    path = tmp_path / "typed.xlsx"
    save_document(window.session.document, path)
    assert open_document(path).differences == []
