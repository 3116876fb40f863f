"""The web page: the portal's structure (headings, tables with thead, scope, colspan/rowspan),
no script, escaped text, the report's text and the xlsx's figures parsed back, a draft marked."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from forms.codes import NianbaoError
from forms.demo import load_demo
from forms.html import html_text, render_html
from forms.outline import outline, report_text
from forms.table_grid import Grid
from forms.values import RawText, format_entry
from forms.xlsx import open_document, save_document

FORMS = ["gov-info-2018", "gov-info-2021"]
HOSTILE_UNIT = "<script>alert('单位')</script> & \"引号\"\x00局"
HOSTILE_TEXT = '费用&lt;0元&gt; <b onclick="x()">无</b> \' " & </p><script>x()</script>'


def page_lines(page: str) -> list[str]:
    """The page's text as the report's text has it: headings, paragraphs, table rows (cells
    by tabs), signatory entries by tabs; a draft notice left out."""
    article = lxml.html.fromstring(page).find(".//article")
    assert article is not None
    lines: list[str] = []
    for element in article.iter():
        classes = (element.get("class") or "").split()
        if element.tag == "h1":
            lines += [span.text_content() for span in element.findall("span")]
        elif element.tag in ("h2", "h3", "caption"):
            lines.append(element.text_content())
        elif element.tag == "p" and "signatories" in classes:
            lines.append("\t".join(span.text_content() for span in element.findall("span")))
        elif element.tag == "p" and "draft" not in classes:
            lines.append(element.text_content())
        elif element.tag == "tr":
            lines.append("\t".join(cell.text_content() for cell in element))
    return lines


def _tables(page: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(page).findall(".//table")


@pytest.mark.parametrize("form_id", FORMS)
def test_the_page_text_is_the_report_text(form_id: str) -> None:
    document = load_demo(form_id)
    expected = [line for line in report_text(outline(document)).splitlines() if line]
    assert page_lines(html_text(document)) == expected


@pytest.mark.parametrize("form_id", FORMS)
def test_tables_parsed_back_equal_the_xlsx(form_id: str, tmp_path: Path) -> None:
    save_document(load_demo(form_id), tmp_path / "年报.xlsx")
    document = open_document(tmp_path / "年报.xlsx").document
    page = html_text(document)
    grids = [block for block in outline(document).blocks if isinstance(block, Grid)]
    tables = _tables(page)
    assert len(tables) == len(grids)
    checked = 0
    for table, grid in zip(tables, grids, strict=True):
        body = table.findall("tbody/tr")
        assert len(body) == len(grid.rows)
        for tr, row in zip(body, grid.rows, strict=True):
            figures = [td.text_content() for td in tr.findall("td")][grid.lead_columns - 1 :]
            assert tr[0].text_content() == row.label
            if row.cells:
                assert figures == [format_entry(document.values.get(c)) for c in row.cells]
                checked += len(row.cells)
    assert checked == sum(len(list(t.cell_keys())) for t in document.form.tables)


def test_portal_structure() -> None:
    document = load_demo("gov-info-2021")
    page = html_text(document)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    root = lxml.html.fromstring(page)
    assert root.find(".//meta[@charset]").get("charset") == "utf-8"
    assert root.findtext(".//title") == "青禾县自然资源局2025年政府信息公开工作年度报告"
    assert [s.text_content() for s in root.findall(".//h1/span")] == [
        "青禾县自然资源局",
        "2025年政府信息公开工作年度报告",
    ]
    headings = [h.text_content() for h in root.findall(".//section/h2")]
    assert headings == [document.heading(part) for part in document.form.narrative]
    for section in root.findall(".//section"):
        assert section.get("aria-labelledby") == section.find("h2").get("id")
    for table in root.findall(".//table"):
        assert table.find("thead") is not None and table.find("tbody") is not None
        assert {th.get("scope") for th in table.findall("thead/tr/th")} == {"col"}
        assert {th.get("scope") for th in table.findall("tbody/tr/th")} == {"row"}
        region = table.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-label")
    assert [c.text_content() for c in root.findall(".//caption")] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert root.find(".//p[@class='closing']").text_content() == "青禾县自然资源局"


def _head(table: lxml.html.HtmlElement) -> list[list[tuple[str, int, int]]]:
    return [
        [(th.text_content(), int(th.get("colspan", 1)), int(th.get("rowspan", 1))) for th in tr]
        for tr in table.findall("thead/tr")
    ]


def test_group_heads_span_their_columns() -> None:
    tables = _tables(html_text(load_demo("gov-info-2021")))
    requests = next(t for t in tables if "勾稽" in t.findtext("thead/tr/th"))
    assert _head(requests) == [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 1, 3),
            ("申请人情况", 7, 1),
        ],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [
            (label, 1, 1)
            for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
        ],
    ]
    cases = tables[-1]
    head = _head(cases)
    assert head[0] == [("", 1, 3), ("行政复议", 5, 1), ("行政诉讼", 10, 1)]
    assert head[1][:2] == [("结果维持", 1, 2), ("结果纠正", 1, 2)]
    assert head[1][-2:] == [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)]
    assert len(head[2]) == 10
    row = cases.find("tbody/tr")
    assert row[0].text_content() == "案件数"
    assert [td.text_content() for td in row.findall("td")][:5] == ["1", "0", "0", "1", "2"]


def test_no_script_and_hostile_text_stays_text() -> None:
    document = load_demo("gov-info-2021")
    document.unit = HOSTILE_UNIT
    document.narrative["other"] = HOSTILE_TEXT
    document.headings["problems"] = "五、问题</h2><script>alert(1)</script>"
    document.values["cases/review.upheld"] = RawText("<img src=x onerror=alert(1)>")
    page = html_text(document)
    root = lxml.html.fromstring(page)
    assert root.findall(".//script") == [] and root.findall(".//img") == []
    assert "<script" not in page.lower().replace("&lt;script", "")
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not {name for name in attributes if name.startswith("on")}
    assert not {"src", "href"} & attributes  # nothing fetched, nothing to follow
    lines = page_lines(page)
    assert lines[0] == "<script>alert('单位')</script> & \"引号\"局"
    assert HOSTILE_TEXT in lines
    assert "五、问题</h2><script>alert(1)</script>" in lines
    assert root.findtext(".//title").startswith("<script>alert('单位')")


def test_a_draft_says_it_is_not_for_publishing() -> None:
    final = lxml.html.fromstring(html_text(load_demo("gov-info-2021")))
    assert final.find(".//p[@class='draft']") is None
    document = load_demo("gov-info-2021")
    document.values["requests.new/natural_person"] = None
    draft = lxml.html.fromstring(html_text(document))
    notice = draft.find(".//p[@class='draft']")
    assert notice is not None and notice.get("role") == "note"
    assert (
        notice.text_content().startswith("草稿：本报告尚有") and "请勿发布" in notice.text_content()
    )


def test_written_as_utf8_and_atomically(tmp_path: Path) -> None:
    render_html(load_demo("gov-info-2021"), tmp_path / "年报.html")
    assert "青禾县自然资源局" in (tmp_path / "年报.html").read_bytes().decode("utf-8")
    (tmp_path / "旧.html").write_bytes(b"old")
    with pytest.raises(NianbaoError) as raised:
        render_html(load_demo("gov-info-2021"), tmp_path / "没有的文件夹" / "旧.html")
    assert raised.value.code.startswith("F0")  # a coded file error (F008, or the writer's F04x)
    assert (tmp_path / "旧.html").read_bytes() == b"old"
