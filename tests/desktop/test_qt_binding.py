"""The Qt binding itself: PySide6 6.12.0 on CPython 3.11 dropped a reference to ``True`` on
every signal delivered to a Python slot, so the app aborted ("Fatal Python error: bool_dealloc")
after a few hundred edits. The lock pins another version; this test keeps a future upgrade
from bringing the fault back unnoticed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack


class _Sender(QObject):
    ping = Signal()


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def on_ping(self) -> None:
        self.calls += 1


class _Command(QUndoCommand):
    def redo(self) -> None:
        pass


def test_delivering_a_signal_keeps_the_reference_counts_of_true_and_none() -> None:
    sender, receiver = _Sender(), _Receiver()
    sender.ping.connect(receiver.on_ping)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        sender.ping.emit()
    assert receiver.calls == 200
    assert sys.getrefcount(True) >= before[0]
    assert sys.getrefcount(None) >= before[1] - 20


def test_undo_and_redo_keep_the_reference_count_of_none() -> None:
    stack = QUndoStack()
    stack.push(_Command())
    before = sys.getrefcount(None)
    for _ in range(200):
        stack.undo()
        stack.redo()
    assert sys.getrefcount(None) >= before - 20
