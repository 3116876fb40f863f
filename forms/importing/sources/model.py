"""What a reader brings back from a report file: its tables as one grid, and its text.

A :class:`Source` is what every reader (Word, web page, PDF) produces: the tables laid into
one :class:`~forms.importing.workbook.Grid` for the matcher, the text as paragraphs in
reading order (for the title, the preface's contact line, the narrative parts and the
signatories), and what could not be read, for the mapping report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.importing.report import NotUnderstood
from forms.importing.workbook import Grid


@dataclass
class Source:
    """The tables and text of one report file."""

    name: str
    kind: str
    grids: list[Grid] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)

    def add_paragraph(self, text: str) -> None:
        """A paragraph of text; a line break inside it starts another, empty ones are dropped."""
        for line in text.splitlines():
            line = line.strip()
            if line:
                self.paragraphs.append(line)

    def grids_from(self, stacked: tuple[Grid, list[str]]) -> None:
        """Keep the grid of :func:`~forms.importing.sources.tables.stack` if it holds anything."""
        grid, places = stacked
        if grid.cells:
            self.grids.append(grid)
            self.notices.append(f"读取了{len(places)}个表格（{'；'.join(places)}）")
        if grid.truncated:
            self.notices.append("表格很大，超出部分未读取")
