"""The seed's print measured on the demo: margins, the type area's edge, line ends, the grid.

Boxes come from poppler (``pdftotext -bbox``: points from the top left), baselines from pypdf
(points from the bottom left). GB/T 9704: binding margin 28 mm, type area 22 lines of 28
characters of 三号 (16 pt), no mark past the type area, no line ending with an opening mark.
"""

from __future__ import annotations

import pytest
from pdf_pages import PAGE_NUMBER, Pdf, Word

from forms.demo import load_demo
from forms.document import Document
from forms.pdf import render_pdf_bytes

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
TOP, BOTTOM = 37 * MM, (297 - 35) * MM  # the type area, from the top of the sheet
TYPE_WIDTH = 28 * 16
LEADING = 225 * MM / 22
OPENING = "“‘《（〈「『【〔"
CLOSING = "，。、；：？！）》”’…"


def report_pages(pdf: Pdf) -> list[int]:
    """The pages of running text: the report up to 附件1, and 附件2 (the analysis)."""
    annex1, annex2 = pdf.pages_with("附件1")[0], pdf.pages_with("附件2")[0]
    return [*range(annex1), annex2, annex2 + 1]


def type_area(words: list[Word]) -> list[Word]:
    return [word for word in words if word.y0 > TOP - 2 and word.y1 < BOTTOM + 2]


def left_edge(index: int) -> float:
    """Odd pages (index 0, 2, …) are bound on the left, even ones on the right."""
    return 28 * MM if index % 2 == 0 else PAGE_WIDTH - 28 * MM - TYPE_WIDTH


@pytest.fixture(scope="module")
def words(demo_pdf: Pdf) -> list[list[Word]]:
    return demo_pdf.words()


def test_binding_margin_is_28_mm(demo_pdf: Pdf, words: list[list[Word]]) -> None:
    """Measured: from the binding edge to the nearest text, 28 ± 1 mm on every page."""
    for index in report_pages(demo_pdf):
        body = type_area(words[index])
        if index % 2 == 0:
            margin = min(word.x0 for word in body) / MM
        else:
            margin = (PAGE_WIDTH - max(word.x1 for word in body)) / MM
        assert margin == pytest.approx(28, abs=0.05), f"page {index + 1}: {margin:.2f} mm"


def test_no_mark_passes_the_type_area(demo_pdf: Pdf, words: list[list[Word]]) -> None:
    """Every line, hanging punctuation included, ends inside the 28-character type area;
    and full lines reach its edge (justified)."""
    full_lines = 0
    for index in report_pages(demo_pdf):
        left = left_edge(index)
        for word in type_area(words[index]):
            assert word.x0 >= left - 0.1, (index + 1, word)
            overhang = (word.x1 - left - TYPE_WIDTH) / MM
            assert overhang <= 0.05, f"page {index + 1}: {word.text} {overhang:.2f} mm past"
            full_lines += word.x1 > left + TYPE_WIDTH - 0.5
    assert full_lines > 100


def _printed_lines(pdf: Pdf, pages: list[int]) -> list[str]:
    texts = pdf.pdftotext().split("\f")
    return [
        line.strip()
        for index in pages
        for line in texts[index].splitlines()
        if line.strip() and not PAGE_NUMBER.match(line.strip())
    ]


def test_no_line_ends_with_an_opening_mark_or_starts_with_a_closing_one(demo_pdf: Pdf) -> None:
    lines = _printed_lines(demo_pdf, report_pages(demo_pdf))
    assert len(lines) > 150
    assert [line for line in lines if line[-1] in OPENING] == []
    assert [line for line in lines if line[0] in CLOSING] == []


@pytest.mark.parametrize("shift", range(0, 30, 3))
def test_marks_at_every_place_of_a_line_keep_the_rules(shift: int) -> None:
    """A paragraph with “quotes”, 《titles》 and （brackets） shifted by one character at a
    time, so that each mark meets the end of a line somewhere."""
    document = load_demo()
    sentence = "按照“要点”要求，学习《条例》（修订）内容，完成“两馆一中心”建设。"
    document.narrative["other"] = "通" * shift + sentence * 12
    pdf = Pdf(render_pdf_bytes(document))
    page = pdf.pages_with("七、需要说明的其他事项")[0]
    lines = _printed_lines(pdf, [page, page + 1])
    assert [line for line in lines if line[-1] in OPENING] == []
    assert [line for line in lines if line[0] in CLOSING] == []
    for index, word in [(i, w) for i in (page, page + 1) for w in type_area(pdf.words()[i])]:
        assert word.x1 <= left_edge(index) + TYPE_WIDTH + 0.1, word


def _grid_offsets(pdf: Pdf, document: Document, pages: list[int]) -> dict[int, set[float]]:
    """Per page, where the baselines of running text sit between two grid lines (0–1)."""
    top = (297 - 37) * MM
    offsets: dict[int, set[float]] = {}
    for index in pages:
        for line in pdf.lines(index):
            if line.y < 35 * MM or line.text in (document.unit, "2018年政府信息公开工作年度报告"):
                continue
            offset = ((top - line.y) / LEADING) % 1
            offsets.setdefault(index, set()).add(round(offset, 2) % 1)
    return offsets


def test_page_one_sits_on_the_grid_of_the_other_pages(demo_pdf: Pdf) -> None:
    """Every line of running text, on page 1 too, on one 22-line grid."""
    pages = list(range(demo_pdf.pages_with("附件1")[0]))
    offsets = _grid_offsets(demo_pdf, load_demo(), pages)
    assert set(offsets) == set(pages)
    assert all(len(found) == 1 for found in offsets.values()), offsets
    assert len({next(iter(found)) for found in offsets.values()}) == 1, offsets


def test_the_title_lines_sit_on_the_grid_too(demo_pdf: Pdf) -> None:
    """The two title lines and the blank line under them take three grid lines exactly."""
    [preface] = [line for line in demo_pdf.lines(0) if line.text.startswith("本报告根据")]
    [title] = [line for line in demo_pdf.lines(0) if line.text.endswith("年度报告")]
    [second] = [line for line in demo_pdf.lines(1) if line.text.startswith("和监督的渠道")]
    first_baseline = (297 - 37) * MM - second.y  # the first line of a full page
    assert (297 - 37) * MM - preface.y == pytest.approx(first_baseline + 3 * LEADING, abs=0.2)
    assert 1 < ((297 - 37) * MM - title.y) / LEADING <= 2  # in the second grid line
