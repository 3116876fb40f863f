"""A published report as PDF with a text layer: tables rebuilt from positions, text by paragraph.

pypdfium2 gives each character with its box and each ruled line (:mod:`.pdfpage`). Ruled
tables are rebuilt as lattices (:mod:`.pdflattice`). A table that runs on at the top of the
next page, with the same columns and nothing between, is one table; a header repeated on the
new page is dropped. The running text outside tables becomes paragraphs: a new paragraph
where a line is indented (first-line indent, centred title) or the previous line stopped
short; page numbers (“— 3 —”) are left out.

A PDF without any text (a scan) is refused (F065); pages without text among pages with text
are reported. A PDF of more than :data:`MAX_PAGES` pages is no annual report (F006).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from forms.codes import NianbaoError
from forms.importing.labels import fold, strip_numbering
from forms.importing.report import NotUnderstood
from forms.importing.sources.files import read_capped
from forms.importing.sources.model import Source
from forms.importing.sources.pdflattice import Lattice, lattices, line_text, lines_of, table_of
from forms.importing.sources.pdfpage import Glyph, Page, read_page
from forms.importing.sources.pdfstream import dangling_header, stream_tables
from forms.importing.sources.tables import Cell, Table, stack

MAX_PAGES = 200
MARGIN = 0.12  # the top and bottom of a page where running headers and footers stand
SHORT = 5  # a line ending this many characters before the margin ends its paragraph
_FIGURE = re.compile(r"^[-+]?[\d,]+(?:\.\d+)?$")
_FURNITURE = re.compile(r"^(?:[—\-–－]\s*\d+\s*[—\-–－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+)$")


def read_pdf(path: Path) -> Source:
    """The paragraphs and tables of a PDF with a text layer (F064/F065/F066/F006 if not)."""
    data = read_capped(path)
    document = _open(data, path.name)
    try:
        count = len(document)
        if count > MAX_PAGES:
            detail = f"PDF 有 {count} 页，年度报告不会超过 {MAX_PAGES} 页"
            raise NianbaoError("F006", path=path.name, detail=detail)
        pages = [read_page(document, index) for index in range(count)]
    except NianbaoError:
        raise
    except Exception as exc:  # pdfium reports damage as generic errors
        raise NianbaoError("F064", path=path.name, detail=str(exc)[:120] or "无法读取") from exc
    finally:
        document.close()
    if not any(page.glyphs for page in pages):
        raise NianbaoError("F065", path=path.name)
    return _source(path.name, pages)


def _open(data: bytes, name: str) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise NianbaoError("F066", path=name) from exc
        raise NianbaoError("F064", path=name, detail=str(exc)[:120] or "无法读取") from exc


def _source(name: str, pages: list[Page]) -> Source:
    source = Source(name, "pdf")
    tables: list[Table] = []
    paragraphs: list[str] = []
    continuing = False  # the last thing on the previous page was a table
    ended = True  # the previous page's last line ended its paragraph (stopped short)
    held: list[list[Glyph]] = []  # an unruled table's headers left at the previous page's foot
    carried: Table | None = None  # an unruled table the previous page ended with
    furniture = running_lines(pages)
    for page in pages:
        _page_notes(page, source)
        found = [
            (lattice, _table(page, lattice, number))
            for number, lattice in enumerate(lattices(page.rules), 1)
        ]
        inside = {
            id(glyph) for lattice, _ in found for glyph in page.glyphs if lattice.contains(glyph)
        }
        lines = held + _text_lines(page, inside, furniture)
        stream = stream_tables(
            lines, f"第{page.number}页", [float(x) for x in carried.columns_at] if carried else None
        )
        unruled, lines = stream.tables, stream.rest
        last = unruled[-1] if unruled else None
        if (
            carried is not None
            and unruled
            and stream.at_top
            and not held
            and not found
            and _header_again(carried, unruled[0])
        ):
            _continue(carried, unruled.pop(0))  # the table runs on from the page before
            last = unruled[-1] if unruled else carried
        carried = last if stream.at_foot and not found else None
        held_count = dangling_header(lines)  # headers at the foot: the rows follow overleaf
        held, lines = lines[len(lines) - held_count :], lines[: len(lines) - held_count]
        first_table_top = found[0][0].ys[0] if found else None
        text_above = first_table_top is not None and any(
            _top(line) > first_table_top for line in lines
        )
        for index, (_, table) in enumerate(found):
            joined = continuing and index == 0 and not text_above and tables
            if joined and _same_columns(tables[-1], table):
                _continue(tables[-1], table)
            else:
                tables.append(table)
        last_table_bottom = found[-1][0].ys[-1] if found else None
        continuing = last_table_bottom is not None and not any(
            _top(line) < last_table_bottom for line in lines
        )
        tables.extend(unruled)
        ended = _paragraphs(lines, [lattice for lattice, _ in found], paragraphs, ended)
        if lines and min(glyph.y0 for glyph in lines[-1]) > page.height * 0.2:
            ended = True  # the page stops well above its foot: its last paragraph ended there
    paragraphs.extend(line_text(line) for line in held)
    for paragraph in paragraphs:
        source.add_paragraph(paragraph)
    source.grids_from(stack(tables, "PDF表格"))
    return source


def _table(page: Page, lattice: Lattice, number: int) -> Table:
    glyphs = [glyph for glyph in page.glyphs if lattice.contains(glyph)]
    table = table_of(lattice, glyphs, f"第{page.number}页表格{number}")
    table.columns_at = [round(x) for x in lattice.xs]
    return table


def _same_columns(before: Table, after: Table) -> bool:
    xs_before, xs_after = before.columns_at, after.columns_at
    if len(xs_before) != len(xs_after) or not xs_before:
        return False  # same widths: pages may have different margins (page numbers outside)
    return all(
        abs((a - xs_before[0]) - (b - xs_after[0])) <= 3
        for a, b in zip(xs_before, xs_after, strict=True)
    )


def _continue(table: Table, more: Table) -> None:
    """Append the rows of ``more`` to ``table``, dropping a header the new page repeats.

    A row broken across the page (its label's last line on the new page) is joined again.
    """
    repeated = 0
    while (
        repeated < min(table.height, more.height)
        and table.row_texts(repeated) == more.row_texts(repeated)
        and any(table.row_texts(repeated))
    ):
        repeated += 1
    repeated = max(repeated, more.header_rows)  # an unruled table's header, repeated
    broken = _is_fragment(more, repeated)
    offset = table.height - repeated - (1 if broken else 0)
    last = table.height - 1
    for cell in more.cells:
        if cell.row < repeated:
            continue
        if broken and cell.row == repeated:
            _join_cell(table, last, cell)
            continue
        table.cells.append(Cell(cell.row + offset, cell.column, cell.text, cell.rows, cell.columns))
    table.where += f"、{more.where}"


def _header_again(table: Table, more: Table) -> bool:
    """Whether ``more`` has no header or repeats the header of ``table`` (else: a new table
    in the same columns, such as the next block of table 二)."""
    return all(
        [fold(text) for text in table.row_texts(row)]
        == [fold(text) for text in more.row_texts(row)]
        for row in range(more.header_rows)
    )


def _is_fragment(more: Table, row: int) -> bool:
    """Whether row ``row`` of a continued table is the rest of a row the page break cut.

    Every row of the statistical tables starts with its numbering (一、 （三） 2.) or has its
    figures; the tail of a broken label has neither (its figures stayed on the row above).
    """
    cells = [cell for cell in more.cells if cell.row == row and cell.text.strip()]
    label = next((cell.text for cell in cells if cell.column == 0), "")
    folded = fold(label)
    figures = any(_FIGURE.match(fold(cell.text)) for cell in cells if cell.column > 0)
    return bool(folded) and strip_numbering(folded) == folded and not figures


def _join_cell(table: Table, row: int, cell: Cell) -> None:
    for number, old in enumerate(table.cells):
        if old.row <= row < old.row + old.rows and old.column == cell.column:
            table.cells[number] = Cell(
                old.row, old.column, old.text + cell.text, old.rows, old.columns
            )
            return
    table.cells.append(Cell(row, cell.column, cell.text, 1, cell.columns))


def _page_notes(page: Page, source: Source) -> None:
    where = f"第{page.number}页"
    if not page.glyphs and page.images:
        reason = "这一页没有文字层（可能是扫描的图片），内容未读取"
        source.not_understood.append(NotUnderstood(where, "（图片）", reason))
    if page.cut:
        source.notices.append(f"{where}内容过多，只读取了一部分")


def _text_lines(page: Page, inside: set[int], running: set[str]) -> list[list[Glyph]]:
    outside = [glyph for glyph in page.glyphs if id(glyph) not in inside]
    lines = lines_of(outside)
    return [line for line in lines if not _furniture(page, line, running)]


def _furniture(page: Page, line: list[Glyph], running: set[str]) -> bool:
    """A page number (a short line in the margin) or the running header or footer."""
    text = line_text(line).replace(" ", "")
    if not _in_margin(page, line):
        return False
    if page.number == 1:
        running = set()
    narrow = line[-1].x1 - line[0].x0 < 8 * max(glyph.height for glyph in line)
    return text in running or (narrow and bool(_FURNITURE.match(text)))


def _in_margin(page: Page, line: list[Glyph]) -> bool:
    middle = sum(glyph.cy for glyph in line) / len(line)
    return middle > page.height * (1 - MARGIN) or middle < page.height * MARGIN


def running_lines(pages: list[Page]) -> set[str]:
    """The running header or footer: the text of a page's top or bottom line, in the margin
    and set apart from the text next to it, that two pages or more print alike."""
    seen: dict[str, list[float]] = {}
    for page in pages[1:]:  # the first page has its title there
        edge = [glyph for glyph in page.glyphs if _in_margin(page, [glyph])]
        lines = lines_of(edge)
        for line, beside in ((lines[:1], lines[1:2]), (lines[-1:], lines[-2:-1])):
            if line and _apart(line[0], beside[0] if beside else None):
                text = line_text(line[0]).replace(" ", "")
                seen.setdefault(text, []).append(line[0][0].cy)
    return {
        text
        for text, heights in seen.items()
        if text and len(heights) >= 2 and max(heights) - min(heights) <= 2
    }


def _apart(line: list[Glyph], beside: list[Glyph] | None) -> bool:
    if beside is None:
        return True
    size = max(glyph.height for glyph in line)
    gap = min(
        abs(min(g.y0 for g in line) - max(g.y1 for g in beside)),
        abs(min(g.y0 for g in beside) - max(g.y1 for g in line)),
    )
    return gap >= size * 1.2


def _top(line: list[Glyph]) -> float:
    return max(glyph.y1 for glyph in line)


def _paragraphs(
    lines: list[list[Glyph]], tables: list[Lattice], paragraphs: list[str], ended: bool
) -> bool:
    """Add the page's lines to ``paragraphs``: a line joins the last one unless it starts anew.

    A line starts a paragraph when it is indented from the type area (tables span it), when
    the line before stopped short (on this page, or ``ended`` on the previous one), after a
    wide gap, or when a table stands between them. Returns whether the last line stopped short.
    """
    if not lines:
        return ended
    left = min([line[0].x0 for line in lines] + [lattice.xs[0] for lattice in tables])
    right = max(line[-1].x1 for line in lines)
    if len(lines) < 3:  # too few lines to show the type area; tables span it
        right = max([right] + [lattice.xs[-1] for lattice in tables])
    previous: list[Glyph] | None = None
    for line in lines:
        size = max(glyph.height for glyph in line)
        above = min(g.y0 for g in previous) if previous is not None else float("inf")
        indented = line[0].x0 > left + size * 0.8
        short_before = previous[-1].x1 < right - size * SHORT if previous is not None else ended
        gap = previous is not None and above - _top(line) > size * 1.2
        table_between = any(_top(line) < lattice.ys[0] < above + 1 for lattice in tables)
        text = line_text(line)
        if not paragraphs or indented or short_before or gap or table_between:
            paragraphs.append(text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], text)
        previous = line
    size = max(glyph.height for glyph in lines[-1])
    return lines[-1][-1].x1 < right - size * SHORT


def _join(before: str, after: str) -> str:
    if (
        before
        and after
        and before[-1].isascii()
        and before[-1].isalnum()
        and after[0].isascii()
        and after[0].isalnum()
    ):
        return before + " " + after
    return before + after
