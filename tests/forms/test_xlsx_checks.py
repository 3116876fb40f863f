"""The 审核 sheet: formulas generated from the rules give the app's verdicts.

A small evaluator below reads the saved file's check formulas (IF, COUNT, SUM, ROUND, AND,
OR, comparisons, cell references, constants: all the generator emits) against the figures
in the saved cells, lazily as a spreadsheet does, and the verdicts must equal
:func:`app_verdicts` for every check of every shipped form. A few formulas are pinned as text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.definition_files import available_forms, load_form
from forms.document import Document, new_document
from forms.validation.rules import checks_for
from forms.values import RawText
from forms.xlsx import save_document
from forms.xlsx.checks import app_verdicts

SHEET = "'附件1 政府信息公开情况统计表'"
_TOKEN = re.compile(
    r"\s*(?:(?P<string>\"[^\"]*\")|(?P<ref>(?:'(?:[^']|'')+'|[^'!(),\s]+)!\$[A-Z]+\$\d+)"
    r"|(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Z]+)\(|(?P<op><=|>=|<>|[-+*/=<>(),]))"
)


def tokens(formula: str) -> list[tuple[str, str]]:
    found, position = [], 0
    while position < len(formula):
        match = _TOKEN.match(formula, position)
        assert match, f"unexpected text in formula at {formula[position:]!r}"
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class Formula:
    """Parse and evaluate one generated formula against a workbook (Excel semantics)."""

    def __init__(self, formula: str, workbook: Any) -> None:
        assert formula.startswith("=")
        self.tokens, self.at, self.workbook = tokens(formula[1:]), 0, workbook

    def value(self) -> Any:
        tree = self.comparison()
        assert self.at == len(self.tokens)
        return self.run(tree)

    def peek(self) -> str:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        self.at += 1
        return self.tokens[self.at - 1]

    def comparison(self) -> Any:
        left = self.additive()
        if self.peek() in ("=", "<>", "<", ">", "<=", ">="):
            return ("cmp", self.take()[1], left, self.additive())
        return left

    def additive(self) -> Any:
        node = self.term()
        while self.peek() in ("+", "-"):
            node = ("bin", self.take()[1], node, self.term())
        return node

    def term(self) -> Any:
        node = self.unary()
        while self.peek() in ("*", "/"):
            node = ("bin", self.take()[1], node, self.unary())
        return node

    def unary(self) -> Any:
        if self.peek() == "-":
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "number":
            return ("const", float(text))
        if kind == "string":
            return ("const", text[1:-1])
        if kind == "ref":
            return ("ref", text)
        if kind == "name":
            args = [] if self.peek() == ")" else [self.comparison()]
            while self.peek() == ",":
                self.take()
                args.append(self.comparison())
            assert self.take()[1] == ")"
            return ("call", text, args)
        assert text == "(", text
        inner = self.comparison()
        assert self.take()[1] == ")"
        return inner

    def cell(self, ref: str) -> Any:
        sheet, _, address = ref.rpartition("!")
        value = self.workbook[sheet.strip("'").replace("''", "'")][address.replace("$", "")].value
        return float(value) if isinstance(value, int | float | Decimal) else value

    def number(self, node: Any) -> float:
        value = self.run(node)
        assert isinstance(value, float) or value is None, f"#VALUE! from {value!r}"
        return value or 0.0

    def run(self, node: Any) -> Any:
        kind = node[0]
        if kind == "const":
            return node[1]
        if kind == "ref":
            return self.cell(node[1])
        if kind == "neg":
            return -self.number(node[1])
        if kind == "bin":
            a, b = self.number(node[2]), self.number(node[3])
            return {"+": a + b, "-": a - b, "*": a * b}.get(node[1]) if node[1] != "/" else a / b
        if kind == "cmp":
            a, b = self.number(node[2]), self.number(node[3])
            ops = {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}
            return ops[node[1]]
        return self.call(node[1], node[2])

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "IF":
            return self.run(args[1] if self.run(args[0]) else args[2])
        if name == "COUNT":
            return float(sum(isinstance(self.run(a), float) for a in args))
        if name == "SUM":
            return sum(self.number(a) for a in args)
        if name == "ROUND":
            return round(self.number(args[0]), int(self.number(args[1])))
        if name == "AND":
            return all(self.run(a) for a in args)
        if name == "OR":
            return any(self.run(a) for a in args)
        raise AssertionError(f"unexpected function {name}")


def check_sheet(path: Path) -> tuple[Any, dict[str, str]]:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["审核"]
    rows = {row[2].value: row[3].value for row in sheet.iter_rows(min_row=3)}
    return workbook, rows


def sheet_verdicts(path: Path) -> dict[str, str]:
    workbook, rows = check_sheet(path)
    return {key: Formula(formula, workbook).value() for key, formula in rows.items()}


# -- tests --------------------------------------------------------------------------------------


def test_one_row_per_check_with_the_finding_key(demo: Document, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    save_document(demo, path)
    _, rows = check_sheet(path)
    keys = [check.key for check in checks_for(demo.form)]
    assert list(rows) == keys
    assert len(set(keys)) == len(keys)


def test_some_formulas_as_text(demo: Document, tmp_path: Path) -> None:
    demo.last_year = {"proactive.total": 1000}
    path = tmp_path / "x.xlsx"
    save_document(demo, path)
    _, rows = check_sheet(path)

    def ref(row: int) -> str:
        return f"{SHEET}!$D${row}"

    assert rows["E101@proactive.channel.website"] == (
        f'=IF(COUNT({ref(12)},{ref(7)})<2,"未填",IF({ref(12)}<={ref(7)},"通过","错误"))'
    )
    assert rows["E107@requests.completed"] == (
        f'=IF(COUNT({ref(32)},{ref(33)},{ref(34)})<3,"未填",'
        f'IF(ROUND(SUM({ref(33)},{ref(34)})-({ref(32)}),6)=0,"通过","错误"))'
    )
    assert rows["W206@staffing.offices"].endswith(f'IF({ref(61)}<>0,"通过","警告"))')
    assert rows["W207@proactive.total"] == (
        f'=IF(COUNT({ref(7)})<1,"未填",'
        f'IF(AND({ref(7)}/1000>=1/10,{ref(7)}/1000<=10),"通过","警告"))'
    )
    assert rows["W207@proactive.channel.website"] == f'=IF(COUNT({ref(12)})<1,"未填","通过")'


def test_a_constant_limit_and_last_year_terms_are_written_as_figures(tmp_path: Path) -> None:
    document = new_document("gov-info-2021", "某单位", 2025)
    rules = load_form("gov-info-2021").tables[0]
    in_force = rules.cell_key("proactive.rules.regulations", "in_force")
    document.last_year = {in_force: 12}
    path = tmp_path / "x.xlsx"
    save_document(document, path)
    _, rows = check_sheet(path)
    assert "<=99999.9999," in rows["W203@proactive.fees.charges"]
    assert "SUM((12)," in rows[f"W202@{in_force}"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {"E101@proactive.channel.website": "通过"}),
        ({"proactive.channel.website": 13000}, {"E101@proactive.channel.website": "错误"}),
        ({"proactive.channel.website": None}, {"E101@proactive.channel.website": "未填"}),
        ({"proactive.total": RawText("约1万")}, {"E102@proactive.total": "未填"}),
        ({"staffing.offices": 0}, {"W206@staffing.offices": "警告"}),
        ({"fees.total": Decimal("0.5")}, {"W204@fees.total": "警告"}),
    ],
)
def test_sheet_verdicts_on_the_demo(
    demo: Document, tmp_path: Path, changes: dict[str, Any], expected: dict[str, str]
) -> None:
    demo.values.update(changes)
    path = tmp_path / "x.xlsx"
    save_document(demo, path)
    verdicts = sheet_verdicts(path)
    assert verdicts == app_verdicts(demo)
    assert expected.items() <= verdicts.items()


def figures(kind_is_decimal: bool) -> st.SearchStrategy[Any]:
    small = st.integers(0, 4)
    numbers = st.one_of(small, small.map(lambda n: Decimal(n) / 2)) if kind_is_decimal else small
    return st.one_of(numbers, st.none(), st.just(RawText("约")))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    form = draw(st.sampled_from(available_forms()))
    document = new_document(form.id, "某单位", 2025)
    for cell in form.index.cell_order:
        document.values[cell] = draw(figures(form.index.kind(cell).value == "decimal"))
    last = draw(st.lists(st.sampled_from(form.index.cell_order), max_size=30, unique=True))
    document.last_year = {cell: draw(st.integers(0, 40)) for cell in last}
    return document


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_sheet_verdicts_equal_the_apps_for_any_figures(document: Document, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    save_document(document, path)
    assert sheet_verdicts(path) == app_verdicts(document)
