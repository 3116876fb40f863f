"""Page furniture: the page templates (portrait and turned), page numbers, the draft mark.

Pages alternate: the binding side is left on odd pages and right on even ones. A table too
wide for the portrait type area is set on a landscape page: the sheet stays portrait, the
content turns, and the page number stays where it is on every other page.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate

from forms.pdf.fonts import Role
from forms.pdf.layout import LANDSCAPE, PORTRAIT, Layout
from forms.review import approval_holds, approval_line

APP_NAME = "政府信息公开年报填报"


class PageFurniture(Layout):
    """The frames and what is drawn around them on every page."""

    def _get_page_templates(self) -> list[PageTemplate]:
        portrait = Frame(
            self.BINDING_MARGIN,
            self.BOTTOM_MARGIN - 1,
            self.text_width,
            self.TYPE_HEIGHT + 2,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area",
        )
        landscape = Frame(
            self.BOTTOM_MARGIN,
            self.OUTER_MARGIN,
            self.TYPE_HEIGHT,
            self.TYPE_WIDTH,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="type-area-landscape",
        )
        return [
            PageTemplate(PORTRAIT, [portrait], onPage=self._on_page, onPageEnd=self._on_page_end),
            PageTemplate(
                LANDSCAPE,
                [landscape],
                onPage=self._on_landscape_page,
                onPageEnd=self._on_page_end,
            ),
        ]

    def _on_page(self, canvas: Any, doc: Any) -> None:
        """Decorate the sheet, then shift the frame to this page's binding side."""
        self._decorate(canvas, doc.page)
        canvas.saveState()
        canvas.translate(self._left_margin(doc.page) - self.BINDING_MARGIN, 0)

    def _on_landscape_page(self, canvas: Any, doc: Any) -> None:
        """Decorate the sheet, then turn the content a quarter to the left (GB/T 9704 §10.2).

        The table's head faces the left edge of the sheet: the binding edge (订口) on odd
        pages, the outer edge (切口) on even ones.
        """
        self._decorate(canvas, doc.page)
        canvas.saveState()
        canvas.translate(self._left_margin(doc.page) - self.BINDING_MARGIN, 0)
        canvas.translate(self.PAGE_WIDTH, 0)
        canvas.rotate(90)

    def _on_page_end(self, canvas: Any, doc: Any) -> None:
        canvas.restoreState()
        self.page_count = doc.page
        if self._on_last_page and self.is_draft:
            self._draw_footer(canvas, doc.page)
        if self._on_last_page and approval_holds(self.document):
            self._draw_approval(canvas, doc.page)

    def _decorate(self, canvas: Any, page: int) -> None:
        if self.is_draft:
            self._draw_watermark(canvas)
        self._draw_page_number(canvas, page)

    def _draw_page_number(self, canvas: Any, page: int) -> None:
        """— N — in 四号 Song, 7 mm below the type area, one character in from its edge."""
        size = self.PAGE_NUMBER_SIZE
        y = self.BOTTOM_MARGIN - self.PAGE_NUMBER_GAP - size * 0.8
        left = self._left_margin(page)
        if page % 2:
            x, align = left + self.TYPE_WIDTH - size, "right"
        else:
            x, align = left + size, "left"
        self._draw_string(canvas, x, y, f"— {page} —", Role.SONG, size, align)

    def _draw_watermark(self, canvas: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.22))
        canvas.translate(self.PAGE_WIDTH / 2, self.PAGE_HEIGHT / 2)
        canvas.rotate(45)
        self._draw_string(
            canvas, 0, -self.WATERMARK_SIZE / 3, "草稿", Role.HEI, self.WATERMARK_SIZE, "center"
        )
        canvas.restoreState()

    def metadata(self) -> dict[str, str]:
        """The PDF's document information: who, what, the fingerprint and the app version
        (always; on the printed page only in a draft, see :meth:`_draw_footer`)."""
        fingerprint = self.document.fingerprint()
        approved = approval_line(self.document)
        return {
            "title": self.form.title(self.document.year),
            "author": self.document.unit,
            "subject": f"{self.form.name}（文档指纹 {fingerprint}；{approved}）",
            "keywords": (
                f"文档指纹:{fingerprint} 版本:{self.version} 表式:{self.form.id} {approved}"
            ),
            "creator": f"{APP_NAME} {self.version}",
        }

    def _draw_footer(self, canvas: Any, page: int) -> None:
        """A draft's fingerprint and app version, small, at the foot of its last page (a
        final print carries them in its metadata only)."""
        text = f"文档指纹 {self.document.fingerprint()} · {APP_NAME} {self.version}"
        x = self._left_margin(page) + self.TYPE_WIDTH / 2
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        self._draw_string(canvas, x, 12 * mm, text, Role.SONG, self.FOOTER_SIZE, "center")
        canvas.restoreState()

    def _draw_approval(self, canvas: Any, page: int) -> None:
        """审核通过：审核人，日期 — small, at the foot of the last page, for the sealed copy."""
        x = self._left_margin(page) + self.TYPE_WIDTH / 2
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        text = approval_line(self.document)
        self._draw_string(canvas, x, 12 * mm, text, Role.SONG, self.FOOTER_SIZE, "center")
        canvas.restoreState()

    def _mark_last_page(self, _canvas: Any) -> None:
        self._on_last_page = True
