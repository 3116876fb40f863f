"""What people type becomes a figure or a coded refusal (table-driven)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.definition import ValueKind
from forms.values import RawText, Refusal, format_entry, parse_entry, parse_value

INT, DEC = ValueKind.INTEGER, ValueKind.DECIMAL


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("12457", INT, 12457),
        ("１２４５７", INT, 12457),
        ("12,457", INT, 12457),
        ("12，457", INT, 12457),
        ("  12 457 ", INT, 12457),
        ("1,234,567", INT, 1234567),
        ("12.0", INT, 12),
        ("0", INT, 0),
        ("0.5", DEC, Decimal("0.5")),
        ("０．５", DEC, Decimal("0.5")),
        ("5", DEC, Decimal("5")),
        ("1.2340", DEC, Decimal("1.234")),
        ("500", DEC, Decimal("500")),
        ("", INT, None),
        ("   ", DEC, None),
    ],
)
def test_accepted(text: str, kind: ValueKind, expected: object) -> None:
    value = parse_value(text, kind)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("abc", INT, "V001"),
        ("十二", INT, "V001"),
        ("1,23", INT, "V001"),
        ("1e5", INT, "V001"),
        ("-5", INT, "V002"),
        ("－５", INT, "V002"),
        ("1.5", INT, "V003"),
        ("0.12345", DEC, "V004"),
        ("10000000000000", INT, "V005"),
        ("5", ValueKind.HEADING, "V006"),
    ],
)
def test_refused(text: str, kind: ValueKind, code: str) -> None:
    result = parse_value(text, kind)
    assert isinstance(result, Refusal)
    assert result.code == code


def test_refused_text_is_kept_not_lost() -> None:
    assert parse_entry("十二", INT) == RawText("十二")
    assert format_entry(RawText("十二")) == "十二"


def test_formatting() -> None:
    assert format_entry(12457, grouping=True) == "12,457"
    assert format_entry(Decimal("0.5")) == "0.5"
    assert format_entry(None) == ""
