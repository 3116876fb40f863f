"""Recovery after a crash: a real app is killed (SIGKILL) after its autosave, then restored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import close_window, make_window
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.recovery import RecoveryCopy, orphans
from desktop.session import Session
from forms.demo import load_demo
from forms.document import Document

ROOT = Path(__file__).resolve().parents[2]

# The real start-up (desktop.app.open_window) with autosave every 0.2 s instead of 30 s, and one
# edit made the way a widget makes it; then the event loop runs until the process is killed.
CRASHING_APP = """
import sys
from desktop.app import make_application, open_window
app = make_application()
window = open_window(["--demo"], autosave_seconds=0.2)
window.show()
window.session.set_value("proactive.channel.other", 777)
window.session.set_narrative("other", "崩溃前写的最后一句。")
sys.exit(app.exec())
"""


def run_and_kill(data_dir: Path, qtbot: QtBot) -> None:
    env = {**os.environ, "NIANBAO_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", CRASHING_APP], cwd=ROOT, env=env)
    folder = data_dir / "recovery"
    try:
        qtbot.waitUntil(lambda: any(folder.glob("*.json")), timeout=30_000)
        assert orphans(folder) == [], "a running app's recovery copy is not an orphan"
    finally:
        process.kill()
        process.wait()


def test_a_killed_app_leaves_a_copy_that_is_restored(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    run_and_kill(data_dir, qtbot)
    assert len(orphans(data_dir / "recovery")) == 1
    window = make_window(qtbot, Session(load_demo()), settings, data_dir)
    offered: list[Document] = []
    window.ask_restore = lambda doc: offered.append(doc) or True  # type: ignore[method-assign]
    assert window.offer_recovery()
    document = window.session.document
    assert document.values["proactive.channel.other"] == 777
    assert document.narrative["other"] == "崩溃前写的最后一句。"
    assert window.isWindowModified(), "a restored report is not saved anywhere yet"
    assert window.session.path is None
    assert orphans(data_dir / "recovery") == []
    close_window(window)
    assert list((data_dir / "recovery").glob("*.json")) == []


def test_a_declined_copy_is_removed(qtbot: QtBot, settings: QSettings, data_dir: Path) -> None:
    copy = RecoveryCopy(data_dir / "recovery")
    copy.write(load_demo())
    copy._lock = None  # as if the process had died holding nothing
    window = make_window(qtbot, Session(load_demo()), settings, data_dir)
    window.ask_restore = lambda _doc: False  # type: ignore[method-assign]
    assert not window.offer_recovery()
    assert orphans(data_dir / "recovery") == []
    close_window(window)


def test_a_broken_copy_is_reported_and_removed(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    (folder / "recovery-20250101-000000.json").write_text("{not json", encoding="utf-8")
    window = make_window(qtbot, Session(load_demo()), settings, data_dir)
    errors: list[str] = []
    window.show_error = lambda _t, text: errors.append(text)  # type: ignore[method-assign]
    assert not window.offer_recovery()
    assert errors and "recovery-20250101-000000.json" in errors[0]
    assert not any(folder.glob("*.json"))
    close_window(window)


def test_autosave_writes_only_while_unsaved_and_a_clean_close_removes_it(
    window: MainWindow, data_dir: Path
) -> None:
    copy = window.recovery.path
    window._on_autosave()
    assert not copy.exists()
    window.session.set_value("proactive.channel.other", 1)
    window._on_autosave()
    assert (
        Document.from_json(copy.read_text(encoding="utf-8")).values["proactive.channel.other"] == 1
    )
    window.undo_action.trigger()
    window._on_autosave()
    assert not copy.exists()


def test_the_crash_handlers_copy_is_offered_too(
    qtbot: QtBot, settings: QSettings, data_dir: Path
) -> None:
    from desktop.crash import write_recovery_file

    crashed = load_demo()
    crashed.values["proactive.channel.other"] = 4242
    write_recovery_file(crashed.to_json())
    window = make_window(qtbot, Session(load_demo()), settings, data_dir)
    window.ask_restore = lambda _doc: True  # type: ignore[method-assign]
    assert window.offer_recovery()
    assert window.session.document.values["proactive.channel.other"] == 4242
    close_window(window)
