"""The Word file's page and type after GB/T 9704-2012, as the printed PDF has them.

A4, binding margin 28 mm on the inside of mirrored pages, top 37 mm, bottom 35 mm, the type
area 28 characters of 三号 wide (as :class:`forms.pdf.layout.Layout` sets it); a document grid
of 22 lines × 28 characters; body 仿宋_GB2312 三号 on exact 28.95 pt lines; headings 黑体 and
楷体, titles 方正小标宋简体 二号; page numbers "— N —" in 宋体 四号, odd pages right and even
pages left, one character in. Faces are named for East Asian and Latin text alike, and the
font table names the Windows face Word should take where the 公文 face is not installed.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

FANGSONG = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
TITLE = "方正小标宋简体"
SONG = "宋体"
# Word takes the alternative name where a face is missing (newer Windows has 仿宋, 楷体).
ALTERNATIVES = {FANGSONG: "仿宋", KAI: "楷体", TITLE: "宋体"}

BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
PAGE_NUMBER_SIZE = 14  # 四号
TABLE_SIZE = 10.5  # 五号
LINES, CHARS = 22, 28
LINE_PITCH = 579  # twips: 22 lines of 28.95 pt fit the 225 mm type area (580 would not)
TYPE_WIDTH = Pt(CHARS * BODY_SIZE)  # 158.04 mm: exactly 28 characters of 三号
TOP, BOTTOM, BINDING = Mm(37), Mm(35), Mm(28)
OUTER = Emu(Mm(210) - BINDING - TYPE_WIDTH)
FOOTER_DISTANCE = Mm(35 - 7 - 5)  # the number's top 7 mm below the type area


def set_faces(element: BaseOxmlElement, face: str, latin: str | None = None) -> None:
    """Name ``face`` for East Asian text and ``latin`` (default the same) for the rest, in
    the run or style properties ``element`` (a ``w:rPr``), without theme fonts."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    latin = latin or face
    for attribute, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", face)):
        fonts.set(qn(f"w:{attribute}"), value)
    fonts.set(qn("w:cs"), latin)


def _reset(style: ParagraphStyle) -> None:
    """Drop what the template gave a built-in style (theme colours, borders, spacing)."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def _paragraph_style(
    word: WordDocument,
    name: str,
    face: str,
    size: float,
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    outline: int | None = None,
    style_id: str = "",
) -> ParagraphStyle:
    styles = word.styles
    style = styles[name] if not style_id else styles.add_style(name, 1)
    assert isinstance(style, ParagraphStyle)
    if style_id:  # an ASCII id, which tables and readers name it by
        style.element.styleId = style_id
    _reset(style)
    style.base_style = None  # each style whole: no indent inherited from Normal
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    set_faces(style.element.get_or_add_rPr(), face, None if face == TITLE else "Times New Roman")
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH)
    fmt.widow_control = True
    fmt.first_line_indent = Pt(2 * BODY_SIZE if indent else 0)
    properties = style.element.get_or_add_pPr()
    spacing = properties.find(qn("w:spacing"))
    assert spacing is not None
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no space added between 汉字 and digits
        element = OxmlElement(tag)
        element.set(qn("w:val"), "0")
        spacing.addprevious(element)
    # two characters by character units, so a changed size keeps two characters
    properties.find(qn("w:ind")).set(qn("w:firstLineChars"), "200" if indent else "0")
    if outline is not None:
        fmt.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        properties.append(level)  # after spacing, ind and jc, as the schema orders them
    return style


def set_up_styles(word: WordDocument) -> None:
    """Normal (仿宋 三号, two characters in), Title, Subtitle, Heading 1/2, 附件, 落款, 表格."""
    _set_defaults(word)
    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    _paragraph_style(word, "Normal", FANGSONG, BODY_SIZE, indent=True)
    _paragraph_style(word, "Title", TITLE, TITLE_SIZE, align=center, outline=None)
    _paragraph_style(word, "Subtitle", FANGSONG, BODY_SIZE, align=center)
    _paragraph_style(word, "Heading 1", HEI, BODY_SIZE, indent=True, outline=0)
    _paragraph_style(word, "Heading 2", KAI, BODY_SIZE, indent=True, outline=1)
    _paragraph_style(word, "附件标记", HEI, BODY_SIZE, align=left, style_id="AnnexMark")
    _paragraph_style(word, "表题", HEI, BODY_SIZE, align=center, style_id="TableCaption")
    _paragraph_style(word, "签署", FANGSONG, BODY_SIZE, align=left, style_id="Signature")
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph_style(word, "落款", FANGSONG, BODY_SIZE, align=right, style_id="Closing")
    table = _paragraph_style(
        word, "表格文字", FANGSONG, TABLE_SIZE, align=left, style_id="TableText"
    )
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _no_grid(table.element.get_or_add_pPr())
    for name in ("Footer", "Header"):
        footer = _paragraph_style(word, name, SONG, PAGE_NUMBER_SIZE, align=left)
        footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _no_grid(footer.element.get_or_add_pPr())


def _set_defaults(word: WordDocument) -> None:
    """Document defaults: 仿宋 三号, Chinese as the East Asian language, no space after
    paragraphs and no automatic space between Chinese and digits (the text as typed)."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run_defaults is not None
    set_faces(run_defaults, FANGSONG, "Times New Roman")
    _set_size(run_defaults, BODY_SIZE)
    language = run_defaults.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")
    paragraph_defaults = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    assert paragraph_defaults is not None
    for child in list(paragraph_defaults):
        paragraph_defaults.remove(child)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "0")
        paragraph_defaults.append(element)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    paragraph_defaults.append(spacing)


def _set_size(run_properties: BaseOxmlElement, size: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        element = run_properties.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            run_properties.append(element)
        element.set(qn("w:val"), str(round(size * 2)))


def _no_grid(properties: BaseOxmlElement) -> None:
    """Table and footer lines keep their own height, not the 22-line grid's."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    spacing = properties.find(qn("w:spacing"))
    assert spacing is not None
    spacing.addprevious(snap)  # the schema puts snapToGrid just before spacing


def set_up_page(word: WordDocument) -> None:
    """A4 with mirrored margins, the 22 × 28 document grid, odd and even page numbers."""
    section = word.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = BINDING, OUTER  # inside, outside: mirrored
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    _mirror_margins(word)
    word.settings.odd_and_even_pages_header_footer = True
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), "0")  # 28 characters of 16 pt fill the type area exactly
    footer = word.styles["Footer"]
    _page_number(section.footer.paragraphs[0], footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], footer, WD_ALIGN_PARAGRAPH.LEFT)
    _alternative_faces(word)


# settings that come before mirrorMargins in the schema's order (Word refuses others)
_BEFORE_MIRROR = {
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
}  # fmt: skip


def _mirror_margins(word: WordDocument) -> None:
    """Left and right margins as inside and outside, for printing on both sides."""
    settings = word.settings.element
    mirror = OxmlElement("w:mirrorMargins")
    later = (child for child in settings if child.tag.split("}")[-1] not in _BEFORE_MIRROR)
    following = next(later, None)
    if following is None:
        settings.append(mirror)
    else:
        following.addprevious(mirror)


def _page_number(paragraph: Paragraph, style: ParagraphStyle, align: WD_ALIGN_PARAGRAPH) -> None:
    """— N — with a PAGE field, one character in from the outer edge."""
    paragraph.style = style
    paragraph.alignment = align
    one_character = Pt(PAGE_NUMBER_SIZE)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = one_character
    else:
        paragraph.paragraph_format.left_indent = one_character
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separate, a shown 1, end) that Word and
    LibreOffice both update."""
    paragraph.add_run()._r.append(_field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_char("end"))


def _field_char(kind: str) -> BaseOxmlElement:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _alternative_faces(word: WordDocument) -> None:
    """Font table entries: the Windows face Word takes where a 公文 face is missing."""
    fonts_part = next(
        (rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if fonts_part is None:
        return
    from lxml import etree

    root = etree.fromstring(fonts_part.blob)
    for name in (FANGSONG, HEI, KAI, TITLE, SONG):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if name in ALTERNATIVES:
            alt = etree.SubElement(font, qn("w:altName"))
            alt.set(qn("w:val"), ALTERNATIVES[name])
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if name in (FANGSONG, KAI) else "auto")
    fonts_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
