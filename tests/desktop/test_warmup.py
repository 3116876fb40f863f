"""The background warm-up: the preview of an unchanged report takes the pages printed off
the GUI thread; an edit means a fresh print; the window keeps answering meanwhile."""

from __future__ import annotations

from conftest import previewed_pages
from pytestqt.qtbot import QtBot

from desktop import printing, warmup
from desktop.main_window import MainWindow


def warm(window: MainWindow, qtbot: QtBot) -> None:
    thread = warmup.start(window.session.document, printing.PREVIEW_DPI)
    assert thread.name == warmup.THREAD_NAME and thread.daemon
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=120_000)


def test_the_preview_of_an_unchanged_report_shows_the_pages_printed_in_the_background(
    window: MainWindow, qtbot: QtBot
) -> None:
    warm(window, qtbot)
    document = window.session.document
    ready = warmup.prepared(document, printing.PREVIEW_DPI, "report")
    assert ready is not None and len(ready) >= 10
    assert printing.document_pages(document, printing.PREVIEW_DPI) is ready
    fresh = printing.rendered_pages(document, printing.PREVIEW_DPI, "report")
    assert [page.size() for page in fresh] == [page.size() for page in ready]
    assert fresh[0] == ready[0]  # the same pixels: the same print
    assert previewed_pages(window) == len(ready)


def test_an_edit_after_the_warm_up_is_printed_afresh(window: MainWindow, qtbot: QtBot) -> None:
    warm(window, qtbot)
    document = window.session.document
    before = warmup.prepared(document, printing.PREVIEW_DPI, "report")
    document.unit = "白银市平川区人民政府（已改）"
    assert warmup.prepared(document, printing.PREVIEW_DPI, "report") is None
    pages = printing.document_pages(document, printing.PREVIEW_DPI)
    assert pages is not before and pages[0] != before[0]  # type: ignore[index]
    assert warmup.prepared(document, printing.PREVIEW_DPI, "sheet") is None
