"""The app's file: an .xlsx a reviewer can open in WPS/Excel, read back by this app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from forms.document import Document


@dataclass
class Opened:
    """A document read from a file, and where the visible cells differ from the hidden copy."""

    document: Document
    differences: list[str] = field(default_factory=list)


def save_document(document: Document, path: Path) -> None:
    """Write ``document`` to ``path`` atomically; raise NianbaoError (F008) on failure."""
    raise NotImplementedError


def open_document(path: Path) -> Opened:
    """Read a file saved by this app (or edited by a reviewer); raise NianbaoError (F0xx)."""
    raise NotImplementedError
