"""What the printed report says: read the demo's PDF back and compare it with the document.

Text comes back through pypdf (positioned lines) and poppler's pdftotext; nothing is taken
from the renderer's own objects.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_pages import Pdf, page_number_text, squash

from forms.definition_files import load_form
from forms.demo import load_demo
from forms.document import Document
from forms.pdf import render_pdf_bytes
from forms.validation import Status, validate
from forms.values import format_entry
from forms.version import APP_VERSION

FORM = load_form("gov-info-2018")
TABLE = FORM.tables[0]


def test_demo_has_the_expected_parts_in_order(demo_pdf: Pdf) -> None:
    first = demo_pdf.pages_with
    assert 12 <= demo_pdf.page_count <= 16  # 14 with the Debian fonts of .ci/run
    assert first("白银市平川区人民政府办公室2018年政府信息公开工作年度报告") == [0]
    annex1, annex2 = first("附件1政府信息公开情况统计表")[0], first("附件2")[0]
    chart = first("2014年—2018年主动公开政府信息情况的示意图")[0]
    assert 0 < annex1 < annex2 < chart == demo_pdf.page_count - 1
    assert demo_pdf.text(annex1).startswith("附件1政府信息公开情况统计表（2018年度）")
    assert demo_pdf.text(annex2).startswith("附件2政府信息公开情况分析说明")


def test_every_page_has_its_number_on_the_outer_side(demo_pdf: Pdf) -> None:
    middle = 210 / 25.4 * 72 / 2
    for index in range(demo_pdf.page_count):
        number = page_number_text(index + 1)
        [line] = [line for line in demo_pdf.lines(index) if line.text == number]
        assert (line.x > middle) if index % 2 == 0 else (line.x < middle), number
        assert line.y < 30 / 25.4 * 72  # below the type area (35 mm from the bottom)


def test_preface_and_every_part_heading_are_printed(demo_pdf: Pdf) -> None:
    demo = load_demo()
    report = "".join(demo_pdf.text(i) for i in range(demo_pdf.pages_with("附件1")[0]))
    assert squash(demo.preface_text()) in report
    positions = [report.index(squash(demo.heading(part))) for part in FORM.narrative]
    assert positions == sorted(positions)
    for part in FORM.narrative:
        for line in demo.narrative[part.id].splitlines():
            assert squash(line) in report


def _table_columns(pdf: Pdf) -> tuple[list[str], list[str], list[str]]:
    """Label, unit and value column texts of 附件1, top to bottom, over all its pages."""
    labels: list[str] = []
    units: list[str] = []
    values: list[str] = []
    start, end = pdf.pages_with("附件1")[0], pdf.pages_with("附件2")[0]
    for index in range(start, end):
        lines = pdf.lines(index)
        unit_x = next(line.x for line in lines if line.text == TABLE.unit_header)
        value_x = next(line.x for line in lines if line.text == TABLE.columns[0].label)
        head_y = next(line.y for line in lines if line.text == TABLE.unit_header)
        body = [line for line in lines if line.y < head_y - 1 and line.y > 100]
        for line in body:
            if line.text.startswith("填报单位"):
                continue
            if line.x < unit_x - 20:
                labels.append(line.text)
            elif line.x < value_x - 20:
                units.append(line.text)
            else:
                values.append(line.text)
    return labels, units, values


def test_table_prints_every_label_unit_and_value_in_order(demo_pdf: Pdf) -> None:
    demo = load_demo()
    labels, units, values = _table_columns(demo_pdf)
    joined = squash("".join(labels))
    assert joined == squash("".join(row.printed_label for row in TABLE.rows))
    assert units == [row.unit or "—" for row in TABLE.rows]  # a dash on heading rows
    assert values == [format_entry(demo.values[row.id]) for row in TABLE.value_rows()]


def test_table_head_is_repeated_on_each_table_page(demo_pdf: Pdf) -> None:
    pages = range(demo_pdf.pages_with("附件1")[0], demo_pdf.pages_with("附件2")[0])
    assert len(pages) >= 2
    for index in pages:
        assert "统计指标单位统计数" in demo_pdf.text(index)


def test_seal_line_follows_the_table_and_the_analysis(demo_pdf: Pdf) -> None:
    last_table_page = demo_pdf.pages_with("附件2")[0] - 1
    assert demo_pdf.text(last_table_page).endswith("填报单位（盖章）：")
    assert len(demo_pdf.pages_with("填报单位（盖章）：")) == 2


def test_signatories_phone_and_date_are_printed(demo_pdf: Pdf) -> None:
    page = demo_pdf.pages_with("填报日期")[-1]
    text = demo_pdf.text(page)
    for expected in ["单位负责人：李有凌", "审核人：宋佩娴", "填报人：刘文娟"]:
        assert expected in text
    assert "联系电话：0943-6629128" in text
    assert "填报日期：2019年2月27日" in text


def test_final_print_has_no_draft_mark_and_its_fingerprint_in_the_metadata_only(
    demo_pdf: Pdf,
) -> None:
    demo = load_demo()
    assert validate(demo).status is Status.READY
    assert "草稿" not in demo_pdf.all_text()
    assert "草稿" not in demo_pdf.pdftotext()
    fingerprint = demo.fingerprint()
    assert demo_pdf.pages_with(fingerprint) == []
    assert APP_VERSION not in demo_pdf.all_text()
    info = demo_pdf.metadata()
    assert fingerprint in info["Keywords"] and fingerprint in info["Subject"]
    assert APP_VERSION in info["Keywords"] and APP_VERSION in info["Creator"]
    assert info["Title"] == "2018年政府信息公开工作年度报告"
    assert info["Author"] == demo.unit


def test_a_draft_prints_its_fingerprint_and_version_on_the_last_page(draft_pdf: Pdf) -> None:
    document = load_demo()
    document.values["training.courses"] = None
    document.values["staffing.staff"] = 50
    fingerprint = document.fingerprint()
    assert draft_pdf.pages_with(fingerprint) == [draft_pdf.page_count - 1]
    assert APP_VERSION in draft_pdf.text(draft_pdf.page_count - 1)
    assert fingerprint in draft_pdf.metadata()["Keywords"]


def test_draft_is_marked_on_every_page_and_lists_its_problems(draft_pdf: Pdf) -> None:
    assert draft_pdf.pages_with("草稿") == list(range(draft_pdf.page_count))
    last = draft_pdf.text(draft_pdf.page_count - 1)
    assert "尚未解决的问题（共2项）" in last
    assert "E001" in last and "接受培训人员数" not in last and "举办各类培训班数未填写" in last
    assert "E112" in last


def test_chart_shows_missing_years_as_unfilled_not_zero(demo_pdf: Pdf) -> None:
    page = demo_pdf.page_count - 1
    text = demo_pdf.text(page)
    assert text.count("未填") == 4
    assert "12457" in text
    for year in range(2014, 2019):
        assert f"{year}年" in text
    assert not demo_pdf.reader.pages[page].images  # vector drawing, not a picture


def test_chart_prints_history_figures() -> None:
    document = load_demo()
    document.history = {2014: 8000, 2015: None, 2016: Decimal("9500"), 2017: 10000}
    pdf = Pdf(render_pdf_bytes(document))
    text = pdf.text(pdf.page_count - 1)
    assert text.count("未填") == 1
    for figure in ["8000", "9500", "10000", "12457"]:
        assert figure in text


def test_user_markup_characters_print_as_typed() -> None:
    document = load_demo()
    typed = "A<B>&C </para> &amp; <font face='x'>不是标记</font> 5>3"
    document.narrative["other"] = typed
    document.signatories["filer"] = "<刘&文娟>"
    pdf = Pdf(render_pdf_bytes(document))
    assert squash(typed) in pdf.all_text()
    assert "填报人：<刘&文娟>" in pdf.all_text()
    assert squash(typed) in squash(pdf.pdftotext())


def test_a_ten_thousand_character_narrative_prints_whole() -> None:
    document = load_demo()
    sentence = "全区各部门认真落实政务公开工作要点，回应社会关切，提升透明度。"
    long_text = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    document.narrative["overview"] = long_text
    pdf = Pdf(render_pdf_bytes(document))
    assert squash(long_text) in pdf.all_text()
    assert pdf.page_count > 10 + Pdf(render_pdf_bytes(load_demo())).page_count


def test_blank_document_prints_as_a_draft() -> None:
    document = Document(form_id="gov-info-2018", form_version=1)
    pdf = Pdf(render_pdf_bytes(document))
    assert "草稿" in pdf.text(0)
    problems = pdf.pages_with("尚未解决的问题")[0]
    listed = "".join(pdf.text(i) for i in range(problems, pdf.page_count))
    assert "H001" in listed and "P001" in listed and "C001" in listed


@pytest.mark.parametrize("date", ["2019-02-27", "2019年2月27日", "2019/2/27"])
def test_date_is_written_out_in_chinese(date: str) -> None:
    document = load_demo()
    document.signatories["date"] = date
    pdf = Pdf(render_pdf_bytes(document))
    assert "填报日期：2019年2月27日" in pdf.all_text()


def test_unreadable_date_prints_as_typed() -> None:
    document = load_demo()
    document.signatories["date"] = "二月底"
    pdf = Pdf(render_pdf_bytes(document))
    assert "填报日期：二月底" in pdf.all_text()


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=300),
    name=st.text(st.characters(codec="utf-8"), max_size=20),
)
def test_any_typed_text_prints_without_crashing(text: str, name: str) -> None:
    document = load_demo()
    document.narrative["other"] = text
    document.signatories["unit_head"] = name
    document.unit = name
    pdf = Pdf(render_pdf_bytes(document))
    printed = pdf.all_text()
    visible = squash("".join(ch for ch in text if ch.isprintable()))
    if visible.isascii():  # pypdf gives back exactly what a CJK or Latin face printed
        assert visible in printed


def test_a_new_2021_reports_blank_cells_are_listed_one_line_per_table() -> None:
    """A new, empty 2021 report has some 200 blank cells: the draft lists them per table
    (with their count), not one line each over a dozen pages; the other problems each."""
    from forms.document import new_document

    document = new_document("gov-info-2021", "测试单位", 2023)
    report = validate(document)
    tables = document.form.index.cell_tables
    blank = [f for f in report.findings if f.code == "E001" and f.cells[0] in tables]
    in_three = sum(tables[f.cells[0]].id == "requests" for f in blank)
    assert in_three > 100
    pdf = Pdf(render_pdf_bytes(document))
    first = pdf.pages_with("尚未解决的问题")[0]
    text = "".join(pdf.text(i) for i in range(first, pdf.page_count))
    assert pdf.page_count - first <= 2
    assert f"共{len(report.findings)}项" in text
    assert f"表“收到和处理政府信息公开申请情况”有{in_three}项未填写" in text
    assert "报告正文“一、总体情况”未填写" in text and "单位负责人未填写" in text
