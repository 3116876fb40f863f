"""The Word file: the report's text and figures, real tables with merged and repeated heads,
GB/T 9704 page and faces, the 落款 and signatories; hostile text; the atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from published import open_word, word_lines

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.document import new_document
from forms.docx import docx_bytes, render_docx
from forms.outline import outline, report_text
from forms.table_grid import Grid
from forms.values import format_entry
from forms.xlsx import open_document, save_document

FORMS = ["gov-info-2018", "gov-info-2021"]


@pytest.fixture(scope="module")
def word_2021():  # type: ignore[no-untyped-def]
    return open_word(docx_bytes(load_demo("gov-info-2021")))


@pytest.mark.parametrize("form_id", FORMS)
def test_the_word_text_is_the_report_text(form_id: str) -> None:
    document = load_demo(form_id)
    lines = word_lines(open_word(docx_bytes(document)))
    expected = report_text(outline(document)).splitlines()
    assert lines == [line for line in expected if line]
    assert document.narrative["overview"].strip().splitlines()[-1].strip() in lines


@pytest.mark.parametrize("form_id", FORMS)
def test_the_figures_are_those_of_the_xlsx(form_id: str, tmp_path: Path) -> None:
    """Saved as xlsx, read back by the app's reader, written to Word: every figure of every
    table, row by row, equals the xlsx's."""
    save_document(load_demo(form_id), tmp_path / "年报.xlsx")
    from_xlsx = open_document(tmp_path / "年报.xlsx").document
    word = open_word(docx_bytes(from_xlsx))
    grids = [block for block in outline(from_xlsx).blocks if isinstance(block, Grid)]
    assert len(word.tables) == len(grids)
    checked = 0
    for table, grid in zip(word.tables, grids, strict=True):
        body = table.rows[len(table.rows) - len(grid.rows) :]
        for word_row, row in zip(body, grid.rows, strict=True):
            texts = [cell.text for cell in word_row.cells][grid.lead_columns :]
            if row.cells:
                assert texts == [format_entry(from_xlsx.values.get(c)) for c in row.cells]
                checked += len(row.cells)
    assert checked == sum(len(list(t.cell_keys())) for t in from_xlsx.form.tables)
    figures = "12457" if form_id == "gov-info-2018" else "236"
    assert any(figures == cell.text for t in word.tables for cell in t._cells)


def _row_cells(table, index):  # type: ignore[no-untyped-def]
    return table._tbl.findall(qn("w:tr"))[index].findall(qn("w:tc"))


def _span(cell) -> int:  # type: ignore[no-untyped-def]
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(span.get(qn("w:val"))) if span is not None else 1


def _merge(cell) -> str | None:  # type: ignore[no-untyped-def]
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return None if merge is None else merge.get(qn("w:val")) or "continue"


def _table_with(word, text: str):  # type: ignore[no-untyped-def]
    return next(t for t in word.tables if any(text in c.text for c in t.rows[0].cells))


def test_group_headers_are_merged_cells(word_2021) -> None:  # type: ignore[no-untyped-def]
    requests = _table_with(word_2021, "勾稽关系")
    top, middle, bottom = (_row_cells(requests, i) for i in range(3))
    assert [(c.xpath("string(.)"), _span(c), _merge(c)) for c in top] == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 1, "restart"),
        ("申请人情况", 7, None),
    ]
    assert [(c.xpath("string(.)"), _span(c), _merge(c)) for c in middle] == [
        ("", 1, "continue"),
        ("自然人", 1, "restart"),
        ("法人或其他组织", 5, None),
        ("总计", 1, "restart"),
    ]
    assert [c.xpath("string(.)") for c in bottom] == [
        "",
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    ]
    cases = _table_with(word_2021, "行政复议")
    top = _row_cells(cases, 0)
    assert [(c.xpath("string(.)"), _span(c)) for c in top] == [
        ("", 1),
        ("行政复议", 5),
        ("行政诉讼", 10),
    ]
    assert [(c.xpath("string(.)"), _span(c)) for c in _row_cells(cases, 1)][-2:] == [
        ("未经复议直接起诉", 5),
        ("复议后起诉", 5),
    ]
    assert cases.rows[-1].cells[0].text == "案件数"
    assert [c.text for c in cases.rows[-1].cells[1:6]] == ["1", "0", "0", "1", "2"]


@pytest.mark.parametrize("form_id", FORMS)
def test_heads_repeat_and_no_row_splits(form_id: str) -> None:
    word = open_word(docx_bytes(load_demo(form_id)))
    grids = [b for b in outline(load_demo(form_id)).blocks if isinstance(b, Grid)]
    for table, grid in zip(word.tables, grids, strict=True):
        rows = table._tbl.findall(qn("w:tr"))
        header = [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows]
        heads = grid.head_rows + (1 if grid.caption else 0)
        assert header == [True] * heads + [False] * (len(rows) - heads), grid.id
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        assert table._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None


def test_a4_gbt9704_page_and_grid(word_2021) -> None:  # type: ignore[no-untyped-def]
    section = word_2021.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    assert [round(size.mm, 1) for size in [*sizes, section.left_margin]] == [210, 297, 37, 35, 28]
    type_width = section.page_width - section.left_margin - section.right_margin
    assert Pt(1).emu * 28 * 16 == pytest.approx(type_width, abs=Pt(0.1).emu)  # 28 of 三号
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert 22 * pitch <= type_height / 635 < 23 * pitch  # 635 EMU a twip
    settings = word_2021.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None
    assert word_2021.settings.odd_and_even_pages_header_footer


def test_page_numbers_are_dash_n_dash_outside(word_2021) -> None:  # type: ignore[no-untyped-def]
    section = word_2021.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"
        codes = paragraph._p.xpath("string(.//w:instrText)")
        assert codes.strip() == "PAGE"
        assert paragraph.style.font.size == Pt(14)


def _east_asian(style) -> str:  # type: ignore[no-untyped-def]
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_faces_by_name_and_size(word_2021) -> None:  # type: ignore[no-untyped-def]
    styles = word_2021.styles
    expected = {
        "Normal": ("仿宋_GB2312", 16),
        "Title": ("方正小标宋简体", 22),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
        "表格文字": ("仿宋_GB2312", 10.5),
    }
    for name, (face, size) in expected.items():
        assert (_east_asian(styles[name]), styles[name].font.size) == (face, Pt(size)), name
    paragraphs = word_2021.paragraphs
    assert [p.style.name for p in paragraphs[:2]] == ["Title", "Title"]
    assert paragraphs[0].text == "青禾县自然资源局"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体情况" and headings[-1] == "六、其他需要报告的事项"
    run_in = next(p for p in paragraphs if p.text.startswith("（一）主动公开"))
    assert run_in.style.name == "Normal"
    head = run_in.runs[0]
    assert head.text == "（一）主动公开。"
    assert head._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    body = styles["Normal"].paragraph_format
    assert body.first_line_indent == Pt(32) and body.line_spacing == Pt(28.95)


def test_closing_and_signatory_block_2021(word_2021) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for p in word_2021.paragraphs if p.text]
    assert texts[-4:] == [
        "青禾县自然资源局",
        "2026年1月20日",
        "单位负责人：周明远\t审核人：陈晓岚\t填报人：王思琪",
        "联系电话：0999-5551234\t填报日期：2026年1月20日",
    ]
    closing = [p for p in word_2021.paragraphs if p.style.name == "落款"]
    assert [p.text for p in closing] == texts[-4:-2]
    assert all(p.paragraph_format.keep_with_next for p in closing)
    unit, date = (p.paragraph_format.right_indent.pt for p in closing)
    assert date == pytest.approx(4 * 16)  # four characters in from the right (GB/T 9704)
    assert unit == pytest.approx(4 * 16 + (6.5 - 8) / 2 * 16)  # centred over the date


def test_seal_labels_and_signatories_2018() -> None:
    word = open_word(docx_bytes(load_demo("gov-info-2018")))
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts.count("填报单位（盖章）：") == 2
    assert "附件1" in texts and "附件2" in texts
    annex = next(p for p in word.paragraphs if p.text == "附件1")
    assert annex.paragraph_format.page_break_before
    assert any(t.startswith("单位负责人：") for t in texts)
    assert (
        texts[-1] == "2014年—2018年主动公开政府信息情况"
        or "2018年" in word.tables[-1].rows[-1].cells[0].text
    )


def test_seal_block_is_kept_with_what_is_above() -> None:
    """附件1's last rows stay with 填报单位（盖章）; 附件2's last lines with its seal label."""
    word = open_word(docx_bytes(load_demo("gov-info-2018")))
    annex = word.tables[0]._tbl
    last_rows = annex.findall(qn("w:tr"))[-2:]
    assert all(p.find(qn("w:keepNext")) is not None for r in last_rows for p in r.iter(qn("w:pPr")))
    gap = annex.getnext()
    assert gap.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    paragraphs = word.paragraphs
    labels = [i for i, p in enumerate(paragraphs) if p.text == "填报单位（盖章）："]
    before = paragraphs[labels[1] - 1]
    assert before.text.endswith("办结率100%。") and before.paragraph_format.keep_with_next


def test_hostile_text_is_kept_as_text(tmp_path: Path) -> None:
    document = load_demo("gov-info-2021")
    document.unit = "<script>alert('单位')</script> & \"引号\"\x00\x0b局"
    document.narrative["other"] = "费用&lt;0元&gt; <b>无</b>\x1f\r\n第二行 ]]> &amp;"
    render_docx(document, tmp_path / "年报.docx")
    lines = word_lines(open_word((tmp_path / "年报.docx").read_bytes()))
    assert lines[0] == "<script>alert('单位')</script> & \"引号\"局"
    assert "费用&lt;0元&gt; <b>无</b>" in lines and "第二行 ]]> &amp;" in lines


@pytest.mark.parametrize("form_id", FORMS)
def test_an_empty_report_is_written_too(form_id: str) -> None:
    """A new report: no unit, no text, no figures; the tables with their heads, blank
    figures, the 成文日期 left for the pen."""
    document = new_document(form_id, "", 2024)
    word = open_word(docx_bytes(document))
    assert word_lines(word) == [
        line for line in report_text(outline(document)).splitlines() if line
    ]
    assert len(word.tables) == len(document.form.tables) + (1 if form_id == "gov-info-2018" else 0)
    if form_id == "gov-info-2021":
        assert "　　　　年　　月　　日" in [p.text for p in word.paragraphs]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "年报.docx"
    target.write_bytes(b"old")
    with pytest.raises(NianbaoError) as raised:
        render_docx(load_demo("gov-info-2021"), tmp_path / "缺少的文件夹" / "年报.docx")
    assert raised.value.code.startswith("F0")  # a coded file error (F008, or the writer's F04x)
    assert target.read_bytes() == b"old"


# the schema's order of the children Word checks (ECMA-376 CT_PPr, CT_RPr, CT_Style, CT_SectPr)
ORDERS = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr "
    "trPr tcPr tblStylePr",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings sectPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
}


@pytest.mark.parametrize("form_id", FORMS)
def test_properties_in_the_schema_order(form_id: str) -> None:
    """Word declares a file damaged when properties stand out of the schema's order;
    LibreOffice does not mind, so this is checked here."""
    import io
    import zipfile

    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(docx_bytes(load_demo(form_id))))
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        root = etree.fromstring(archive.read(part))
        for tag, order in ORDERS.items():
            names = order.split()
            for element in root.iter(f"{{*}}{tag}"):
                children = [child.tag.split("}")[-1] for child in element]
                assert all(name in names for name in children), (part, tag, children)
                places = [names.index(name) for name in children]
                assert places == sorted(places), (part, tag, children)
    settings = etree.fromstring(archive.read("word/settings.xml"))
    children = [child.tag.split("}")[-1] for child in settings]
    assert children.index("zoom") < children.index("mirrorMargins") < children.index("proofState")
