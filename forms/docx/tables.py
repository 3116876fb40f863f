"""A :class:`forms.outline.Grid` as a real Word table, written as WordprocessingML directly.

Ruled, fixed layout across the type area: value columns as narrow as their heads and figures
allow (as the PDF's :mod:`forms.pdf.tables` sets them), the label column takes the rest.
Group headers are merged cells (``gridSpan`` across, ``vMerge`` down), the head rows repeat on
every page (``tblHeader``), no row splits across pages (``cantSplit``), and the first and
last rows are kept with their neighbours so that no row stands alone. Heading rows are 黑体,
labels indent by level, units and figures are centred. Building the XML by hand keeps a
300-cell table far under python-docx's cell-by-cell speed.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm

from forms.docx.page import FANGSONG, HEI, TABLE_SIZE, TYPE_WIDTH, set_faces
from forms.outline import BodyRow, Grid, HeadCell, text_width

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
    table = OxmlElement("w:tbl")
    table.append(_table_properties())
    columns = OxmlElement("w:tblGrid")
    for width in widths:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(round(width * TWIPS)))
        columns.append(column)
    table.append(columns)
    rows: list[BaseOxmlElement] = []
    if grid.caption:
        caption = HeadCell(grid.caption, 0, 0, colspan=grid.columns)
        rows.append(_row([_cell([caption.text], sum(widths), HEI, center=True, span=grid.columns)]))
    rows += _head_rows(grid, widths)
    head_count = len(rows)
    rows += [_body_row(grid, row, widths) for row in grid.rows]
    for index, row in enumerate(rows):
        _row_properties(row, header=index < head_count)
        keep = index < head_count + KEEP_ROWS - 1 or index >= len(rows) - KEEP_ROWS
        if keep and index < len(rows) - 1:
            _keep_with_next(row)
        table.append(row)
    return table


def _table_properties() -> BaseOxmlElement:
    properties = OxmlElement("w:tblPr")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(TYPE_WIDTH.pt * TWIPS)))
    width.set(qn("w:type"), "dxa")
    properties.append(width)
    centred = OxmlElement("w:jc")
    centred.set(qn("w:val"), "center")
    properties.append(centred)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "6")  # eighths of a point: 0.75 pt
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (
        ("top", VPADDING),
        ("left", PADDING),
        ("bottom", VPADDING),
        ("right", PADDING),
    ):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(width * TWIPS)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    return properties


def _head_rows(grid: Grid, widths: list[float]) -> list[BaseOxmlElement]:
    """One ``w:tr`` per head row: a merged cell once with its span across, and a continuing
    ``vMerge`` cell in each row below it that it covers."""
    rows: list[BaseOxmlElement] = []
    for level in range(grid.head_rows):
        cells: list[BaseOxmlElement] = []
        column = 0
        while column < grid.columns:
            owner = _covering(grid, level, column)
            span = owner.colspan if owner else 1
            width = sum(widths[column : column + span])
            if owner is None:
                cells.append(_cell([""], width, HEI, center=True))
            elif owner.row == level:
                merge = "restart" if owner.rowspan > 1 else None
                cells.append(_cell([owner.text], width, HEI, center=True, span=span, merge=merge))
            else:
                cells.append(_cell([], width, HEI, center=True, span=span, merge="continue"))
            column += span
        rows.append(_row(cells))
    return rows


def _covering(grid: Grid, level: int, column: int) -> HeadCell | None:
    for cell in grid.head:
        rows = range(cell.row, cell.row + cell.rowspan)
        if level in rows and cell.column <= column < cell.column + cell.colspan:
            return cell
    return None


def _body_row(grid: Grid, row: BodyRow, widths: list[float]) -> BaseOxmlElement:
    face = HEI if row.is_heading else FANGSONG
    cells = [_cell([row.label], widths[0], face, indent=row.level)]
    rest = ([row.unit] if row.unit is not None else []) + list(row.values)
    cells += [
        _cell([text], width, FANGSONG, center=True)
        for text, width in zip(rest, widths[1:], strict=True)
    ]
    return _row(cells)


def _row(cells: list[BaseOxmlElement]) -> BaseOxmlElement:
    row = OxmlElement("w:tr")
    row.append(OxmlElement("w:trPr"))
    for cell in cells:
        row.append(cell)
    return row


def _row_properties(row: BaseOxmlElement, header: bool) -> None:
    properties = row.find(qn("w:trPr"))
    assert properties is not None
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _keep_with_next(row: BaseOxmlElement) -> None:
    for properties in row.iter(qn("w:pPr")):
        properties.insert(1, OxmlElement("w:keepNext"))  # right after pStyle


def _cell(
    texts: list[str],
    width: float,
    face: str,
    *,
    center: bool = False,
    indent: int = 0,
    span: int = 1,
    merge: str | None = None,
) -> BaseOxmlElement:
    cell = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    cell_width = OxmlElement("w:tcW")
    cell_width.set(qn("w:w"), str(round(width * TWIPS)))
    cell_width.set(qn("w:type"), "dxa")
    properties.append(cell_width)
    if span > 1:
        grid_span = OxmlElement("w:gridSpan")
        grid_span.set(qn("w:val"), str(span))
        properties.append(grid_span)
    if merge:
        vertical = OxmlElement("w:vMerge")
        if merge == "restart":
            vertical.set(qn("w:val"), "restart")
        properties.append(vertical)
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "center")
    properties.append(align)
    cell.append(properties)
    for text in texts or [""]:
        cell.append(_paragraph(text, face, center, indent, STYLE_ID))
    return cell


def _paragraph(text: str, face: str, center: bool, indent: int, style_id: str) -> BaseOxmlElement:
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    properties.append(style)
    if center:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        properties.append(jc)
    elif indent:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(round(indent * TABLE_SIZE * TWIPS)))
        properties.append(ind)
    paragraph.append(properties)
    if text:
        run = OxmlElement("w:r")
        if face != FANGSONG:
            run_properties = OxmlElement("w:rPr")
            set_faces(run_properties, face)
            run.append(run_properties)
        content = OxmlElement("w:t")
        content.set(qn("xml:space"), "preserve")
        content.text = text
        run.append(content)
        paragraph.append(run)
    return paragraph
