"""CSV of id,value pairs: written for WPS/Excel, read back from what they save."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.boundary import clean_text
from forms.codes import NianbaoError
from forms.csvio import apply_csv, export_csv, read_csv
from forms.definition_files import load_form
from forms.document import Document, new_document
from forms.values import Entry, RawText, format_entry, parse_entry

FORM_ID = "gov-info-2018"


def _entries() -> st.SearchStrategy[Entry]:
    return st.one_of(
        st.none(),
        st.integers(min_value=0, max_value=10**12),
        st.text(min_size=1, max_size=20).filter(lambda t: t.strip() == t).map(RawText),
        st.sampled_from(["=1+1", "+86", "-5", "@SUM(A1)", "\t7", "'=x", "''", "'a"]).map(RawText),
    )


@given(st.data())
def test_export_then_read_gives_back_every_figure(data: st.DataObject) -> None:
    document = new_document(FORM_ID, "某单位", 2024)
    for cell in document.form.index.cell_order:
        document.values[cell] = data.draw(_entries(), label=cell)
    document.values["fees.total"] = Decimal("0.0125")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.csv"
        export_csv(document, path)
        values = read_csv(path, document.form).values
    assert values == _as_read(document.values)


def _as_read(values: dict[str, Entry]) -> dict[str, Entry]:
    """A RawText that happens to be a figure (" 12 ") reads back as that figure."""
    index = load_form(FORM_ID).index
    return {
        cell: parse_entry(clean_text(format_entry(v)).text, index.kind(cell))
        for cell, v in values.items()
    }


def test_file_is_utf8_with_bom_crlf_and_formulas_guarded(demo: Document, tmp_path: Path) -> None:
    demo.values["complaints.total"] = RawText("=1+1")
    export_csv(demo, tmp_path / "demo.csv")
    data = (tmp_path / "demo.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,value,")
    assert b"\r\nproactive.total,12457,\xe4\xb8\xbb" in data
    assert b"complaints.total,'=1+1," in data
    assert read_csv(tmp_path / "demo.csv", demo.form).values["complaints.total"] == RawText("=1+1")


def test_reads_gbk_with_chinese_header_and_extra_columns(tmp_path: Path) -> None:
    text = '说明,编号,统计数\r\n主动公开,proactive.total,"12,457"\r\n,fees.total,０．５\r\n\r\n'
    (tmp_path / "wps.csv").write_bytes(text.encode("gbk"))
    document = new_document(FORM_ID, "某单位", 2024)
    result = apply_csv(document, tmp_path / "wps.csv")
    assert result.encoding == "GB18030"
    assert document.values["proactive.total"] == 12457
    assert document.values["fees.total"] == Decimal("0.5")
    assert document.values["complaints.total"] is None


def test_reads_excel_unicode_text_tab_separated_without_header(tmp_path: Path) -> None:
    text = "proactive.total\t12457\r\nstaffing.staff\t51\r\n"
    (tmp_path / "excel.txt").write_bytes(text.encode("utf-16"))
    values = read_csv(tmp_path / "excel.txt", new_document(FORM_ID, "", 2024).form).values
    assert values == {"proactive.total": 12457, "staffing.staff": 51}


def test_values_that_are_not_figures_are_kept_and_noted(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,value\nproactive.total,一万\nstaffing.staff,-3\n")
    document = new_document(FORM_ID, "", 2024)
    result = apply_csv(document, tmp_path / "t.csv")
    assert document.values["proactive.total"] == RawText("一万")
    assert [(note.line, note.cell) for note in result.notes] == [
        (2, "proactive.total"),
        (3, "staffing.staff"),
    ]
    assert "不能为负数" in result.notes[1].reason


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("id,value\nproactive.totl,5\n", "第2行“proactive.totl”不是本报表的指标编号"),
        ("id,value\nstaffing.staff,5\nstaffing.staff,6\n", "第3行“staffing.staff”重复出现"),
        ("id,value\nh.proactive,5\n", "第2行“h.proactive”"),
    ],
    ids=["unknown", "repeated", "heading"],
)
def test_bad_ids_refuse_the_whole_file(content: str, fragment: str, tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(content)
    document = new_document(FORM_ID, "", 2024)
    before = dict(document.values)
    with pytest.raises(NianbaoError) as caught:
        apply_csv(document, tmp_path / "t.csv")
    assert caught.value.code == "F011"
    assert fragment in caught.value.message
    assert document.values == before


def test_undecodable_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.csv").write_bytes(b"\x81\xff\xfe\x00" * 10)
    form = new_document(FORM_ID, "", 2024).form
    with pytest.raises(NianbaoError) as caught:
        read_csv(tmp_path / "bin.csv", form)
    assert caught.value.code == "F007" and "编码" in caught.value.message
    with pytest.raises(NianbaoError) as caught:
        read_csv(tmp_path / "absent.csv", form)
    assert caught.value.code == "F007"
