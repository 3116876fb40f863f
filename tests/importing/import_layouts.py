"""Foreign Annex 1 tables as offices lay them out, written as real .xlsx files for the tests.

A :class:`Layout` says where the table starts, which columns it has, how each label is
written and which rows are merged; :func:`write_layout` writes it with openpyxl, the way a
colleague's WPS/Excel file would look after saving. :func:`layouts` is the hypothesis
strategy that draws such layouts at random.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st
from openpyxl import Workbook

from forms.definition import Row, ValueKind
from forms.definition_files import load_form

FORM = load_form("gov-info-2018")
TABLE = FORM.tables[0]
ROWS = list(TABLE.rows)

# Ways people retype a printed label; each keeps the label recognisable.
LABEL_STYLES = ("printed", "bare", "numbered", "halfwidth", "spaced", "no_note")


def styled_label(row: Row, style: str) -> str:
    if style == "bare":
        return row.label
    if style == "numbered":
        return f"{row.number}{row.label}"
    if style == "halfwidth":
        return (
            row.printed_label.replace("（", "(")
            .replace("）", ")")
            .replace("．", ".")
            .replace("：", ":")
        )
    if style == "spaced":
        return f"  {row.number} {row.label} {row.note}  "
    if style == "no_note":
        return f"{row.number}{row.label}"
    return row.printed_label


# How a figure is typed into its cell: the value written and the entry it must come back as.
@dataclass(frozen=True)
class Figure:
    written: object
    expected: int | Decimal | None


def figures(kind: ValueKind) -> st.SearchStrategy[Figure]:
    if kind is ValueKind.DECIMAL:
        amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
        return st.one_of(
            st.just(Figure(None, None)),
            amounts.map(lambda d: Figure(float(d), d.normalize())),
            amounts.map(lambda d: Figure(str(d), d.normalize())),
        )
    counts = st.integers(min_value=0, max_value=10**7)
    return st.one_of(
        st.just(Figure(None, None)),
        counts.map(lambda n: Figure(n, n)),
        counts.map(lambda n: Figure(str(n), n)),
        counts.map(lambda n: Figure(f"{n:,}", n)),
        counts.map(lambda n: Figure(str(n).translate(_FULL_WIDTH), n)),
        counts.map(lambda n: Figure(f" {n} ", n)),
    )


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Layout:
    """One foreign table: offsets, optional columns, per-row label style, figure, merges."""

    top: int
    left: int
    title: bool
    header: bool
    unit_column: bool
    number_column: bool
    gap_column: bool
    notes_column: bool
    last_year_column: bool
    merged_labels: bool
    rows: list[tuple[Row, str, Figure, int]] = field(default_factory=list)

    def expected_values(self) -> dict[str, int | Decimal | None]:
        values: dict[str, int | Decimal | None] = dict.fromkeys(FORM.index.cell_order)
        values.update({row.id: fig.expected for row, _, fig, _ in self.rows if not row.is_heading})
        return values

    def omitted(self) -> set[str]:
        present = {row.id for row, _, _, _ in self.rows}
        return {row.id for row in TABLE.value_rows() if row.id not in present}


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    header = draw(st.booleans())
    layout = Layout(
        top=draw(st.integers(1, 6)),
        left=draw(st.integers(1, 4)),
        title=draw(st.booleans()),
        header=header,
        unit_column=draw(st.booleans()),
        number_column=draw(st.booleans()),
        gap_column=draw(st.booleans()),
        notes_column=header and draw(st.booleans()),
        last_year_column=header and draw(st.booleans()),
        merged_labels=draw(st.booleans()),
    )
    for row in ROWS:
        # Section rows (level 0) stay: they tell 行政复议 from 行政诉讼 for the shared labels.
        if row.level > 0 and draw(st.integers(0, 9)) == 0:
            continue
        style = draw(st.sampled_from(LABEL_STYLES))
        figure = Figure(None, None) if row.is_heading else draw(figures(row.kind))
        blank_rows_before = draw(st.integers(0, 1)) if draw(st.integers(0, 7)) == 0 else 0
        layout.rows.append((row, style, figure, blank_rows_before))
    return layout


def write_layout(layout: Layout, path: Path) -> Path:
    """Write the layout as an .xlsx; the statistical table is on the second sheet."""
    workbook = Workbook()
    workbook.active.title = "说明"
    workbook.active["A1"] = "本表由某某县政务公开办整理，仅供参考"
    sheet = workbook.create_sheet("附件1 统计表")
    columns = _columns(layout)
    line = layout.top
    if layout.title:
        sheet.cell(line, layout.left, "政府信息公开情况统计表")
        sheet.cell(line + 1, layout.left, "（2018年度）")
        line += 2
    if layout.header:
        for name, label in _HEADERS.items():
            if name in columns:
                sheet.cell(line, columns[name], label)
        line += 1
    for row, style, figure, blank_rows_before in layout.rows:
        line += blank_rows_before
        _write_row(sheet, layout, columns, line, row, style, figure)
        line += 1
    workbook.save(path)
    return path


_HEADERS = {
    "label": "统计指标",
    "unit": "单位",
    "value": "统计数",
    "last": "上年数",
    "notes": "备注",
}


def _columns(layout: Layout) -> dict[str, int]:
    names = ["number"] if layout.number_column else []
    names += ["label"] + (["label_merge"] if layout.merged_labels else [])
    names += ["gap"] if layout.gap_column else []
    names += ["unit"] if layout.unit_column else []
    names += ["value"]
    names += ["last"] if layout.last_year_column else []
    names += ["notes"] if layout.notes_column else []
    return {name: layout.left + offset for offset, name in enumerate(names)}


def _write_row(sheet, layout: Layout, columns: dict[str, int], line: int, row: Row, style: str,
               figure: Figure) -> None:  # fmt: skip
    label = styled_label(row, style)
    if layout.number_column and row.number and style in ("bare", "no_note"):
        sheet.cell(line, columns["number"], row.number)
    sheet.cell(line, columns["label"], label)
    if layout.merged_labels:
        last = columns["value"] if row.is_heading else columns["label_merge"]
        sheet.merge_cells(
            start_row=line, start_column=columns["label"], end_row=line, end_column=last
        )
    if row.is_heading:
        return
    if layout.unit_column:
        sheet.cell(line, columns["unit"], row.unit)
    sheet.cell(line, columns["value"], figure.written)
    if layout.last_year_column:
        sheet.cell(line, columns["last"], 7)
    if layout.notes_column:
        sheet.cell(line, columns["notes"], "含上年结转")
