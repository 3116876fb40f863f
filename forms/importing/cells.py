"""What people print in a value cell, read into a figure with a note saying how.

- A cell is read by its own kind: 本年增/减 (2019) may be negative, and "+2" is 2.
- A count typed with its row's unit (``12457条``) is that count.
- A dash or slash ("-", "—", "－", "/") means "nothing happened" in many published tables. It
  is read as 0 only when the import is asked to (:attr:`Reading.dashes_as_zero`, the default),
  and every such cell is listed in the report; otherwise it stays blank, listed as well.
- An amount with its unit (``251000元``, ``25.1万元``) is converted to the row's unit (万元) when
  the unit is one of 元/万元/千元/万; a figure under a header that states the unit
  (本年收费金额（单位：元）) is converted the same way. A column whose unit the report states
  (采购总金额: 万元 or 元) keeps the unit its header states, and the new report states it too.
  Anything else is kept as text and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from forms.definition import ValueKind
from forms.importing.labels import AMOUNT_UNITS, fold
from forms.values import Entry, RawText, coerce_cell, format_entry

DASHES = frozenset({"-", "--", "—", "——", "–", "―", "─", "/", "\\"})
SCALES = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "万": Decimal(10000)}
_FIGURE_UNITS = "|".join(sorted(SCALES, key=len, reverse=True))  # 千元 before 元
_AMOUNT = re.compile(rf"^(?P<figure>[0-9][0-9,]*(?:\.[0-9]+)?)(?P<unit>{_FIGURE_UNITS})$")
_HEADER_UNIT = re.compile(f"({'|'.join(AMOUNT_UNITS)})")


@dataclass(frozen=True)
class Reading:
    """How cells are read: dashes as 0 (with a note) or left blank (with a note)."""

    dashes_as_zero: bool = True


@dataclass(frozen=True)
class Target:
    """What a cell holds: its kind (a signed count for 本年增/减) and the unit its figure is
    kept in (the row's, or the unit the report states for an amount column)."""

    kind: ValueKind
    unit: str


@dataclass(frozen=True)
class Figure:
    """A cell's entry, a note for the report, and whether the cell held a dash."""

    entry: Entry
    note: str = ""
    dash: bool = False


def is_dash(raw: object) -> bool:
    return isinstance(raw, str) and fold(raw) in DASHES


def header_unit(text: str) -> str:
    """The money unit a column header states (本年收费金额（单位：元） → 元), or ""."""
    found = _HEADER_UNIT.findall(fold(text))
    return found[-1] if len(set(found)) == 1 else ""


def read_figure(raw: object, target: Target, column_unit: str, reading: Reading) -> Figure:
    """The entry of one value cell read as ``target`` says (``column_unit``: the unit its
    header states)."""
    if is_dash(raw):
        shown = fold(str(raw))
        if reading.dashes_as_zero:
            return Figure(coerce_cell(0, target.kind), f"“{shown}”读作0", dash=True)
        return Figure(None, f"“{shown}”保持空白", dash=True)
    if _is_money(target.unit):
        return _amount(raw, target, column_unit)
    return Figure(coerce_cell(_without_unit(raw, target.unit), target.kind))


def _is_money(unit: str) -> bool:
    return fold(unit) in SCALES


def _amount(raw: object, target: Target, column_unit: str) -> Figure:
    unit = fold(target.unit)
    if isinstance(raw, str):
        match = _AMOUNT.match(fold(raw).replace("，", ","))
        if match:
            return _converted(match["figure"].replace(",", ""), match["unit"], target, raw)
    entry = coerce_cell(raw, target.kind)
    if column_unit and column_unit != unit and isinstance(entry, int | Decimal):
        figure = _scaled(Decimal(entry), column_unit, unit, target.kind)
        note = f"表头单位为{column_unit}，{format_entry(entry)}{column_unit}换算为{unit}"
        return Figure(figure, note if not isinstance(figure, RawText) else "")
    return Figure(entry)


def _converted(figure: str, unit: str, target: Target, raw: str) -> Figure:
    into = fold(target.unit)
    entry = _scaled(Decimal(figure), unit, into, target.kind)
    if isinstance(entry, RawText):
        return Figure(RawText(raw.strip()))
    if unit == into:
        return Figure(entry)
    return Figure(entry, f"“{raw.strip()}”按{unit}换算为{format_entry(entry)}{into}")


def _scaled(number: Decimal, unit: str, target: str, kind: ValueKind) -> Entry:
    value = number * SCALES[unit] / SCALES[target]
    return coerce_cell(format(value.normalize(), "f"), kind)


def _without_unit(raw: object, unit: str) -> object:
    """``12457条`` → ``12457``: a figure typed with its row's unit is still that figure."""
    if isinstance(raw, str) and unit and fold(raw).endswith(fold(unit)):
        bare = fold(raw)[: -len(fold(unit))]
        return bare if bare else raw
    return raw
