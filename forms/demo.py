"""The demo document: the 2018 report of 白银市平川区人民政府办公室, from ``resources/demo``."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.definition import load_form
from forms.document import Document, new_document
from forms.values import coerce_cell

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
DEMO_SOURCE = RESOURCES_DIR / "demo" / "pingchuan-2018.toml"


def load_demo(source: Path = DEMO_SOURCE) -> Document:
    """Build the demo document from its readable source file."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    document = new_document(data["form"], data["unit"], data["year"])
    index = load_form(document.form_id).index
    document.contact.update(data.get("contact", {}))
    document.signatories.update(_signatories(data.get("signatories", {})))
    narrative = dict(data.get("narrative", {}))
    document.preface = narrative.pop("preface", "")
    document.narrative.update(narrative)
    document.values.update(
        {cell: coerce_cell(value, index.kind(cell)) for cell, value in data["values"].items()}
    )
    document.history = {int(year): _entry_number(v) for year, v in data.get("history", {}).items()}
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
