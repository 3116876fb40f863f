"""The end of the 2021 report: the 落款, the signatory line, room for the seal, the 报送单.

GB/T 9704: the issuing unit centred above the 成文日期 (2026年1月20日, no zero padding), the
date four characters in from the right; the 45 mm seal presses on both, its top within one
line of the text above; never a seal on a page without text above it. The signatory line
goes on the report or on a separate submission sheet (``signatures="sheet"``).
Read back with poppler (``pdftotext -bbox``: boxes in points from the top left).
"""

from __future__ import annotations

import pytest
from pdf_pages import Pdf, Word, squash

from forms.demo import load_demo
from forms.document import Document
from forms.pdf import render_pdf_bytes
from forms.validation import Status, validate

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
TYPE_WIDTH = 28 * 16
TOP, BOTTOM = 37 * MM, (297 - 35) * MM
LEADING = 225 * MM / 22
SEAL_RADIUS = 22.5 * MM
SIGNATORY_LINE = ["单位负责人：周明远", "审核人：陈晓岚", "填报人：王思琪"]


def demo2021() -> Document:
    return load_demo("gov-info-2021")


@pytest.fixture(scope="module")
def pdf() -> Pdf:
    return Pdf(render_pdf_bytes(demo2021()))


def right_edge(index: int) -> float:
    left = 28 * MM if index % 2 == 0 else PAGE_WIDTH - 28 * MM - TYPE_WIDTH
    return left + TYPE_WIDTH


def body(words: list[Word]) -> list[Word]:
    return sorted(
        (w for w in words if w.y0 > TOP - 2 and w.y1 < BOTTOM + 2), key=lambda w: (w.y0, w.x0)
    )


def closing_words(pdf: Pdf, document: Document) -> tuple[int, list[Word], Word, Word]:
    """The page of the 落款, its body words, and the unit's and the date's words."""
    date = "2026年1月20日"
    for index in reversed(range(pdf.page_count)):
        words = body(pdf.words()[index])
        dates = [w for w in words if w.text == date]
        units = [w for w in words if w.text == document.unit]
        if dates and units:
            return index, words, units[-1], dates[-1]
    raise AssertionError("no 落款")


def test_the_2021_demo_is_final_and_ends_with_the_closing_and_signatory_line(pdf: Pdf) -> None:
    document = demo2021()
    assert validate(document).status is Status.READY
    last = squash(pdf.text(pdf.page_count - 1))
    expected = document.unit + "2026年1月20日" + "".join(SIGNATORY_LINE)
    expected += "联系电话：0999-5551234填报日期：2026年1月20日"
    assert last.endswith(squash(expected))
    assert pdf.text(pdf.page_count - 1).index("六、其他需要报告的事项") < last.index(document.unit)


def test_the_unit_is_centred_above_the_date_four_characters_in_from_the_right(
    pdf: Pdf,
) -> None:
    index, _words, unit, date = closing_words(pdf, demo2021())
    assert right_edge(index) - date.x1 == pytest.approx(4 * 16, abs=1)
    assert (unit.x0 + unit.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=1)
    assert date.y0 - unit.y0 == pytest.approx(LEADING, abs=0.5)  # on consecutive lines


def _seal_room(pdf: Pdf, document: Document) -> None:
    """A 45 mm seal centred over unit and date: inside the type area, its top within one
    line under the text above (and not on it), nothing but unit and date under it."""
    index, words, unit, date = closing_words(pdf, document)
    centre_y = (unit.y0 + date.y1) / 2
    centre_x = (unit.x0 + unit.x1) / 2
    top, bottom = centre_y - SEAL_RADIUS, centre_y + SEAL_RADIUS
    assert top >= TOP - 1 and bottom <= BOTTOM + 1, f"seal outside the type area, p. {index + 1}"
    above = [w for w in words if w.y1 < unit.y0 - 1]
    assert above, f"seal on a page with no text above it, p. {index + 1}"
    gap = top - max(w.y1 for w in above)
    assert 0 <= gap <= LEADING, f"seal top {gap:.1f} pt under the text, p. {index + 1}"
    under = [
        w
        for w in words
        if w not in (unit, date)
        and w.y1 > top
        and w.y0 < bottom
        and w.x1 > centre_x - SEAL_RADIUS
        and w.x0 < centre_x + SEAL_RADIUS
    ]
    assert under == [], f"text under the seal, p. {index + 1}: {under}"


def test_the_seal_has_room(pdf: Pdf) -> None:
    _seal_room(pdf, demo2021())


@pytest.mark.parametrize("extra_lines", range(0, 22, 1))
def test_the_seal_never_stands_alone(extra_lines: int) -> None:
    """Lengthen 六 a line at a time so the 落款 and its seal cross the page end."""
    document = demo2021()
    document.narrative["other"] += "\n本年度无其他需要报告的事项。" * extra_lines
    _seal_room(Pdf(render_pdf_bytes(document)), document)


def test_signatures_on_a_submission_sheet() -> None:
    """``signatures="sheet"``: the report keeps its 落款 without the signatory line; a last
    page 报送单 carries the unit, the year, the signatory fields and a cell for the seal."""
    document = demo2021()
    pdf = Pdf(render_pdf_bytes(document, signatures="sheet"))
    sheet = pdf.page_count - 1
    assert pdf.pages_with("政府信息公开工作年度报告报送单") == [sheet]
    report = "".join(pdf.text(i) for i in range(sheet))
    assert report.endswith(squash(document.unit + "2026年1月20日"))
    assert not any(entry in report for entry in SIGNATORY_LINE)
    text = pdf.text(sheet)
    for label, value in [
        ("填报单位", document.unit),
        ("报告年度", "2025年度"),
        ("单位负责人", "周明远"),
        ("审核人", "陈晓岚"),
        ("填报人", "王思琪"),
        ("联系电话", "0999-5551234"),
        ("填报日期", "2026年1月20日"),
    ]:
        assert label + value in text
    words = body(pdf.words()[sheet])
    [date] = [w for w in words if w.text == "2026年1月20日"]
    [stamp] = [w for w in words if w.text == "（盖章）"]
    assert stamp.y0 - date.y1 >= 45 * MM  # the seal's cell


def test_the_2018_form_can_put_its_signatories_on_a_sheet_too() -> None:
    document = load_demo()
    pdf = Pdf(render_pdf_bytes(document, signatures="sheet"))
    sheet = pdf.pages_with("报送单")[0]
    assert "单位负责人李有凌" in pdf.text(sheet)
    assert [i for i in pdf.pages_with("单位负责人：李有凌")] == []
    assert len(pdf.pages_with("填报单位（盖章）：")) == 2  # the 2018 seal label stays


def test_an_unknown_signature_place_is_refused() -> None:
    with pytest.raises(ValueError, match="签署栏"):
        render_pdf_bytes(demo2021(), signatures="elsewhere")  # type: ignore[arg-type]


def test_headings_print_as_the_report_wrote_them() -> None:
    document = demo2021()
    document.headings["problems"] = "五、存在的主要问题及改进情况（本单位）"
    pdf = Pdf(render_pdf_bytes(document))
    assert pdf.pages_with("五、存在的主要问题及改进情况（本单位）")


def test_a_blank_date_prints_as_a_form_to_fill_in() -> None:
    document = demo2021()
    document.signatories["issued"] = ""
    pdf = Pdf(render_pdf_bytes(document))
    assert "年月日" in pdf.text(pdf.pages_with(document.unit)[-1])


def test_run_in_sub_headings_are_text_so_part_five_follows_table_four(pdf: Pdf) -> None:
    """ "（一）存在的主要问题：一是…。" is a paragraph with a 楷体 run-in head (up to the ：),
    not a heading to keep with what follows: 五 starts right under table 四, on its page."""
    [four] = [i for i in pdf.pages_with("未经复议直接起诉") if i < pdf.page_count - 1]
    assert pdf.pages_with("五、存在的主要问题及改进情况") == [four]
    words = body(pdf.words()[four])
    [run_in] = [w for w in words if w.text.startswith("（一）存在的主要问题")]
    assert run_in.y0 < BOTTOM - 2 * LEADING  # with its lines, not pushed to the next page


def test_text_after_a_table_is_back_on_the_grid(pdf: Pdf) -> None:
    """Every 16 pt line of running text on every page (before, between and after the
    tables) stands on one 22-line grid; only the 落款 block is set off it."""
    document = demo2021()
    closing = {document.unit, "2026年1月20日"}
    offsets = set()
    for index, words in enumerate(pdf.words()):
        for word in body(words):
            running = abs(word.y1 - word.y0 - 16) < 0.3 and "、" not in word.text[:3]
            if running and word.text not in closing and "：" not in word.text[3:6]:
                offsets.add((index, round(((word.y0 - TOP) / LEADING) % 1, 2)))
    four = pdf.pages_with("未经复议直接起诉")[0]  # 五's text under table 四 on that page
    assert {0, four, pdf.page_count - 1} <= {page for page, _ in offsets}
    assert len({offset for _, offset in offsets}) == 1, sorted(offsets)
