"""Fixtures of the PDF tests: the demo report rendered once, as a final print and a draft."""

from __future__ import annotations

import pytest
from pdf_pages import Pdf

from forms.demo import load_demo
from forms.pdf import font_registry, render_pdf_bytes


@pytest.fixture(autouse=True)
def no_registered_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests name their font folders; on Windows the registry's fonts would come first."""
    monkeypatch.setattr(font_registry, "read_windows_registry", list)


@pytest.fixture(scope="session")
def demo_pdf() -> Pdf:
    """The demo report (it passes every check: a final print)."""
    return Pdf(render_pdf_bytes(load_demo()))


@pytest.fixture(scope="session")
def draft_pdf() -> Pdf:
    """The demo with one figure blanked and one made inconsistent: a draft."""
    document = load_demo()
    document.values["training.courses"] = None
    document.values["staffing.staff"] = 50
    return Pdf(render_pdf_bytes(document))
