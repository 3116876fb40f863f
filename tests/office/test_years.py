"""This year against last year: large changes (W205/W206), and a report copied (Y001, Y002)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from unit_reports import unit_report

from forms.derive import derive, write_values
from forms.document import Document
from forms.importing import follow_on
from forms.office.years import last_year_of
from forms.validation import validate
from forms.validation.copying import similarity
from forms.xlsx import open_document, save_document


def findings(document: Document) -> dict[str, str]:
    return {f.key: f.message for f in validate(document).findings}


@pytest.fixture
def this_year() -> Document:
    return unit_report("青禾县第1局", 1)


@pytest.mark.parametrize(
    ("last", "now", "asked"),
    [
        (0, 25, True),  # from nothing to a notable figure
        (30, 0, True),  # from a notable figure to nothing
        (3, 0, False),  # a small count gone: no question every year
        (0, 19, False),  # below the notable 20
        (2, 30, True),  # more than tenfold
        (10, 19, False),  # within tenfold
        (25, 25, False),
    ],
)
def test_a_large_change_in_table_three_is_asked_about(
    this_year: Document, last: int, now: int, asked: bool
) -> None:
    write_values(this_year, {"requests.new/business": now})
    this_year.last_year = {"requests.new/business": last}
    found = findings(this_year)
    assert ("W205@requests.new/business" in found) is asked
    if asked:
        assert found["W205@requests.new/business"].startswith(
            f"本年新收政府信息公开申请数量（法人或其他组织·商业企业）（{now}）与上年（{last}）相比变化很大"
        )


def test_a_change_in_table_four_is_asked_about_too(this_year: Document) -> None:
    write_values(this_year, {"cases/review.upheld": 40})
    this_year.last_year = {"cases/review.upheld": 0}
    assert "W206@cases/review.upheld" in findings(this_year)


def copied_from(last: Document) -> Document:
    """Next year's report made the lazy way: last year's with the year changed."""
    document = copy.deepcopy(last)
    figures, texts = last_year_of(last, last.form)
    document.year, document.last_year, document.last_year_text = last.year + 1, figures, texts
    return document


def test_a_report_copied_from_last_year_is_flagged() -> None:
    last = unit_report("青禾县第1局", 2, year=2024)
    found = findings(copied_from(last))
    assert found["Y001@report"].startswith("本年有38项数字与上年报告完全相同（共比较38项非零数字）")
    assert "Y002@part.overview" in found  # the long parts are word for word last year's


def test_new_figures_and_new_words_are_not_flagged() -> None:
    last = unit_report("青禾县第1局", 2, year=2024)
    document = copied_from(last)
    fresh = unit_report("青禾县第1局", 3)  # every nonzero figure differs (×3 against ×2)
    document.values, document.typed_totals = dict(fresh.values), set()
    document.narrative["overview"] = (
        "2025年，本局以新的方式推进政务公开：" + "各项工作均有新进展。" * 3
    )
    derive(document)
    found = findings(document)
    assert "Y001@report" not in found
    assert "Y002@part.overview" not in found


def test_some_same_figures_are_normal() -> None:
    last = unit_report("青禾县第1局", 2, year=2024)
    document = copied_from(last)
    cells = [c for c, v in document.last_year.items() if v][:12]  # 12 of 38 changed: 68 % same
    write_values(document, {cell: int(document.last_year[cell]) + 1 for cell in cells if
                            isinstance(document.last_year[cell], int)})  # fmt: skip
    assert "Y001@report" not in findings(document)


def test_similarity_of_texts() -> None:
    text = "本年度依法推进政府信息公开，主动公开政府信息412条，办结申请16件。"
    assert similarity(text, text) == 1.0
    assert similarity(text, "完全不同的另一段文字内容，讲的是别的事情。") == 0.0
    assert 0.8 < similarity(text, text.replace("412", "415")) < 1  # one figure of 33 characters
    assert similarity(text, "") == 0.0


def test_a_report_started_from_last_year_keeps_last_year_s_text(tmp_path: Path) -> None:
    last = unit_report("青禾县第1局", 2, year=2024)
    document = follow_on(last, year=2025)
    assert document.last_year_text["overview"] == last.narrative["overview"]
    document.narrative["overview"] = last.narrative["overview"]  # pasted unchanged
    assert "Y002@part.overview" in findings(document)
    save_document(document, tmp_path / "2025.xlsx")
    again = open_document(tmp_path / "2025.xlsx").document
    assert again.last_year_text == document.last_year_text


def test_last_year_of_takes_the_cells_of_this_year_s_form() -> None:
    last = unit_report("青禾县第1局", 2, year=2024)
    last.values["requests.new/business"] = Decimal("6")
    figures, texts = last_year_of(last, last.form)
    assert figures["requests.new/business"] == 6
    assert figures["requests.new/total"] == 32
    assert set(texts) == {p for p, t in last.narrative.items() if t.strip()}


@pytest.mark.parametrize(
    ("last", "asked"), [(0, True), (21, False), (2, True), (300, False), (3000, True)]
)
def test_the_2018_form_asks_about_large_changes_too(last: int, asked: bool) -> None:
    from forms.demo import load_demo

    document = load_demo("gov-info-2018")  # 政务微博 210 this year
    document.last_year = {"proactive.channel.weibo": last}
    assert ("W207@proactive.channel.weibo" in findings(document)) is asked


def test_a_2018_figure_gone_to_zero_is_asked_about() -> None:
    from forms.demo import load_demo

    document = load_demo("gov-info-2018")  # 行政复议 0 this year
    document.last_year = {"review.total": 25, "litigation.total": 3}
    keys = set(findings(document))
    assert "W207@review.total" in keys  # 25 → 0
    assert "W207@litigation.total" not in keys  # 3 → 0: a small count
