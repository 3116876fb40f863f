"""The report's blocks (:mod:`forms.outline`) as one HTML page, in the structure portals publish.

``<h1>`` the unit and title, ``<section>`` per part with its ``<h2>``, tables with
``<caption>``, ``<thead>`` (``th scope="col"`` with ``colspan``/``rowspan`` for the groups) and
``<tbody>`` rows headed by ``th scope="row"``; the 落款 and signatories at the end. Every text
goes through :func:`html.escape`; the page has no script, no external resource and no link
to follow, only its own style sheet (screen and print).
"""

from __future__ import annotations

from html import escape

from forms.html.style import STYLE
from forms.outline import (
    Block,
    Face,
    Kind,
    Outline,
    PageBreak,
    Paragraph,
    SealRoom,
    SignatoryLine,
)
from forms.table_grid import Grid

GENERATOR = "nianbao"


def _e(text: str) -> str:
    return escape(text, quote=True)


class PageWriter:
    """Writes one outline as an HTML page, block by block."""

    def __init__(self, report: Outline, draft_notice: str = "") -> None:
        self.report = report
        self.draft_notice = draft_notice
        self.out: list[str] = []
        self.new_page = False
        self.in_section = False
        self.sections = 0

    def page(self) -> str:
        document, form = self.report.document, self.report.form
        title = f"{document.unit.strip()}{form.title(document.year)}"
        self.out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="{GENERATOR}">',
            f"<title>{_e(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            "<article>",
        ]
        if self.draft_notice:
            self.out.append(f'<p class="draft" role="note">{_e(self.draft_notice)}</p>')
        blocks = self.report.blocks
        self._title(blocks[0], blocks[1])
        for block in blocks[2:]:
            self._block(block)
        self._close_section()
        self.out += ["</article>", "</main>", "</body>", "</html>", ""]
        return "\n".join(self.out)

    def _title(self, unit: Block, title: Block) -> None:
        assert isinstance(unit, Paragraph) and isinstance(title, Paragraph)
        spans = [f'<span class="unit">{_e(unit.text)}</span>'] if unit.text else []
        spans.append(f'<span class="title">{_e(title.text)}</span>')
        self.out.append(f"<h1>{''.join(spans)}</h1>")

    def _classes(self, *names: str) -> str:
        """A class attribute; the first block after a page break starts a new printed page."""
        chosen = [name for name in names if name]
        if self.new_page:
            chosen.append("new-page")
            self.new_page = False
        return f' class="{" ".join(chosen)}"' if chosen else ""

    def _open_section(self, heading: str, tag: str = "h2", extra: str = "") -> None:
        self._close_section()
        self.sections += 1
        label = f"s{self.sections}"
        self.out.append(f'<section aria-labelledby="{label}"{self._classes(extra)}>')
        self.out.append(f'<{tag} id="{label}">{heading}</{tag}>')
        self.in_section = True

    def _close_section(self) -> None:
        if self.in_section:
            self.out.append("</section>")
            self.in_section = False

    def _block(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            self._close_section()
            self.new_page = True
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Grid):
            self.out.append(grid_html(block, self._classes("table-wrap")))
        elif isinstance(block, SignatoryLine):
            spans = "".join(f"<span>{_e(entry)}</span>" for entry in block.entries)
            self.out.append(f"<p{self._classes('signatories')}>{spans}</p>")
        elif isinstance(block, SealRoom):
            self.out.append(f'<div class="seal-room seal-{block.lines}"></div>')

    def _paragraph(self, block: Paragraph) -> None:
        text = _e(block.text)
        kind = block.kind
        if kind is Kind.HEADING:
            self._open_section(text)
        elif kind is Kind.ANNEX:
            self._close_section()
            self.out.append(f"<section{self._classes('annex')}>")
            self.in_section = True
            self.out.append(f'<p class="annex-mark">{text}</p>')
        elif kind in (Kind.TITLE, Kind.CAPTION):
            if not self.in_section:
                self._open_section(text, extra="annex")
            else:
                self.out.append(f"<h2>{text}</h2>")
        elif kind is Kind.SUBTITLE:
            self.out.append(f'<p class="subtitle">{text}</p>')
        elif kind is Kind.CLOSING:
            self._close_section()  # the 落款 closes the report, not its last part
            style = f' style="padding-right:{block.right_indent:.2f}em"'
            self.out.append(f'<p class="closing"{style}>{text}</p>')
        elif kind is Kind.SIGNATURE:
            self.out.append(f"<p{self._classes('signature')}>{text}</p>")
        elif block.is_heading:
            face = "kai" if block.face is Face.KAI else "hei"
            self.out.append(f'<h3 class="{face}">{text}</h3>')
        elif block.run_in and block.face is not None:
            tag = "strong" if block.face is Face.HEI else "span"
            head = f'<{tag} class="run-in {block.face.value}">{_e(block.head)}</{tag}>'
            self.out.append(f"<p>{head}{_e(block.rest)}</p>")
        else:
            self.out.append(f"<p>{text}</p>")


def _min_width(grid: Grid) -> str:
    """A table of many figures keeps two characters a figure column and scrolls sideways
    in its region on a phone, rather than stacking its heads one character a line."""
    count = grid.columns - grid.lead_columns
    return f' style="min-width:{8 + 3 * count}em"' if count > 1 else ""


def _columns(grid: Grid) -> str:
    """Equal value columns (their share of the width), the label column takes the rest."""
    count = grid.columns - grid.lead_columns
    share = 18.0 if count == 1 else min(22.0, 62.0 / count)
    lead = '<col class="label">' + ('<col class="unit">' if grid.lead_columns == 2 else "")
    value = f'<col class="value" style="width:{share:.2f}%">'
    span = f'<col class="value" span="{count}" style="width:{share:.2f}%">'
    return f"<colgroup>{lead}{value if count == 1 else span}</colgroup>"


def grid_html(grid: Grid, classes: str = "") -> str:
    """One table: caption, head rows with their spans, body rows headed by their label.

    A wide table sits in a focusable, labelled region that scrolls sideways on a phone."""
    name = grid.caption or next((cell.text for cell in grid.head if cell.text), "统计表")
    parts = [
        f'<div{classes} role="region" aria-label="{_e(name)}" tabindex="0">',
        f'<table class="cols-{grid.columns}"{_min_width(grid)}>',
    ]
    if grid.caption:
        parts.append(f"<caption>{_e(grid.caption)}</caption>")
    parts.append(_columns(grid))
    parts.append("<thead>")
    for level in range(grid.head_rows):
        cells = []
        for cell in grid.head:
            if cell.row != level:
                continue
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            cells.append(f'<th scope="col"{spans}>{_e(cell.text)}</th>')
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts += ["</thead>", "<tbody>"]
    for row in grid.rows:
        kind = "group" if row.is_heading else "value"
        label = f'<th scope="row" class="l{row.level}">{_e(row.label)}</th>'
        unit = f'<td class="unit">{_e(row.unit)}</td>' if row.unit is not None else ""
        values = "".join(f"<td>{_e(value)}</td>" for value in row.values)
        parts.append(f'<tr class="{kind}">{label}{unit}{values}</tr>')
    parts += ["</tbody>", "</table>", "</div>"]
    return "\n".join(parts)
