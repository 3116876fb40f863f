"""Form definitions: the data files under ``forms/definitions/`` as typed, checked records.

A definition says everything the app knows about one report format: the table rows and value
columns, the narrative parts, the signatory fields and every check. No label, id or rule lives
in Python. Loading (:mod:`forms.definition_files`) is strict: a broken file raises
:class:`DefinitionError` naming the file, the place in it (table, row, rule) and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from forms.records import Limits, NonEmpty, Record
from forms.text.schema import Copying, Draft, TextChecks

if TYPE_CHECKING:
    from forms.form_index import FormIndex

LAST_YEAR_PREFIX = "last:"


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message names file, place and problem."""


class ValueKind(StrEnum):
    """What a cell holds: nothing (a heading), a count, or an amount (万元, 元).

    The ``signed_`` kinds are a count or an amount that may be negative (the 2019 format's
    本年增/减). A definition never names them: a row or column says ``signed = true`` and
    :meth:`FormIndex.kind` gives its cells the signed kind.
    """

    HEADING = "heading"
    INTEGER = "integer"
    DECIMAL = "decimal"
    SIGNED_INTEGER = "signed_integer"
    SIGNED_DECIMAL = "signed_decimal"

    @property
    def signed(self) -> bool:
        return self in (ValueKind.SIGNED_INTEGER, ValueKind.SIGNED_DECIMAL)

    @property
    def base(self) -> ValueKind:
        """The kind without its sign: ``signed_integer`` → ``integer``."""
        return _UNSIGNED.get(self, self)

    def with_sign(self) -> ValueKind:
        return {v: k for k, v in _UNSIGNED.items()}.get(self, self)


_UNSIGNED = {
    ValueKind.SIGNED_INTEGER: ValueKind.INTEGER,
    ValueKind.SIGNED_DECIMAL: ValueKind.DECIMAL,
}


class Severity(StrEnum):
    """强制性审核 (an error blocks the final print) or 核实性审核 (a warning needs a 说明)."""

    ERROR = "error"
    WARNING = "warning"


class RuleKind(StrEnum):
    """How a rule compares its cells; see ``forms.validation.rules`` for each meaning."""

    SUM_EQUALS = "sum_equals"
    SUM_AT_LEAST = "sum_at_least"
    AT_MOST = "at_most"
    AT_LEAST = "at_least"
    NONZERO = "nonzero"
    NONZERO_REQUIRES = "nonzero_requires"
    CHANGE_RATIO = "change_ratio"


@dataclass(frozen=True, kw_only=True)
class Column(Record):
    """A value column of a table (统计数; or 自然人 … 总计 in a matrix).

    ``groups`` are the header labels printed above the column, outermost first (申请人情况,
    法人或其他组织); adjacent columns with the same label at a level share one header cell.
    ``kind`` (when given) overrides the rows' kind for this column's cells (a count row with
    an amount column); ``signed`` lets its figures be negative (本年增/减). ``units`` are the
    units a report may state for the column, the first the default (采购总金额: 万元 or 元):
    the chosen one is kept in the document and printed in the header.
    """

    id: NonEmpty
    label: NonEmpty
    groups: list[NonEmpty] = field(default_factory=list)
    kind: ValueKind | None = None
    signed: bool = False
    units: list[NonEmpty] = field(default_factory=list)

    def __post_init__(self) -> None:
        """A column's own kind is a plain count or amount; its units differ.
        Run when pydantic checks a definition file."""
        if self.kind is not None and (self.kind.signed or self.kind is ValueKind.HEADING):
            raise ValueError("列的 kind 只能是 integer 或 decimal（可为负数请用 signed = true）")
        if len(set(self.units)) != len(self.units):
            raise ValueError("units 中有重复的单位")

    def heading(self, unit: str = "") -> str:
        """The header text: the label, with the stated unit of a column that has a choice."""
        if not self.units:
            return self.label
        return f"{self.label}（单位：{unit if unit in self.units else self.units[0]}）"


@dataclass(frozen=True, kw_only=True)
class Row(Record):
    """One printed row: a heading or a value row with its unit."""

    id: NonEmpty
    number: str = ""
    label: NonEmpty
    note: str = ""
    level: Annotated[int, Limits(ge=0, le=4)] = 0
    unit: str = ""
    kind: ValueKind = ValueKind.INTEGER
    signed: bool = False

    @property
    def is_heading(self) -> bool:
        return self.kind is ValueKind.HEADING

    @property
    def printed_label(self) -> str:
        """The label as the printed form shows it: numbering, label, note."""
        return f"{self.number}{self.label}{self.note}"

    def __post_init__(self) -> None:
        """A value row has a unit, a heading none; signs are said by ``signed``.
        Run when pydantic checks a definition file."""
        if self.is_heading and self.unit:
            raise ValueError(f"标题行不应有单位（{self.unit}）")
        if not self.is_heading and not self.unit:
            raise ValueError("数值行必须有单位")
        if self.kind.signed:
            raise ValueError("行的 kind 不写正负（可为负数请用 signed = true）")
        if self.signed and self.is_heading:
            raise ValueError("标题行不能标 signed")


@dataclass(frozen=True, kw_only=True)
class Table(Record):
    """A statistical table: rows down, value columns across.

    ``part`` names the narrative part the table is printed in (empty: it stands alone, as an
    annex). ``note`` is printed in the table's corner. An empty ``label_header`` or
    ``unit_header`` means the printed table has no such header (the 2021 tables show no unit
    column: the unit is in the column label or the same for every cell).
    """

    id: NonEmpty
    title: NonEmpty
    subtitle: str = ""
    annex: str = ""
    part: str = ""
    note: str = ""
    label_header: str = "统计指标"
    unit_header: str = "单位"
    columns: Annotated[list[Column], Limits(min_length=1)]
    rows: Annotated[list[Row], Limits(min_length=1)]

    @property
    def is_matrix(self) -> bool:
        return len(self.columns) > 1

    def cell_key(self, row_id: str, column_id: str) -> str:
        """The id of one cell: the row id alone when the table has one value column."""
        return row_id if not self.is_matrix else f"{row_id}/{column_id}"

    def value_rows(self) -> Iterator[Row]:
        return (row for row in self.rows if not row.is_heading)

    def cell_keys(self) -> Iterator[str]:
        for row in self.value_rows():
            for column in self.columns:
                yield self.cell_key(row.id, column.id)

    def unit_key(self, column: Column) -> str:
        """Where a document keeps the unit it states for ``column``: ``table/column``."""
        return f"{self.id}/{column.id}"

    def column_name(self, column: Column) -> str:
        """A column's name in messages: its groups (but those over every column) and label."""
        shared = set.intersection(*(set(c.groups) for c in self.columns))
        return "·".join([*(g for g in column.groups if g not in shared), column.label])


@dataclass(frozen=True, kw_only=True)
class NarrativePart(Record):
    """A free-text part of the report (一、概述 …) or the 附件2 analysis note."""

    id: NonEmpty
    number: str = ""
    title: NonEmpty
    hint: str = ""
    required: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True, kw_only=True)
class SignatoryField(Record):
    """One field of the signatory block: a name, a phone number or a date.

    ``signatory_line`` fields print in the signatory line (单位负责人 … 填报日期); the others
    (the 成文日期 of a 落款) print where the form's :class:`Closing` names them.
    """

    id: NonEmpty
    label: NonEmpty
    kind: Literal["name", "phone", "date"] = "name"
    signatory_line: bool = True


@dataclass(frozen=True, kw_only=True)
class Closing(Record):
    """The 落款 under the last part: the issuing unit's name above the 成文日期, sealed over both.

    ``date_field`` names the signatory field (of kind date) printed as the 成文日期.
    """

    date_field: NonEmpty


@dataclass(frozen=True, kw_only=True)
class Rule(Record):
    """One check, as data. Terms name cells; ``-id`` subtracts, ``last:id`` is last year's.

    ``computes`` makes a ``sum_equals`` rule's total a computed cell (``forms.derive``).
    ``unless_known`` names a term (usually ``last:id``) whose known figure silences the rule.
    ``negative_message`` replaces ``message`` of a sum rule whose parts add up below zero
    ({excess} is by how much), where "should be -3" would puzzle.

    ``at_most``/``at_least`` compare each cell with the ``reference`` cell or, instead, with the
    constant ``limit_value``.
    """

    code: Annotated[str, Limits(pattern=r"^[EW]\d{3}$")]
    severity: Severity
    kind: RuleKind
    name: NonEmpty
    message: NonEmpty
    negative_message: str = ""
    total: str | None = None
    parts: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    reference: str | None = None
    limit_value: Decimal | None = None
    factor: Annotated[float, Limits(gt=1)] | None = None
    notable: Annotated[Decimal, Limits(gt=0)] | None = None  # change_ratio: see rules.py
    table: str | None = None
    each_column: bool = False
    each_row: list[str] | Literal["all"] | None = None
    computes: bool = False
    unless_known: str | None = None

    def __post_init__(self) -> None:
        """The rule has the fields its kind needs, and its code fits its severity.
        Run when pydantic checks a definition file."""
        needs: dict[RuleKind, tuple[str, ...]] = {
            RuleKind.SUM_EQUALS: ("total", "parts"),
            RuleKind.SUM_AT_LEAST: ("total", "parts"),
            RuleKind.AT_MOST: ("cells",),
            RuleKind.AT_LEAST: ("cells",),
            RuleKind.NONZERO: ("cells",),
            RuleKind.NONZERO_REQUIRES: ("cells", "reference"),
            RuleKind.CHANGE_RATIO: ("cells", "factor"),
        }
        missing = [name for name in needs[self.kind] if not getattr(self, name)]
        if missing:
            raise ValueError(f"{self.kind.value} 规则缺少字段：{', '.join(missing)}")
        self._check_limit()
        if self.code[0] != ("E" if self.severity is Severity.ERROR else "W"):
            raise ValueError(f"代码 {self.code} 的首字母与严重程度 {self.severity.value} 不符")
        if (self.each_column or self.each_row) and not self.table:
            raise ValueError("按行或按列展开的规则必须指明 table")
        if self.computes and not self._can_compute():
            raise ValueError("computes 只用于各项相加（不含减项和上年数）的 sum_equals 规则")

    def _can_compute(self) -> bool:
        plain = all(not part.startswith(("-", LAST_YEAR_PREFIX)) for part in self.parts)
        return self.kind is RuleKind.SUM_EQUALS and plain

    def _check_limit(self) -> None:
        compares = self.kind in (RuleKind.AT_MOST, RuleKind.AT_LEAST)
        if compares and (self.reference is None) == (self.limit_value is None):
            raise ValueError(f"{self.kind.value} 规则须有 reference 或 limit_value（只能有一个）")
        if not compares and self.limit_value is not None:
            raise ValueError(f"{self.kind.value} 规则不用 limit_value")

    def terms(self) -> list[str]:
        """Every term the rule names, as written (before matrix expansion)."""
        named = [self.total, self.reference, self.unless_known, *self.parts, *self.cells]
        return [term for term in named if term and term != "*"]


@dataclass(frozen=True, kw_only=True)
class CarryOver(Record):
    """A figure of this year's report taken from last year's when one starts from the other.

    ``into`` and ``from`` name a cell, or a row of a matrix table: then column by column, for
    the columns last year's table has too (上年结转 ← 结转下年度继续办理).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "populate_by_name": True}

    into: NonEmpty
    source: NonEmpty = field(metadata={"alias": "from"})  # dataclasses.asdict says "source"


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    """Names of the contact-line fields of the preface, with labels."""

    id: NonEmpty
    label: NonEmpty


@dataclass(frozen=True, kw_only=True)
class FormDefinition(Record):
    """A whole report format: the tables, the narrative, the signatories and the checks."""

    id: NonEmpty
    version: Annotated[int, Limits(ge=1)]
    name: NonEmpty
    first_year: Annotated[int, Limits(ge=1990, le=2100)] = 1990
    title_pattern: NonEmpty
    period_pattern: NonEmpty
    preface_template: str = ""
    contact: list[Contact] = field(default_factory=list)
    tables: Annotated[list[Table], Limits(min_length=1)]
    narrative: list[NarrativePart] = field(default_factory=list)
    analysis: NarrativePart | None = None
    signatories: list[SignatoryField] = field(default_factory=list)
    closing: Closing | None = None
    seal_label: str = ""
    history_row: str | None = None
    history_years: Annotated[int, Limits(ge=0, le=20)] = 4
    rules: list[Rule] = field(default_factory=list)
    text_checks: TextChecks = field(default_factory=TextChecks)
    drafts: list[Draft] = field(default_factory=list)
    copying: Copying | None = None
    carry: list[CarryOver] = field(default_factory=list)

    def title(self, year: int) -> str:
        return self.title_pattern.format(year=year)

    def period(self, year: int) -> str:
        return self.period_pattern.format(year=year)

    def narrative_parts(self) -> list[NarrativePart]:
        """The report's parts followed by the analysis note, if the form has one."""
        return [*self.narrative, *([self.analysis] if self.analysis else [])]

    @cached_property
    def index(self) -> FormIndex:
        """Derived look-ups, built on first use and kept with the (immutable) definition."""
        from forms.form_index import FormIndex

        return FormIndex(self)


def strip_term(term: str) -> str:
    """The cell id inside a term: ``-a`` → ``a``, ``last:a`` → ``a``."""
    return term.removeprefix("-").removeprefix(LAST_YEAR_PREFIX)
