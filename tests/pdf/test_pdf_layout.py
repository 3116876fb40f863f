"""Where things sit on the page: margins, the seal space, new pages, wide tables.

Positions are read back from the PDF (pypdf text positions, in points from the bottom left).
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from pdf_pages import Pdf, squash

from forms.definition import FormDefinition
from forms.definition_files import load_form, parse_definition
from forms.demo import load_demo
from forms.document import Document, new_document
from forms.pdf import render_pdf_bytes

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
SEAL = "填报单位（盖章）："


def body_lines(pdf: Pdf, index: int) -> list:  # type: ignore[type-arg]
    """The lines inside the type area (no page number, no footer)."""
    return [line for line in pdf.lines(index) if line.y > 34 * MM]


def test_type_area_follows_the_binding_side(demo_pdf: Pdf) -> None:
    """Odd pages: text from 28 mm; even pages: 28 characters (448 pt) before the binding
    margin of 28 mm on the right."""
    for index, left in [
        (1, PAGE_WIDTH - 28 * MM - 448),
        (2, 28 * MM),
        (3, PAGE_WIDTH - 28 * MM - 448),
    ]:
        lefts = [line.x for line in body_lines(demo_pdf, index)]
        assert min(lefts) == pytest.approx(left, abs=0.5)
    top = max(line.y for line in body_lines(demo_pdf, 1))
    assert PAGE_HEIGHT - 37 * MM - top == pytest.approx(16 * 0.88, abs=3)  # first baseline


def test_twenty_two_lines_on_a_full_page(demo_pdf: Pdf) -> None:
    lines = body_lines(demo_pdf, 2)
    assert len({round(line.y) for line in lines}) == 22


def test_twenty_eight_characters_a_line(demo_pdf: Pdf) -> None:
    """Lines of Chinese text only: 28 characters, never 29 (no mark hangs in the margin)."""
    lengths = Counter(
        len(line.text)
        for index in range(1, 8)
        for line in body_lines(demo_pdf, index)
        if all(ord(char) > 0x2E80 for char in line.text)
    )
    assert lengths.most_common(1)[0][0] == 28
    assert max(lengths) == 28


def test_each_annex_starts_a_new_page(demo_pdf: Pdf) -> None:
    for annex in ["附件1", "附件2"]:
        [page] = demo_pdf.pages_with(annex)
        first = body_lines(demo_pdf, page)[0]
        assert first.text == annex
        assert first.x < 30 * MM  # top left


def _seal_never_alone(pdf: Pdf) -> None:
    """Text above 填报单位（盖章）, and room in the type area for a 45 mm seal centred over
    the block from 填报单位（盖章） to its last line (the date, where there is one)."""
    for page in pdf.pages_with(SEAL):
        lines = body_lines(pdf, page)
        start = next(i for i, line in enumerate(lines) if line.text.startswith("填报单位"))
        assert start > 0, f"seal space alone on page {page + 1}"
        centre = (lines[start].y + lines[-1].y) / 2
        assert centre - 22.5 * MM >= 35 * MM - 2 * MM, f"no room for the seal, p. {page + 1}"


@pytest.mark.parametrize("extra_lines", range(0, 22, 1))
def test_seal_block_of_the_analysis_never_stands_alone(extra_lines: int) -> None:
    """Lengthen 附件2 a line at a time so its seal block crosses the page end."""
    document = load_demo()
    document.narrative["analysis"] += "\n本年度工作情况说明。" * extra_lines
    _seal_never_alone(Pdf(render_pdf_bytes(document)))


def _form_with_rows(count: int) -> FormDefinition:
    raw = dataclasses.asdict(load_form("gov-info-2018"))
    row = {"id": "r0", "label": "统计项目", "unit": "件", "kind": "integer", "level": 0}
    raw["tables"][0]["rows"] = [{**row, "id": f"r{i}"} for i in range(count)]
    raw.update(rules=[], history_row=None, history_years=0, id="test-rows")
    raw.update(text_checks={}, drafts=[])  # they quote rows this table no longer has
    return parse_definition(raw, source="test")


@pytest.mark.parametrize("rows", range(14, 30, 1))
def test_seal_block_of_the_table_never_stands_alone(rows: int) -> None:
    """Grow 附件1 a row at a time so the seal space under it crosses the page end."""
    form = _form_with_rows(rows)
    document = Document(form.id, 1, unit="测试单位", year=2018, preface="前言。")
    document.values = {f"r{i}": i for i in range(rows)}
    pdf = Pdf(render_pdf_bytes(document, form=form))
    _seal_never_alone(pdf)
    assert "统计项目" in pdf.text(pdf.pages_with(SEAL)[0])


def in_order(needle: str, text: str) -> bool:
    """Every character of ``needle`` found in ``text`` in order."""
    rest = iter(text)
    return all(char in rest for char in needle)


def filled_2021() -> Document:
    document = new_document("gov-info-2021", "某某县人民政府办公室", 2023)
    for number, cell in enumerate(document.form.index.cell_order):
        document.values[cell] = number
    for part in document.form.narrative:
        document.narrative[part.id] = f"{part.title}的说明。"
    return document


def test_2021_tables_print_inside_their_parts_and_fit_the_page() -> None:
    document = filled_2021()
    pdf = Pdf(render_pdf_bytes(document))
    for index in range(pdf.page_count):
        for line in pdf.lines(index):
            assert 0 <= line.x <= PAGE_WIDTH and 0 <= line.y <= PAGE_HEIGHT, line
    text, stacked = pdf.all_text(), pdf.all_stacked_text()
    for table in document.form.tables:
        assert squash(table.title) in text
        for column in table.columns:  # centred head lines wrap at different x
            assert in_order(column.label, text)
        for row in table.rows:
            assert squash(row.printed_label) in stacked
    parts = [text.index(squash(part.heading)) for part in document.form.narrative]
    assert parts == sorted(parts)
    assert text.index("第二十条第（一）项") < parts[2]  # 二's tables come before 三


def test_report_without_chart_annexes_or_signatories_still_ends_with_the_fingerprint() -> None:
    document = filled_2021()
    pdf = Pdf(render_pdf_bytes(document))
    assert document.fingerprint() in pdf.text(pdf.page_count - 1)
    assert "示意图" not in pdf.all_text()


def _heading_lines(document: Document) -> set[str]:
    """Part headings and the filer's heading-only lines (（一）… / 一、… without a 。)."""
    headings = {part.heading for part in document.form.narrative}
    for text in document.narrative.values():
        for line in text.splitlines():
            line = line.strip()
            if line[:1] in "（一二三四五六七八九十" and "。" not in line:
                headings.add(line)
    return {squash(heading) for heading in headings}


@pytest.mark.parametrize("extra_lines", range(0, 12, 2))
def test_no_page_ends_with_a_heading(extra_lines: int) -> None:
    document = load_demo()
    document.narrative["overview"] += "\n全区政务公开工作稳步推进。" * extra_lines
    pdf = Pdf(render_pdf_bytes(document))
    headings = _heading_lines(document)
    for index in range(pdf.page_count):
        lines = body_lines(pdf, index)
        assert lines and squash(lines[-1].text) not in headings, f"page {index + 1}"
