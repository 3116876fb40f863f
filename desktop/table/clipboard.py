"""Blocks of cells to and from Excel, WPS and web pages: tab-separated text (and HTML).

Copying gives the selected block as rows of tab-separated text, with an HTML table beside it
for programs that prefer one. Pasting reads tab-separated text at the current cell. A row
copied from a published web table brings its label cells with it: when a row does not fit,
its leading cells that are not numbers are skipped. What does not fit (beyond the table, on a
heading row, unreadable text) is refused and listed, and the rest is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from desktop.table.model import FIRST_VALUE_COLUMN, TableModel
from forms.definition import ValueKind
from forms.values import Entry, Refusal, parse_value

Block = list[list[str]]
MAX_REASONS = 4  # the status bar line lists this many reasons, then counts the rest


def block_text(block: Block) -> str:
    """Tab-separated rows, as Excel and WPS read them."""
    return "\n".join("\t".join(row) for row in block)


def block_html(block: Block) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(text)}</td>" for text in row) + "</tr>" for row in block
    )
    return f"<table>{rows}</table>"


def mime_data(block: Block) -> QMimeData:
    data = QMimeData()
    data.setText(block_text(block))
    data.setHtml(block_html(block))
    return data


def parse_block(text: str) -> Block:
    """Rows of cells from tab-separated text (one trailing line break is not a row)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def copied_block(model: TableModel, indexes: Iterable[QModelIndex], hidden: set[int]) -> Block:
    """The bounding block of ``indexes`` as text: figures plain, labels without indent."""
    chosen = {(i.row(), i.column()) for i in indexes if i.column() not in hidden}
    if not chosen:
        return []
    rows = range(min(r for r, _ in chosen), max(r for r, _ in chosen) + 1)
    columns = [c for c in range(min(c for _, c in chosen), max(c for _, c in chosen) + 1)]
    columns = [c for c in columns if c not in hidden]
    return [
        [_copied_text(model, row, column) if (row, column) in chosen else "" for column in columns]
        for row in rows
    ]


def _copied_text(model: TableModel, row: int, column: int) -> str:
    index = model.index(row, column)
    if column < FIRST_VALUE_COLUMN:
        role = Qt.ItemDataRole.ToolTipRole if column == 0 else Qt.ItemDataRole.DisplayRole
        return str(index.data(role) or "")
    return str(index.data(Qt.ItemDataRole.EditRole) or "")


@dataclass
class PastePlan:
    """What a paste writes (cell -> entry) and what it refuses, with the reasons."""

    writes: dict[str, Entry] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    on_headings: dict[str, list[str]] = field(default_factory=dict)  # row label -> texts
    outside: int = 0

    @property
    def refused_count(self) -> int:
        return len(self.refused) + sum(map(len, self.on_headings.values())) + self.outside

    def message(self) -> str:
        """One line for the status bar: what was written, and the first reasons of refusal."""
        done = f"已粘贴{len(self.writes)}格"
        if not self.refused_count:
            return done + "。"
        reasons = [
            f"“{label}”是标题行，不填数（" + "、".join(f"“{t}”" for t in texts) + "）"
            for label, texts in self.on_headings.items()
        ] + self.refused
        if self.outside:
            reasons.append(f"{self.outside}个数超出表格范围")
        shown = "；".join(reasons[:MAX_REASONS])
        more = f"；另有{len(reasons) - MAX_REASONS}处" if len(reasons) > MAX_REASONS else ""
        return f"{done}；未粘贴{self.refused_count}格：{shown}{more}。"


def _is_figure(text: str) -> bool:
    return bool(text.strip()) and not isinstance(parse_value(text, ValueKind.DECIMAL), Refusal)


def fitted_row(cells: list[str], room: int) -> list[str]:
    """A row trimmed to ``room`` cells where it can be without losing figures: leading
    label cells (not numbers) and trailing blanks go first."""
    cells = list(cells)
    while len(cells) > room and cells and not _is_figure(cells[0]):
        cells.pop(0)
    while len(cells) > room and cells and not cells[-1].strip():
        cells.pop()
    return cells


def plan_paste(model: TableModel, row: int, column: int, block: Block) -> PastePlan:
    """Where each pasted cell goes from (``row``, ``column``), and what cannot go there."""
    plan = PastePlan()
    column = max(column, FIRST_VALUE_COLUMN)
    room = model.columnCount() - column
    for r, cells in enumerate(block, start=row):
        for c, text in enumerate(fitted_row(cells, room), start=column):
            _plan_cell(model, r, c, text, plan)
    return plan


def _plan_cell(model: TableModel, row: int, column: int, text: str, plan: PastePlan) -> None:
    blank = not text.strip()
    if not (0 <= row < model.rowCount() and column < model.columnCount()):
        plan.outside += 0 if blank else 1
        return
    cell = model.cell_key_at(row, column)
    if cell is None:
        if not blank:
            label = model.table.rows[row].printed_label
            plan.on_headings.setdefault(label, []).append(text.strip())
        return
    parsed = parse_value(text, model.kind(cell))
    if isinstance(parsed, Refusal):
        plan.refused.append(f"{model.label(cell)}：“{text}”{parsed.reason}")
        return
    plan.writes[cell] = parsed


def plan_fill(model: TableModel, indexes: Iterable[QModelIndex], text: str) -> PastePlan:
    """One pasted value into each of the selected cells (headings and labels left alone)."""
    plan = PastePlan()
    for index in indexes:
        if model.cell_at(index) is not None:
            _plan_cell(model, index.row(), index.column(), text, plan)
    return plan
