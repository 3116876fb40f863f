"""A draft printed by the app (草稿 across every page, a problems page first) imports back whole.

The slanted 草稿 mark crosses the tables; read as text it would split a header from its rows
and put 稿 or 草 into figures. Every figure comes back, in both current formats.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from documents import distinct_figures

from forms.importing.sources import import_file
from forms.pdf import render_pdf


@pytest.mark.parametrize("form_id", ["gov-info-2021", "gov-info-2019"])
def test_a_draft_pdf_with_its_mark_gives_back_every_figure(tmp_path: Path, form_id: str) -> None:
    written = distinct_figures(form_id)  # totals that do not add up: a draft
    if form_id == "gov-info-2019":
        written.values["proactive.licensing.permits/change"] = -7
        written.values["proactive.procurement.purchases/amount"] = Decimal("251000.5")
        written.units = {"proactive.procurement/amount": "元"}
    path = tmp_path / "草稿.pdf"
    render_pdf(written, path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert text.count("稿") >= 3  # the mark on each page (and the problems page's title)
    imported = import_file(path)
    differences = {
        cell: (imported.document.values.get(cell), value)
        for cell, value in written.values.items()
        if imported.document.values.get(cell) != value
    }
    assert differences == {}
    assert imported.document.units == written.units
    assert [item.text for item in imported.report.not_understood if "稿" in item.text] == []
