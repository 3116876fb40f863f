"""Hostile and broken files: each is refused with its code and a Chinese message naming it.

No crash, no traceback, no temporary file left behind, and (for saving) the old file intact.
The files are made at test time by ``corpus.py`` from a real saved document.
"""

from __future__ import annotations

import errno
import io
import os
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

import corpus
import openpyxl
import pytest
from defusedxml import DefusedXmlException
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from sandbox import run_open

from forms.codes import NianbaoError
from forms.document import Document
from forms.xlsx import open_document, save_document

CASES = [
    # (builder, expected code, a word the message must contain)
    (corpus.not_a_zip, "F001", "不是有效的 xlsx"),
    (corpus.empty, "F001", "文件是空的"),
    (corpus.zip_not_workbook, "F001", "不是 Excel 工作簿"),
    (corpus.truncated, "F005", "已损坏"),
    (corpus.whitespace_bomb, "F006", "解压后"),
    (corpus.ratio_bomb, "F006", "压缩炸弹"),
    (corpus.lying_directory, "F005", "已损坏"),
    (corpus.entity_bomb, "F006", "XML 炸弹"),
    (corpus.hundred_thousand_rows, "F006", "100"),
    (corpus.password_protected, "F009", "密码"),
    (corpus.legacy_xls, "F010", ".xls"),
    (corpus.foreign_workbook, "F002", "不是本软件保存的"),
    (corpus.unknown_form, "F003", "gov-info-2099"),
    (corpus.newer_definition, "F004", "第99版"),
    (corpus.newer_layout, "F004", "更新版本"),
    (corpus.newer_definition_in_the_copy, "F004", "第7版"),
    (corpus.broken_hidden_copy, "F005", "JSON"),
]


@pytest.mark.parametrize(("build", "code", "word"), CASES, ids=lambda c: getattr(c, "__name__", c))
def test_bad_file_is_refused_with_its_code(
    build: corpus.Builder, code: str, word: str, good: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = build(good, folder / ("坏 文件.xls" if build is corpus.legacy_xls else "坏 文件.xlsx"))
    before = bad.read_bytes()
    outcome = run_open(build.__name__, bad)  # in a subprocess under 1.5 GB and a timeout
    assert outcome.clean, outcome.stderr[-2000:]
    assert outcome.report.get("code") == code, outcome.report
    assert word in outcome.report["message"]
    assert str(bad) in outcome.report["message"]
    assert sorted(folder.iterdir()) == [bad], "nothing may be left behind"
    assert bad.read_bytes() == before


def test_openpyxl_parses_with_defusedxml(good: Path, tmp_path: Path) -> None:
    """The second line of defence behind the guard: openpyxl itself refuses a DTD."""
    assert openpyxl.DEFUSEDXML is True
    bomb = corpus.entity_bomb(good, tmp_path / "bomb.xlsx")
    with pytest.raises(ValueError) as failure:
        openpyxl.load_workbook(io.BytesIO(bomb.read_bytes()))
    assert isinstance(failure.value.__cause__ or failure.value.__context__, DefusedXmlException)


def test_a_hundred_thousand_rows_are_refused_cheaply(good: Path, tmp_path: Path) -> None:
    big = corpus.hundred_thousand_rows(good, tmp_path / "big.xlsx")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(NianbaoError) as refusal:
        open_document(big)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert refusal.value.code == "F006"
    assert peak < 300 * 1024 * 1024
    print(f"100 000 rows refused in {elapsed:.2f} s, peak {peak / 1048576:.0f} MB traced")


def test_missing_file_and_folder_are_unreadable(tmp_path: Path) -> None:
    cases = ((tmp_path / "没有这个文件.xlsx", "F007", "文件不存在"), (tmp_path, "F023", "文件夹"))
    for path, code, reason in cases:
        with pytest.raises(NianbaoError) as refusal:
            open_document(path)
        assert refusal.value.code == code
        assert reason in refusal.value.message


def test_chinese_path_with_spaces_round_trips(demo: Document, tmp_path: Path) -> None:
    folder = tmp_path / "平川区 政务公开办" / "2018 年报（定稿）"
    folder.mkdir(parents=True)
    path = folder / "平川区 2018年 政府信息公开 年报.xlsx"
    save_document(demo, path)
    assert open_document(path).document == demo
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_save_to_a_read_only_location(demo: Document, tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere it may; /sys refuses even root
        target = Path("/sys/平川区 年报.xlsx")
    else:
        folder = tmp_path / "只读"
        folder.mkdir()
        folder.chmod(0o555)
        target = folder / "平川区 年报.xlsx"
    with pytest.raises(NianbaoError) as refusal:
        save_document(demo, target)
    assert refusal.value.code == "F042"
    assert "原文件未被改动" in refusal.value.message
    assert not target.exists()


def test_disk_full_during_save_keeps_the_old_file(
    demo: Document, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = good.read_bytes()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    with pytest.raises(NianbaoError) as refusal:
        save_document(demo, good)
    assert refusal.value.code == "F041"
    assert "磁盘空间不足" in refusal.value.message
    assert good.read_bytes() == before
    assert sorted(good.parent.iterdir()) == [good]


def test_a_file_in_a_missing_folder_is_refused_on_save(demo: Document, tmp_path: Path) -> None:
    with pytest.raises(NianbaoError) as refusal:
        save_document(demo, tmp_path / "没有的文件夹" / "年报.xlsx")
    assert refusal.value.code == "F045"
    assert "文件夹不存在" in refusal.value.message


def test_a_file_held_open_by_wps_is_not_replaced(
    demo: Document, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a file WPS/Excel holds open fails with a sharing violation."""
    before = good.read_bytes()

    def locked(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    demo.unit = "改过的单位"
    with pytest.raises(NianbaoError) as refusal:
        save_document(demo, good)
    assert refusal.value.code == "F042"
    assert "正被 WPS/Excel 等程序打开" in refusal.value.message
    assert good.read_bytes() == before
    assert sorted(good.parent.iterdir()) == [good]


# -- fuzzing: whatever happens to the file, the answer is a document or a coded refusal ----------


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_bytes_never_crash(data: st.DataObject, good: Path, tmp_path: Path) -> None:
    content = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 8), label="damages")):
        position = data.draw(st.integers(0, len(content) - 1), label="position")
        content[position] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(content))), label="cut")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(content[:cut]))
    try:
        open_document(damaged)
    except NianbaoError as refusal:
        assert refusal.code in {"F001", "F002", "F003", "F004", "F005", "F006"}


CELL_VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["nianbao:fields", "nianbao:table:annex1", "value", "year", "unit"]),
)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_edit_in_a_spreadsheet_program_opens(data: st.DataObject, good: Path) -> None:
    """Reviewers may type anything anywhere, hidden key cells and marker row included."""
    workbook = openpyxl.load_workbook(good)
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    for _ in range(data.draw(st.integers(1, 10), label="edits")):
        sheet = data.draw(st.sampled_from(visible), label="sheet")
        row = data.draw(st.integers(1, 70), label="row")
        column = data.draw(st.integers(1, 5), label="column")
        cell = sheet.cell(row, column)
        if not isinstance(cell, MergedCell):  # the merged title cells cannot be typed into
            cell.value = data.draw(CELL_VALUES, label="value")
    workbook.save(good)
    opened = open_document(good)
    assert opened.document.form_id == "gov-info-2018"
