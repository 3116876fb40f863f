"""Where the report is signed and sealed: the seal block, the 落款, the signatory line, the 报送单.

- The seal block (2018: under 附件1 and 附件2): the form's seal label (填报单位（盖章）：), the
  signatory line, and room for a 45 mm seal.
- The 落款 (2021, ``form.closing``): under the last part, the issuing unit's name centred
  above the 成文日期 (YYYY年M月D日), the date four characters in from the right (GB/T 9704);
  the seal presses on both, its top within one line of the text above; then the signatory
  line, clear of the seal.
- The signatory line (单位负责人 审核人 填报人 / 联系电话 填报日期) goes on the report
  (``signatures="report"``) or on a separate submission sheet (``"sheet"``, 报送单).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from forms.definition import SignatoryField
from forms.pdf.flowables import CJKParagraph
from forms.pdf.fonts import Role
from forms.pdf.layout import Layout
from forms.signatory_text import date_text, field_value

SHEET_TITLE = "政府信息公开工作年度报告报送单"
DATE_INDENT = 4  # characters from the right edge to the 成文日期


class SealBlocks(Layout):
    """The seal block, the 落款, the signatory line and the submission sheet."""

    # -- 2018: seal label, signatories, seal room -------------------------------------------

    def _seal_block(self, signatories: bool) -> list[Flowable]:
        """One line of air, the seal label, the signatories (unless they go on a sheet), and
        room for a 45 mm seal."""
        lines: list[Flowable] = [Spacer(1, self.leading)]
        if self.form.seal_label:
            lines.append(self._text(self.form.seal_label, "signature"))
        if signatories and self.signatures == "report":
            lines += self._signatory_lines()
        used = self.leading * len(lines)
        if used < self.SEAL_DIAMETER:
            lines.append(Spacer(1, self.SEAL_DIAMETER - used))
        return lines

    # -- 2021: the 落款 ---------------------------------------------------------------------

    def _closing_block(self) -> list[Flowable]:
        """A line and a half of air (the seal's top then sits within one line of the text),
        the unit centred over the date, then the signatory line below the seal's reach (or
        the room the seal needs there)."""
        closing = self.form.closing
        assert closing is not None
        unit = self.document.unit.strip()
        date = date_text(self.document.signatories.get(closing.date_field, ""))
        unit_width, date_width = self._width(unit), self._width(date)
        centre = DATE_INDENT * self.BODY_SIZE + date_width / 2  # from the right edge
        unit_right = max(0.0, centre - unit_width / 2)
        centre = unit_right + unit_width / 2  # a long name moves the date with it
        date_right = max(0.0, centre - date_width / 2)
        below = self.SEAL_DIAMETER / 2 - self.leading  # the seal's reach under the date line
        block: list[Flowable] = [
            Spacer(1, 1.5 * self.leading),  # the seal's top half a line under the text
            self._flush_right(unit, unit_right),
            self._flush_right(date, date_right),
        ]
        signatories = self._signatory_lines() if self.signatures == "report" else []
        if signatories:
            return [*block, Spacer(1, below + self.leading / 2), *signatories]
        return [*block, Spacer(1, below)]

    def _flush_right(self, text: str, indent: float) -> CJKParagraph:
        style = ParagraphStyle(
            f"closing-{indent:.1f}",
            parent=self.styles["signature"],
            alignment=TA_RIGHT,
            rightIndent=indent,
        )
        return CJKParagraph(self.fonts.markup(text, Role.FANGSONG), style)

    def _width(self, text: str) -> float:
        runs = self.fonts.runs(text, Role.FANGSONG)
        return float(sum(stringWidth(run, font, self.BODY_SIZE) for font, run in runs))

    # -- the signatory line -----------------------------------------------------------------

    def _line_fields(self) -> list[SignatoryField]:
        return [field for field in self.form.signatories if field.signatory_line]

    def _signatory_lines(self) -> list[Flowable]:
        """Names on one line, phone and date on the next, in columns (as the form has them)."""
        names: list[str] = []
        others: list[str] = []
        for field in self._line_fields():
            entry = f"{field.label}：{field_value(self.document, field)}"
            (names if field.kind == "name" else others).append(entry)
        return [self._signatory_row(line) for line in (names, others) if line]

    def _signatory_row(self, entries: list[str]) -> Table:
        cells = [self._text(entry, "signature") for entry in entries]
        row = Table([cells], colWidths=self._signatory_widths(entries))
        row.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self._font(Role.FANGSONG), self.BODY_SIZE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return row

    def _signatory_widths(self, entries: list[str]) -> list[float]:
        """Each entry as wide as its text (full-width characters), the spare room shared out.

        Equal columns crowd 单位负责人：李有凌 against the next entry; this keeps equal gaps.
        """
        natural = [len(entry) * self.BODY_SIZE for entry in entries]
        spare = max(self.text_width - sum(natural), 0.0)
        if spare == 0.0:
            return [self.text_width / len(entries)] * len(entries)
        return [width + spare / len(entries) for width in natural]

    # -- the submission sheet (报送单) --------------------------------------------------------

    def _submission_sheet(self) -> list[Flowable]:
        """报送单: the unit, the year, each field of the signatory line, and a cell for the
        seal (45 mm and more), as a ruled form on a page of its own."""
        rows = [
            ("填报单位", self.document.unit.strip()),
            ("报告年度", f"{self.document.year}年度" if self.document.year else ""),
            *((field.label, field_value(self.document, field)) for field in self._line_fields()),
        ]
        value = ParagraphStyle(
            "sheet-value", parent=self.styles["signature"], leading=self.BODY_SIZE * 1.3
        )  # one tight line: VALIGN centres what is printed, not a 22-line grid's line
        label = ParagraphStyle("sheet-label", parent=value, alignment=TA_CENTER)
        cells: list[list[Flowable | str]] = [
            [
                CJKParagraph(self.fonts.markup(a, Role.HEI), label),
                CJKParagraph(self.fonts.markup(b, Role.FANGSONG), value),
            ]
            for a, b in rows
        ]
        stamp = ParagraphStyle("sheet-stamp", parent=value, alignment=TA_RIGHT)
        cells.append(
            [
                CJKParagraph(self.fonts.markup("单位盖章", Role.HEI), label),
                CJKParagraph(self.fonts.markup("（盖章）", Role.FANGSONG), stamp),
            ]
        )
        heights = [self.leading * 1.5] * len(rows) + [self.SEAL_DIAMETER + 15 * mm]
        sheet = Table(cells, colWidths=[40 * mm, self.text_width - 40 * mm], rowHeights=heights)
        sheet.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self._font(Role.FANGSONG), self.BODY_SIZE),
                    ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("VALIGN", (1, -1), (1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (1, -1), (1, -1), 10),
                ]
            )
        )
        return [self._text(SHEET_TITLE, "title"), Spacer(1, self.leading), sheet]
