"""The narrative against the tables: quoted figures, years, bare 无, and drafts from the figures."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.definition import DefinitionError, Severity, ValueKind
from forms.definition_files import definition_paths as _paths
from forms.definition_files import load_form, parse_definition
from forms.demo import load_demo
from forms.derive import derive, totals
from forms.document import Document
from forms.text.drafting import BLANK, draft_text
from forms.text.numbers import read_figure
from forms.text.quotes import expand_cells, find_quotes
from forms.validation.engine import Validation, validate


def text_findings(document: Document) -> dict[str, str]:
    return {f.key: f.message for f in validate(document).findings if f.code.startswith("T")}


@pytest.fixture
def demo() -> Document:
    return load_demo("gov-info-2021")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("16", 16),
        ("１６", 16),
        ("12,457", 12457),
        ("1.2万", 12000),
        ("十六", 16),
        ("一百零五", 105),
        ("两", 2),
        ("十", 10),
        ("三千零五十", 3050),
        ("两万三千", 23000),
        ("0", 0),
        ("零", 0),
        ("25.5", Decimal("25.5")),
    ],
)
def test_figures_are_read_as_people_write_them(written: str, value: int) -> None:
    assert read_figure(written) == value


@pytest.mark.parametrize("written", ["二三", "万", "十二三"])
def test_what_is_no_numeral_is_no_figure(written: str) -> None:
    assert read_figure(written) is None


@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2019", "gov-info-2021"])
def test_the_demos_text_agrees_with_their_tables(form_id: str) -> None:
    document = load_demo(form_id)
    quoted = [
        q
        for part in document.form.narrative_parts()
        for q in find_quotes(document.form.text_checks, document.narrative.get(part.id, ""))
    ]
    assert len(quoted) >= 5  # the checks do read the demo's text
    assert text_findings(document) == {}


OVERVIEW_PHRASINGS = [
    # (sentence, the quote that disagrees with the demo's table, or None)
    ("全年新收政府信息公开申请16件。", None),
    ("全年新收政府信息公开申请１６件。", None),
    ("全年新收政府信息公开申请十六件。", None),
    ("共收到各类政府信息公开申请16件。", None),
    ("全年新收政府信息公开申请15件。", "new"),
    ("全年收到申请十五件。", "new"),
    ("全年新收政府信息公开申请约15件。", None),
    ("全年新收政府信息公开申请15余件。", None),
    ("全年新收政府信息公开申请1.6万件。", "new"),
    ("本年未收到政府信息公开申请。", "new"),
    ("历年累计收到政府信息公开申请120件。", None),
    ("上年结转1件。", None),
    ("上年度结转申请2件。", "carried_in"),
    ("予以公开7件，部分公开3件，不予公开1件。", None),
    ("予以公开7件，部分公开4件。", "partial"),
    ("不予公开2件。", "refused"),
    ("无法提供4件，不予处理1件，其他处理0件。", None),
    ("无法提供三件。", "unavailable"),
    ("其他处理1件。", "other_processing"),
    ("已办结16件，结转下年度继续办理1件。", None),
    ("已办结15件。", "completed"),
    ("结转下年度继续办理2件。", "carried_out"),
    ("发生行政复议2件、行政诉讼1件。", None),
    ("未发生政府信息公开行政复议、行政诉讼案件。", "review"),
    ("行政诉讼案件3件。", "litigation"),
    ("行政许可结果236件，行政处罚结果40件。", "punishments"),
]


@pytest.mark.parametrize(("sentence", "disagrees"), OVERVIEW_PHRASINGS)
def test_each_phrasing_is_read_against_its_cell(
    demo: Document, sentence: str, disagrees: str | None
) -> None:
    demo.narrative["requests"] = sentence
    found = text_findings(demo)
    keys = {key for key in found if key.startswith("T001@part.requests#")}
    if disagrees is None:
        assert keys == set()
    else:
        assert f"T001@part.requests#{disagrees}" in keys


def test_a_disagreement_names_the_phrase_the_cell_and_the_span(demo: Document) -> None:
    text = "（二）依申请公开。全年新收政府信息公开申请15件。"
    demo.narrative["requests"] = text
    (finding,) = [f for f in validate(demo).findings if f.code == "T001"]
    assert finding.message == (
        "三、收到和处理政府信息公开申请情况中“新收政府信息公开申请15件”与表中"
        "本年新收政府信息公开申请数量（总计）（16）不一致"
    )
    assert finding.cells == ("part.requests", "requests.new/total")
    assert finding.span is not None
    assert text[finding.span[0] : finding.span[1]] == "新收政府信息公开申请15件"


def test_a_group_total_is_the_sum_of_its_rows(demo: Document) -> None:
    demo.narrative["requests"] = "不予公开3件。"
    (finding,) = [f for f in validate(demo).findings if f.code == "T001"]
    assert "不予公开（8项之和）（1）" in finding.message
    assert len(finding.cells) == 1 + 8


@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2019", "gov-info-2021"])
def test_every_table_edit_that_breaks_agreement_is_caught(form_id: str) -> None:
    """Each figure a demo quotes: one more in any cell it sums, and its quote disagrees."""
    demo = load_demo(form_id)
    form = demo.form
    computed = set(totals(form))
    for part in form.narrative_parts():
        for quoted in find_quotes(form.text_checks, demo.narrative.get(part.id, "")):
            for cell in expand_cells(form.index, quoted.quote.cells):
                edited = copy.deepcopy(demo)
                target = cell
                while target in computed:  # a computed total changes through a part
                    target = totals(form)[target].parts[0].removeprefix("-")
                edited.values[target] = edited.values[target] + 1  # type: ignore[operator]
                derive(edited)
                assert f"T001@part.{part.id}#{quoted.quote.id}" in text_findings(edited), cell


def test_every_text_edit_that_breaks_agreement_is_caught(demo: Document) -> None:
    text = demo.narrative["overview"]
    for quoted in find_quotes(demo.form.text_checks, text):
        edited = copy.deepcopy(demo)
        figure = str(quoted.value)
        phrase = quoted.phrase.replace(figure, str(int(figure) + 1))
        edited.narrative["overview"] = text[: quoted.start] + phrase + text[quoted.end :]
        assert f"T001@part.overview#{quoted.quote.id}" in text_findings(edited), phrase


def test_findings_follow_a_cell_edit_live(demo: Document) -> None:
    validation = Validation(demo)
    demo.values["requests.new/natural_person"] = 11
    changed = derive(demo, ["requests.new/natural_person"])
    validation.cells_changed(["requests.new/natural_person", *changed])
    assert "T001@part.overview#new" in {f.key for f in validation.report().findings}


@pytest.mark.parametrize(
    ("part", "text", "flagged"),
    [
        ("overview", "2024年，本局认真贯彻条例。", True),
        ("overview", "2024年度全局主动公开信息。", True),
        ("overview", "2025年，本局认真贯彻条例。", False),
        ("overview", "2026年，本局将继续深化公开。", False),
        ("overview", "与2024年相比，申请有所增加。", False),
        ("problems", "一是解读偏少。2026年，我局将丰富解读形式。", False),
    ],
)
def test_a_wrong_report_year_is_flagged(
    demo: Document, part: str, text: str, flagged: bool
) -> None:
    demo.narrative[part] = text
    assert any(key.startswith(f"T002@part.{part}") for key in text_findings(demo)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [("无", True), ("无。", True), ("暂无", True)])
def test_part_five_that_says_only_wu_is_flagged(demo: Document, text: str, flagged: bool) -> None:
    demo.narrative["problems"] = text
    assert ("T003@part.problems" in text_findings(demo)) is flagged


def test_part_six_must_state_the_information_processing_fee(demo: Document) -> None:
    demo.narrative["other"] = "暂无其他需要报告的事项。"
    assert text_findings(demo) == {
        "T004@part.other#1": (
            "六、其他需要报告的事项未说明本年度收取信息处理费的情况（未收取也应写明）"
        )
    }
    demo.explanations["T004@part.other#1"] = "本年度未收取信息处理费，已在前文说明。"
    assert validate(demo).unexplained == []


def _random_figures(form_id: str, seed_values: list[int]) -> Document:
    document = load_demo(form_id)
    computed = set(totals(document.form))
    document.typed_totals = set()
    for number, cell in enumerate(document.form.index.cell_order):
        if cell in computed:
            continue
        value = seed_values[number % len(seed_values)]
        decimal = document.form.index.kind(cell) is ValueKind.DECIMAL
        document.values[cell] = Decimal(value) / 4 if decimal else value
    derive(document)
    return document


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=40))
@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2019", "gov-info-2021"])
def test_drafts_agree_with_the_checks_for_any_figures(form_id: str, figures: list[int]) -> None:
    document = _random_figures(form_id, figures)
    document.narrative = {}
    for draft in document.form.drafts:
        text = draft_text(document.form, document, draft.part)
        assert BLANK not in text
        document.narrative[draft.part] = text
    assert not [key for key in text_findings(document) if key.startswith("T001")]


def test_a_draft_shows_what_is_still_blank(demo: Document) -> None:
    demo.values["requests.granted/natural_person"] = None
    derive(demo)
    assert f"予以公开{BLANK}件" in draft_text(demo.form, demo, "requests")


def test_the_draft_of_a_quiet_year_uses_the_zero_wording() -> None:
    document = _random_figures("gov-info-2021", [0])
    assert draft_text(document.form, document, "review_litigation") == (
        "本年未发生因政府信息公开被申请行政复议的情况。本年未发生因政府信息公开被提起行政诉讼的情况。"
    )


def _raw_2021() -> dict[str, object]:
    import tomllib

    path = next(p for p in _paths() if p.stem == "gov-info-2021")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda q: q.update(cells=["requests.nonexistent/total"]), "没有相符的单元格"),
        (lambda q: q.update(patterns=["新收(申请{n}件"]), "正则表达式错误"),
        (lambda q: q.update(patterns=["新收申请件"]), "模式中没有 {n}"),
    ],
)
def test_a_broken_quote_is_a_definition_error(change: object, problem: str) -> None:
    raw = _raw_2021()
    change(raw["text_checks"]["quotes"][0])  # type: ignore[index,operator]
    with pytest.raises(DefinitionError, match=problem):
        parse_definition(raw, source="broken.toml")


def test_the_shipped_forms_load_with_their_text_checks() -> None:
    assert len(load_form("gov-info-2021").text_checks.quotes) >= 12
    assert len(load_form("gov-info-2018").text_checks.quotes) >= 10
    assert len(load_form("gov-info-2019").text_checks.quotes) >= 12
    assert {draft.part for draft in load_form("gov-info-2019").drafts} == {
        "overview",
        "requests",
        "review_litigation",
    }


@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2019", "gov-info-2021"])
def test_a_blank_a_draft_left_in_the_text_is_an_error_until_filled(form_id: str) -> None:
    document = load_demo(form_id)
    draft = document.form.drafts[0]
    cell = next(c for c in document.form.index.cell_order if "{" + c + "}" in str(draft))
    document.values[cell] = None
    text = draft_text(document.form, document, draft.part)
    assert BLANK in text
    document.narrative[draft.part] = "前文。" + text
    found = [f for f in validate(document).findings if f.code == "T005"]
    assert [(f.key, f.severity, f.span) for f in found] == [
        (f"T005@part.{draft.part}", Severity.ERROR, (3 + text.index(BLANK), 5 + text.index(BLANK)))
    ]
    assert f"{text.count(BLANK)}处“＿＿”" in found[0].message
    document.narrative[draft.part] = "前文。" + text.replace(BLANK, "0")
    assert not [f for f in validate(document).findings if f.code == "T005"]
