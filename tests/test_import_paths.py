"""Each path imports only what it needs (issue 12): heavy modules stay off the paths that do
not use them. Every case runs the real command in a fresh interpreter and lists
``sys.modules`` at the end (for the window: the moment it is shown).

Measured with ``python -X importtime``: reportlab costs ``check`` about 0.15 s, Qt costs
``pdf`` about 0.2 s; the PDF machinery, pdfium and the import and Word modules would
double the window's start. openpyxl (70 ms) is for writing and for files calamine cannot
read as openpyxl would (``forms.xlsx.fast_grids``). pydantic (its import and model classes
cost 80 ms; its validators look up plugins through ``importlib.metadata``) and tomllib are
needed only when a definition file is checked, not when it comes from the cache
(``forms.definition_cache``): the definition records are plain dataclasses.
``python -X importtime -m forms check demo.xlsx`` shows the rest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms.demo import load_demo
from forms.xlsx import save_document

ROOT = Path(__file__).resolve().parents[1]
LIST_MODULES = "import json, sys; print(json.dumps(sorted(sys.modules)))"
RUN_CLI = "import sys; from forms.cli import main; main(sys.argv[1:]); " + LIST_MODULES
SHOW_WINDOW = (
    "from desktop.app import make_application, open_window\n"
    "app = make_application()\n"
    "window = open_window(['--demo'])\n"
    "window.show()\n"
    "app.processEvents()\n" + LIST_MODULES
)
QT = ("PySide6", "shiboken6")
PRINTING = ("reportlab", "pypdfium2", "forms.pdf")
IMPORTING = ("forms.importing", "docx", "xlrd", "xlwt")
# openpyxl imports lxml whenever it is installed (python-docx brings it): on the workbook
# paths it comes with openpyxl, about 70 ms of ``check``.
OPENPYXL = ("openpyxl", "lxml", "forms.xlsx.writer")
WORKBOOKS = (*OPENPYXL, "forms.xlsx", "python_calamine")
NETWORK = ("urllib.request", "ssl")  # xml.sax.saxutils brings them: 15 ms
VALIDATORS = ("pydantic", "pydantic_core", "annotated_types")  # a definition file checked
TOML = ("tomllib",)  # a definition file read (the demo window reads its demo's TOML)
METADATA = ("importlib.metadata",)  # with email, zipfile and csv: 12 ms (forms.version instead)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paths") / "demo.xlsx"
    save_document(load_demo(), path)
    return path


def modules_after(code: str, *args: str, tmp: Path) -> set[str]:
    environment = {**os.environ, "NIANBAO_DATA_DIR": str(tmp), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=300,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages or m.startswith(packages))


def test_check_loads_neither_reportlab_nor_qt_nor_openpyxl(saved: Path, tmp_path: Path) -> None:
    modules_after(RUN_CLI, "check", str(saved), tmp=tmp_path)  # fills the definition cache
    modules = modules_after(RUN_CLI, "check", str(saved), tmp=tmp_path)
    assert "forms.validation" in modules  # it did check
    assert "python_calamine" in modules  # and read the file
    unwanted = QT + PRINTING + IMPORTING + OPENPYXL + VALIDATORS + TOML + NETWORK + METADATA
    assert loaded(modules, unwanted) == []


def test_pdf_loads_no_qt_no_import_machinery_and_no_openpyxl(saved: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.pdf"
    modules_after(RUN_CLI, "check", str(saved), tmp=tmp_path)  # fills the definition cache
    modules = modules_after(RUN_CLI, "pdf", str(saved), "-o", str(output), tmp=tmp_path)
    assert output.read_bytes().startswith(b"%PDF")
    assert "reportlab" in modules
    unwanted = QT + IMPORTING + OPENPYXL + VALIDATORS + TOML + NETWORK + METADATA
    assert loaded(modules, (*unwanted, "pypdfium2")) == []


def test_the_window_shows_before_printing_importing_and_workbooks_load(
    saved: Path, tmp_path: Path
) -> None:
    modules_after(RUN_CLI, "check", str(saved), tmp=tmp_path)  # fills the definition cache
    modules = modules_after(SHOW_WINDOW, tmp=tmp_path)
    assert "desktop.main_window" in modules
    assert loaded(modules, PRINTING + IMPORTING + WORKBOOKS + METADATA + VALIDATORS) == []


def test_a_report_without_history_chart_prints_without_reportlab_graphics(tmp_path: Path) -> None:
    source, output = tmp_path / "2021.xlsx", tmp_path / "2021.pdf"
    save_document(load_demo("gov-info-2021"), source)
    modules = modules_after(RUN_CLI, "pdf", str(source), "-o", str(output), tmp=tmp_path)
    assert output.read_bytes().startswith(b"%PDF")
    assert "reportlab.platypus" in modules
    assert loaded(modules, ("reportlab.graphics",)) == []
