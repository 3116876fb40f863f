"""Warm the print machinery in the background once the window is shown.

The first 打印预览 of a session would otherwise pay for importing reportlab and pdfium, for
reading the font files and for reportlab's first-use set-up. :func:`start` does all of it
on a worker thread right after the window shows, by printing a snapshot of the open report
and rasterising it at the preview's resolution. The pages are kept with the report's
fingerprint: a preview of the report as it still is takes them (:func:`prepared`); after an
edit the preview renders afresh, with everything already imported and loaded. The window
stays responsive: the worker holds Python's lock only in short slices (it is switched out
every few milliseconds, and pdfium and zlib release it).

:data:`RENDER_LOCK` serialises printing: a preview asked for while the worker is still busy
waits for it (reportlab's fonts and pdfium are not meant for two threads at once).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.document import Document
    from forms.print_options import Signatures

log = logging.getLogger(__name__)

RENDER_LOCK = threading.RLock()
THREAD_NAME = "nianbao-warmup"
PagesKey = tuple[str, int, str]
_prepared: dict[PagesKey, list[Any]] = {}  # at most one entry: the latest snapshot's pages


def start(document: Document, dpi: int, signatures: Signatures = "report") -> threading.Thread:
    """Print a snapshot of ``document`` on a daemon thread (it never keeps the app open)."""
    snapshot = document.to_json()
    thread = threading.Thread(
        target=warm_up, args=(snapshot, dpi, signatures), name=THREAD_NAME, daemon=True
    )
    thread.start()
    return thread


def warm_up(snapshot: str, dpi: int, signatures: Signatures) -> None:
    """Import, load fonts, print and rasterise off the GUI thread; a failure is only logged."""
    try:
        with RENDER_LOCK:
            from desktop import printing
            from forms.document import Document

            document = Document.from_json(snapshot)
            pages = printing.rendered_pages(document, dpi, signatures)
            _prepared.clear()
            _prepared[(document.fingerprint(), dpi, signatures)] = pages
    except Exception:  # a warm-up must never take the app down: the real print reports
        log.exception("后台预热打印组件失败")


def prepared(document: Document, dpi: int, signatures: Signatures) -> list[Any] | None:
    """The pages printed in the background, if the report has not changed since."""
    with RENDER_LOCK:  # a warm-up still running is waited for: its work is not lost
        return _prepared.get((document.fingerprint(), dpi, signatures))
