"""Answering a modal dialog in a test: it runs its own event loop, so act once it is up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

Modal = TypeVar("Modal", bound=QWidget)
RETRY_MS = 10


def when_modal(kind: type[Modal], act: Callable[[Modal], object]) -> None:
    """Run ``act`` on the first modal widget of type ``kind`` as soon as it is shown.

    Call it before the code that opens the dialog; the timer fires inside the dialog's loop.
    """

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            act(modal)
        else:
            QTimer.singleShot(RETRY_MS, attempt)

    QTimer.singleShot(0, attempt)
