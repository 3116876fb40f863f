"""The report's blocks (:mod:`forms.outline`) written into a Word document, one by one.

Titles in the Title style, part headings in Heading 1 (黑体) and short （一） lines in Heading 2
(楷体), so Word's navigation pane shows the parts; a run-in head (一、…。 or （一）…：) keeps its
face inside a body paragraph. Annexes start on a new page; the 落款 is flush right at its
indent and kept with the text above it, so the seal never lands on a page without text.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as WordParagraph

from forms.docx.page import BODY_SIZE, HEI, KAI, LINE_PITCH, TYPE_WIDTH, set_faces
from forms.docx.tables import STYLE_ID as TABLE_STYLE
from forms.docx.tables import table_element
from forms.outline import (
    Block,
    Face,
    Kind,
    PageBreak,
    Paragraph,
    SealRoom,
    SignatoryLine,
    text_width,
)
from forms.table_grid import Grid

# style ids (forms.docx.page names them: Title, Heading 1, 附件标记 …)
STYLES = {
    Kind.TITLE: "Title",
    Kind.SUBTITLE: "Subtitle",
    Kind.ANNEX: "AnnexMark",
    Kind.HEADING: "Heading1",
    Kind.BODY: "Normal",
    Kind.SIGNATURE: "Signature",
    Kind.CLOSING: "Closing",
    Kind.CAPTION: "TableCaption",
}
FACES = {Face.HEI: HEI, Face.KAI: KAI}
HEAD_STYLES = {Face.HEI: "Heading1", Face.KAI: "Heading2"}
GAP = Pt(6)  # the line between two tables, or after a table


class BlockWriter:
    """Appends blocks to one Word document."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.body = word.element.body
        self.page_break = False
        self.last: WordParagraph | None = None
        self.last_kind: Kind | None = None
        self.last_table: BaseOxmlElement | None = None  # the table just written, if any

    def write(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, PageBreak):
                self.page_break = True
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Grid):
                self._grid(block)
            elif isinstance(block, SignatoryLine):
                self._signatories(block)
            elif isinstance(block, SealRoom):
                self._seal_room(block)

    def _add(self, kind: Kind, style: str) -> WordParagraph:
        titles = (Kind.TITLE, Kind.SUBTITLE, Kind.CAPTION)
        under_title = self.last_kind in titles and kind not in titles
        if self.last is not None and (under_title or self.last_kind is Kind.ANNEX):
            # a blank line under a title, and between 附件N and its title (GB/T 9704)
            self.last.paragraph_format.space_after = Twips(LINE_PITCH)
        if kind is Kind.SIGNATURE:
            self._keep_above()
        paragraph = self._new_paragraph(style)
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        self.last, self.last_kind, self.last_table = paragraph, kind, None
        return paragraph

    def _keep_above(self) -> None:
        """Keep what was written last with what comes now: a seal label, the seal's room or the
        signatories never open a page with no text above them (GB/T 9704)."""
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True
        if self.last_table is not None:
            # its last row kept with the next, as Word and WPS read it. LibreOffice keeps a
            # table with the next paragraph only as a whole (it then moves the table's start
            # to the next page, leaving the annex title alone): not done.
            rows = self.last_table.findall(qn("w:tr"))
            for properties in rows[-1].iter(qn("w:pPr")):
                if properties.find(qn("w:keepNext")) is None:
                    properties.insert(1, OxmlElement("w:keepNext"))  # right after pStyle

    def _new_paragraph(self, style_id: str) -> WordParagraph:
        """A paragraph at the end of the body in the style of that id (python-docx's lookup
        of a style by name reads every style of the template, paragraph after paragraph)."""
        element = self.body.add_p()
        element.style = style_id
        return WordParagraph(element, self.word._body)

    def _paragraph(self, block: Paragraph) -> None:
        style = STYLES[block.kind]
        if block.is_heading and block.face is not None:
            style = HEAD_STYLES[block.face]
        paragraph = self._add(block.kind, style)
        if block.kind in (Kind.ANNEX, Kind.TITLE, Kind.SUBTITLE, Kind.CAPTION):
            paragraph.paragraph_format.keep_with_next = True
        if block.kind is Kind.CLOSING:
            paragraph.paragraph_format.right_indent = Pt(block.right_indent * BODY_SIZE)
            paragraph.paragraph_format.keep_with_next = True
        if block.run_in and block.face is not None and not block.is_heading:
            head = paragraph.add_run(block.head)
            set_faces(head._r.get_or_add_rPr(), FACES[block.face], "Times New Roman")
            if block.rest:
                paragraph.add_run(block.rest)
        elif block.text:
            paragraph.add_run(block.text)

    def _grid(self, grid: Grid) -> None:
        table = table_element(grid)
        if self.page_break:  # a table opening a page: a paragraph carries the break
            self._gap(page_break=True)
        self.body.find(qn("w:sectPr")).addprevious(table)
        self._gap()
        self.last_table = table

    def _gap(self, page_break: bool = False) -> None:
        """A thin empty paragraph: tables side by side stay apart (Word would join them)."""
        paragraph = self._new_paragraph(TABLE_STYLE)  # off the grid: 6 pt, not a whole line
        fmt = paragraph.paragraph_format
        fmt.line_spacing = GAP
        if page_break:
            fmt.page_break_before = True
            self.page_break = False
        self.last, self.last_kind, self.last_table = paragraph, None, None

    def _signatories(self, line: SignatoryLine) -> None:
        """The entries on one line at tab stops, each as wide as its text, spare room shared."""
        paragraph = self._add(Kind.SIGNATURE, STYLES[Kind.SIGNATURE])
        natural = [text_width(entry) * BODY_SIZE for entry in line.entries]
        spare = max(TYPE_WIDTH.pt - sum(natural), 0.0) / len(natural)
        position = 0.0
        for width in natural[:-1]:
            position += width + spare
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(position), WD_TAB_ALIGNMENT.LEFT)
        paragraph.add_run("\t".join(line.entries))

    def _seal_room(self, room: SealRoom) -> None:
        """Empty lines, kept with the text above them and below."""
        self._keep_above()
        for _ in range(room.lines):
            self._add(Kind.SIGNATURE, STYLES[Kind.SIGNATURE]).paragraph_format.keep_with_next = True
