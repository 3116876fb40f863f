"""Computed totals: they follow their parts, a given total is kept and checked, data says which.

Cases run on both shipped forms; each names the cells written, in order, and the figure the
total must then hold, with whether it is still computed.
"""

from __future__ import annotations

import json
import tomllib

import pytest

from forms.definition import DefinitionError
from forms.definition_files import DEFINITIONS_DIR, load_form, parse_definition
from forms.demo import load_demo
from forms.derive import fill_total, formula_text, is_computed, parts_sum, totals, write_values
from forms.document import Document, new_document
from forms.validation import validate

REVIEW = ["cases/review.upheld", "cases/review.corrected", "cases/review.other"]


def empty_2021() -> Document:
    return new_document("gov-info-2021", "某局", 2025)


def test_the_definitions_say_which_cells_are_computed() -> None:
    computed_2021 = totals(load_form("gov-info-2021"))
    # （七）总计 in each of 7 columns, the 总计 column of 25 rows (one shared), the three 总计 of 四
    assert len(computed_2021) == 7 + 25 - 1 + 3
    assert computed_2021["requests.total/natural_person"].code == "E102"
    assert computed_2021["requests.new/total"].code == "E103"
    assert computed_2021["requests.total/total"].code == "E102"  # first rule that names it
    assert computed_2021["cases/review.total"].parts == (*REVIEW, "cases/review.pending")
    assert "requests.carried_out/total" in computed_2021  # its row total
    assert "requests.carried_out/natural_person" not in computed_2021  # E101 checks, never computes
    assert set(totals(load_form("gov-info-2018"))) == {
        "requests.received",
        "requests.completed",
        "requests.answered",
        "review.total",
        "litigation.total",
        "staffing.staff",
    }


def test_totals_come_after_the_totals_they_add_up() -> None:
    order = list(totals(load_form("gov-info-2021")))
    assert order.index("requests.granted/total") < order.index("requests.total/total")


def test_a_total_fills_in_once_its_parts_are_filled() -> None:
    document = empty_2021()
    write_values(document, {"cases/review.upheld": 3, "cases/review.corrected": 1})
    assert document.values["cases/review.total"] is None  # 其他结果, 尚未审结 still blank
    # it waits for them: no E002 (a filer's trial found it shouted while parts were blank),
    # and it is not counted as 未填 (its blank parts are)
    report = validate(document)
    assert "cases/review.total" not in {f.cells[0] for f in report.findings}
    changed = write_values(document, {"cases/review.other": 0, "cases/review.pending": 2})
    assert document.values["cases/review.total"] == 6
    assert "cases/review.total" in changed and is_computed(document, "cases/review.total")


def test_a_column_and_the_grand_total_follow_one_keystroke() -> None:
    document = load_demo("gov-info-2021")
    before = document.values["requests.total/total"]
    assert isinstance(before, int)
    changed = write_values(document, {"requests.granted/research": 4})
    assert document.values["requests.total/research"] == 4
    assert document.values["requests.granted/total"] == 7 + 4
    assert document.values["requests.total/total"] == before + 4
    assert {"requests.total/research", "requests.granted/total", "requests.total/total"} <= set(
        changed
    )
    # the balance 一+二 = 三（七）+四 now fails in the research column: E101 blames 四
    assert {(f.code, f.cells[0]) for f in validate(document).errors} == {
        ("E101", "requests.carried_out/research"),
        ("E101", "requests.carried_out/total"),
    }


def test_a_total_typed_over_is_kept_and_checked_then_cleared_to_follow_again() -> None:
    document = load_demo("gov-info-2021")
    write_values(document, {"cases/review.total": 5})
    assert document.values["cases/review.total"] == 5 and not is_computed(
        document, "cases/review.total"
    )
    write_values(document, {"cases/review.upheld": 2})  # the parts move; the typed total stays
    assert document.values["cases/review.total"] == 5
    (error,) = validate(document).errors
    assert (
        error.code == "E104" and "行政复议总计（5）" in error.message and "（3）" in error.message
    )
    write_values(document, {"cases/review.total": None})  # cleared: computed again
    assert document.values["cases/review.total"] == 3 and validate(document).errors == []


def test_a_blank_total_over_nonzero_parts_says_the_sum_and_one_action_fills_it() -> None:
    document = load_demo("gov-info-2021")
    document.typed_totals.add("requests.total/natural_person")  # as an imported table leaves it
    document.values["requests.total/natural_person"] = None
    report = validate(document)
    (finding,) = report.errors
    assert finding.code == "E002" and finding.cells[0] == "requests.total/natural_person"
    assert finding.message.startswith("总计（自然人）为空，各项之和为12")
    assert "E001" not in {f.code for f in report.findings}  # the E002 says it, not 未填 too
    assert parts_sum(document, "requests.total/natural_person") == 12
    changed = fill_total(document, "requests.total/natural_person")
    assert document.values["requests.total/natural_person"] == 12
    assert "requests.total/natural_person" in changed
    assert is_computed(document, "requests.total/natural_person")
    assert validate(document).findings == ()


def test_a_blank_total_over_zero_parts_is_plain_blank() -> None:
    document = empty_2021()
    document.typed_totals.add("cases/review.total")
    write_values(document, dict.fromkeys([*REVIEW, "cases/review.pending"], 0))
    document.values["cases/review.total"] = None
    assert ("E001", "cases/review.total") in {
        (f.code, f.cells[0]) for f in validate(document).findings
    }


def test_a_sum_of_counts_stays_a_count() -> None:
    document = new_document("gov-info-2018", "某局", 2018)
    write_values(document, {"staffing.staff.full_time": 2, "staffing.staff.part_time": 3})
    assert document.values["staffing.staff"] == 5 and type(document.values["staffing.staff"]) is int


def test_a_file_from_before_computed_totals_keeps_its_totals_as_typed() -> None:
    document = load_demo("gov-info-2018")
    data = document.content()
    del data["typed_totals"]
    data["values"]["review.total"] = 7  # an old file's wrong total stays and is reported
    old = Document.from_json(json.dumps(data))
    assert "review.total" in old.typed_totals and "requests.received" in old.typed_totals
    write_values(old, {"review.upheld": 0})
    assert old.values["review.total"] == 7
    assert ("E110", "review.total") in {(f.code, f.cells[0]) for f in validate(old).errors}


def test_typed_totals_are_part_of_the_saved_content() -> None:
    document = load_demo("gov-info-2021")
    plain = document.fingerprint()
    write_values(document, {"cases/review.total": 2})  # the same figure, now typed
    assert document.content()["typed_totals"] == ["cases/review.total"]
    assert document.fingerprint() != plain
    assert Document.from_json(document.to_json()).typed_totals == {"cases/review.total"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("cases/review.total", "自动计算：结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
        ("requests.new/total", "自动计算：自然人 + 商业企业 + 科研机构 + 社会公益组织"),
        ("requests.total/business", "自动计算：（一）予以公开 + （二）部分公开 + 1.属于国家秘密"),
        ("requests.granted/natural_person", ""),
    ],
)
def test_the_tooltip_names_the_parts(cell: str, expected: str) -> None:
    text = formula_text(load_form("gov-info-2021"), cell)
    assert text.startswith(expected) and (expected or text == "")


def test_a_computed_rule_must_be_a_plain_sum() -> None:
    raw = tomllib.loads((DEFINITIONS_DIR / "gov-info-2021.toml").read_text(encoding="utf-8"))
    e101 = next(rule for rule in raw["rules"] if rule["code"] == "E101")
    e101["computes"] = True  # 四 = 一 + 二 − 三（七） has a subtracted part: a check, not a sum
    with pytest.raises(DefinitionError, match=r"rules\[E101\].*computes 只用于各项相加"):
        parse_definition(raw, "x.toml")


def test_filling_a_total_over_a_blank_part_keeps_the_sum_as_given() -> None:
    """While a part is blank the total cannot follow its parts (it would compute blank):
    the fill keeps the sum as a typed figure, checked like any other."""
    document = empty_2021()
    document.typed_totals.add("cases/review.total")
    write_values(document, {"cases/review.upheld": 3, "cases/review.corrected": 2})
    changed = fill_total(document, "cases/review.total")
    assert document.values["cases/review.total"] == 5 and "cases/review.total" in changed
    assert not is_computed(document, "cases/review.total")
    write_values(document, {"cases/review.other": 0, "cases/review.pending": 1})
    assert document.values["cases/review.total"] == 5  # kept, and now wrong:
    assert ("E104", "cases/review.total") in {
        (f.code, f.cells[0]) for f in validate(document).errors
    }
    fill_total(document, "cases/review.total")  # every part filled: it follows them again
    assert document.values["cases/review.total"] == 6 and is_computed(
        document, "cases/review.total"
    )


def test_a_total_given_blank_is_reported_with_the_sum_of_its_filled_parts() -> None:
    """A table that printed its 总计 blank (blank is not zero): kept blank, and E002 says
    what the filled parts add up to, even before the other parts are in."""
    document = empty_2021()
    write_values(document, {"cases/review.upheld": 50, "cases/review.corrected": 7})
    assert "cases/review.total" not in {f.cells[0] for f in validate(document).findings}
    document.typed_totals.add("cases/review.total")  # given blank
    (finding,) = [f for f in validate(document).findings if f.cells[0] == "cases/review.total"]
    assert finding.code == "E002" and "为空，各项之和为57" in finding.message
