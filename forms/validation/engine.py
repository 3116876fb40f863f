"""Live validation: every check run once, then only the checks a changed cell touches.

:class:`Validation` keeps the current finding of every check. After one value changes,
:meth:`Validation.cells_changed` re-runs that cell's own check and the rule checks that read
it. :class:`Report` sums the findings up: errors, warnings, blanks, and the status
(草稿 or 可定稿), with warnings counting as settled once the filer has explained them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from forms.definition import FormDefinition
from forms.derive import totals, waits_for_parts
from forms.document import Document
from forms.validation.cells import check_cell, check_header, check_signatories
from forms.validation.completeness import check_completeness
from forms.validation.copying import check_copying
from forms.validation.rules import Check, Finding, blank_total_checks, checks_for
from forms.validation.text import check_text, quoted_cells

BLANK_CODE = "E001"
BLANK_TOTAL_CODE = "E002"  # replaces the E001 of a computed total whose parts add up


class Status(StrEnum):
    DRAFT = "草稿"
    READY = "可定稿"


@dataclass(frozen=True)
class Report:
    """All findings of a document at one moment, and what they add up to."""

    findings: tuple[Finding, ...]
    explained: frozenset[str]

    @property
    def errors(self) -> list[Finding]:
        """Errors other than blank cells (those are counted as blanks)."""
        return [f for f in self.findings if f.is_error and f.code != BLANK_CODE]

    @property
    def blanks(self) -> list[Finding]:
        return [f for f in self.findings if f.code == BLANK_CODE]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def unexplained(self) -> list[Finding]:
        return [f for f in self.warnings if f.key not in self.explained]

    @property
    def status(self) -> Status:
        settled = not any(f.is_error for f in self.findings) and not self.unexplained
        return Status.READY if settled else Status.DRAFT

    def for_cell(self, cell: str) -> list[Finding]:
        return [f for f in self.findings if cell in f.cells]

    def summary(self) -> str:
        """One line for a status bar: 草稿 · 错误 2 · 警告 1（未说明 1） · 未填 3."""
        return (
            f"{self.status.value} · 错误 {len(self.errors)} · 警告 {len(self.warnings)}"
            f"（未说明 {len(self.unexplained)}） · 未填 {len(self.blanks)}"
        )


class Validation:
    """The findings of one document, kept current cell by cell."""

    def __init__(self, document: Document, form: FormDefinition | None = None) -> None:
        self.document = document
        self.form = form = form or document.form
        self._index = form.index
        self._checks = [*checks_for(form), *blank_total_checks(form)]
        self._totals = totals(form)
        self._by_cell: dict[str, list[Check]] = defaultdict(list)
        for check in self._checks:
            for cell in check.cells:
                self._by_cell[cell].append(check)
        self._cell_findings: dict[str, Finding | None] = {}
        self._rule_findings: dict[str, Finding | None] = {}
        self._field_findings: list[Finding] = []
        self._text_findings: list[Finding] = []
        self._copy_findings: list[Finding] = []
        self._quoted = quoted_cells(form)
        self.recheck_all()

    def recheck_all(self) -> None:
        """Run every check again (after loading, or when last year's figures change)."""
        self._cell_findings = {cell: self._run_cell(cell) for cell in self._index.cell_order}
        self._rule_findings = {check.key: check.evaluate(self.document) for check in self._checks}
        self.recheck_fields()

    def cells_changed(self, cells: Iterable[str]) -> None:
        """Re-run only what reads these cells (and the text checks if the text quotes one)."""
        quoted = False
        for cell in cells:
            self._cell_findings[cell] = self._run_cell(cell)
            for check in self._by_cell.get(cell, ()):
                self._rule_findings[check.key] = check.evaluate(self.document)
            quoted = quoted or cell in self._quoted
        if quoted:
            self._text_findings = check_text(self.form, self.document)
        self._copy_findings = check_copying(self.form, self.document)
        if self.document.last_year:
            self._copy_findings = check_copying(self.form, self.document)

    def recheck_fields(self) -> None:
        """Re-run the header, signatory, completeness and text checks (a few milliseconds)."""
        self._field_findings = [
            *check_header(self.form, self.document),
            *check_signatories(self.form, self.document),
            *check_completeness(self.form, self.document),
        ]
        self._text_findings = check_text(self.form, self.document)
        self._copy_findings = check_copying(self.form, self.document)

    def _run_cell(self, cell: str) -> Finding | None:
        return check_cell(self._index, cell, self.document.values.get(cell))

    def report(self) -> Report:
        rule_findings = [f for f in self._rule_findings.values() if f]
        said_otherwise = {f.cells[0] for f in rule_findings if f.code == BLANK_TOTAL_CODE}
        said_otherwise |= {cell for cell in self._totals if waits_for_parts(self.document, cell)}
        findings = [
            *(f for f in self._cell_findings.values() if f and f.cells[0] not in said_otherwise),
            *rule_findings,
            *self._field_findings,
            *self._text_findings,
            *self._copy_findings,
        ]
        explained = frozenset(k for k, text in self.document.explanations.items() if text.strip())
        return Report(tuple(findings), explained)


def validate(document: Document) -> Report:
    """Every finding of a document, checked from scratch."""
    return Validation(document).report()
