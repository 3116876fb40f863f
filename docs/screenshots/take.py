"""Take the screenshots in this folder (run under Xvfb at 1366×768, see below).

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/screenshots/take.py
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2732x1536x24" \\
        uv run python docs/screenshots/take.py --scaled

The 2018 demo: its statistical table, the same with errors, the header page with an error and
the history chart. The 2021 demo: one picture of each page, ``form-2021-NN-<page>.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import make_application, open_window
from desktop.main_window import MainWindow
from desktop.pages.plan import HEADER, HISTORY
from desktop.session import Session
from forms.demo import load_demo

HERE = Path(__file__).resolve().parent
DEMO_TABLE = "table:annex1"


def settle() -> None:
    """Let layouts and repaints run, as they would before a person looks."""
    for _ in range(5):
        QApplication.processEvents()


def save(window: MainWindow, name: str) -> None:
    settle()
    window.grab().save(str(HERE / name))
    print(name)


def demo_2018(window: MainWindow) -> None:
    window.show_page(DEMO_TABLE)
    save(window, "main-window-demo.png")
    session = window.session
    session.set_value("proactive.channel.website", 20000)
    session.set_value("fees.total", Decimal("0.5"))
    session.set_value("requests.received.fax", None)
    session.set_field("sign.reviewer", "")
    window.show_finding(next(f for f in session.report.findings if f.code == "E101"))
    save(window, "main-window-error.png")
    window.show_page(HEADER)
    save(window, "header-with-error.png")
    for year, value in [(2015, 8000), (2016, 9321), (2017, 10500)]:
        session.set_history(year, value)
    window.show_page(HISTORY)
    save(window, "history-chart.png")


def pages_2021(window: MainWindow) -> None:
    window.session.undo_stack.setClean()
    window.replace_session(Session(load_demo("gov-info-2021")))
    for number, plan in enumerate(window.pages.plans, start=1):
        window.show_page(plan.key)
        save(window, f"form-2021-{number:02d}-{plan.key.replace(':', '-')}.png")


def main() -> None:
    os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-shots-"))
    app = make_application()
    window = open_window(["--demo"])
    window.resize(1366, 768)
    window.show()
    settle()
    if "--scaled" in sys.argv:
        window.show_page(DEMO_TABLE)
        save(window, "scaled-200-percent.png")
    else:
        demo_2018(window)
        pages_2021(window)
    window.session.undo_stack.setClean()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()
