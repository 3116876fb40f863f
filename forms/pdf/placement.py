"""The form's statistical tables in the story: inside their parts or as annexes, each in
portrait at the form's table size, or on a turned page when it cannot fit."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from forms.definition import Table as FormTable
from forms.pdf.flowables import KeepWithSeal
from forms.pdf.layout import LANDSCAPE, PORTRAIT
from forms.pdf.seal import SealBlocks
from forms.pdf.tables import GridBuilder


class TablePlacement(SealBlocks):
    """Places each table of the form definition."""

    def _is_wide(self, table: FormTable) -> bool:
        return len(table.columns) > self.MAX_PORTRAIT_COLUMNS

    def _table_size(self, table: FormTable) -> float:
        if len(table.columns) == 1:
            return self.TABLE_SIZE
        return self.WIDE_TABLE_SIZE if len(table.columns) <= 10 else self.WIDEST_TABLE_SIZE

    def _grid(self, table: FormTable, with_title: bool) -> Table:
        width = self.TYPE_HEIGHT if self._is_wide(table) else self.text_width
        builder = GridBuilder(self.fonts, self.document, self._table_size(table))
        return builder.build(table, width, with_title)

    def _annex_tables(self) -> list[FormTable]:
        return [table for table in self.form.tables if not table.part]

    def _part_tables(self, part_id: str) -> list[FormTable]:
        return [table for table in self.form.tables if table.part == part_id]

    def _annex_table_story(self, table: FormTable) -> list[Flowable]:
        """附件N, the title and year, the table, and 填报单位（盖章） under it."""
        head = self._annex_head(table.annex, table.title, table.subtitle)
        seal = self._seal_block(signatories=False)
        return [*head, KeepWithSeal(self._grid(table, with_title=False), seal)]

    def _part_table_story(self, table: FormTable, after_heading: bool) -> list[Flowable]:
        """A table inside a narrative part, its title as the first row; wide ones landscape."""
        grid = self._grid(table, with_title=True)
        grid.spaceBefore = grid.spaceAfter = self.leading / 4
        if not self._is_wide(table):
            return [grid]
        turn = [] if after_heading else self._page_break(LANDSCAPE)
        return [*turn, grid, *self._page_break(PORTRAIT)]

    def _page_break_for(self, table: FormTable) -> list[Flowable]:
        return self._page_break(LANDSCAPE if self._is_wide(table) else PORTRAIT)

    def _annex_head(self, annex: str, title: str, subtitle: str = "") -> list[Flowable]:
        """附件N on the first line at the left, the title centred on the third."""
        head: list[Flowable] = []
        if annex:
            head += [self._text(annex, "annex"), Spacer(1, self.leading - 10)]
        head.append(self._text(title, "title"))
        if subtitle:
            head.append(self._text(subtitle.format(year=self.document.year), "subtitle"))
        return head
