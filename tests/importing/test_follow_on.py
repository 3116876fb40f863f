"""Next year's report from last year's: what carries over, what starts blank, W207 works."""

from __future__ import annotations

from decimal import Decimal

from forms.document import Document
from forms.importing import follow_on
from forms.validation import validate
from forms.values import RawText


def test_carries_unit_contact_and_names_but_not_the_date(demo: Document) -> None:
    demo.history = {2016: 9000, 2017: 10000}
    new = follow_on(demo)
    assert (new.form_id, new.unit, new.year) == (demo.form_id, demo.unit, 2019)
    assert new.contact == demo.contact
    assert new.signatories == {**demo.signatories, "date": ""}
    assert new.history == {2016: 9000, 2017: 10000, 2018: 12457}
    assert [year for year, _ in new.history_series()] == [2015, 2016, 2017, 2018, 2019]


def test_figures_and_texts_start_blank(demo: Document) -> None:
    demo.explanations = {"W205@proactive.normative_docs": "已说明"}
    new = follow_on(demo)
    assert set(new.values) == set(demo.values)
    assert all(value is None for value in new.values.values())
    assert all(text == "" for text in new.narrative.values())
    assert new.preface == "" and new.explanations == {}
    assert "2019年1月1日起至2019年12月31日止" in new.preface_text()


def test_last_years_figures_feed_the_tenfold_check(demo: Document) -> None:
    new = follow_on(demo)
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
    new = follow_on(demo)
    assert "proactive.total" not in new.last_year
    assert new.history[2018] is None
