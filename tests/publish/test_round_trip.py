"""The Word file and the web page read back by the app's own import (``nianbao import``):
the same form, unit and year, every figure, every part's text and every signatory."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.demo import load_demo
from forms.docx import render_docx
from forms.html import render_html
from forms.importing.sources import import_file

WRITERS = {"docx": render_docx, "html": render_html}


@pytest.mark.parametrize("suffix", WRITERS)
@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2021"])
def test_the_import_reads_back_the_whole_report(form_id: str, suffix: str, tmp_path: Path) -> None:
    demo = load_demo(form_id)
    WRITERS[suffix](demo, tmp_path / f"年报.{suffix}")
    document = import_file(tmp_path / f"年报.{suffix}").document
    assert (document.form_id, document.unit, document.year) == (form_id, demo.unit, demo.year)
    cells = demo.form.index.cell_order
    assert {c: document.values.get(c) for c in cells} == {c: demo.values.get(c) for c in cells}
    for part in demo.form.narrative_parts():
        assert document.narrative.get(part.id, "").strip() == demo.narrative[part.id].strip()
    assert document.signatories == demo.signatories
