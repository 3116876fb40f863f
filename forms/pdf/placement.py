"""The form's statistical tables in the story: inside their parts or as annexes, each in
portrait at the form's table size, or on a turned page when it cannot fit."""

from __future__ import annotations

from functools import cached_property

from reportlab.platypus import Flowable, Spacer, Table

from forms.definition import Table as FormTable
from forms.pdf.flowables import GridSnap, KeepWithSeal
from forms.pdf.layout import LANDSCAPE, PORTRAIT
from forms.pdf.seal import SealBlocks
from forms.pdf.tables import GridBuilder


class TablePlacement(SealBlocks):
    """Places each table of the form definition."""

    def _is_wide(self, table: FormTable) -> bool:
        """A table that cannot fit the portrait type area even at the smallest size (9 pt)."""
        return not self._builder(self.TABLE_SIZES[-1]).fits(table, self.text_width)

    @cached_property
    def table_size(self) -> float:
        """One size for every table of the form: the largest at which each of them that
        can stand in portrait fits the type area."""
        upright = [table for table in self.form.tables if not self._is_wide(table)]
        for size in self.TABLE_SIZES:
            builder = self._builder(size)
            if all(builder.fits(table, self.text_width) for table in upright):
                return size
        return self.TABLE_SIZES[-1]

    def _builder(self, size: float) -> GridBuilder:
        return GridBuilder(self.fonts, self.document, size)

    def _grid(self, table: FormTable, with_title: bool) -> Table:
        if not self._is_wide(table):
            return self._builder(self.table_size).build(table, self.text_width, with_title)
        width = float(self.TYPE_HEIGHT)
        sizes = [size for size in self.TABLE_SIZES if size <= self.table_size]
        fitting = (size for size in sizes if self._builder(size).fits(table, width))
        return self._builder(next(fitting, sizes[-1])).build(table, width, with_title)

    def _annex_tables(self) -> list[FormTable]:
        return [table for table in self.form.tables if not table.part]

    def _part_tables(self, part_id: str) -> list[FormTable]:
        return [table for table in self.form.tables if table.part == part_id]

    def _annex_table_story(self, table: FormTable) -> list[Flowable]:
        """附件N, the title and year, the table, and 填报单位（盖章） under it."""
        head = self._annex_head(table.annex, table.title, table.subtitle)
        seal = self._seal_block(signatories=False)
        return [*head, KeepWithSeal(self._grid(table, with_title=False), seal)]

    def _part_table_story(
        self, table: FormTable, *, titled: bool, after_heading: bool, first: bool, last: bool
    ) -> list[Flowable]:
        """A table inside a narrative part, its title as the first row unless the part's
        heading says the same; a part's tables stand together as one, the text after them
        back on the grid. Wide ones go on a turned page."""
        grid = self._grid(table, with_title=titled)
        if self._is_wide(table):
            turn = [] if after_heading else self._page_break(LANDSCAPE)
            return [*turn, grid, *self._page_break(PORTRAIT)]
        grid.spaceBefore = self.leading / 4 if first else 0
        if last:
            grid.spaceAfter = self.leading / 4
            return [grid, GridSnap(self.leading)]
        return [grid]

    def _page_break_for(self, table: FormTable) -> list[Flowable]:
        return self._page_break(LANDSCAPE if self._is_wide(table) else PORTRAIT)

    def _annex_head(self, annex: str, title: str, subtitle: str = "") -> list[Flowable]:
        """附件N on the first line at the left, the title centred on the third."""
        head: list[Flowable] = []
        if annex:
            head += [self._text(annex, "annex"), Spacer(1, self.leading)]
        head.append(self._text(title, "title"))
        if subtitle:
            head.append(self._text(subtitle.format(year=self.document.year), "subtitle"))
        return head
