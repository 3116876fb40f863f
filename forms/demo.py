"""The demo documents, from ``resources/demo``: one per shipped form.

``gov-info-2018``: the 2018 report of 白银市平川区人民政府办公室, as the seed prints it.
``gov-info-2019``: the same invented agency's 2020 report in the trial format, sample data.
``gov-info-2021``: an invented small agency's complete 2025 report, marked as sample data.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.definition import DefinitionError
from forms.definition_files import load_form
from forms.derive import derive, totals
from forms.document import Document, new_document
from forms.values import coerce_cell

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
DEMO_SOURCES = {
    "gov-info-2018": RESOURCES_DIR / "demo" / "pingchuan-2018.toml",
    "gov-info-2019": RESOURCES_DIR / "demo" / "qinghe-2020.toml",
    "gov-info-2021": RESOURCES_DIR / "demo" / "qinghe-2025.toml",
}
DEFAULT_DEMO = "gov-info-2018"


def demo_source(form_id: str = DEFAULT_DEMO) -> Path:
    """The demo's source file for a form; :class:`DefinitionError` if the form has none."""
    if form_id not in DEMO_SOURCES:
        raise DefinitionError(
            f"没有这种报表格式的示例：{form_id}（可用：{'、'.join(DEMO_SOURCES)}）"
        )
    return DEMO_SOURCES[form_id]


def load_demo(form_id: str = DEFAULT_DEMO) -> Document:
    """Build a demo document from its readable source file."""
    return demo_from_source(demo_source(form_id))


def demo_from_source(source: Path) -> Document:
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    document = new_document(data["form"], data["unit"], data["year"])
    index = load_form(document.form_id).index
    document.contact.update(data.get("contact", {}))
    document.signatories.update(_signatories(data.get("signatories", {})))
    document.headings.update(data.get("headings", {}))
    document.units.update(data.get("units", {}))
    narrative = dict(data.get("narrative", {}))
    document.preface = narrative.pop("preface", "")
    document.narrative.update(narrative)
    if data.get("zero_rest"):
        computed = totals(document.form)
        document.values.update({cell: 0 for cell in index.cell_order if cell not in computed})
    document.values.update(
        {cell: coerce_cell(value, index.kind(cell)) for cell, value in data["values"].items()}
    )
    document.history = {int(year): _entry_number(v) for year, v in data.get("history", {}).items()}
    derive(document)
    return document


def _signatories(raw: dict[str, Any]) -> dict[str, str]:
    return {
        key: value.isoformat() if isinstance(value, date) else str(value)
        for key, value in raw.items()
    }


def _entry_number(value: object) -> int | Decimal | None:
    if isinstance(value, int):
        return value
    return Decimal(str(value)) if value is not None else None
