"""Import from the formats a report is kept in: Word, a saved web page, PDF, and workbooks.

:func:`import_file` is the one entry for every source. It tells the kind of the file from its
content (checked against its extension, :mod:`.sniff`), reads a Word file, a web page or a
PDF into a :class:`Source` (tables as one grid, text as paragraphs), lets the table matcher
(:func:`forms.importing.import_grids`) read the figures and choose the form, then reads the
unit, year, contact line, narrative parts and signatories from the text (:mod:`.text`).
Workbooks (.xlsx/.xls) go to :func:`forms.importing.import_workbook` as before.
Everything that could not be read is in the mapping report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from forms.definition_files import form_for_year, load_form
from forms.document import Document, new_document
from forms.importing import (
    DASHES_AS_ZERO,
    Imported,
    ImportReport,
    Reading,
    import_grids,
    import_workbook,
)
from forms.importing.report import Missing
from forms.importing.sources.model import Source
from forms.importing.sources.sniff import EXTENSIONS, Kind, sniff
from forms.importing.sources.text import Text, read_text, title_of

__all__ = [
    "EXTENSIONS",
    "FILE_PATTERNS",
    "Source",
    "import_file",
    "last_report",
    "own_report",
    "read_source",
    "sniff",
]

FILE_PATTERNS = "*.xlsx *.xls *.docx *.html *.htm *.pdf"


def read_source(path: Path, kind: Kind | None = None) -> Source:
    """The tables and text of a Word file, web page or PDF (coded errors if unreadable)."""
    kind = kind or sniff(path)
    return _READERS[kind](path)


def import_file(
    path: Path,
    form_id: str | None = None,
    unit: str = "",
    year: int = 0,
    reading: Reading = DASHES_AS_ZERO,
) -> Imported:
    """A new document from any importable file, with the report of how it was read."""
    path = Path(path)
    kind = sniff(path)
    if kind in ("xlsx", "xls"):
        return import_workbook(path, form_id, unit, year, reading)
    source = read_source(path, kind)
    found_unit, found_year, _ = title_of(source.paragraphs)
    imported = _tables(source, form_id, unit or found_unit, year or found_year, reading)
    report = imported.report
    report.notices[:0] = source.notices
    report.not_understood.extend(source.not_understood)
    _apply_text(imported.document, read_text(source.paragraphs, imported.document.form), report)
    return imported


def last_report(path: Path) -> Document:
    """Last year's report from any file it is kept in, to start next year's from.

    A report file saved by this program is opened as it is; any other file (a workbook from
    elsewhere, Word, a web page, a PDF) is imported. Either way a :class:`Document`.
    """
    path = Path(path)
    own = own_report(path)
    return own if own is not None else import_file(path).document


def own_report(path: Path) -> Document | None:
    """A report file this program saved, opened as it is; None for any other importable file
    (a workbook from elsewhere, Word, a web page, a PDF); a coded error for a file that is
    neither."""
    from forms.codes import NianbaoError
    from forms.xlsx import open_document

    if sniff(Path(path)) != "xlsx":
        return None
    try:
        return open_document(path).document
    except NianbaoError as exc:
        if exc.code != "F002":  # F002: a workbook, but not one of this program's reports
            raise
    return None


def _tables(
    source: Source, form_id: str | None, unit: str, year: int, reading: Reading
) -> Imported:
    if source.grids:
        return import_grids(source.grids, source.name, form_id, unit, year, reading)
    form = load_form(form_id) if form_id else form_for_year(year or 2021)
    report = ImportReport(source.name)
    report.notices.append("文件中没有找到表格，统计数保持空白")
    return Imported(new_document(form.id, unit, year), report)


def _apply_text(document: Document, text: Text, report: ImportReport) -> None:
    """Put what the text says into the document, saying in the report where each came from."""
    if text.unit and not document.unit:
        document.unit = text.unit
    if text.year and not document.year:
        document.year = text.year
    if text.unit or text.year:
        report.notices.append(f"标题：{text.unit}{text.year or ''}年政府信息公开工作年度报告")
    document.contact.update(text.contact)
    document.narrative.update(text.narrative)
    document.headings.update(text.headings)
    document.signatories.update(text.signatories)
    labels = {item.id: item.label for item in document.form.contact}
    if text.contact:
        shown = "、".join(f"{labels[key]}：{value}" for key, value in text.contact.items())
        report.notices.append(f"前言中的联系方式：{shown}")
    if text.preface and _squeezed(text.preface) != _squeezed(document.preface_text()):
        document.preface = text.preface
        report.notices.append("前言与格式模板不同，原文保留")
    for part in document.form.narrative:
        if part.id in text.narrative:
            report.notices.append(
                f"正文“{document.heading(part)}”：{len(text.narrative[part.id])}字"
            )
    report.missing.extend(Missing(f"part.{part.id}", part.heading) for part in text.missing)
    if text.rest:
        shown = "；".join(line[:20] for line in text.rest[:3])
        report.notices.append(f"落款之后另有{len(text.rest)}段文字未导入（{shown}…）")


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _reader(name: str) -> Callable[[Path], Source]:
    def read(path: Path) -> Source:
        from importlib import import_module

        module = import_module(f"forms.importing.sources.{name}")
        reader: Callable[[Path], Source] = getattr(module, f"read_{name}")
        return reader(path)

    return read


_READERS: dict[str, Callable[[Path], Source]] = {
    "docx": _reader("docx"),
    "html": _reader("html"),
    "pdf": _reader("pdf"),
}
