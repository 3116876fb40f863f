"""Report files made at test time, the way offices make them: Word (python-docx), HTML by hand.

:func:`blocks` lays a document out as the printed report does: the title (unit, then the
year's title), the preface, each narrative part under its heading with its table after it,
the closing (unit, date) and the signatory line. A table is laid out as the national format
prints it: group headers merged across the columns they cover (申请人情况, 法人或其他组织,
行政复议, 行政诉讼 …), a leaf header without groups below it merged downwards, the corner note
merged over the header rows. :func:`expected_cells` is where each text lands in a grid.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.definition import Table
from forms.document import Document
from forms.importing.labels import label_key
from forms.importing.workbook import Grid
from forms.values import format_entry


@dataclass
class Span:
    """A cell of a laid-out table: place, span and text."""

    row: int
    column: int
    text: str
    rows: int = 1
    columns: int = 1


@dataclass
class Layout:
    """A table as printed: spans on a grid of ``height`` × ``width``."""

    spans: list[Span] = field(default_factory=list)
    header_rows: int = 1

    @property
    def height(self) -> int:
        return max(span.row + span.rows for span in self.spans)

    @property
    def width(self) -> int:
        return max(span.column + span.columns for span in self.spans)


Block = str | Layout


def blocks(document: Document, headings: dict[str, str] | None = None) -> list[Block]:
    """The report as paragraphs and tables in reading order."""
    form = document.form
    out: list[Block] = [document.unit, document.title(), document.preface_text()]
    tables = {table.part: [] for table in form.tables}  # type: dict[str, list[Table]]
    for table in form.tables:
        tables[table.part].append(table)
    for part in form.narrative_parts():
        if form.analysis is not None and part.id == form.analysis.id:
            for table in tables.get("", []):
                out.extend([table.annex] if table.annex else [])
                out.append(layout(document, table))
        out.append((headings or {}).get(part.id, document.heading(part)))
        out.extend(line for line in document.narrative.get(part.id, "").split("\n") if line)
        out.extend(layout(document, table) for table in tables.get(part.id, []))
    if form.analysis is None:
        out.extend(layout(document, table) for table in tables.get("", []))
    out.append(document.unit)
    issued = document.signatories.get("issued") or document.signatories.get("date", "")
    if issued:
        out.append(_chinese_date(issued))
    out.append(_signatory_line(document))
    return out


def _chinese_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _signatory_line(document: Document) -> str:
    shown = []
    for field_ in document.form.signatories:
        value = document.signatories.get(field_.id, "")
        if field_.signatory_line and value:
            shown.append(
                f"{field_.label}：{_chinese_date(value) if field_.kind == 'date' else value}"
            )
    return "  ".join(shown)


def layout(document: Document, table: Table) -> Layout:
    """One table as the national format prints it (a column's header with the unit the
    report states for it: 采购总金额（单位：元）)."""
    depth = max((len(column.groups) for column in table.columns), default=0)
    header_rows = depth + 1
    result = Layout()
    lead = [text for text in (table.label_header, table.unit_header) if text]
    grouped = any(column.groups for column in table.columns)
    if not grouped:
        result.spans.append(Span(0, 0, table.title, 1, len(lead or [""]) + len(table.columns)))
        for number, text in enumerate(lead or [""]):
            result.spans.append(Span(1, number, text))
        for offset, column in enumerate(table.columns):
            result.spans.append(
                Span(1, len(lead or [""]) + offset, document.column_heading(table, column))
            )
        top = 2
        result.header_rows = 2
    else:
        result.spans.append(Span(0, 0, (lead or [table.note])[0], header_rows, 1))
        _group_headers(document, table, depth, result)
        top = header_rows
        result.header_rows = header_rows
    first = len(lead) if lead else 1
    for number, row in enumerate(table.rows):
        result.spans.append(Span(top + number, 0, row.printed_label))
        if table.unit_header:
            result.spans.append(Span(top + number, 1, row.unit))
        if row.is_heading:
            continue
        for offset, column in enumerate(table.columns):
            entry = document.values.get(table.cell_key(row.id, column.id))
            text = format_entry(entry) if entry is not None else ""
            result.spans.append(Span(top + number, first + offset, text))
    return result


def _group_headers(document: Document, table: Table, depth: int, result: Layout) -> None:
    columns = table.columns
    for level in range(depth + 1):
        start = 0
        while start < len(columns):
            column = columns[start]
            if level < len(column.groups):
                key = column.groups[: level + 1]
                end = start
                while end + 1 < len(columns) and columns[end + 1].groups[: level + 1] == key:
                    end += 1
                result.spans.append(Span(level, 1 + start, key[-1], 1, end - start + 1))
                start = end + 1
            else:
                if level == len(column.groups):
                    heading = document.column_heading(table, column)
                    result.spans.append(Span(level, 1 + start, heading, depth + 1 - level, 1))
                start += 1


def expected_cells(report: list[Block]) -> dict[tuple[int, int], str]:
    """Where the readers put each table's text: tables one under another, a row between."""
    cells: dict[tuple[int, int], str] = {}
    top = 1
    for block in report:
        if isinstance(block, Layout):
            for span in block.spans:
                if span.text.strip():
                    cells[top + span.row, 1 + span.column] = span.text.strip()
            top += block.height + 1
    return cells


# -- Word ------------------------------------------------------------------------------------


def write_docx(report: list[Block], path: Path, repeat_header: bool = False) -> Path:
    """A Word document of the report, tables merged with python-docx's ``merge``.

    The label column is wide and the figure columns narrow, as offices set them;
    ``repeat_header`` marks a table's header rows to be repeated on each page (重复标题行).
    """
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    word = docx.Document()
    for block in report:
        if isinstance(block, str):
            word.add_paragraph(block)
            continue
        table = word.add_table(rows=block.height, cols=block.width)
        table.style = "Table Grid"
        table.autofit = False
        for number, column in enumerate(table.columns):
            width = Cm(5.0 if number == 0 else 11.0 / max(block.width - 1, 1))
            column.width = width
            for cell in column.cells:
                cell.width = width
        for span in block.spans:
            cell = table.cell(span.row, span.column)
            if span.rows > 1 or span.columns > 1:
                corner = (span.row + span.rows - 1, span.column + span.columns - 1)
                cell = cell.merge(table.cell(*corner))
            cell.text = span.text
        if repeat_header:
            for row in table.rows[: block.header_rows]:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    word.save(str(path))
    return path


# -- HTML ------------------------------------------------------------------------------------


def html_page(report: list[Block], title: str = "", charset: str = "utf-8") -> str:
    """A portal page: head with meta charset and a script, paragraphs and ``<table>``s."""
    parts = [
        "<!DOCTYPE html>",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{html.escape(title)}</title>",
        "<script>document.write('不应出现');</script><style>p{text-indent:2em}</style></head>",
        '<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div><div class="content">',
    ]
    for block in report:
        if isinstance(block, str):
            parts.append(f"<p>\n   {html.escape(block)}\n</p>")
        else:
            parts.append(_html_table(block))
    parts.append("</div></body></html>")
    return "\n".join(parts)


def _html_table(table: Layout) -> str:
    rows: list[list[str]] = [[] for _ in range(table.height)]
    for span in sorted(table.spans, key=lambda s: (s.row, s.column)):
        attributes = ""
        if span.rows > 1:
            attributes += f' rowspan="{span.rows}"'
        if span.columns > 1:
            attributes += f' colspan="{span.columns}"'
        text = html.escape(span.text).replace("\n", "<br>")
        rows[span.row].append(f"<td{attributes}><p>{text}</p></td>")
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    return f'<table border="1" cellspacing="0"><tbody>\n{body}\n</tbody></table>'


# -- checking a grid without the matcher -----------------------------------------------------


def figures_in(grid: Grid, document: Document) -> dict[str, str]:
    """Each form row's figures as the grid holds them: the row found by its label in column A
    (searching on from the row found last, as the tables run in order), its figures the
    numeric cells right of it, left to right. ``cell id → text`` for every row found."""
    found: dict[str, str] = {}
    rows = sorted({row for row, _ in grid.cells})
    cursor = 0
    for table in document.form.tables:
        for row in table.value_rows():
            place = _find_row(grid, rows, cursor, row.printed_label)
            if place is None:
                continue
            cursor = rows.index(place) + 1
            numbers = [
                "".join(str(value).split())
                for column, value in sorted(grid.row(place).items())
                if column > 1 and _numeric(str(value))
            ]
            for column, text in zip(table.columns, numbers, strict=False):
                found[table.cell_key(row.id, column.id)] = text
    return found


def printed_figures(document: Document) -> dict[str, str]:
    """Every figure of the document as the report prints it."""
    return {
        cell: format_entry(entry)
        for cell, entry in document.values.items()
        if entry is not None and cell in document.form.index.cell_rows
    }


def _find_row(grid: Grid, rows: list[int], cursor: int, label: str) -> int | None:
    key = label_key(label)
    for row in rows[cursor:]:
        first = grid.cells.get((row, 1))
        if isinstance(first, str) and label_key(first) == key:
            return row
    return None


def _numeric(text: str) -> bool:
    bare = "".join(text.split()).replace(",", "")
    try:
        float(bare)
    except ValueError:
        return False
    return True


# -- a PDF whose tables have no rules ---------------------------------------------------------


def write_unruled_pdf(report: list[Block], path: Path) -> Path:
    """The report printed on landscape A4 by reportlab, its tables as aligned text only.

    Labels longer than the label column wrap onto a second line, the figures on the first.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from forms.pdf.fonts import last_resort_font

    font = last_resort_font()
    width, height = landscape(A4)
    sheet = canvas.Canvas(str(path), pagesize=(width, height))
    state = {"y": height - 50.0}

    def line(text: str, x: float, size: float = 9, centre: bool = False) -> None:
        sheet.setFont(font, size)
        if centre:
            sheet.drawCentredString(x, state["y"], text)
        else:
            sheet.drawString(x, state["y"], text)

    def advance(step: float = 15, room: float = 0) -> None:
        state["y"] -= step
        if state["y"] - room < 50:
            sheet.showPage()
            state["y"] = height - 50.0

    for block in report:
        if isinstance(block, str):
            for start in range(0, len(block), 60):
                line(block[start : start + 60], 60 if start else 78)
                advance()
            continue
        _unruled_table(block, line, advance, width)
        advance(10)
    sheet.save()
    return path


def _unruled_table(table: Layout, line: Any, advance: Any, width: float) -> None:
    label_width = 16  # characters in the label column
    left, right = 300.0, width - 50
    step = (right - left) / max(table.width - 1, 1)

    def centre(span: Span) -> float:
        return left + step * (span.column - 1 + span.columns / 2)

    for row in range(table.height):
        spans = sorted((s for s in table.spans if s.row == row and s.text), key=lambda s: s.column)
        label = next((s.text for s in spans if s.column == 0), "")
        pieces = [label[k : k + label_width] for k in range(0, len(label), label_width)] or [""]
        advance(0, 15.0 * len(pieces))  # a row is not broken across pages
        line(pieces[0], 50)
        for span in spans:
            if span.column > 0:
                line(span.text, centre(span), 8 if row >= table.header_rows else 7, centre=True)
        advance()
        for rest in pieces[1:]:
            line(rest, 50)
            advance()
