"""Reports kept as Word, web page or PDF, made at test time and read back figure by figure.

The demo reports of the three formats are written as a Word file (python-docx, merged group
headers), as a portal page (hand-made HTML, UTF-8 and GBK), and printed to PDF by the app
itself. Each is read back: the tables' grid cell by cell, every figure of the form, the unit
and year of the title, each narrative part, the contact line and the signatories.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from source_files import (
    Block,
    blocks,
    expected_cells,
    figures_in,
    html_page,
    printed_figures,
    write_docx,
    write_unruled_pdf,
)

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.document import Document
from forms.importing.sources import import_file, read_source
from forms.importing.sources.text import read_text
from forms.pdf import render_pdf

FORMS = ["gov-info-2021", "gov-info-2019", "gov-info-2018"]


@pytest.fixture(params=FORMS)
def report(request: pytest.FixtureRequest) -> Document:
    return load_demo(request.param)


def write(kind: str, report: Document, layout: list[Block], folder: Path) -> Path:
    """The report as a file of ``kind``: docx, html (UTF-8), gbk (GBK page), pdf (the app's)."""
    if kind == "docx":
        return write_docx(layout, folder / "年报.docx")
    if kind == "pdf":
        path = folder / "年报.pdf"
        render_pdf(report, path)
        return path
    path = folder / ("年报.htm" if kind == "gbk" else "年报.html")
    charset = "gb2312" if kind == "gbk" else "utf-8"
    page = html_page(layout, report.title(), charset)
    path.write_bytes(page.encode("gb18030" if kind == "gbk" else "utf-8"))
    return path


@pytest.mark.parametrize("kind", ["docx", "html", "gbk"])
def test_tables_are_read_cell_by_cell_with_their_merges(
    report: Document, kind: str, tmp_path: Path
) -> None:
    layout = blocks(report)
    source = read_source(write(kind, report, layout, tmp_path))
    (grid,) = source.grids
    assert grid.cells == expected_cells(layout)
    assert figures_in(grid, report) == printed_figures(report)


@pytest.mark.parametrize("kind", ["docx", "html", "gbk", "pdf"])
def test_every_figure_is_found_in_the_grid(report: Document, kind: str, tmp_path: Path) -> None:
    source = read_source(write(kind, report, blocks(report), tmp_path))
    expected = printed_figures(report)
    assert (
        len(expected)
        == {"gov-info-2021": 200, "gov-info-2019": 198, "gov-info-2018": 58}[report.form_id]
    )
    assert figures_in(source.grids[0], report) == expected


@pytest.mark.parametrize("kind", ["docx", "html", "gbk", "pdf"])
def test_title_parts_contact_and_signatories_are_read(
    report: Document, kind: str, tmp_path: Path
) -> None:
    source = read_source(write(kind, report, blocks(report), tmp_path))
    text = read_text(source.paragraphs, report.form)
    assert (text.unit, text.year) == (report.unit, report.year)
    assert text.missing == []
    assert text.contact == {key: value for key, value in report.contact.items() if value}
    assert text.signatories == {key: value for key, value in report.signatories.items() if value}
    assert text.headings == report.headings
    written = {part: body for part, body in report.narrative.items() if body}
    read = {part: body for part, body in text.narrative.items() if body}
    if kind == "pdf" and report.form_id == "gov-info-2018":
        # the seed's “累计 12234740 人次” may lose a space where the printed line breaks
        written, read = _squeezed(written), _squeezed(read)
    assert read == written


def _squeezed(parts: dict[str, str]) -> dict[str, str]:
    return {part: "".join(body.replace("\n", "¶").split()) for part, body in parts.items()}


@pytest.mark.parametrize("kind", ["docx", "html", "pdf"])
def test_a_report_imports_whole(report: Document, kind: str, tmp_path: Path) -> None:
    """Every figure, part, contact and signatory through ``import_file``, the form chosen
    from the tables (no ``--form``)."""
    imported = import_file(write(kind, report, blocks(report), tmp_path))
    document = imported.document
    assert imported.report.missing == [] and imported.report.not_understood == []
    assert len(imported.report.mapped) == len(printed_figures(report))
    assert (document.form_id, document.unit, document.year) == (
        report.form_id,
        report.unit,
        report.year,
    )
    assert {cell: document.values.get(cell) for cell in report.values} == report.values
    assert document.units == report.units  # 2019: the unit 采购总金额 is stated in
    assert document.contact == report.contact
    assert document.signatories == report.signatories
    assert document.preface == report.preface
    assert document.headings == report.headings
    if kind != "pdf" or report.form_id != "gov-info-2018":
        assert document.narrative == report.narrative
    assert _squeezed(document.narrative) == _squeezed(report.narrative)


def _heading_variant(heading: str, choice: int) -> str:
    """A heading as offices retype it: spaced, half-width, unnumbered, with a colon."""
    number, _, title = heading.partition("、")
    if not title:
        return heading
    return [
        heading,
        f"{number}、 {title}",
        f"{number}．{title}",
        title,
        f"{number}、{title}：",
        "　　" + heading,
    ][choice]


@given(st.lists(st.integers(0, 5), min_size=7, max_size=7), st.data())
def test_parts_are_found_under_retyped_headings(choices: list[int], data: st.DataObject) -> None:
    report = load_demo(data.draw(st.sampled_from(FORMS)))
    parts = report.form.narrative
    headings = {
        part.id: _heading_variant(part.heading, choice)
        for part, choice in zip(parts, choices, strict=False)
    }
    paragraphs = [block for block in blocks(report, headings) if isinstance(block, str)]
    text = read_text(paragraphs, report.form)
    assert text.missing == []
    assert {k: v for k, v in text.narrative.items() if v} == {
        k: v for k, v in report.narrative.items() if v
    }


JUNK = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(st.lists(JUNK, max_size=4), st.integers(0, 2))
def test_junk_around_the_report_leaves_figures_and_title_alone(junk: list[str], where: int) -> None:
    """Navigation, scripts' leftovers and stray text before the title or after the closing."""
    report = load_demo("gov-info-2021")
    layout = blocks(report)
    paragraphs = [block for block in layout if isinstance(block, str)]
    paragraphs = [*junk, *paragraphs] if where == 0 else [*paragraphs, *junk]
    text = read_text(paragraphs, report.form)
    if where == 0 and len(junk) <= 2:
        assert (text.unit, text.year) == (report.unit, report.year)
    assert text.narrative["overview"] == report.narrative["overview"]


@settings(max_examples=40)
@given(st.binary(max_size=3000), st.sampled_from([".docx", ".html", ".htm", ".pdf"]))
def test_any_bytes_are_read_or_refused_with_a_code(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"任意{suffix}"
        path.write_bytes(data)
        try:
            imported = import_file(path)
        except NianbaoError as refusal:
            assert refusal.code.startswith("F0")
        else:
            assert imported.document.form_id


def test_a_table_inside_a_cell_is_reported_not_read(tmp_path: Path) -> None:
    """Word and HTML: the outer cell keeps its own text; the inner table is named in the report."""
    import docx

    word = docx.Document()
    word.add_paragraph("青禾县自然资源局2021年政府信息公开工作年度报告")
    outer = word.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "自然人"
    outer.cell(1, 0).text = "一、本年新收政府信息公开申请数量"
    outer.cell(1, 1).text = "12"
    outer.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "99"
    word.save(str(tmp_path / "嵌套.docx"))
    page = tmp_path / "嵌套.html"
    page.write_text(
        "<table><tr><td>自然人</td><td>备注<table><tr><td>99</td></tr></table></td></tr>"
        "<tr><td>一、本年新收政府信息公开申请数量</td><td>12</td></tr></table>",
        encoding="utf-8",
    )
    for path in (tmp_path / "嵌套.docx", page):
        source = read_source(path)
        assert [item.reason for item in source.not_understood] == [
            "单元格中嵌有表格，内嵌表格未读取"
        ]
        assert "99" not in source.grids[0].cells.values()
        assert source.grids[0].cells[2, 2] == "12"


def test_tables_without_rules_are_rebuilt_from_positions(report: Document, tmp_path: Path) -> None:
    """A PDF whose tables are aligned text only: wrapped labels, units, centred group headers."""
    path = write_unruled_pdf(blocks(report), tmp_path / "无框.pdf")
    source = read_source(path)
    assert all("无框表格" in notice for notice in source.notices if "表格" in notice)
    assert figures_in(source.grids[0], report) == printed_figures(report)
    imported = import_file(path)
    assert imported.report.missing == [] and imported.report.ambiguous == []
    assert imported.document.form_id == report.form_id
    assert {cell: imported.document.values.get(cell) for cell in report.values} == report.values
    # the test's printer wraps lines by character count, so lines end ragged: text compared
    # without line breaks; the corner note of table 三, text outside the unruled table, is
    # read into part 三 there
    required = [part.id for part in report.form.narrative_parts() if part.required]
    read = _squeezed(imported.document.narrative)
    written = _squeezed(report.narrative)
    assert [read[part].replace("¶", "") for part in required] == [
        written[part].replace("¶", "") for part in required
    ]


def test_headings_written_without_numbers_as_in_the_pingchuan_report() -> None:
    """The 2018 report of 平川区 writes several headings without 二、三、… and one at length."""
    report = load_demo("gov-info-2018")
    headings = {part.id: part.title for part in report.form.narrative}
    headings["overview"] = "一、概述"
    headings["review_litigation"] = (
        "因政府信息公开申请及被申请行政复议、提起及被提起行政诉讼的情况，和接受行政申诉、举报的情况"
    )
    paragraphs = [block for block in blocks(report, headings) if isinstance(block, str)]
    text = read_text(paragraphs, report.form)
    assert text.missing == []
    assert text.narrative == report.narrative
    assert text.headings == {"review_litigation": headings["review_litigation"]}


def test_a_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    """The report's text on page 1, a scanned table (a picture) on page 2: page 2 is named."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from forms.pdf.fonts import last_resort_font

    path = tmp_path / "半扫描.pdf"
    sheet = canvas.Canvas(str(path))
    sheet.setFont(last_resort_font(), 14)
    sheet.drawString(100, 750, "青禾县自然资源局2021年政府信息公开工作年度报告")
    sheet.showPage()
    sheet.drawImage(ImageReader(Image.new("L", (300, 400), 200)), 0, 0, width=595, height=842)
    sheet.showPage()
    sheet.save()
    imported = import_file(path)
    assert [(item.source, item.reason) for item in imported.report.not_understood] == [
        ("第2页", "这一页没有文字层（可能是扫描的图片），内容未读取")
    ]
    assert (imported.document.unit, imported.document.year) == ("青禾县自然资源局", 2021)
    assert "文件中没有找到表格，统计数保持空白" in imported.report.notices


def test_a_page_saved_as_utf8_with_a_byte_order_mark_and_no_meta(tmp_path: Path) -> None:
    report = load_demo("gov-info-2021")
    page = html_page(blocks(report), report.title()).replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', ""
    )
    path = tmp_path / "年报.htm"
    path.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    source = read_source(path)
    assert "网页编码：utf-8" in source.notices
    assert figures_in(source.grids[0], report) == printed_figures(report)
