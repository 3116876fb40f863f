"""A set of the window's actions kept in an object of its own, owned by the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class WindowPart(QObject):
    """Actions of the main window, reaching it as their Qt parent."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)

    @property
    def _window(self) -> MainWindow:
        """The window, as this object's parent: holding it in an attribute would make a
        reference cycle that keeps a closed window's wrapper alive."""
        return cast("MainWindow", self.parent())
