"""文件 → 导出Word and 导出网页: chosen from the file menu by key, as a user does, the save
dialog answered; the files written are opened and read back."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
from conftest import POPUP_ON_OFFSCREEN
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from forms.outline import Paragraph, SignatoryLine, outline


class Answers:
    """Answers the save dialog with ``target`` and records what the window asked and said."""

    def __init__(self, window: MainWindow, target: Path) -> None:
        self.asked: list[tuple[str, str]] = []
        self.errors: list[str] = []
        window.ask_save_path = self._ask  # type: ignore[method-assign]
        window.show_error = lambda _t, text: self.errors.append(text)  # type: ignore[method-assign]
        self.target = target

    def _ask(self, file_filter: str, suffix: str) -> Path:
        self.asked.append((file_filter, suffix))
        return self.target


def choose_from_file_menu(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Alt+F opens 文件, then the entry's underlined letter chooses it."""
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title() == "文件(&F)"
    QTest.keyClick(menu, key)


@POPUP_ON_OFFSCREEN
def test_export_word_from_the_file_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    answers = Answers(window, tmp_path / "平川区年报")
    choose_from_file_menu(qtbot, window, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: (tmp_path / "平川区年报.docx").exists())
    assert answers.asked == [("Word 文件 (*.docx)", ".docx")] and answers.errors == []
    word = docx.Document(str(tmp_path / "平川区年报.docx"))
    blocks = outline(window.session.document).blocks
    expected = [b.text for b in blocks if isinstance(b, Paragraph) and b.text]
    expected += ["\t".join(b.entries) for b in blocks if isinstance(b, SignatoryLine)]
    assert sorted(p.text for p in word.paragraphs if p.text) == sorted(expected)
    assert "12457" in {cell.text for table in word.tables for cell in table._cells}
    assert window.statusBar().currentMessage() == f"已导出 {tmp_path / '平川区年报.docx'}"


@POPUP_ON_OFFSCREEN
def test_export_web_page_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    answers = Answers(window, tmp_path / "年报.html")
    window.session.document.unit = "<b>平川区</b> & 办公室"
    choose_from_file_menu(qtbot, window, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: (tmp_path / "年报.html").exists())
    assert answers.asked == [("网页 (*.html)", ".html")] and answers.errors == []
    page = lxml.html.fromstring((tmp_path / "年报.html").read_bytes())
    assert page.findtext(".//h1/span[@class='unit']") == "<b>平川区</b> & 办公室"
    row = next(
        tr for tr in page.iterfind(".//tbody/tr") if "主动公开政府信息数" in tr[0].text_content()
    )
    assert row.findall("td")[-1].text_content() == "12457"


def test_a_failed_export_is_a_message(window: MainWindow, tmp_path: Path) -> None:
    answers = Answers(window, tmp_path / "没有的文件夹" / "年报")
    assert not window.export_word()
    assert len(answers.errors) == 1 and "没有的文件夹" in answers.errors[0]
    assert not window.export_web_page()
    assert len(answers.errors) == 2 and "年报.html" in answers.errors[1]
    assert list(tmp_path.iterdir()) == []


def test_cancelled_dialog_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    window.ask_save_path = lambda _f, _s: None  # type: ignore[method-assign]
    assert not window.export_word() and not window.export_web_page()
    assert list(tmp_path.iterdir()) == []


def test_the_file_menu_lists_the_exports_after_pdf(window: MainWindow) -> None:
    menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in menu.actions()]
    at = texts.index("导出PDF(&E)…")
    assert texts[at + 1 : at + 3] == ["导出Word(&W)…", "导出网页(&T)…"]
    letters = [text.split("(&")[1][0] for text in texts if "(&" in text]
    assert len(letters) == len(set(letters)), "each entry its own letter"
