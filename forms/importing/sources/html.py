"""A report page saved from the portal (.html/.htm): its paragraphs and its tables.

Nothing on the page runs: lxml parses the markup into a tree and the reader only looks at
it (scripts, styles and embedded objects are dropped unread; nothing is fetched). The
charset comes from a byte-order mark, else the page's ``<meta charset>``, else UTF-8 if the
bytes are UTF-8, else GB18030 (which reads GBK and GB2312 pages). A page is bounded before it
is parsed: at most :data:`MAX_HTML_BYTES` bytes and :data:`MAX_TAGS` tags; libxml2 itself
refuses nesting deeper than 256 elements, and the walk here is iterative.

Tables: ``colspan``/``rowspan`` are honoured (clamped to the grid budget). A table inside a
table is not read as part of the outer one: the outer cell keeps its own text and the report
names it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from forms.codes import NianbaoError
from forms.importing.report import NotUnderstood
from forms.importing.sources.files import read_capped
from forms.importing.sources.model import Source
from forms.importing.sources.tables import Cell, Table, stack
from forms.importing.workbook import MAX_COLUMNS, MAX_ROWS

MAX_HTML_BYTES = 8 * 1024 * 1024
MAX_TAGS = 200_000
MAX_TABLES = 40
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_SPACES = re.compile(r"[ \t\r\n\f]+")
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "head")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "center",
        "dd",
        "dt",
        "dl",
        "form",
        "title",
        "address",
        "tr",
    ]
)


def read_html(path: Path) -> Source:
    """The paragraphs and tables of a saved web page (F063/F006 when it cannot be read)."""
    data = read_capped(path, MAX_HTML_BYTES)
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise NianbaoError("F006", path=path.name, detail=f"网页有约 {tags} 个标记，远超年报所需")
    text, charset = decode(data)
    root = _parse(text, path.name)
    source = Source(path.name, "html")
    if charset:
        source.notices.append(f"网页编码：{charset}")
    for element in list(root.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    tables = _outer_tables(root)
    source.grids_from(stack(_read_tables(tables, source), "网页表格"))
    for paragraph in _paragraphs(root):
        source.add_paragraph(paragraph)
    return source


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the charset it was read in."""
    for bom, charset in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(charset, errors="replace"), charset
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        charset = _ALIASES.get(name, name)
        try:
            return data.decode(charset, errors="replace"), charset
        except LookupError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), "gb18030"


def _parse(text: str, name: str) -> Any:
    import lxml.html
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str with an encoding declaration
    if not text.strip():
        raise NianbaoError("F063", path=name, detail="网页是空的")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise NianbaoError("F063", path=name, detail=str(exc)[:120] or "无法解析") from exc
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        detail = "标记嵌套超过256层，远超正常网页"  # libxml2 stops there; the rest would be lost
        raise NianbaoError("F006", path=name, detail=detail)
    return root


def _outer_tables(root: Any) -> list[Any]:
    return [table for table in root.iter("table") if _enclosing_table(table) is None]


def _enclosing_table(element: Any) -> Any:
    for ancestor in element.iterancestors("table"):
        return ancestor
    return None


def _read_tables(tables: list[Any], source: Source) -> list[Table]:
    if len(tables) > MAX_TABLES:
        source.notices.append(f"网页中表格过多，只读取了前{MAX_TABLES}个")
    return [
        _table(element, number, source) for number, element in enumerate(tables[:MAX_TABLES], 1)
    ]


def _table(element: Any, number: int, source: Source) -> Table:
    table = Table(f"表格{number}")
    taken: set[tuple[int, int]] = set()
    rows = [row for row in element.iter("tr") if _enclosing_table(row) is element]
    for row_number, row in enumerate(rows[:MAX_ROWS]):
        column = 0
        for cell in row.iterchildren("td", "th"):
            while (row_number, column) in taken:
                column += 1
            if column >= MAX_COLUMNS:
                break
            height = _span(cell, "rowspan", MAX_ROWS - row_number)
            width = _span(cell, "colspan", MAX_COLUMNS - column)
            text = _cell_text(cell, number, source)
            table.cells.append(Cell(row_number, column, text, height, width))
            taken.update((row_number + r, column + c) for r in range(height) for c in range(width))
            column += width
    if len(rows) > MAX_ROWS:
        source.notices.append(f"表格{number}超过{MAX_ROWS}行，其余未读取")
    return table


def _span(cell: Any, name: str, room: int) -> int:
    digits = re.match(r"\s*(\d+)", cell.get(name) or "")
    value = int(digits.group(1)) if digits else 1
    return max(1, min(value, room, 60))


def _cell_text(cell: Any, table: int, source: Source) -> str:
    inner = [nested for nested in cell.iter("table")]
    if inner:
        kept = "".join(_flow_text(cell, skip_tables=True)).strip()
        reason = "单元格中嵌有表格，内嵌表格未读取"
        source.not_understood.append(
            NotUnderstood(f"表格{table}", kept[:30] or "（空单元格）", reason)
        )
        return kept
    return "\n".join(
        line.strip() for line in "".join(_flow_text(cell)).splitlines() if line.strip()
    )


def _flow_text(element: Any, skip_tables: bool = False) -> list[str]:
    """The text of ``element`` with a line break at each block, ``<br>`` and table row."""
    from lxml import etree

    out: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and node is not element and skip_tables:
            skipping += 1 if event == "start" else -1
            if event == "end" and skipping == 0 and node.tail:
                out.append(_SPACES.sub(" ", node.tail))
            continue
        if skipping:
            continue
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                out.append("\n")
            if node.text and tag:
                out.append(_SPACES.sub(" ", node.text))
        else:
            if tag in _BLOCKS or tag in ("td", "th"):
                out.append("\n" if tag in _BLOCKS else " ")
            if node.tail and node is not element:
                out.append(_SPACES.sub(" ", node.tail))
    return out


def _paragraphs(root: Any) -> list[str]:
    """The page's text outside tables, one entry per block."""
    body = root.find("body")
    if body is None:
        body = root
    return "".join(_flow_text(body, skip_tables=True)).split("\n")
