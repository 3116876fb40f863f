"""A :class:`forms.table_grid.Grid` as a real Word table, written as WordprocessingML directly.

Ruled, fixed layout across the type area: value columns as narrow as their heads and figures
allow (as the PDF's :mod:`forms.pdf.tables` sets them), the label column takes the rest.
Group headers are merged cells (``gridSpan`` across, ``vMerge`` down), the head rows repeat on
every page (``tblHeader``), no row splits across pages (``cantSplit``), and the first and
last rows are kept with their neighbours so that no row stands alone. Heading rows are 黑体,
labels indent by level, units and figures are centred. The table is written as one XML text
(every text escaped) and parsed once: a 300-cell table cell by cell through python-docx
would cost more than the whole file's budget.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm

from forms.docx.page import FANGSONG, HEI, TABLE_SIZE, TYPE_WIDTH
from forms.outline import text_width
from forms.table_grid import BodyRow, Grid, HeadCell

PADDING = 2  # pt each side of a cell
VPADDING = 1.5  # pt above and below a cell's text
KEEP_ROWS = 2  # rows kept together at a table's start and end
SINGLE_VALUE, MAX_SINGLE_VALUE, UNIT, MATRIX_UNIT, MAX_VALUE = (
    Mm(28).pt,
    Mm(45).pt,
    Mm(16).pt,
    Mm(12).pt,
    Mm(24).pt,
)
TWIPS = 20
STYLE_ID = "TableText"  # the id of the 表格文字 paragraph style (forms.docx.page)


def column_widths(grid: Grid, width: float = TYPE_WIDTH.pt) -> list[float]:
    """Widths in points: value columns as narrow as they may be, the label column the rest."""
    count = grid.columns - grid.lead_columns
    head = {(c.column, c.row): c for c in grid.head}
    labels = [
        head[(column, grid.head_rows - 1)]
        for column in range(grid.columns)
        if ((column, grid.head_rows - 1) in head)
    ]
    if count == 1:
        wanted = (
            max((text_width(c.text) for c in labels if c.column >= grid.lead_columns), default=2)
            * TABLE_SIZE
        )
        value = min(max(SINGLE_VALUE, wanted + 8), MAX_SINGLE_VALUE)
        unit = UNIT
    else:
        figures = [text_width(v) for row in grid.rows for v in row.values]
        narrowest = max(2.0, *figures) * TABLE_SIZE + 2 * PADDING
        value = max(narrowest, min(MAX_VALUE, width * 0.6 / count))
        unit = MATRIX_UNIT
    lead = [unit] if grid.lead_columns == 2 else []
    label = width - sum(lead) - value * count
    if label < 4 * TABLE_SIZE:  # too many columns: every value column narrower
        label = 4 * TABLE_SIZE + 2 * PADDING
        value = (width - sum(lead) - label) / count
    return [label, *lead, *([value] * count)]


def table_element(grid: Grid) -> BaseOxmlElement:
    """The ``w:tbl`` of one grid (its caption is a first, merged head row)."""
    widths = column_widths(grid)
    rows: list[list[str]] = []
    if grid.caption:
        rows.append([_cell(grid.caption, sum(widths), HEI, center=True, span=grid.columns)])
    rows += _head_rows(grid, widths)
    head_count = len(rows)
    rows += [_body_row(row, widths) for row in grid.rows]
    parts = [f"<w:tbl {nsdecls('w')}>", _table_properties(), "<w:tblGrid>"]
    parts += [f'<w:gridCol w:w="{_twips(width)}"/>' for width in widths]
    parts.append("</w:tblGrid>")
    for index, cells in enumerate(rows):
        header = "<w:tblHeader/>" if index < head_count else ""
        keep = index < head_count + KEEP_ROWS - 1 or index >= len(rows) - KEEP_ROWS
        text = "".join(cells)
        if keep and index < len(rows) - 1:  # keepNext right after pStyle, as the schema orders
            text = text.replace(f'<w:pStyle w:val="{STYLE_ID}"/>', KEEP)
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{text}</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


KEEP = f'<w:pStyle w:val="{STYLE_ID}"/><w:keepNext/>'


def _twips(points: float) -> int:
    return round(points * TWIPS)


def _table_properties() -> str:
    line = 'w:val="single" w:sz="6" w:space="0" w:color="000000"'  # 0.75 pt
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = "".join(f"<w:{side} {line}/>" for side in sides)
    margins = "".join(
        f'<w:{side} w:w="{_twips(width)}" w:type="dxa"/>'
        for side, width in (
            ("top", VPADDING),
            ("left", PADDING),
            ("bottom", VPADDING),
            ("right", PADDING),
        )
    )
    return (
        f'<w:tblPr><w:tblW w:w="{_twips(TYPE_WIDTH.pt)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>"
    )


def _head_rows(grid: Grid, widths: list[float]) -> list[list[str]]:
    """Each head row's cells: a merged cell once with its span across, and a continuing
    ``vMerge`` cell in each row below it that it covers."""
    rows: list[list[str]] = []
    for level in range(grid.head_rows):
        cells: list[str] = []
        column = 0
        while column < grid.columns:
            owner = _covering(grid, level, column)
            span = owner.colspan if owner else 1
            width = sum(widths[column : column + span])
            if owner is None:
                cells.append(_cell("", width, HEI, center=True))
            elif owner.row == level:
                merge = "restart" if owner.rowspan > 1 else None
                cells.append(_cell(owner.text, width, HEI, center=True, span=span, merge=merge))
            else:
                cells.append(_cell("", width, HEI, center=True, span=span, merge="continue"))
            column += span
        rows.append(cells)
    return rows


def _covering(grid: Grid, level: int, column: int) -> HeadCell | None:
    for cell in grid.head:
        rows = range(cell.row, cell.row + cell.rowspan)
        if level in rows and cell.column <= column < cell.column + cell.colspan:
            return cell
    return None


def _body_row(row: BodyRow, widths: list[float]) -> list[str]:
    face = HEI if row.is_heading else FANGSONG
    cells = [_cell(row.label, widths[0], face, indent=row.level)]
    rest = ([row.unit] if row.unit is not None else []) + list(row.values)
    cells += [
        _cell(text, width, FANGSONG, center=True)
        for text, width in zip(rest, widths[1:], strict=True)
    ]
    return cells


def _cell(
    text: str,
    width: float,
    face: str,
    *,
    center: bool = False,
    indent: int = 0,
    span: int = 1,
    merge: str | None = None,
) -> str:
    properties = f'<w:tcW w:w="{_twips(width)}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge:
        properties += "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    paragraph = f'<w:pStyle w:val="{STYLE_ID}"/>'
    if center:
        paragraph += '<w:jc w:val="center"/>'
    elif indent:
        paragraph += f'<w:ind w:left="{_twips(indent * TABLE_SIZE)}"/>'
    run = ""
    if text:
        fonts = ""
        if face != FANGSONG:
            names = f'w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}"'
            fonts = f"<w:rPr><w:rFonts {names}/></w:rPr>"
        run = f'<w:r>{fonts}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr>{paragraph}</w:pPr>{run}</w:p></w:tc>"
