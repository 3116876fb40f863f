"""The report as a Word file (``nianbao docx`` and the window's 文件 → 导出Word).

:func:`docx_bytes` builds it with python-docx: the page and type of GB/T 9704
(:mod:`forms.docx.page`), the report's blocks in order (:mod:`forms.outline`,
:mod:`forms.docx.writer`) and every table of the form as a real Word table with merged group
headers, repeated head rows and rows that do not split (:mod:`forms.docx.tables`).
:func:`render_docx` writes it through the one atomic writer (:mod:`forms.atomic`): a failed
write leaves the old file as it was and raises a coded NianbaoError.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import docx

from forms.atomic import write_atomically
from forms.definition import FormDefinition
from forms.document import Document
from forms.docx.page import set_up_page, set_up_styles
from forms.docx.writer import BlockWriter
from forms.outline import outline

__all__ = ["docx_bytes", "render_docx"]


def docx_bytes(document: Document, form: FormDefinition | None = None) -> bytes:
    """The whole report as the bytes of a .docx file."""
    report = outline(document, form)
    word = docx.Document(io.BytesIO(_template()))
    word.core_properties.title = report.form.title(document.year)
    word.core_properties.author = report.document.unit.strip()
    word.core_properties.comments = f"nianbao {report.form.id}"
    BlockWriter(word).write(report.blocks)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


@cache
def _template() -> bytes:
    """An empty document with the styles and the page set up, built once per process."""
    word = docx.Document()
    set_up_styles(word)
    set_up_page(word)
    for paragraph in word.paragraphs:  # the default template's empty first paragraph
        paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_docx(document: Document, path: Path, form: FormDefinition | None = None) -> None:
    """Write the report as a Word file to ``path``; a coded NianbaoError if it cannot."""
    write_atomically(Path(path), docx_bytes(document, form))
