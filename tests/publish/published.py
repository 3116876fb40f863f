"""Reading a Word file back for the tests: its text in body order, its tables' figures, and a
LibreOffice conversion to PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from forms.table_grid import Grid

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def open_word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _row_texts(row: object) -> list[str]:
    """A table row's cells, a merged cell once: covered cells of a vertical merge are left out."""
    texts = []
    for cell in row.findall(qn("w:tc")):  # type: ignore[attr-defined]
        merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is not None and merge.get(qn("w:val")) != "restart":
            continue
        texts.append("\n".join(p.text or "" for p in _paragraphs(cell)))
    return texts


def _paragraphs(element: object) -> list[Paragraph]:
    return [Paragraph(p, None) for p in element.findall(qn("w:p"))]  # type: ignore[attr-defined]


def word_lines(word: docx.document.Document) -> list[str]:
    """The text in body order: each non-empty paragraph, each table row (cells by tabs)."""
    lines: list[str] = []
    for child in word.element.body:
        if child.tag == qn("w:p"):
            text = Paragraph(child, None).text
            if text:
                lines.append(text)
        elif child.tag == qn("w:tbl"):
            lines += ["\t".join(_row_texts(row)) for row in child.findall(qn("w:tr"))]
    return lines


def word_tables(word: docx.document.Document) -> list[Table]:
    return list(word.tables)


def to_pdf(sources: list[Path], folder: Path) -> dict[str, Path]:
    """Open each Word file in LibreOffice (Writer) and export it as PDF, in one run."""
    assert SOFFICE is not None
    folder.mkdir(exist_ok=True)
    profile = (folder.parent / "lo-profile-writer").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--writer"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)]
    subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    converted = {path.stem: folder / f"{path.stem}.pdf" for path in sources}
    missing = [str(path) for path in converted.values() if not path.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return converted


def pdf_pages_text(pdf: Path, layout: bool = True) -> list[str]:
    """Each page's text as pdftotext reads it."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def row_line(lines: list[str], label: str, values: tuple[str, ...], start: int) -> int:
    """The first line from ``start`` ending in ``values`` that has ``label`` on it or on one
    of the two lines above (a wrapped label is centred on its figures)."""
    tail = re.compile(r"\s" + r"\s+".join(map(re.escape, values)) + r"\s*$")
    index = find_line(lines, label, start)
    while True:
        found = [i for i in range(index, min(index + 3, len(lines))) if tail.search(lines[i])]
        if found:
            return found[0]
        index = find_line(lines, label, index + 1)


def find_line(lines: list[str], label: str, start: int) -> int:
    for index in range(start, len(lines)):
        if label in lines[index].replace(" ", ""):
            return index
    raise AssertionError(f"{label} not found after line {start}")


def figures_on_rows(lines: list[str], grids: list[Grid]) -> int:
    """Check that every value row's figures print on its row; the number of rows checked."""
    cursor, checked = 0, 0
    for grid in grids:
        anchor = grid.caption or next(cell.text for cell in grid.head if cell.text)
        cursor = find_line(lines, anchor[:6], cursor)
        for row in grid.rows:
            if not row.is_heading:
                cursor = row_line(lines, row.label[:6], row.values, cursor) + 1
                checked += 1
    return checked
