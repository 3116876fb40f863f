"""The 2021 national format as data: its shape, and each check on real kinds of mistakes.

Cases are tables: a few cells changed on an all-zero report (which passes every check) and
the exact findings expected, as (code, the cell at fault). The inconsistencies are the ones
seen in published reports (see shared/reference/form-2021.md).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from typing import Any

import pytest

from forms.definition import DefinitionError, FormDefinition, Table
from forms.definition_files import DEFINITIONS_DIR, load_form, parse_definition
from forms.demo import load_demo
from forms.derive import totals
from forms.document import Document, new_document
from forms.validation import Status, Validation, validate
from forms.values import Entry, RawText

FORM_ID = "gov-info-2021"
APPLICANTS = ["natural_person", "business", "research", "public_interest", "legal_service", "other"]
# the sub-rows of 三、本年度办理结果 (（一）–（六）), whose sum is （七）总计
RESULT_ROWS = [
    "requests.granted",
    "requests.partial",
    "requests.refused.state_secret",
    "requests.refused.prohibited_by_law",
    "requests.refused.security_stability",
    "requests.refused.third_party",
    "requests.refused.internal_affairs",
    "requests.refused.process_info",
    "requests.refused.enforcement_files",
    "requests.refused.inquiry",
    "requests.unavailable.not_held",
    "requests.unavailable.needs_creation",
    "requests.unavailable.still_unclear",
    "requests.not_processed.petition",
    "requests.not_processed.repeated",
    "requests.not_processed.publication",
    "requests.not_processed.excessive",
    "requests.not_processed.confirmation",
    "requests.other.overdue_correction",
    "requests.other.unpaid_fee",
    "requests.other.other",
]
GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]


@pytest.fixture(scope="module")
def form() -> FormDefinition:
    return load_form(FORM_ID)


def table(form: FormDefinition, table_id: str) -> Table:
    return next(t for t in form.tables if t.id == table_id)


def zero_document() -> Document:
    """A 2021 report with every figure 0 and its text written: it passes every check.

    The text quotes no figure (the demo's would disagree with these: T001) and states the
    信息处理费 in 六 (T004)."""
    document = new_document(FORM_ID, "某某县人民政府办公室", 2023)
    written = load_demo(FORM_ID)
    document.narrative = dict.fromkeys(written.narrative, "本年度依法依规开展政府信息公开工作。")
    document.narrative["other"] = "本年度未收取信息处理费，无其他需要报告的事项。"
    document.contact = dict(written.contact)
    document.signatories = dict(written.signatories)
    document.values = dict.fromkeys(document.values, 0)
    document.values["proactive.fees.charges"] = Decimal(0)
    return document


def consistent_document() -> Document:
    """A report with varied figures in every table, all agreeing with each other."""
    document = zero_document()
    values = document.values
    for number, column in enumerate(APPLICANTS, start=1):
        results = {row: (number + position) % 4 for position, row in enumerate(RESULT_ROWS)}
        values.update({f"{row}/{column}": figure for row, figure in results.items()})
        total = sum(results.values())
        carried_in, carried_out = number % 3 + 1, number % 2 + 1
        values[f"requests.total/{column}"] = total
        values[f"requests.carried_in/{column}"] = carried_in
        values[f"requests.carried_out/{column}"] = carried_out
        values[f"requests.new/{column}"] = total + carried_out - carried_in
    for row in table(document.form, "requests").value_rows():
        values[f"{row.id}/total"] = sum(values[f"{row.id}/{c}"] for c in APPLICANTS)  # type: ignore[misc]
    for number, group in enumerate(GROUPS, start=1):
        figures = {outcome: number + i for i, outcome in enumerate(OUTCOMES)}
        values.update({f"cases/{group}.{o}": figure for o, figure in figures.items()})
        values[f"cases/{group}.total"] = sum(figures.values())
    values.update(
        {
            "proactive.rules.regulations/issued": 2,
            "proactive.rules.regulations/repealed": 1,
            "proactive.rules.regulations/in_force": 14,
            "proactive.rules.normative_docs/issued": 9,
            "proactive.rules.normative_docs/repealed": 4,
            "proactive.rules.normative_docs/in_force": 57,
            "proactive.licensing.permits": 3120,
            "proactive.penalties.punishments": 845,
            "proactive.penalties.enforcement": 37,
            "proactive.fees.charges": Decimal("12.5"),
        }
    )
    return document


def last_year_of(document: Document) -> dict[str, int | Decimal]:
    """Last year's figures that agree with this year's: one more than this year's (all the
    same would be a copied report, Y001), but for the carried ones and those in force."""
    last: dict[str, int | Decimal] = {}
    for cell, value in document.values.items():
        assert isinstance(value, int | Decimal)
        last[cell] = value + 1
    for column in [*APPLICANTS, "total"]:
        last[f"requests.carried_out/{column}"] = document.values[f"requests.carried_in/{column}"]  # type: ignore[assignment]
    for row in ("regulations", "normative_docs"):
        cell = f"proactive.rules.{row}/"
        now = document.values
        last[cell + "in_force"] = (
            now[cell + "in_force"] + now[cell + "repealed"] - now[cell + "issued"]
        )  # type: ignore[operator]
    return last


def found(document: Document) -> set[tuple[str, str]]:
    """Every finding as (code, the cell at fault)."""
    return {(f.code, f.cells[0]) for f in validate(document).findings}


# -- the shape of the form ----------------------------------------------------------------


def test_the_form_is_the_2021_format(form: FormDefinition) -> None:
    assert form.id == FORM_ID
    assert form.title(2023) == "2023年政府信息公开工作年度报告"
    assert [p.heading for p in form.narrative] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert form.analysis is None
    assert [(s.label, s.signatory_line) for s in form.signatories] == [
        ("单位负责人", True),
        ("审核人", True),
        ("填报人", True),
        ("联系电话", True),
        ("填报日期", True),
        ("成文日期", False),
    ]
    assert form.closing is not None and form.closing.date_field == "issued"
    assert [p.number for p in form.narrative if p.required] == ["一、", "五、", "六、"]
    assert form.history_row is None and form.history_years == 0
    assert "website" in {item.id for item in form.contact}


def test_tables_sit_in_parts_two_three_and_four(form: FormDefinition) -> None:
    parts = {part.id: part.number for part in form.narrative}
    assert [(t.id, parts[t.part]) for t in form.tables] == [
        ("proactive.rules", "二、"),
        ("proactive.licensing", "二、"),
        ("proactive.penalties", "二、"),
        ("proactive.fees", "二、"),
        ("requests", "三、"),
        ("review_litigation", "四、"),
    ]
    assert len(form.index.cell_order) == 10 + 175 + 15


@pytest.mark.parametrize(
    ("table_id", "article", "rows", "columns"),
    [
        (
            "proactive.rules",
            "第（一）项",
            ["规章", "行政规范性文件"],
            ["本年制发件数", "本年废止件数", "现行有效件数"],
        ),
        ("proactive.licensing", "第（五）项", ["行政许可"], ["本年处理决定数量"]),
        ("proactive.penalties", "第（六）项", ["行政处罚", "行政强制"], ["本年处理决定数量"]),
        ("proactive.fees", "第（八）项", ["行政事业性收费"], ["本年收费金额（单位：万元）"]),
    ],
)  # fmt: skip
def test_proactive_blocks(
    form: FormDefinition, table_id: str, article: str, rows: list[str], columns: list[str]
) -> None:
    block = table(form, table_id)
    assert block.title == f"第二十条{article}"
    assert [row.label for row in block.value_rows()] == rows
    assert [column.label for column in block.columns] == columns
    kinds = {row.kind.value for row in block.value_rows()}
    assert kinds == ({"decimal"} if table_id == "proactive.fees" else {"integer"})


def test_request_matrix(form: FormDefinition) -> None:
    requests = table(form, "requests")
    assert len(list(requests.value_rows())) == 25
    assert len(list(requests.cell_keys())) == 175
    assert [c.label for c in requests.columns] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"
    ]  # fmt: skip
    organisations = [c.id for c in requests.columns if "法人或其他组织" in c.groups]
    assert organisations == APPLICANTS[1:]
    headings = [row.printed_label for row in requests.rows if row.is_heading]
    assert headings == [
        "三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"
    ]  # fmt: skip
    first, last = (
        ["requests.new", "requests.carried_in"],
        ["requests.total", "requests.carried_out"],
    )
    assert [row.id for row in requests.value_rows()] == [*first, *RESULT_ROWS, *last]
    assert "第一项加第二项之和，等于第三项加第四项之和" in requests.note


def test_review_and_litigation_row(form: FormDefinition) -> None:
    cases = table(form, "review_litigation")
    assert len(list(cases.cell_keys())) == 15
    assert [c.id for c in cases.columns][:5] == [f"review.{o}" for o in [*OUTCOMES, "total"]]
    assert {tuple(c.groups) for c in cases.columns} == {
        ("行政复议",),
        ("行政诉讼", "未经复议直接起诉"),
        ("行政诉讼", "复议后起诉"),
    }
    # a cell's name says which of the three 总计 it is; a heading over all columns is left out
    assert form.index.label("cases/litigation_after_review.total") == (
        "案件数（行政诉讼·复议后起诉·总计）"
    )
    assert form.index.label("requests.new/natural_person") == (
        "本年新收政府信息公开申请数量（自然人）"
    )


def test_new_document(form: FormDefinition) -> None:
    document = new_document(FORM_ID, "某某县人民政府办公室", 2023)
    assert set(document.values) == set(form.index.cell_order)
    assert set(document.narrative) == {part.id for part in form.narrative}
    assert document.signatories == dict.fromkeys((s.id for s in form.signatories), "")
    document.contact.update(office="县政府办公室", website="http://www.example.gov.cn")
    preface = document.preface_text()
    assert "2023年1月1日至2023年12月31日" in preface and "http://www.example.gov.cn" in preface
    assert "地址：" not in preface and "联系电话" not in preface  # empty fields leave no "地址：，"
    assert preface.endswith("请与县政府办公室联系。")
    assert document.history_series() == [(2023, None)]
    report = validate(document)
    # 166 cells to fill: the 34 computed totals fill in with their parts, so are not 未填
    assert len(report.blanks) == 200 - len(totals(form)) == 166 and report.warnings == []
    # an empty report is a 草稿 that says why: 一、五、六 unwritten, contact and signatories missing
    assert {(f.code, f.cells[0]) for f in report.errors} == {
        ("P001", "part.overview"),
        ("P001", "part.problems"),
        ("P001", "part.other"),
        *(("C001", f"contact.{item}") for item in ("address", "postcode", "phone", "email")),
        *(("S001", f"sign.{s.id}") for s in form.signatories),
    }
    assert report.status is Status.DRAFT


# -- checks ---------------------------------------------------------------------------------


def test_a_consistent_report_passes_every_check() -> None:
    document = consistent_document()
    assert found(document) == set()
    document.last_year = last_year_of(document)
    report = validate(document)
    assert report.findings == () and report.status is Status.READY


def test_an_all_zero_report_passes_every_check() -> None:
    assert found(zero_document()) == set()


def _review(group: str, **figures: int) -> dict[str, Entry]:
    return {f"cases/{group}.{name}": figure for name, figure in figures.items()}


CASES: list[tuple[str, dict[str, Entry], set[tuple[str, str]]]] = [
    (
        "复议总计印成0而各结果之和为11",
        _review("review", upheld=6, corrected=2, other=1, pending=2, total=0),
        {("E104", "cases/review.total")},
    ),
    (
        "复议后起诉总计印成0而各结果之和为5",
        _review("litigation_after_review", upheld=3, corrected=1, other=0, pending=1, total=0),
        {("E106", "cases/litigation_after_review.total")},
    ),
    (
        "直接起诉总计与各结果不符",
        _review("litigation_direct", upheld=1, total=2),
        {("E105", "cases/litigation_direct.total")},
    ),
    (
        "办理结果之和27而总计印成21",
        {
            "requests.new/natural_person": 27,
            "requests.new/total": 27,
            "requests.granted/natural_person": 20,
            "requests.granted/total": 20,
            "requests.partial/natural_person": 2,
            "requests.partial/total": 2,
            "requests.unavailable.not_held/natural_person": 3,
            "requests.unavailable.not_held/total": 3,
            "requests.not_processed.petition/natural_person": 2,
            "requests.not_processed.petition/total": 2,
            "requests.total/natural_person": 21,
            "requests.total/total": 21,
        },
        {
            ("E102", "requests.total/natural_person"),
            ("E102", "requests.total/total"),
            ("E101", "requests.carried_out/natural_person"),
            ("E101", "requests.carried_out/total"),
        },
    ),
    (
        "总计留空（空白不等于0）",
        {"requests.total/total": None, "cases/review.total": None},
        {("E001", "requests.total/total"), ("E001", "cases/review.total")},
    ),
    (
        "新收加结转不等于总计加结转下年度",
        {"requests.carried_out/business": 4, "requests.carried_out/total": 4},
        {("E101", "requests.carried_out/business"), ("E101", "requests.carried_out/total")},
    ),
    (
        "总计列不等于各类申请人之和",
        {"requests.granted/research": 1},
        {("E103", "requests.granted/total"), ("E102", "requests.total/research")},
    ),
    (
        "收费金额按元填写（3亿元填成300000000）",
        {"proactive.fees.charges": Decimal(300000000)},
        {("W203", "proactive.fees.charges")},
    ),
    (
        "收费金额恰为10亿元",
        {"proactive.fees.charges": Decimal(100000)},
        {("W203", "proactive.fees.charges")},
    ),
    ("地级市的真实收费额（3.5亿元）不提示", {"proactive.fees.charges": Decimal(35000)}, set()),
    ("收费金额99999.9999万元", {"proactive.fees.charges": Decimal("99999.9999")}, set()),
    ("收费金额有小数", {"proactive.fees.charges": Decimal("0.35")}, set()),
    (
        "件数有小数",
        {"proactive.licensing.permits": Decimal("2.5")},
        {("V003", "proactive.licensing.permits")},
    ),
    ("件数为负", {"cases/review.other": RawText("-1")}, {("V002", "cases/review.other")}),
    ("件数不是数字", {"requests.new/other": RawText("无")}, {("V001", "requests.new/other")}),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_inconsistency_is_flagged_at_its_cell(
    changes: dict[str, Entry], expected: set[tuple[str, str]]
) -> None:
    document = zero_document()
    document.values.update(changes)
    assert found(document) == expected


def test_message_names_the_printed_figures() -> None:
    document = zero_document()
    document.values.update(_review("review", upheld=6, corrected=2, other=1, pending=2, total=0))
    (finding,) = validate(document).findings
    assert finding.message == (
        "行政复议总计（0）应等于结果维持、结果纠正、其他结果、尚未审结之和（11）"
    )
    assert set(finding.cells) == {f"cases/review.{o}" for o in [*OUTCOMES, "total"]}


def test_the_printed_balance_is_checked_per_column() -> None:
    document = consistent_document()
    figures = {c: document.values[f"requests.{c}/business"] for c in ("new", "carried_in", "total")}
    for cell in ("requests.new/business", "requests.new/total"):
        document.values[cell] += 5  # type: ignore[operator]
    findings = {f.key: f.message for f in validate(document).findings}
    assert set(findings) == {
        "E101@requests.carried_out/business",
        "E101@requests.carried_out/total",
    }
    carried_out = document.values["requests.carried_out/business"]
    new, carried_in, total = (figures[c] for c in ("new", "carried_in", "total"))
    assert findings["E101@requests.carried_out/business"] == (
        "第一项加第二项之和应等于第三项加第四项之和："
        f"结转下年度继续办理（法人或其他组织·商业企业）为{carried_out}，"
        f"按新收加上年结转减办理结果总计应为{new + 5 + carried_in - total}"  # type: ignore[operator]
    )


def test_results_beyond_what_came_in_are_said_plainly() -> None:
    """办理结果 above 新收 + 上年结转 made E101 say "应为-3"; it says by how much instead."""
    document = zero_document()
    for cell in ("requests.granted/business", "requests.total/business"):
        document.values[cell] = 3
    document.values["requests.granted/total"] = document.values["requests.total/total"] = 3
    findings = {f.key: f.message for f in validate(document).findings}
    assert findings["E101@requests.carried_out/business"] == (
        "第一项加第二项之和应等于第三项加第四项之和：办理结果总计比新收加上年结转多3，"
        "请核实（结转下年度继续办理（法人或其他组织·商业企业）为0）"
    )


def test_blank_total_silences_its_sums_until_filled() -> None:
    document = consistent_document()
    document.values["requests.total/research"] = None
    parts = sum(document.values[f"{row}/research"] for row in RESULT_ROWS)  # type: ignore[misc]
    assert parts > 0
    assert found(document) == {("E002", "requests.total/research")}
    (finding,) = validate(document).errors
    assert finding.message.startswith(f"总计（法人或其他组织·科研机构）为空，各项之和为{parts}")


LAST_YEAR_CASES: list[tuple[str, dict[str, Entry], dict[str, int], set[tuple[str, str]]]] = [
    (
        "上年结转与上年的结转下年度不一致",
        {
            "requests.carried_in/natural_person": 2,
            "requests.carried_in/total": 2,
            "requests.carried_out/natural_person": 2,
            "requests.carried_out/total": 2,
        },
        {"requests.carried_out/natural_person": 3},
        {("W201", "requests.carried_in/natural_person")},
    ),
    (
        "上年结转与上年的结转下年度一致",
        {},
        {"requests.carried_out/natural_person": 0, "requests.carried_out/total": 0},
        set(),
    ),
    (
        "现行有效件数与上年推算不一致",
        {
            "proactive.rules.normative_docs/issued": 5,
            "proactive.rules.normative_docs/repealed": 2,
            "proactive.rules.normative_docs/in_force": 40,
        },
        {"proactive.rules.normative_docs/in_force": 40},
        {("W202", "proactive.rules.normative_docs/in_force")},
    ),
    (
        "现行有效件数与上年推算一致",
        {
            "proactive.rules.regulations/issued": 5,
            "proactive.rules.regulations/repealed": 2,
            "proactive.rules.regulations/in_force": 43,
        },
        {"proactive.rules.regulations/in_force": 40},
        set(),
    ),
    (
        "与上年相比变化超过10倍",
        {"proactive.penalties.punishments": 845},
        {"proactive.penalties.punishments": 12},
        {("W204", "proactive.penalties.punishments")},
    ),
    (
        "收费金额多了一位",
        {"proactive.fees.charges": Decimal("125")},
        {"proactive.fees.charges": 12},
        {("W204", "proactive.fees.charges")},
    ),
    ("申请件数的小数目变化不提示", {}, {"requests.granted/natural_person": 3}, set()),
]


@pytest.mark.parametrize(
    ("changes", "last_year", "expected"),
    [c[1:] for c in LAST_YEAR_CASES],
    ids=[c[0] for c in LAST_YEAR_CASES],
)
def test_last_year_warnings(
    changes: dict[str, Entry], last_year: dict[str, int], expected: set[tuple[str, str]]
) -> None:
    document = zero_document()
    document.values.update(changes)
    assert found(document) == set()
    document.last_year = dict(last_year)
    report = validate(document)
    assert {(f.code, f.cells[0]) for f in report.warnings} == expected
    # with last year unknown, none of these warnings can fire
    document.last_year = {}
    assert not validate(document).warnings


def test_warning_explained_lets_the_report_be_final() -> None:
    document = zero_document()
    document.values["proactive.fees.charges"] = Decimal(350000)
    report = validate(document)
    assert report.status is Status.DRAFT
    (warning,) = report.warnings
    assert "350000万元" in warning.message
    document.explanations[warning.key] = "本年度收取的行政事业性收费确为35亿元。"
    assert validate(document).status is Status.READY


def test_incremental_validation_matches_full() -> None:
    document = consistent_document()
    document.last_year = {"requests.carried_out/other": 1}
    live = Validation(document)
    for cell, value in [
        ("requests.total/other", 99),
        ("cases/review.pending", 7),
        ("requests.carried_in/other", None),
        ("proactive.fees.charges", Decimal(2000)),
        ("requests.total/other", document.values["requests.total/other"]),
    ]:
        document.values[cell] = value
        live.cells_changed([cell])
        assert set(live.report().findings) == set(validate(document).findings)


# -- the schema additions the format needs ------------------------------------------------------


def _raw() -> dict[str, Any]:
    return tomllib.loads((DEFINITIONS_DIR / f"{FORM_ID}.toml").read_text(encoding="utf-8"))


def _fee_rule(raw: dict[str, Any]) -> dict[str, Any]:
    return next(rule for rule in raw["rules"] if rule["code"] == "W203")


def _unknown_part(raw: dict[str, Any]) -> None:
    raw["tables"][0]["part"] = "annex9"


def _limit_and_reference(raw: dict[str, Any]) -> None:
    _fee_rule(raw)["reference"] = "proactive.licensing.permits"


def _no_limit(raw: dict[str, Any]) -> None:
    del _fee_rule(raw)["limit_value"]


def _limit_on_a_sum(raw: dict[str, Any]) -> None:
    raw["rules"][0]["limit_value"] = 5


def _empty_group(raw: dict[str, Any]) -> None:
    raw["tables"][4]["columns"][1]["groups"] = [""]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_unknown_part, "表 proactive.rules: part 不是叙述部分：annex9"),
        (_limit_and_reference, "rules[W203]: Value error, at_most 规则须有 reference 或"),
        (_no_limit, "rules[W203]: Value error, at_most 规则须有 reference 或 limit_value"),
        (_limit_on_a_sum, "rules[E101]: Value error, sum_equals 规则不用 limit_value"),
        (_empty_group, "tables[requests].columns[business].groups"),
    ],
    ids=["unknown-part", "limit-and-reference", "no-limit", "limit-on-sum", "empty-group"],
)  # fmt: skip
def test_broken_2021_definitions_are_refused(edit: Any, expected: str) -> None:
    raw = _raw()
    edit(raw)
    with pytest.raises(DefinitionError) as info:
        parse_definition(raw, source="x.toml")
    assert expected in str(info.value)
