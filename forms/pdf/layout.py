"""The geometry, faces and paragraph styles every part of the printed report shares.

:class:`Layout` is the base of the renderer's parts (:mod:`forms.pdf.furniture`,
:mod:`forms.pdf.placement`, :mod:`forms.pdf.seal`): sizes are class constants in mm and
points (GB/T 9704-2012), the styles a hook (:meth:`Layout._get_stylesheet`) a subclass may
override, and :meth:`Layout._text` turns user or form text into an escaped paragraph with
per-character font fallback.
"""

from __future__ import annotations

from typing import Any, ClassVar

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from forms.definition import FormDefinition
from forms.document import Document
from forms.pdf.flowables import CJKParagraph, EmboldenedParagraph
from forms.pdf.fonts import FontChain, Role
from forms.print_options import SIGNATURES, Signatures
from forms.validation import Report, Status, Validation
from forms.version import APP_VERSION

PORTRAIT, LANDSCAPE = "portrait", "landscape"


class Layout:
    """One document's print: its sizes, faces and styles, shared by the renderer's parts."""

    PAGE_WIDTH, PAGE_HEIGHT = A4
    TOP_MARGIN = 37 * mm
    BINDING_MARGIN = 28 * mm
    LINES_PER_PAGE = 22
    CHARS_PER_LINE = 28
    TITLE_SIZE = 22  # 二号
    BODY_SIZE = 16  # 三号
    # 28 characters of 三号 are 158.04 mm, a hair over GB/T 9704's 156 mm: the type area is
    # set to exactly 28 characters from the 28 mm binding margin (the outer margin gives 2 mm).
    TYPE_WIDTH = CHARS_PER_LINE * BODY_SIZE
    TYPE_HEIGHT = 225 * mm
    BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TYPE_HEIGHT  # 35 mm
    OUTER_MARGIN = PAGE_WIDTH - BINDING_MARGIN - TYPE_WIDTH  # 23.96 mm
    PAGE_NUMBER_SIZE = 14  # 四号
    TABLE_SIZES = (12.0, 10.5, 10.0, 9.0)  # 小四, 五号, …: the first at which all tables fit
    FOOTER_SIZE = 8
    PAGE_NUMBER_GAP = 7 * mm
    SEAL_DIAMETER = 45 * mm
    WATERMARK_SIZE = 110
    STYLE_ROLES: ClassVar[dict[str, Role]] = {
        "body": Role.FANGSONG,
        "heading": Role.HEI,
        "annex": Role.HEI,
        "title": Role.TITLE,
        "subtitle": Role.FANGSONG,
        "signature": Role.FANGSONG,
        "chart_title": Role.HEI,
    }

    def __init__(
        self,
        document: Document,
        *,
        form: FormDefinition | None = None,
        fonts: FontChain | None = None,
        app_version: str | None = None,
        signatures: Signatures = "report",
    ) -> None:
        if signatures not in SIGNATURES:
            raise ValueError(f"签署栏位置只能是 {'、'.join(SIGNATURES)}：{signatures}")
        self.signatures: Signatures = signatures
        self.document = document
        self.form = form or document.form
        self.fonts = fonts or FontChain()
        self.version = app_version or APP_VERSION
        self.report: Report = Validation(document, self.form).report()
        self.is_draft = self.report.status is Status.DRAFT
        self._on_last_page = False
        self.page_count = 0
        self.styles = self._get_stylesheet()

    # -- geometry ---------------------------------------------------------------------------

    @property
    def leading(self) -> float:
        """22 lines to the type area's height."""
        return float(self.TYPE_HEIGHT / self.LINES_PER_PAGE)

    @property
    def text_width(self) -> float:
        """The type area's width: 28 characters of 三号."""
        return float(self.TYPE_WIDTH)

    def _left_margin(self, page: int) -> float:
        return float(self.BINDING_MARGIN if page % 2 else self.OUTER_MARGIN)

    # -- hooks: fonts and styles ------------------------------------------------------------

    def _font(self, role: Role) -> str:
        return self.fonts.primary(role)

    def _get_stylesheet(self) -> dict[str, ParagraphStyle]:
        body = ParagraphStyle(
            "body",
            fontName=self._font(Role.FANGSONG),
            fontSize=self.BODY_SIZE,
            leading=self.leading,
            firstLineIndent=2 * self.BODY_SIZE,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
        )
        title = ParagraphStyle(
            "title",
            parent=body,
            fontName=self._font(Role.TITLE),
            fontSize=self.TITLE_SIZE,
            leading=self.leading,  # on the body's 22-line grid, as 公文 templates set it
            firstLineIndent=0,
            alignment=TA_CENTER,
        )
        return {
            "body": body,
            "heading": ParagraphStyle("heading", parent=body, fontName=self._font(Role.HEI)),
            "annex": ParagraphStyle(
                "annex", parent=body, fontName=self._font(Role.HEI), firstLineIndent=0
            ),
            "title": title,
            "subtitle": ParagraphStyle(
                "subtitle", parent=body, firstLineIndent=0, alignment=TA_CENTER
            ),
            "signature": ParagraphStyle(
                "signature", parent=body, firstLineIndent=0, alignment=TA_LEFT
            ),
            "chart_title": ParagraphStyle(
                "chart_title",
                parent=body,
                fontName=self._font(Role.HEI),
                firstLineIndent=0,
                alignment=TA_CENTER,
            ),
        }

    def _text(self, text: str, style: str, role: Role | None = None) -> CJKParagraph:
        """A paragraph of user or form text: escaped, with per-character font fallback."""
        sheet = self.styles[style]
        role = role or self.STYLE_ROLES[style]
        kind = CJKParagraph
        if role is Role.TITLE and not self.fonts.is_bold(Role.TITLE):
            kind = EmboldenedParagraph
        return kind(self.fonts.markup(text, role), sheet)

    def _draw_string(
        self, canvas: Any, x: float, y: float, text: str, role: Role, size: float, align: str
    ) -> None:
        """Draw text run by run, each in the font that has its characters."""
        runs = self.fonts.runs(text, role)
        width = sum(stringWidth(run, font, size) for font, run in runs)
        x -= {"left": 0.0, "center": width / 2, "right": width}[align]
        for font, run in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, size)

    def _page_break(self, template: str = PORTRAIT) -> list[Flowable]:
        return [NextPageTemplate(template), PageBreak()]
