"""A 2021 table alone in a main window with a status bar and Ctrl+Z, as the window has them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from desktop.session import Session
from desktop.table import TableModel, TableView
from forms.document import Document, new_document


def new_2021() -> Document:
    return new_document("gov-info-2021", "某某县人民政府办公室", 2024)


def host(qtbot: QtBot, session: Session, table_id: str, width: int = 900) -> TableView:
    """The table ``table_id`` of ``session`` in a shown window ``width`` pixels wide."""
    table = next(t for t in session.form.tables if t.id == table_id)
    window = QMainWindow()
    view = TableView(TableModel(session, table), window)
    window.setCentralWidget(view)
    undo = session.undo_stack.createUndoAction(window, "撤销")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    window.addAction(undo)
    qtbot.addWidget(window)
    window.resize(width, 600)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    view.setFocus()
    view.host_window = window  # type: ignore[attr-defined]  # kept alive as long as the view
    return view
