"""The printed report: a PDF laid out for an official seal (GB/T 9704-2012)."""

from __future__ import annotations

from pathlib import Path

from forms.document import Document


def render_pdf(document: Document, path: Path) -> None:
    """Write the whole report as a PDF to ``path``."""
    raise NotImplementedError
