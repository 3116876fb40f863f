"""Units' reports built for the consolidation tests: the 2021 demo's figures times k.

Every check of the 2021 form is linear (sums, balances), so k times a consistent report is
consistent; the expected totals are known without the code under test: the demo's leaf
figures times the sum of the k's. The text is the form's own draft, so it quotes its figures
correctly.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from forms.demo import load_demo
from forms.derive import derive, totals
from forms.document import Document
from forms.text.drafting import draft_text
from forms.values import Number
from forms.xlsx import save_document

FORM_ID = "gov-info-2021"


def base_figures() -> dict[str, Number]:
    """The demo's figures of every cell that is not computed."""
    demo = load_demo(FORM_ID)
    computed = set(totals(demo.form))
    return {
        cell: value
        for cell, value in demo.values.items()
        if cell not in computed and isinstance(value, int | Decimal)
    }


def unit_report(name: str, k: int, year: int = 2025) -> Document:
    document = copy.deepcopy(load_demo(FORM_ID))
    document.unit, document.year, document.typed_totals = name, year, set()
    for cell, value in base_figures().items():
        document.values[cell] = value * k
    derive(document)
    for draft in document.form.drafts:
        document.narrative[draft.part] = draft_text(document.form, document, draft.part)
    document.narrative["overview"] = (
        f"{year}年，{name}依法推进政务公开。" + document.narrative["overview"]
    )
    return document


def write_units(folder: Path, ks: list[int], year: int = 2025) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, k in enumerate(ks, start=1):
        path = folder / f"单位{number:03}.xlsx"
        save_document(unit_report(f"青禾县第{number}局", k, year), path)
        paths.append(path)
    return paths


def expected_totals(ks: list[int]) -> dict[str, Number]:
    """Each leaf cell's total, worked out from the demo alone."""
    return {cell: value * sum(ks) for cell, value in base_figures().items()}
