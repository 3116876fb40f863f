"""The report as one self-contained web page for the portal (``nianbao html``, 文件 → 导出网页).

:func:`html_text` gives the page (:mod:`forms.html.page`, styled by :mod:`forms.html.style`):
headings, tables with their grouped heads, the 落款 and signatories, every text escaped, no
script. A draft says so at the top: a page with open problems is not for publishing.
:func:`render_html` writes it as UTF-8 through the one atomic writer (:mod:`forms.atomic`): a
failed write leaves the old file as it was and raises a coded NianbaoError.
"""

from __future__ import annotations

from pathlib import Path

from forms.atomic import write_atomically
from forms.definition import FormDefinition
from forms.document import Document
from forms.html.page import PageWriter
from forms.outline import outline
from forms.validation import Status, Validation

__all__ = ["draft_notice", "html_text", "render_html"]


def draft_notice(document: Document, form: FormDefinition | None = None) -> str:
    """For a draft, the line that says so; empty for a report that may be published."""
    report = Validation(document, form or document.form).report()
    if report.status is not Status.DRAFT:
        return ""
    open_problems = sum(1 for f in report.findings if f.is_error) + len(report.unexplained)
    return f"草稿：本报告尚有{open_problems}个问题未解决，请勿发布。"


def html_text(document: Document, form: FormDefinition | None = None) -> str:
    """The whole report as the text of one HTML page."""
    return PageWriter(outline(document, form), draft_notice(document, form)).page()


def render_html(document: Document, path: Path, form: FormDefinition | None = None) -> None:
    """Write the report as a web page (UTF-8) to ``path``; a coded NianbaoError if it cannot."""
    write_atomically(Path(path), html_text(document, form).encode("utf-8"))
