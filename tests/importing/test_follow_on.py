"""Next year's report from last year's: what carries over, what starts blank, W207 works."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.derive import derive
from forms.document import Document, new_document
from forms.importing import follow_on
from forms.validation import validate
from forms.values import RawText


def test_carries_unit_contact_and_names_but_not_the_date(demo: Document) -> None:
    demo.history = {2016: 9000, 2017: 10000}
    new = follow_on(demo, year=2019, form_id=demo.form_id)
    assert (new.form_id, new.unit, new.year) == (demo.form_id, demo.unit, 2019)
    assert new.contact == demo.contact
    assert new.signatories == {**demo.signatories, "date": ""}
    assert new.history == {2016: 9000, 2017: 10000, 2018: 12457}
    assert [year for year, _ in new.history_series()] == [2015, 2016, 2017, 2018, 2019]


def test_figures_and_texts_start_blank(demo: Document) -> None:
    demo.explanations = {"W205@proactive.normative_docs": "已说明"}
    new = follow_on(demo, year=2019, form_id=demo.form_id)
    assert set(new.values) == set(demo.values)
    assert all(value is None for value in new.values.values())
    assert all(text == "" for text in new.narrative.values())
    assert new.preface == "" and new.explanations == {}
    assert "2019年1月1日起至2019年12月31日止" in new.preface_text()


def test_last_years_figures_feed_the_tenfold_check(demo: Document) -> None:
    new = follow_on(demo, year=2019, form_id=demo.form_id)
    assert new.last_year["proactive.total"] == 12457
    assert new.last_year["staffing.budget"] == Decimal(5)
    assert set(new.last_year) == set(demo.values)
    new.values.update(demo.values)
    new.values["proactive.total"] = 124570 * 2
    keys = {finding.key for finding in validate(new).findings}
    assert "W207@proactive.total" in keys
    assert "W207@proactive.channel.website" not in keys


def test_unreadable_figures_of_last_year_are_not_carried(demo: Document) -> None:
    demo.values["proactive.total"] = RawText("一万多")
    new = follow_on(demo, year=2019, form_id=demo.form_id)
    assert "proactive.total" not in new.last_year
    assert new.history[2018] is None


# -- carry-over between the national formats (issue 10 item 3) -------------------------------

APPLICANTS = ["natural_person", "business", "research", "public_interest", "legal_service", "other"]


def test_a_2020_report_in_the_trial_format_carries_into_2021_column_by_column() -> None:
    last = load_demo("gov-info-2019")  # 2020: 结转 0 自然人, 1 商业企业
    last.values["requests.carried_out/research"] = 2  # one more figure to carry
    derive(last)  # its 总计 column: 3
    new = follow_on(last, year=2021)
    assert (new.form_id, new.year, new.unit) == ("gov-info-2021", 2021, "青禾县自然资源局")
    carried = {column: new.values[f"requests.carried_in/{column}"] for column in APPLICANTS}
    assert carried == {
        "natural_person": 0,
        "business": 1,
        "research": 2,
        "public_interest": 0,
        "legal_service": 0,
        "other": 0,
    }
    assert new.values["requests.carried_in/total"] == 3  # computed, not typed
    assert "requests.carried_in/total" not in new.typed_totals
    assert new.last_year["requests.carried_out/research"] == 2
    assert new.values["requests.new/natural_person"] is None  # this year's to fill
    assert new.narrative["overview"] == "" and new.signatories["date"] == ""
    findings = {f.key for f in validate(new).findings}
    assert not any(key.startswith("W201") for key in findings)
    new.values["requests.carried_in/research"] = 1
    assert "W201@requests.carried_in/research" in {f.key for f in validate(new).findings}


def test_a_2021_report_carries_into_2022_and_its_in_force_count_is_w202s_base() -> None:
    last = load_demo("gov-info-2021")  # 2025 in the demo: any year after works the same
    last.year = 2021
    new = follow_on(last, year=2022)
    assert new.form_id == "gov-info-2021"
    assert new.values["requests.carried_in/natural_person"] == 1
    assert new.values["requests.carried_in/total"] == 1
    assert new.last_year["proactive.rules.normative_docs/in_force"] == 18
    new.values.update(
        {
            "proactive.rules.normative_docs/issued": 4,
            "proactive.rules.normative_docs/repealed": 2,
            "proactive.rules.normative_docs/in_force": 20,  # 18 + 4 − 2
        }
    )
    keys = {f.key for f in validate(new).findings}
    assert "W202@proactive.rules.normative_docs/in_force" not in keys
    new.values["proactive.rules.normative_docs/in_force"] = 21
    w202 = [f for f in validate(new).findings if f.code == "W202"]
    assert [f.message for f in w202] == [
        "行政规范性文件（现行有效件数）（21）与上年现行有效件数加本年制发、减本年废止（20）不一致，请说明"
    ]


def test_a_2019_report_carries_into_2020_in_the_same_format() -> None:
    last = load_demo("gov-info-2019")
    last.year = 2019
    new = follow_on(last, year=2020)
    assert new.form_id == "gov-info-2019"
    assert new.values["requests.carried_in/business"] == 1
    assert new.last_year["proactive.licensing.permits/change"] == -3
    assert new.units == {}  # the unit is this year's to state


def test_the_year_must_come_after_last_years() -> None:
    last = load_demo("gov-info-2019")
    with pytest.raises(NianbaoError) as raised:
        follow_on(last, year=2020)
    assert raised.value.code == "V008"
    assert raised.value.message == "本年报告的年度（2020年）应晚于上年报告的年度（2020年）"


def test_carry_over_works_from_a_document_however_it_was_read() -> None:
    """follow_on takes a Document: one built from any source (here by hand) carries over."""
    last = new_document("gov-info-2021", "某某县司法局", 2023)
    last.values["requests.carried_out/business"] = 4
    new = follow_on(last, year=2024)
    assert new.values["requests.carried_in/business"] == 4
    assert new.values["requests.carried_in/natural_person"] is None  # unknown stays blank
    assert new.values["requests.carried_in/total"] is None
