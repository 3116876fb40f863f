"""A report written in Word or WPS (.docx): its paragraphs and its tables, merges included.

The zip is checked first (:func:`forms.importing.sources.files.checked_zip`); then
python-docx opens it. The body is read in order: each paragraph's text, each table as cells
with their spans. A horizontal merge is a cell's ``w:gridSpan``; a vertical merge is a run of
cells with ``w:vMerge`` in one column, the first (``restart``) holding the text; a row may
start late (``w:gridBefore``). A table inside a table cell is not read: the outer cell keeps
its own text and the report says which cell held a table.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from forms.codes import NianbaoError
from forms.importing.report import NotUnderstood
from forms.importing.sources.files import checked_zip, read_capped
from forms.importing.sources.model import Source
from forms.importing.sources.tables import Cell, Table, stack
from forms.importing.workbook import MAX_COLUMNS, MAX_ROWS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_TABLES = 40


def read_docx(path: Path) -> Source:
    """The paragraphs and tables of a Word document (F062/F005/F006 when it cannot be read)."""
    data = read_capped(path)
    checked_zip(data, path.name, "word/document.xml").close()
    body = _body(data, path.name)
    source = Source(path.name, "docx")
    tables: list[Table] = []
    for element in body.iterchildren():
        if element.tag == W + "p":
            source.add_paragraph(_paragraph_text(element))
        elif element.tag == W + "tbl":
            if len(tables) >= MAX_TABLES:
                source.notices.append(f"文档中表格过多，只读取了前{MAX_TABLES}个")
                break
            tables.append(_table(element, len(tables) + 1, source))
    source.grids_from(stack(tables, "Word表格"))
    return source


def _body(data: bytes, name: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise NianbaoError("F062", path=name, detail="不是 Word 文档的结构") from exc
    except KeyError as exc:
        raise NianbaoError("F062", path=name, detail=f"缺少文档部件 {exc}") from exc
    except Exception as exc:  # lxml and python-docx raise many kinds on a malformed part
        raise NianbaoError("F062", path=name, detail=_brief(exc)) from exc
    return document.element.body


def _paragraph_text(paragraph: Any) -> str:
    """The visible text of a ``w:p``: its runs' text, tabs as spaces, breaks as new lines."""
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table(element: Any, number: int, source: Source) -> Table:
    table = Table(f"表格{number}")
    open_merges: dict[int, Cell] = {}  # column -> the cell a vertical merge continues
    for row_number, row in enumerate(element.iterchildren(W + "tr")):
        if row_number >= MAX_ROWS:
            source.notices.append(f"表格{number}超过{MAX_ROWS}行，其余未读取")
            break
        column = _grid_before(row)
        for tc in row.iterchildren(W + "tc"):
            span = _int_attr(tc, "tcPr/gridSpan")
            merge = _vmerge(tc)
            if merge == "continue" and column in open_merges:
                _extend(table, open_merges, column)
            else:
                cell = Cell(row_number, column, _cell_text(tc, number, source), 1, span)
                table.cells.append(cell)
                if merge == "restart":
                    open_merges[column] = cell
                else:
                    open_merges.pop(column, None)
            column += span
            if column > MAX_COLUMNS:
                break
    return table


def _extend(table: Table, open_merges: dict[int, Cell], column: int) -> None:
    top = open_merges[column]
    grown = Cell(top.row, top.column, top.text, top.rows + 1, top.columns)
    table.cells[table.cells.index(top)] = grown
    open_merges[column] = grown


def _grid_before(row: Any) -> int:
    return _int_attr(row, "trPr/gridBefore", default=0, low=0)


def _int_attr(element: Any, path: str, default: int = 1, low: int = 1) -> int:
    """A ``w:val`` number below ``element``, kept within ``low``…:data:`MAX_COLUMNS`."""
    found = element.find("/".join(W + step for step in path.split("/")))
    try:
        value = int(found.get(W + "val")) if found is not None else default
    except (TypeError, ValueError):
        value = default
    return max(low, min(value, MAX_COLUMNS))


def _vmerge(tc: Any) -> str:
    found = tc.find(f"{W}tcPr/{W}vMerge")
    if found is None:
        return ""
    return "restart" if found.get(W + "val") == "restart" else "continue"


def _cell_text(tc: Any, table: int, source: Source) -> str:
    """The text of a cell's own paragraphs; a nested table is reported, not read."""
    lines = [_paragraph_text(p) for p in tc.iterchildren(W + "p")]
    if any(True for _ in tc.iterchildren(W + "tbl")):
        text = "".join(lines).strip()[:30]
        reason = "单元格中嵌有表格，内嵌表格未读取"
        source.not_understood.append(NotUnderstood(f"表格{table}", text or "（空单元格）", reason))
    return "\n".join(line for line in lines if line.strip())


def _brief(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__)[:120]
