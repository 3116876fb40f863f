"""The app never dies on autosave, and never overwrites a file changed on disk silently.

Autosave failures are produced for real (the recovery copy's place taken by a folder; a
lone surrogate in the text) and fired by the window's own timer; the save conflict is a
real second writer, and Ctrl+S is pressed as a user presses it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import Typist, close_window, make_window
from modal import when_modal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.crash import recovery_bytes, write_recovery_file
from desktop.file_actions import CANCEL, OVERWRITE, SAVE_AS
from desktop.main_window import MainWindow
from desktop.recovery import RecoveryCopy, read_orphan
from desktop.session import Session
from forms.demo import load_demo
from forms.document import Document
from forms.xlsx import open_document, save_document

CELL = "proactive.channel.other"


def fast_window(qtbot: QtBot, settings: QSettings, folder: Path) -> MainWindow:
    window = MainWindow(
        Session(load_demo()),
        settings=settings,
        recovery=RecoveryCopy(folder / "recovery"),
        autosave_seconds=0.05,
    )
    window.show()
    qtbot.waitActive(window)
    return window


def test_a_failing_autosave_is_shown_in_the_status_bar_and_the_app_lives_on(
    qtbot: QtBot,
    settings: QSettings,
    data_dir: Path,
    typist: Typist,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = fast_window(qtbot, settings, data_dir)
    window.autosave.stop()
    typist.cell(window.table_views["annex1"], CELL, "5")
    window.recovery.path.mkdir(parents=True)  # a folder where the copy should go
    with caplog.at_level(logging.ERROR, logger="nianbao.files"):
        window.autosave.start()
        qtbot.waitUntil(lambda: "恢复文件未能写入" in window.statusBar().currentMessage())
    assert "文件夹" in window.statusBar().currentMessage()
    assert any("自动保存失败" in record.getMessage() for record in caplog.records)
    assert window.isVisible() and window.session.document.values[CELL] == 5
    typist.cell(window.table_views["annex1"], CELL, "6")  # the app still takes input
    assert window.session.document.values[CELL] == 6
    window.recovery.path.rmdir()  # the place is free again: the next autosave succeeds
    qtbot.waitUntil(lambda: window.recovery.path.is_file())
    assert read_orphan(window.recovery.path).values[CELL] == 6
    close_window(window)


def test_a_lone_surrogate_is_autosaved_and_restored_exactly(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    window = fast_window(qtbot, settings, data_dir)
    window.session.set_narrative("other", "单位\udcff的说明")  # a mis-decoded paste
    qtbot.waitUntil(lambda: window.recovery.path.is_file())
    restored = read_orphan(window.recovery.path)  # the copy keeps what the window holds
    assert restored.narrative["other"] == window.session.document.narrative["other"]
    assert restored.narrative["other"].startswith("单位")
    assert window.statusBar().currentMessage() == ""
    close_window(window)


def test_the_crash_handlers_copy_takes_any_text(data_dir: Path) -> None:
    document = load_demo()
    document.unit = "平川区\ud800人民政府"
    path = write_recovery_file(document.to_json())
    # the write keeps the surrogate (escaped); reading it back passes the boundary: U+FFFD
    assert "\\ud800" in path.read_text(encoding="utf-8")
    assert Document.from_json(path.read_text(encoding="utf-8")).unit == "平川区\ufffd人民政府"
    assert recovery_bytes('{"a":"\udcff"}') == b'{"a":"\\udcff"}'
    assert sorted(p.suffix for p in path.parent.iterdir()) == [".json"]


# -- a file changed on disk since it was opened -----------------------------------------------


@pytest.fixture
def opened(qtbot: QtBot, settings: QSettings, data_dir: Path, tmp_path: Path) -> MainWindow:
    path = tmp_path / "年报.xlsx"
    save_document(load_demo(), path)
    window = make_window(qtbot, Session(load_demo()), settings, data_dir)
    assert window.open_path(path)
    return window


def changed_by_someone_else(path: Path) -> Document:
    other = open_document(path).document
    other.values["response.other"] = 4321
    save_document(other, path)
    return other


def press_save(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_saving_over_a_changed_file_offers_save_as_and_keeps_their_change(
    qtbot: QtBot, opened: MainWindow, typist: Typist, tmp_path: Path
) -> None:
    path = opened.session.path
    assert path is not None
    changed_by_someone_else(path)
    typist.cell(opened.table_views["annex1"], CELL, "77")
    elsewhere = tmp_path / "另存.xlsx"
    opened.ask_save_path = lambda _f, _s: elsewhere  # type: ignore[method-assign]
    seen: list[str] = []

    def choose_save_as(box: QMessageBox) -> None:
        seen.append(box.text())
        seen.extend(button.text() for button in box.buttons())
        next(b for b in box.buttons() if b.text().startswith("另存为")).click()

    when_modal(QMessageBox, choose_save_as)
    press_save(qtbot, opened)
    qtbot.waitUntil(lambda: elsewhere.exists())
    assert seen[0].startswith("文件已被其他程序修改") and "覆盖" in seen and "取消" in seen
    assert open_document(path).document.values["response.other"] == 4321  # theirs, untouched
    ours = open_document(elsewhere).document
    assert ours.values[CELL] == 77
    assert opened.session.path == elsewhere and not opened.isWindowModified()
    close_window(opened)


def test_cancel_writes_nothing_and_overwrite_is_a_choice(
    qtbot: QtBot, opened: MainWindow, typist: Typist
) -> None:
    path = opened.session.path
    assert path is not None
    changed_by_someone_else(path)
    typist.cell(opened.table_views["annex1"], CELL, "78")
    answers = [CANCEL, OVERWRITE]
    opened.ask_changed_on_disk = lambda _m: answers.pop(0)  # type: ignore[method-assign]
    before = path.read_bytes()
    press_save(qtbot, opened)
    assert path.read_bytes() == before and opened.isWindowModified()
    press_save(qtbot, opened)
    assert open_document(path).document.values[CELL] == 78
    assert not opened.isWindowModified()
    typist.cell(opened.table_views["annex1"], CELL, "79")  # the new stamp is ours: no question
    press_save(qtbot, opened)
    assert open_document(path).document.values[CELL] == 79 and answers == []
    close_window(opened)


def test_an_unchanged_file_saves_without_a_question(
    qtbot: QtBot, opened: MainWindow, typist: Typist
) -> None:
    opened.ask_changed_on_disk = lambda _m: pytest.fail("asked")  # type: ignore[method-assign]
    path = opened.session.path
    assert path is not None
    for figure in ("80", "81"):
        typist.cell(opened.table_views["annex1"], CELL, figure)
        press_save(qtbot, opened)
        assert open_document(path).document.values[CELL] == int(figure)
    assert SAVE_AS != OVERWRITE
    close_window(opened)


def test_a_failing_crash_handler_is_logged_and_shown(
    window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    from desktop.crash import _log_and_tell

    with caplog.at_level(logging.ERROR, logger="nianbao.crash"):
        _log_and_tell(RuntimeError("对话框无法显示"))
    assert window.statusBar().currentMessage().startswith("错误处理失败（RuntimeError）")
    assert any(record.exc_info for record in caplog.records)
