"""Completeness by form: what keeps a report a 草稿, read from each form's definition.

Each case empties one thing in a complete demo and names the one finding that must follow;
optional parts (the text beside 2021 tables 二–四) never hold a report back.
"""

from __future__ import annotations

import pytest

from forms.demo import load_demo
from forms.document import Document
from forms.validation import Status, validate


def _blank_part(part: str) -> object:
    def change(document: Document) -> None:
        document.narrative[part] = "  \n"

    return change


def _blank_contact(field: str) -> object:
    def change(document: Document) -> None:
        document.contact[field] = ""

    return change


def _blank_signatory(field: str) -> object:
    def change(document: Document) -> None:
        document.signatories[field] = ""

    return change


CASES = [
    ("gov-info-2021", _blank_part("overview"), ("P001", "part.overview")),
    ("gov-info-2021", _blank_part("problems"), ("P001", "part.problems")),
    ("gov-info-2021", _blank_part("other"), ("P001", "part.other")),
    ("gov-info-2021", _blank_contact("website"), ("C001", "contact.website")),
    ("gov-info-2021", _blank_contact("email"), ("C001", "contact.email")),
    ("gov-info-2021", _blank_signatory("unit_head"), ("S001", "sign.unit_head")),
    ("gov-info-2021", _blank_signatory("issued"), ("S001", "sign.issued")),
    ("gov-info-2018", _blank_part("fees"), ("P001", "part.fees")),
    ("gov-info-2018", _blank_part("analysis"), ("P001", "part.analysis")),
    ("gov-info-2018", _blank_signatory("date"), ("S001", "sign.date")),  # its preface is written
    ("gov-info-2018", _blank_signatory("filer"), ("S001", "sign.filer")),
]


@pytest.mark.parametrize(("form_id", "change", "expected"), CASES)
def test_a_missing_required_item_keeps_the_report_a_draft(
    form_id: str, change: object, expected: tuple[str, str]
) -> None:
    document = load_demo(form_id)
    assert validate(document).status is Status.READY
    change(document)  # type: ignore[operator]
    report = validate(document)
    assert [(f.code, f.cells[0]) for f in report.findings] == [expected]
    assert report.status is Status.DRAFT


@pytest.mark.parametrize("part", ["proactive", "requests", "review_litigation"])
def test_the_text_beside_the_2021_tables_is_optional(part: str) -> None:
    document = load_demo("gov-info-2021")
    document.narrative[part] = ""
    assert validate(document).status is Status.READY


def test_a_preface_written_by_hand_needs_no_contact_fields() -> None:
    document = load_demo("gov-info-2021")
    document.contact = dict.fromkeys(document.contact, "")
    assert {f.code for f in validate(document).findings} == {"C001"}
    document.preface = "本报告由本局自行编写。"
    assert validate(document).findings == ()


def test_the_message_names_the_part_by_its_heading() -> None:
    document = load_demo("gov-info-2018")
    document.narrative["review_litigation"] = ""
    (finding,) = validate(document).findings
    assert finding.message.startswith("报告正文“五、因政府信息公开申请及被申请行政复议")


@pytest.mark.parametrize(
    ("blank", "absent", "ending"),
    [
        ({"website"}, ["可在", "下载"], "请与青禾县自然资源局办公室联系，地址：青禾县人民路88号，"),
        ({"address", "postcode"}, ["地址：", "邮编："], "联系，联系电话：0999-5551234，"),
        (
            {"office", "address", "postcode", "phone", "email"},
            ["请与", "联系", "地址"],
            "本报告电子版可在青禾县人民政府门户网站（示例）下载。",
        ),
    ],
)
def test_the_preface_leaves_out_clauses_of_empty_contact_fields(
    blank: set[str], absent: list[str], ending: str
) -> None:
    document = load_demo("gov-info-2021")
    for field in blank:
        document.contact[field] = ""
    preface = document.preface_text()
    assert not any(word in preface for word in absent)
    assert ending in preface and "，，" not in preface and "。。" not in preface
    assert preface.endswith("。")


@pytest.mark.parametrize(
    ("form_id", "year", "reason"),
    [
        ("gov-info-2018", 2025, "2025年度应使用政府信息公开工作年度报告（2021年格式）"),
        ("gov-info-2021", 2019, "政府信息公开工作年度报告（2021年格式）自2021年度起使用"),
        ("gov-info-2021", 2025, None),
        ("gov-info-2021", 2021, None),
        ("gov-info-2018", 2018, None),
        ("gov-info-2018", 2020, "2020年度应使用政府信息公开工作年度报告（2019年试行格式）"),
        ("gov-info-2019", 2020, None),
        ("gov-info-2019", 2019, None),
        ("gov-info-2019", 2018, "政府信息公开工作年度报告（2019年试行格式）自2019年度起使用"),
        ("gov-info-2019", 2021, "2021年度应使用政府信息公开工作年度报告（2021年格式）"),
    ],
)
def test_a_format_not_in_use_for_the_year_is_a_warning(
    form_id: str, year: int, reason: str | None
) -> None:
    document = load_demo(form_id)
    document.year = year
    document.signatories = dict.fromkeys(document.signatories, "")  # dates depend on the year
    found = [f for f in validate(document).findings if f.code == "H003"]
    if reason is None:
        assert found == []
    else:
        (finding,) = found
        assert finding.cells == ("header.year",) and not finding.is_error
        assert finding.message == f"报告年度为{year}年，但{reason}；请核实年度和报表格式"
