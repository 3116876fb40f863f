"""The seal block: 填报单位（盖章）, the signatory line and room for a 45 mm seal."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from forms.pdf.fonts import Role
from forms.pdf.layout import Layout
from forms.validation.cells import chinese_date, parse_date

SEAL_LABEL = "填报单位（盖章）："


class SealBlocks(Layout):
    """Where the report is signed and sealed."""

    def _seal_block(self, signatories: bool) -> list[Flowable]:
        """One line of air, 填报单位（盖章）, the signatories, and room for a 45 mm seal."""
        lines: list[Flowable] = [Spacer(1, self.leading), self._text(SEAL_LABEL, "signature")]
        if signatories:
            lines += self._signatory_lines()
        used = self.leading * (len(lines))
        if used < self.SEAL_DIAMETER:
            lines.append(Spacer(1, self.SEAL_DIAMETER - used))
        return lines

    def _signatory_lines(self) -> list[Flowable]:
        """Names on one line, phone and date on the next, in columns (as the form has them)."""
        names: list[str] = []
        others: list[str] = []
        for field in self.form.signatories:
            value = self.document.signatories.get(field.id, "").strip()
            if field.kind == "date":
                parsed = parse_date(value)
                value = chinese_date(parsed) if parsed else value
            (names if field.kind == "name" else others).append(f"{field.label}：{value}")
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
