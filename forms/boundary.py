"""The one boundary for everything read from outside: a file's hidden copy, its visible cells,
a CSV, the command line.

Whatever crosses it is bounded before any arithmetic or conversion that could blow up:

- a year is 1990–2100 (0 stands for "not given", as an import leaves it);
- a figure is at most 10^12 in size with at most 4 decimals; its text is length-checked and
  its exponent bounded before ``Decimal`` or ``int`` ever see it ("1E+999999999", 5000 digits);
- text loses what no file, PDF or recovery copy can hold or what hides its meaning: a lone
  surrogate (from a mis-decoded paste or a command-line byte) becomes U+FFFD; control
  characters and bidi controls are removed.

Each change is said: :func:`admit` returns one Chinese notice per field it changed, with the
catalogue code V010 (text) or V011 (figure) or V012 (year), so that the filer reads what was
altered. The bounds are plain comparisons, made after the checks that keep them cheap (they
were pydantic types: building those validators cost every command 20 ms at start).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from forms.codes import render
from forms.definition import DefinitionError
from forms.definition_files import load_form
from forms.values import Entry, Number, RawText

if TYPE_CHECKING:
    from forms.document import Document

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_FIGURE = 10**12
MAX_DECIMALS = 4
MAX_NUMBER_CHARS = 40  # "1,000,000,000,000.0000" and friends fit with room to spare
SHOWN = 30

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d{1,10})?$")
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Cleaned:
    """A text after the boundary, and what was done to it (empty when nothing)."""

    text: str
    changes: tuple[str, ...] = ()


def clean_text(text: str) -> Cleaned:
    """``text`` without lone surrogates (→ U+FFFD), control or bidi characters; says which."""
    changes: list[str] = []
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
        changes.append("无法保存的字符已替换为“\ufffd”")
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
        changes.append("控制字符已删除")
    if _BIDI.search(text):
        text = _BIDI.sub("", text)
        changes.append("文字方向控制符已删除")
    return Cleaned(text, tuple(changes))


def terminal_safe(text: str) -> str:
    """Text for a terminal: control, escape and bidi characters shown as ``\\x1b`` etc."""
    safe = _SURROGATES.sub("\ufffd", text)
    return _ESCAPED.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        safe,
    )


def bounded_decimal(text: str) -> Decimal | None:
    """The number a plain numeric text stands for, or ``None`` when it is not one or is
    outside the bounds; the text's length and exponent are checked before ``Decimal``."""
    text = text.strip()
    if len(text) > MAX_NUMBER_CHARS or not _NUMBER.match(text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if within_bounds(number) else None


def within_bounds(number: Number) -> bool:
    """At most 10^12 in size and 4 decimals, judged without arithmetic that could overflow."""
    if isinstance(number, bool):
        return False
    if isinstance(number, int):
        return number.bit_length() <= 41 and abs(number) <= MAX_FIGURE
    if not number.is_finite() or number.adjusted() > 12:
        return False
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -MAX_NUMBER_CHARS:
        return False
    if exponent < -MAX_DECIMALS and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        return False
    return -MAX_FIGURE <= number <= MAX_FIGURE


def is_report_year(value: object) -> bool:
    """A year the app can file, print and date: 1990–2100 (an ``int``: not a bool, a float
    or a text)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return MIN_YEAR <= value <= MAX_YEAR


def year_from_text(text: str) -> int | None:
    """A year typed as digits (full-width too), bounded by length before ``int``."""
    stripped = text.strip()
    if not stripped.isdecimal() or len(stripped) > 4:
        return None
    year = int(stripped)
    return year if is_report_year(year) else None


# -- a whole document -------------------------------------------------------------------------


def admit(document: Document) -> list[str]:
    """Bring ``document`` inside the bounds in place; one Chinese notice per changed field."""
    notices: list[str] = []
    label_of = _labeller(document.form_id)

    def text(label: str, value: str) -> str:
        cleaned = clean_text(value)
        if cleaned.changes:
            notices.append(notice("V010", label=label, what="，".join(cleaned.changes)))
        return cleaned.text

    def texts(label: str, mapping: dict[str, str], prefix: str = "") -> dict[str, str]:
        return {
            text(label, key): text(f"{label}“{label_of(prefix + key)[:SHOWN]}”", v)
            for key, v in mapping.items()
        }

    document.unit = text("填报单位", document.unit)
    document.preface = text("前言", document.preface)
    document.contact = texts("联系方式", document.contact)
    document.narrative = texts("报告正文", document.narrative, "part:")
    document.signatories = texts("签署栏", document.signatories)
    document.explanations = texts("问题说明", document.explanations)
    document.headings = texts("标题", document.headings)
    document.last_year_text = texts("上年报告正文", document.last_year_text, "part:")
    document.review.remarks = texts("审核意见", document.review.remarks)
    document.typed_totals = {text("总计", cell) for cell in document.typed_totals}
    document.created = text("创建时间", document.created)
    document.modified = text("修改时间", document.modified)
    document.values = {
        text("统计数", cell): _admit_entry(label_of(cell), entry, notices)
        for cell, entry in document.values.items()
    }
    _admit_figures(document, label_of, notices)
    if document.year != 0 and not is_report_year(document.year):
        notices.append(notice("V012", text=_shown(document.year)))
        document.year = 0
    return notices


def notice(code: str, **context: object) -> str:
    """A line for the filer: the catalogue message and its code."""
    return f"{render(code, **context)}（{code}）"


def _labeller(form_id: str) -> Callable[[str], str]:
    """A cell's or a part's label in the form (``part:<id>`` for a part), else the id itself."""
    try:
        form = load_form(form_id)
    except DefinitionError:  # an unknown form is reported by whoever opens the file
        return lambda key: key
    parts = {f"part:{part.id}": part.heading for part in form.narrative_parts()}

    def label(key: str) -> str:
        if key in parts:
            return parts[key]
        return form.index.label(key) if key in form.index.cell_rows else key

    return label


def _admit_entry(label: str, entry: Entry, notices: list[str]) -> Entry:
    if isinstance(entry, RawText):
        cleaned = clean_text(entry.text)
        if cleaned.changes:
            notices.append(notice("V010", label=label, what="，".join(cleaned.changes)))
        return RawText(cleaned.text) if cleaned.changes else entry
    if entry is None or within_bounds(entry):
        return entry
    notices.append(notice("V011", label=label, text=_shown(entry), action="按文字保留，请改正"))
    return RawText(_shown(entry))


def _admit_figures(document: Document, label_of: Callable[[str], str], notices: list[str]) -> None:
    """Last year's figures and the history: anything out of bounds is dropped, and said."""
    for cell, number in list(document.last_year.items()):
        if not within_bounds(number):
            label = f"上年{label_of(cell)}"
            notices.append(notice("V011", label=label, text=_shown(number), action="已舍去"))
            del document.last_year[cell]
    for year, value in list(document.history.items()):
        if not (1900 <= year <= MAX_YEAR) or (value is not None and not within_bounds(value)):
            label = f"历年数据（{_shown(year)}年）"
            notices.append(notice("V011", label=label, text=_shown(value), action="已舍去"))
            del document.history[year]


def _shown(value: object) -> str:
    """A short text for any value, never formatting a huge number digit by digit."""
    if isinstance(value, int) and value.bit_length() > 64:
        return f"{len(str(abs(value)))}位整数" if value.bit_length() < 14000 else "超长整数"
    shown = str(value)  # Decimal's str keeps an exponent: "1E+999999999", not a billion zeros
    return shown if len(shown) <= SHOWN else shown[:SHOWN] + "…"
