"""Figures as people write them in a report: 16, １６, 12,457, 1.2万, 十六, 一百零五, 两.

:data:`FIGURE_PATTERN` is the regular expression a quote pattern's ``{n}`` stands for, and
:func:`read_figure` turns what it matched into a :class:`~decimal.Decimal`. Full-width digits
are folded to ASCII one character for one (:func:`fold_digits`), so positions found in the
folded text are positions in the filer's text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE = "".join([*_DIGITS, *_SMALL_UNITS, "万"])
MAX_DIGITS = 15  # a quoted figure longer than this is no count the table could hold

_ARABIC = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,{MAX_DIGITS}}})(?:\.\d{{1,4}})?万?"
FIGURE_PATTERN = rf"(?P<n>{_ARABIC}|[{_CHINESE}]{{1,12}})"


def fold_digits(text: str) -> str:
    """Full-width digits and point as ASCII; the same length, so offsets carry over."""
    return text.translate(_FULL_WIDTH)


def read_figure(text: str) -> Decimal | None:
    """The value of a figure matched by :data:`FIGURE_PATTERN`, or ``None`` if it is none."""
    text = fold_digits(text).replace(",", "")
    scale = Decimal(1)
    if text.endswith("万") and text[:-1] and text[0].isdigit():
        text, scale = text[:-1], Decimal(10000)
    if text[:1].isdigit():
        try:
            return Decimal(text) * scale
        except InvalidOperation:
            return None
    return _chinese_value(text)


def _chinese_value(text: str) -> Decimal | None:
    """十六 → 16, 一百零五 → 105, 两万三千 → 23000; ``None`` for what is no numeral."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[char] != 0:
                return None  # 二三: two digits with no unit between them
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        elif char == "万":
            total = (total + section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    if not text or text.startswith("万"):
        return None
    return Decimal(total + section + (digit or 0))
