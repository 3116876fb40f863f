"""What people type into a value cell, turned into a number or a coded refusal.

Accepted: full-width digits (１２４５７), thousands separators (12,457 and 12，457), spaces
around the figure, ``0.5`` for 万元. Refused, each with a code from the catalogue: text,
negatives, fractions in a count, more than four decimals, absurd sizes.
A blank cell is ``None``, never 0.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from forms.definition import ValueKind

Number = int | Decimal
MAX_VALUE = 10**12
MAX_DECIMALS = 4
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class RawText:
    """Text typed into a value cell that is not an acceptable figure; kept so nothing is lost."""

    text: str


Entry = int | Decimal | RawText | None


@dataclass(frozen=True)
class Refusal:
    """Why a typed text is not a figure: a catalogue code and the Chinese reason."""

    code: str
    reason: str


def parse_entry(text: str, kind: ValueKind) -> Entry:
    """What a typed text becomes in the document: a number, ``None`` when blank, else raw text."""
    result = parse_value(text, kind)
    if isinstance(result, Refusal):
        return RawText(text)
    return result


def parse_value(text: str, kind: ValueKind) -> Number | Refusal | None:
    """Parse one typed value for a cell of ``kind``; ``None`` means blank.

    A signed kind (本年增/减) takes ``-3`` and reads ``+2`` as 2; any other refuses a negative.
    """
    cleaned = _normalise(text)
    if not cleaned:
        return None
    sign = cleaned[0] if kind.signed and cleaned[0] in "+-" else ""
    digits = cleaned[len(sign) :]
    if digits.startswith("-") and _looks_numeric(digits[1:]):
        return Refusal("V002", "不能为负数")
    if not _looks_numeric(digits):
        return Refusal("V001", "不是数字")
    number = Decimal(digits.replace(",", ""))
    fitted = _fit_kind(number, kind.base)
    negate = sign == "-" and not isinstance(fitted, Refusal) and fitted != 0
    return -fitted if negate and not isinstance(fitted, Refusal) else fitted


def _normalise(text: str) -> str:
    """Fold full-width forms (NFKC), drop spaces, read 。/，as . and , where people type them."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("−", "-")


def _looks_numeric(text: str) -> bool:
    return bool(_PLAIN.match(text) or _GROUPED.match(text))


def _fit_kind(number: Decimal, kind: ValueKind) -> Number | Refusal:
    if number > MAX_VALUE:
        return Refusal("V005", f"数值过大（超过{MAX_VALUE:,}）")
    if kind is ValueKind.INTEGER:
        if number != number.to_integral_value():
            return Refusal("V003", "应为整数")
        return int(number)
    if kind is ValueKind.DECIMAL:
        return _fit_decimal(number)
    return Refusal("V006", "标题行不填数值")


def _fit_decimal(number: Decimal) -> Decimal | Refusal:
    normal = number.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        return Refusal("V004", f"最多保留{MAX_DECIMALS}位小数")
    return normal if isinstance(exponent, int) and exponent <= 0 else normal.quantize(Decimal(1))


def coerce_cell(value: object, kind: ValueKind) -> Entry:
    """A value read from a spreadsheet cell (number, text or empty) as a document entry."""
    if value is None:
        return None
    if isinstance(value, bool):
        return RawText(str(value))
    if isinstance(value, int | float | Decimal):
        try:
            text = format(Decimal(str(value)), "f")
        except InvalidOperation:
            return RawText(str(value))
        return parse_entry(text, kind)
    return parse_entry(str(value), kind)


def format_number(value: Number, grouping: bool = False) -> str:
    """A figure as people read it: ``12457`` or ``12,457``; decimals without trailing zeros."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), ",f" if grouping else "f")
        return text
    return f"{value:,}" if grouping else str(value)


def format_entry(entry: Entry, grouping: bool = False) -> str:
    """Any entry as text: blank for ``None``, the typed text for raw text."""
    if entry is None:
        return ""
    if isinstance(entry, RawText):
        return entry.text
    return format_number(entry, grouping)
