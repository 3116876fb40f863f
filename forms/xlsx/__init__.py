"""The app's file: an .xlsx a reviewer can open in WPS or Excel, read back by this app.

:func:`save_document` lays the document out (``writer``) and saves it through the one atomic
writer (``forms.atomic``); :func:`open_document` checks the file before parsing (``guard``),
then reads the visible cells against the hidden copy (``reader``). All text enters cells
through ``safe.write_text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from forms.atomic import Stamp, write_atomically
from forms.codes import NianbaoError
from forms.definition import DefinitionError
from forms.document import Document, now_iso
from forms.xlsx.reader import Opened, open_document

__all__ = ["Opened", "open_document", "save_document"]


def save_document(document: Document, path: Path, *, expected: Stamp | None = None) -> Stamp:
    """Write ``document`` to ``path`` atomically; the new file's stamp; NianbaoError on failure.

    The document's ``modified`` time becomes the time of this save. ``expected`` is the stamp
    of the file when it was read (``forms.atomic.stamp_of``): if it has changed since, F049.
    """
    from forms.xlsx.writer import build_workbook  # openpyxl: only when a file is written

    path = Path(path)
    document.modified = now_iso()
    try:
        workbook = build_workbook(document, document.form)
    except DefinitionError as exc:
        raise NianbaoError("F008", path=path, detail=str(exc)) from exc

    def write(handle: BinaryIO) -> None:
        workbook.save(handle)

    return write_atomically(path, write, expected=expected)
