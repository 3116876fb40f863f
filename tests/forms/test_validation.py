"""Each rule passes on the demo and fails when a figure is moved (table-driven).

The demo passes every check; each case changes a few cells and names the codes that must
appear (and the cells they point at), like pyxform's markdown-table tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from forms.definition_files import load_definition
from forms.document import Document
from forms.validation import Status, Validation, validate
from forms.values import RawText

FIXTURES = Path(__file__).parent / "fixtures"


def assert_findings(
    document: Document,
    codes: set[str],
    absent: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    found = {f.code for f in validate(document).findings}
    assert codes <= found, f"missing {codes - found}; found {found}"
    assert not (absent & found), f"unexpected {absent & found}"


def test_demo_passes_every_check(demo: Document) -> None:
    report = validate(demo)
    assert report.findings == ()
    assert report.status is Status.READY


CASES = [
    # (changed cells, expected codes, the first cell of the finding)
    ({"proactive.channel.website": 13000}, {"E101"}, "proactive.channel.website"),
    ({"proactive.channel.other": 600}, {"E102"}, "proactive.total"),
    ({"proactive.normative_docs": 20000}, {"E103"}, "proactive.normative_docs"),
    ({"response.press_conferences_by_head": 14}, {"E104"}, "response.press_conferences_by_head"),
    ({"response.online_interviews_by_head": 4}, {"E105"}, "response.online_interviews_by_head"),
    ({"requests.received": 5}, {"E106"}, "requests.received"),
    ({"requests.completed": 1}, {"E107"}, "requests.completed"),
    ({"requests.answered": 1}, {"E108"}, "requests.answered"),
    ({"requests.refused.privacy": 1}, {"E109", "W201"}, "requests.refused.privacy"),
    ({"review.upheld": 1}, {"E110"}, "review.total"),
    ({"litigation.other": 2}, {"E111"}, "litigation.total"),
    ({"staffing.staff": 50}, {"E112"}, "staffing.staff"),
    (
        {
            "requests.answered.refused": 2,
            "requests.answered": 2,
            "requests.completed": 2,
            "requests.completed.on_time": 2,
            "requests.received": 2,
            "requests.received.online": 2,
        },
        {"W201"},
        "requests.answered.refused",
    ),
    (
        {
            "requests.completed": 1,
            "requests.completed.on_time": 1,
            "requests.answered": 1,
            "requests.answered.granted": 1,
        },
        {"W202"},
        "requests.completed",
    ),
    ({"requests.answered": 1, "requests.answered.granted": 1}, {"W203"}, "requests.answered"),
    ({"fees.total": Decimal("0.5")}, {"W204"}, "fees.total"),
    ({"proactive.normative_docs_issued": 3}, {"W205"}, "proactive.normative_docs"),
    ({"staffing.offices": 0}, {"W206"}, "staffing.offices"),
    ({"training.trainees": None}, {"E001"}, "training.trainees"),
    ({"training.trainees": RawText("两百")}, {"V001"}, "training.trainees"),
    ({"training.trainees": Decimal("2.5")}, {"V003"}, "training.trainees"),
]


@pytest.mark.parametrize(("changes", "codes", "at"), CASES, ids=[min(c[1]) for c in CASES])
def test_rule_fails_at_the_right_cell(
    demo: Document, changes: dict[str, object], codes: set[str], at: str
) -> None:
    demo.values.update(changes)  # type: ignore[arg-type]
    report = validate(demo)
    found = {f.code: f for f in report.findings}
    assert codes <= set(found), report.findings
    assert any(found[code].cells[0] == at for code in codes)
    assert report.status is Status.DRAFT


def test_message_carries_the_figures(demo: Document) -> None:
    demo.values["requests.received"] = 5
    demo.values["requests.received.online"] = 4
    messages = [f.message for f in validate(demo).findings]
    assert "收到申请数（5）应等于当面、传真、网络、信函申请数之和（4）" in messages


def test_tenfold_change_against_last_year(demo: Document) -> None:
    demo.last_year = {"proactive.total": 1000, "training.trainees": 200}
    finding = next(f for f in validate(demo).findings if f.code == "W207")
    assert finding.cells == ("proactive.total",)
    assert "12457" in finding.message and "1000" in finding.message


def test_explained_warning_lets_the_report_be_final(demo: Document) -> None:
    demo.values["staffing.offices"] = 0
    report = validate(demo)
    assert report.status is Status.DRAFT and len(report.unexplained) == 1
    demo.explanations[report.warnings[0].key] = "本单位未单设机构，由办公室承担。"
    assert validate(demo).status is Status.READY


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("phone", "", "S001"),
        ("phone", "6629128", "S002"),
        ("phone", "0943-66291", "S002"),
        ("date", "2019-02-30", "S003"),
        ("date", "2018-12-31", "S004"),
        ("filer", "  ", "S001"),
    ],
)
def test_signatory_checks(demo: Document, field: str, value: str, code: str) -> None:
    demo.signatories[field] = value
    assert_findings(demo, {code})


@pytest.mark.parametrize("phone", ["0943-6629128", "09436629128", "13812345678", "010-12345678"])
def test_good_phones(demo: Document, phone: str) -> None:
    demo.signatories["phone"] = phone
    assert_findings(demo, set(), absent={"S002"})


def test_incremental_matches_full(demo: Document) -> None:
    live = Validation(demo)
    for cell, value in [
        ("requests.received", 3),
        ("requests.received.fax", 3),
        ("staffing.staff.part_time", 1),
        ("proactive.total", None),
    ]:
        demo.values[cell] = value
        live.cells_changed([cell])
        assert set(live.report().findings) == set(validate(demo).findings)


def _matrix_document(values: dict[str, int | None]) -> tuple[Document, Validation]:
    form = load_definition(FIXTURES / "matrix.toml")
    document = Document(form_id=form.id, form_version=1, unit="测试", year=2022)
    document.values = {cell: 0 for cell in form.index.cell_order} | values
    return document, Validation(document, form)


def test_matrix_checks_run_both_ways() -> None:
    _, live = _matrix_document(
        {"new/person": 2, "total/person": 2, "new/total": 2, "total/total": 2}
    )
    assert live.report().findings == ()
    _document, live = _matrix_document({"new/person": 2, "total/person": 2, "new/total": 2})
    keys = {f.key for f in live.report().findings}
    assert keys == {"E301@total/total", "E302@total/total"}


def test_matrix_last_year_terms() -> None:
    document, live = _matrix_document({})
    document.last_year = {"total/person": 5, "new/person": 2}
    live.recheck_all()
    assert {f.key for f in live.report().findings} == {"W301@carried/person"}
