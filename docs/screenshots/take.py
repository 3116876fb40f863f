"""Take the screenshots in this folder (run under Xvfb at 1366×768, see below).

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/screenshots/take.py
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2732x1536x24" \\
        uv run python docs/screenshots/take.py --scaled
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop.app import make_application, open_window
from desktop.main_window import MainWindow
from desktop.session import Session
from forms.document import new_document

HERE = Path(__file__).resolve().parent


def save(window: MainWindow, name: str) -> None:
    window.grab().save(str(HERE / name))


def demo_and_errors(window: MainWindow) -> None:
    save(window, "main-window-demo.png")
    session = window.session
    session.set_value("proactive.channel.website", 20000)
    session.set_value("fees.total", Decimal("0.5"))
    session.set_value("requests.received.fax", None)
    session.set_field("sign.reviewer", "")
    window.show_finding(next(f for f in session.report.findings if f.code == "E101"))
    QTimer.singleShot(300, lambda: other_pages(window))


def other_pages(window: MainWindow) -> None:
    save(window, "main-window-error.png")
    window.tabs.setCurrentWidget(window.header)
    QTimer.singleShot(200, lambda: (save(window, "header-with-error.png"), history(window)))


def history(window: MainWindow) -> None:
    for year, value in [(2015, 8000), (2016, 9321), (2017, 10500)]:
        window.session.set_history(year, value)
    window.tabs.setCurrentWidget(window.history)
    QTimer.singleShot(200, lambda: (save(window, "history-chart.png"), form_2021(window)))


def form_2021(window: MainWindow) -> None:
    window.session.undo_stack.setClean()
    window.replace_session(Session(new_document("gov-info-2021", "某某县人民政府办公室", 2024)))
    window.tabs.setCurrentWidget(window.table_views["requests"])
    QTimer.singleShot(300, lambda: (save(window, "form-2021-requests.png"), close(window)))


def close(window: MainWindow) -> None:
    window.session.undo_stack.setClean()
    window.close()


def main() -> None:
    os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-shots-"))
    app = make_application()
    window = open_window(["--demo"])
    window.resize(1366, 768)
    window.show()
    if "--scaled" in sys.argv:
        QTimer.singleShot(400, lambda: (save(window, "scaled-200-percent.png"), close(window)))
    else:
        QTimer.singleShot(400, lambda: demo_and_errors(window))
    app.exec()


if __name__ == "__main__":
    main()
