"""Every shipped definition is sound; broken definitions are refused with a precise message."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from forms.definition import DefinitionError, FormDefinition, strip_term
from forms.definition_files import (
    DEFINITIONS_DIR,
    available_forms,
    definition_paths,
    load_definition,
    load_form,
    parse_definition,
)
from forms.validation.rules import checks_for

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(params=[path.stem for path in definition_paths()])
def form(request: pytest.FixtureRequest) -> FormDefinition:
    return load_form(request.param)


def test_the_2018_form_is_shipped() -> None:
    assert "gov-info-2018" in {f.id for f in available_forms()}


def test_every_rule_names_existing_cells(form: FormDefinition) -> None:
    for check in checks_for(form):
        for cell in check.cells:
            assert cell in form.index.cell_rows, (check.key, cell)


def test_every_value_row_is_read_by_a_check(form: FormDefinition) -> None:
    touched = {cell for check in checks_for(form) for cell in check.cells}
    assert set(form.index.cell_order) <= touched


def test_codes_are_unique_and_match_severity(form: FormDefinition) -> None:
    codes = [rule.code for rule in form.rules]
    assert len(codes) == len(set(codes))
    for rule in form.rules:
        assert rule.code[0] == {"error": "E", "warning": "W"}[rule.severity.value]


def test_labels_and_units(form: FormDefinition) -> None:
    for table in form.tables:
        for row in table.rows:
            assert row.label.strip()
            assert bool(row.unit) != row.is_heading


def test_2018_table_matches_the_reference() -> None:
    form = load_form("gov-info-2018")
    rows = form.tables[0].rows
    assert len(rows) == 65
    assert len(form.index.cell_order) == 58
    by_id = {row.id: row for row in rows}
    assert by_id["proactive.total"].printed_label == (
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"
    )
    assert by_id["fees.total"].unit == "万元"
    assert by_id["fees.total"].kind.value == "decimal"
    assert by_id["training.trainees"].unit == "人次"
    assert next(p.heading for p in form.narrative) == "一、概述"
    assert len(form.narrative) == 7
    assert [s.label for s in form.signatories] == [
        "单位负责人",
        "审核人",
        "填报人",
        "联系电话",
        "填报日期",
    ]


def test_matrix_definition_expands_rules_along_rows_and_columns() -> None:
    form = load_definition(FIXTURES / "matrix.toml")
    table = form.tables[0]
    assert table.is_matrix
    keys = {check.key for check in checks_for(form)}
    # one column-wise check per column, one row-wise check per value row
    assert {f"E301@total/{c.id}" for c in table.columns} <= keys
    assert {f"E302@{r.id}/total" for r in table.value_rows()} <= keys
    assert strip_term("-last:x") == "x"


def _broken(tmp_path: Path, edit: str, old: str) -> str:
    text = (FIXTURES / "matrix.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, edit, 1), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_definition(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('unit = "件"\nkind = "integer"', 'kind = "integer"', "rows[new]"),
        ('id = "carried"', 'id = "new"', "行 id 重复：new"),
        ('parts = ["new", "carried"]', 'parts = ["new", "nowhere"]', "nowhere"),
        ('code = "E302"', 'code = "E301"', "规则代码重复：E301"),
        ('severity = "error"', 'severity = "warning"', "首字母"),
        ('kind = "sum_equals"', 'kind = "sum_equal"', "rules[E301].kind"),
        ("[[tables]]", "[[tables]]\ncolour = 1", "colour"),
        ("version = 1", 'version = "one"', "version"),
        # the limits and alias the records state for pydantic (forms.records)
        ('label = "自然人"', 'label = ""', "columns[person].label: String should have at least 1"),
        ('label = "总计" },', 'label = "总计", groups = [""] },', "columns[total].groups[第1项]"),
        (
            'kind = "integer"',
            'kind = "integer"\nlevel = 5',
            "rows[new].level: Input should be less",
        ),
        ('code = "E301"', 'code = "E3011"', "rules[E3011].code: String should match pattern"),
        ("version = 1", "version = 0", "version: Input should be greater than or equal to 1"),
        (
            "[[tables]]",
            'carry = [{ into = "new" }]\n[[tables]]',
            "carry[第1项].from: Field required",
        ),
    ],
    ids=[
        "unit-missing",
        "duplicate-id",
        "unknown-cell",
        "duplicate-code",
        "severity",
        "bad-kind",
        "unknown-key",
        "bad-version",
        "empty-label",
        "empty-group",
        "level-limit",
        "code-pattern",
        "version-limit",
        "carry-from",
    ],
)
def test_broken_definition_names_the_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    message = _broken(tmp_path, new, old)
    assert message.startswith("broken.toml: ")
    assert expected in message


def test_unparseable_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("id = [", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"^bad.toml: 格式错误"):
        load_definition(path)


def test_parse_definition_accepts_the_fixture_as_data() -> None:
    raw = tomllib.loads((FIXTURES / "matrix.toml").read_text(encoding="utf-8"))
    assert parse_definition(raw, source="x").id == "test-matrix"


@pytest.mark.parametrize("field", ["message", "negative_message"])
def test_a_broken_message_template_is_named(field: str) -> None:
    raw = tomllib.loads((DEFINITIONS_DIR / "gov-info-2021.toml").read_text(encoding="utf-8"))
    e101 = next(rule for rule in raw["rules"] if rule["code"] == "E101")
    e101[field] = "结转{label"
    with pytest.raises(DefinitionError, match=rf"规则 E101: {field} 模板有误"):
        parse_definition(raw, "x.toml")
