"""The 2021 tables as published reports print them: portrait, one type size, every label.

Read back with poppler (``pdftotext -bbox``: word boxes in points from the top left, the box
height is the type size) and pypdf. A table that cannot fit in portrait at 9 pt is turned
per GB/T 9704 §10.2; a table never leaves one row alone on a page.
"""

from __future__ import annotations

import dataclasses

import pytest
from pdf_pages import Pdf, Word, squash

from forms.definition import FormDefinition
from forms.definition_files import load_form, parse_definition
from forms.document import Document, new_document
from forms.pdf import render_pdf_bytes

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
TYPE_WIDTH = 28 * 16
TOP, BOTTOM = 37 * MM, (297 - 35) * MM
FORM = load_form("gov-info-2021")
REQUESTS, REVIEW = FORM.tables[-2], FORM.tables[-1]


def filled(form: FormDefinition = FORM, overview_lines: int = 3) -> Document:
    """Every cell a different figure (its place in the form), the overview lengthened."""
    if form is FORM:
        document = new_document(form.id, "某某县人民政府办公室", 2023)
    else:
        document = Document(form.id, 1, unit="某某县人民政府办公室", year=2023, preface="前言。")
    for number, cell in enumerate(form.index.cell_order):
        document.values[cell] = number
    document.narrative["overview"] = "\n".join(
        ["本年度政府信息公开工作稳步推进。"] * overview_lines
    )
    return document


@pytest.fixture(scope="module")
def pdf() -> Pdf:
    return Pdf(render_pdf_bytes(filled()))


def table_words(words: list[Word]) -> list[Word]:
    """Words inside the type area set smaller than the body (16 pt) and page numbers (14)."""
    return [w for w in words if w.y0 > TOP - 2 and w.y1 < BOTTOM + 2 and w.y1 - w.y0 < 13]


def left_edge(index: int) -> float:
    return 28 * MM if index % 2 == 0 else PAGE_WIDTH - 28 * MM - TYPE_WIDTH


def figures_of(
    document: Document, table_index: int, row: str, form: FormDefinition = FORM
) -> list[str]:
    table = form.tables[table_index]
    return [str(document.values[table.cell_key(row, column.id)]) for column in table.columns]


def column_texts(words: list[Word], centres: list[float], below: float, above: float) -> list[str]:
    """The head's words between two heights, gathered by the value column under them."""
    texts = [""] * len(centres)
    for word in sorted(words, key=lambda w: (w.y0, w.x0)):
        middle = (word.x0 + word.x1) / 2
        if below < word.y0 < above:
            nearest = min(range(len(centres)), key=lambda i: abs(centres[i] - middle))
            texts[nearest] += word.text
    return texts


def test_table_four_prints_in_portrait_across_the_type_area(pdf: Pdf) -> None:
    document = filled()
    words = pdf.words()
    page = pdf.pages_with("未经复议直接起诉")[0]
    sheet = pdf.reader.pages[page]
    assert sheet.mediabox.width < sheet.mediabox.height and not sheet.get("/Rotate")
    small = table_words(words[page])
    figures = figures_of(document, -1, "cases")
    row = [w for w in small if w.text in figures and w.x0 > left_edge(page) + 40]
    assert [w.text for w in sorted(row, key=lambda w: w.x0)] == figures  # left to right
    assert len({round(w.y0) for w in row}) == 1  # on one line: the sheet is not turned
    left, right = min(w.x0 for w in small), max(w.x1 for w in small)
    assert left >= left_edge(page) and right <= left_edge(page) + TYPE_WIDTH
    assert right - left > 0.9 * TYPE_WIDTH  # across the type area
    assert min(w.y1 - w.y0 for w in small) >= 9


def test_table_four_reads_back_every_label(pdf: Pdf) -> None:
    """案件数, the groups 行政复议 / 行政诉讼 → 未经复议直接起诉, 复议后起诉, and the fifteen
    column labels, each under its group, left to right."""
    words = pdf.words()
    page = pdf.pages_with("未经复议直接起诉")[0]
    small = table_words(words[page])
    by_text = {w.text: w for w in small}
    groups = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    assert all(group in by_text for group in groups)
    review, litigation, direct, after = (by_text[group] for group in groups)
    assert review.x1 < litigation.x0 and direct.x1 < after.x0
    assert review.y0 == pytest.approx(litigation.y0, abs=1) and direct.y0 > litigation.y1
    assert direct.x0 < litigation.x0 and litigation.x1 < after.x1  # over both its groups
    figures = figures_of(filled(), -1, "cases")
    row = sorted((w for w in small if w.text in figures), key=lambda w: w.x0)
    centres = [(w.x0 + w.x1) / 2 for w in row]
    heads = [w for w in small if w.text not in groups]
    labels = column_texts(heads, centres, litigation.y1, row[0].y0 - 1)
    assert labels == [column.label for column in REVIEW.columns]
    assert "案件数" in by_text and by_text["案件数"].x1 < row[0].x0


def _table_three_pages(pdf: Pdf) -> list[int]:
    start = pdf.pages_with("申请人情况")[0]
    end = pdf.pages_with("结转下年度继续办理")[0]
    return list(range(start, end + 1))


def test_table_three_reads_back_every_label(pdf: Pdf) -> None:
    """The corner note, the groups 申请人情况 → 法人或其他组织, the seven columns, and every
    row label (numbering and notes included), top to bottom over its pages."""
    document = filled()
    words = pdf.words()
    pages = _table_three_pages(pdf)
    first = table_words(words[pages[0]])
    by_text = {w.text: w for w in first}
    applicants, organisations = by_text["申请人情况"], by_text["法人或其他组织"]
    assert applicants.y1 < organisations.y0
    row = [w for w in first if w.text in figures_of(document, -2, "requests.new")]
    row.sort(key=lambda w: w.x0)
    centres = [(w.x0 + w.x1) / 2 for w in row]
    label_edge = centres[0] - 14
    heads = [
        w
        for w in first
        if (w.x0 + w.x1) / 2 > label_edge and w.text not in (applicants.text, organisations.text)
    ]
    labels = column_texts(heads, centres, applicants.y1, row[0].y0 - 1)
    assert labels == [column.label for column in REQUESTS.columns]
    assert organisations.x0 > centres[0] and organisations.x1 < centres[-1]
    corner = [w for w in first if w.x1 < label_edge and applicants.y0 - 2 < w.y0 < row[0].y0 - 1]
    assert squash("".join(w.text for w in corner)) == squash(REQUESTS.note)
    printed = ""
    for index in pages:
        body = table_words(words[index])
        numbers = [w for w in body if w.text.isdigit() and w.x0 > label_edge]
        head_end = min(w.y0 for w in numbers) - 12 if index != pages[0] else row[0].y0 - 1
        ends = [w.y0 for w in body if w.text.endswith("结转下年度继续办理")]
        last_row = ends[0] if ends else BOTTOM
        printed += "".join(
            w.text
            for w in sorted(body, key=lambda w: (w.y0, w.x0))
            if w.x1 < label_edge and head_end < w.y0 <= last_row
        )
    assert squash(printed) == squash("".join(row.printed_label for row in REQUESTS.rows))


def test_one_table_size_across_the_2021_tables(pdf: Pdf) -> None:
    """Every table word of the report (二's four blocks, 三, 四) in one size, at least 9 pt:
    the largest at which 四's fifteen columns fit in portrait (五号, 10.5 pt)."""
    last = pdf.pages_with("未经复议直接起诉")[0]
    sizes = [w.y1 - w.y0 for i in range(last + 1) for w in table_words(pdf.words()[i])]
    assert len(sizes) > 300
    assert min(sizes) == pytest.approx(10.5, abs=0.15) and max(sizes) == pytest.approx(
        10.5, abs=0.15
    )


def _rows_on_pages(pdf: Pdf, document: Document) -> dict[int, int]:
    """Per page of the report, how many rows of table 三 it shows (a value row by its
    figures, a heading row by its label)."""
    table = document.form.tables[-2]
    figure_rows = {
        str(document.values[table.cell_key(row.id, column.id)]): row.id
        for row in table.value_rows()
        for column in table.columns
    }
    headings = [squash(row.printed_label) for row in table.rows if row.is_heading]
    counts: dict[int, int] = {}
    problems = pdf.pages_with("尚未解决的问题")
    for index, words in enumerate(pdf.words()):
        if problems and index >= problems[0]:
            break
        small = table_words(words)
        rows = {figure_rows[w.text] for w in small if w.text in figure_rows and w.x0 > 200}
        texts = {squash(w.text) for w in small}
        counts[index] = len(rows) + sum(heading in texts for heading in headings)
    return counts


@pytest.mark.parametrize("overview_lines", range(0, 40, 3))
def test_no_page_shows_a_single_row_of_table_three(overview_lines: int) -> None:
    """Lengthen 一 a line at a time so table 三 meets the page end at every row: each page
    shows none of its rows or at least two, and 三's heading stands with the table."""
    document = filled(overview_lines=overview_lines)
    pdf = Pdf(render_pdf_bytes(document))
    counts = _rows_on_pages(pdf, document)
    assert sum(counts.values()) >= len(REQUESTS.rows)  # every row printed (heads repeat)
    assert all(count == 0 or count >= 2 for count in counts.values()), counts
    heading_page = pdf.pages_with("三、收到和处理政府信息公开申请情况")[0]
    assert counts[heading_page] >= 2


def _wide_form() -> FormDefinition:
    """The 2021 form with a 22-column table in 四: too wide for portrait even at 9 pt."""
    raw = dataclasses.asdict(FORM)
    columns = [{"id": f"c{i}", "label": f"第{i}列", "groups": []} for i in range(22)]
    raw["tables"][-1].update(columns=columns)
    raw.update(rules=[], id="test-wide", text_checks={}, drafts=[])  # 四's columns are gone
    return parse_definition(raw, source="test")


def test_a_table_too_wide_at_9_pt_turns_with_its_head_to_the_left_on_odd_and_even_pages() -> None:
    """GB/T 9704 §10.2: the head faces the binding edge on odd pages (left) and the outer
    edge on even pages (left too); the page number stays where it is on other pages."""
    form = _wide_form()
    parities = set()
    for lines in (0, 14, 28, 42):
        document = filled(form, overview_lines=lines)
        pdf = Pdf(render_pdf_bytes(document, form=form))
        page = pdf.pages_with("四、政府信息公开行政复议")[0]
        figures = figures_of(document, -1, "cases", form)
        found = [line for line in pdf.lines(page) if line.text in figures]
        found.sort(key=lambda line: line.y)
        assert [line.text for line in found] == figures  # read up the turned page
        assert len({round(line.x) for line in found}) == 1
        [title] = [line for line in pdf.lines(page) if line.text.startswith("四、")]
        assert title.x < found[0].x  # the head to the left of the figures
        number = f"— {page + 1} —"
        [mark] = [line for line in pdf.lines(page) if line.text == number]
        assert mark.y < 30 * MM
        assert (mark.x > PAGE_WIDTH / 2) == (page % 2 == 0)  # outer side, as on other pages
        parities.add(page % 2)
    assert parities == {0, 1}


def test_an_empty_part_prints_its_heading_only_over_its_tables() -> None:
    """二–四 without text keep their headings (their tables follow); 五 and 六 without text
    print nothing, not even the heading: no empty placeholder on paper."""
    document = filled()
    for part_id in ("proactive", "requests", "review_litigation", "problems", "other"):
        document.narrative[part_id] = ""
    pdf = Pdf(render_pdf_bytes(document))
    problems = pdf.pages_with("尚未解决的问题")[0]  # a draft: the list names the parts
    text = "".join(pdf.text(i) for i in range(problems))
    for part in FORM.narrative:
        printed = squash(part.heading) in text
        assert printed == (part.id not in ("problems", "other")), part.heading


@pytest.mark.parametrize(
    ("form_id", "heads"),
    [
        (
            "gov-info-2021",
            ["本年制发件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"],
        ),
        (
            "gov-info-2019",
            ["本年新制作数量", "上一年项目数量", "处理决定数量", "采购总金额（单位：元）"],
        ),
    ],
)
def test_the_heads_of_part_two_print_on_one_line(form_id: str, heads: list[str]) -> None:
    """本年制发件数 printed as 本年制发件 over a lone 数 looked broken: the blocks of 二 have
    room for each head on one line (the unit the report states included)."""
    from forms.demo import load_demo

    pdf = Pdf(render_pdf_bytes(load_demo(form_id)))
    page = next(i for i in range(pdf.page_count) if "第二十条第（一）项" in squash(pdf.text(i)))
    lines = [line.text.replace(" ", "") for line in pdf.lines(page)]
    for head in heads:
        assert any(head in line for line in lines), head
