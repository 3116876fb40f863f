"""``nianbao import``, ``export-csv`` and ``import-csv`` run as real subprocesses."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from cli_run import nianbao as run_nianbao
from openpyxl import Workbook

from forms.document import Document
from forms.xlsx import open_document, save_document

nianbao = partial(run_nianbao, timeout=120)


def foreign_table(path: Path, document: Document, skip: set[str] = frozenset()) -> Path:  # type: ignore[assignment]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "附件1"
    sheet.append(["政府信息公开情况统计表"])
    sheet.append(["（2018年度）"])
    sheet.append(["统计指标", "单位", "统计数"])
    for row in document.form.tables[0].rows:
        if row.id not in skip:
            value = document.values.get(row.id)
            sheet.append([row.printed_label, row.unit, None if value is None else str(value)])
    sheet.append(["填报单位（盖章）：白银市平川区人民政府办公室"])
    workbook.save(path)
    return path


def test_import_writes_a_report_file_with_every_figure(demo: Document, tmp_path: Path) -> None:
    source = foreign_table(tmp_path / "来自区里.xlsx", demo)
    result = nianbao("import", source, "-o", tmp_path / "out.xlsx")
    assert result.returncode == 0, result.stderr
    assert "（一）主动公开政府信息数" in result.stdout and "附件1!C5（12457）" in result.stdout
    assert "已对应 58 项 · 未找到 0 项" in result.stdout
    opened = open_document(tmp_path / "out.xlsx").document
    assert opened.values == demo.values
    assert (opened.unit, opened.year) == (demo.unit, 2018)


def test_import_with_rows_missing_exits_1_and_lists_them(demo: Document, tmp_path: Path) -> None:
    source = foreign_table(tmp_path / "t.xlsx", demo, skip={"training.trainees"})
    result = nianbao("import", source, "-o", tmp_path / "out.xlsx", "--year", "2019")
    assert result.returncode == 1
    assert "未找到（保持空白） 1 项" in result.stdout and "接受培训人员数" in result.stdout
    document = open_document(tmp_path / "out.xlsx").document
    assert document.values["training.trainees"] is None and document.year == 2019


def test_import_without_a_year_writes_nothing(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["收到申请数", "件", 3])
    workbook.save(tmp_path / "t.xlsx")
    result = nianbao("import", tmp_path / "t.xlsx", "-o", tmp_path / "out.xlsx")
    assert result.returncode == 2 and "--year" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_import_of_a_broken_xls_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    result = nianbao("import", tmp_path / "old.xls", "-o", tmp_path / "out.xlsx")
    assert result.returncode == 2
    assert "“old.xls”已损坏" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_csv_out_edit_and_back_in(demo: Document, tmp_path: Path) -> None:
    report = tmp_path / "demo.xlsx"
    save_document(demo, report)
    exported = nianbao("export-csv", report, "-o", tmp_path / "figures.csv")
    assert exported.returncode == 0, exported.stderr
    text = (tmp_path / "figures.csv").read_text(encoding="utf-8-sig")
    edited = text.replace("training.trainees,210,", "training.trainees,250,")
    (tmp_path / "figures.csv").write_bytes(edited.encode("gbk"))
    imported = nianbao("import-csv", report, tmp_path / "figures.csv")
    assert imported.returncode == 0, imported.stderr
    assert "读取 58 项（编码 GB18030）" in imported.stdout
    document = open_document(report).document
    assert document.values == {**demo.values, "training.trainees": 250}
    assert document.narrative == demo.narrative


@pytest.mark.parametrize(
    ("content", "expected"),
    [("id,value\nno.such.row,1\n", "不是本报表的指标编号"), ("id,value\n", "没有任何")],
    ids=["unknown-id", "empty"],
)
def test_import_csv_refusal_leaves_the_file_untouched(
    demo: Document, tmp_path: Path, content: str, expected: str
) -> None:
    report = tmp_path / "demo.xlsx"
    save_document(demo, report)
    before = report.read_bytes()
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    result = nianbao("import-csv", report, tmp_path / "bad.csv")
    assert result.returncode == 2 and expected in result.stderr
    assert report.read_bytes() == before


def test_import_of_a_2021_table_chooses_the_format(tmp_path: Path) -> None:
    from layouts_2021 import random_figures, write_national

    figures = random_figures(11)
    figures["proactive.rules.regulations/issued"] = 0
    source = write_national(tmp_path / "区县2021.xlsx", figures)
    done = nianbao("import", source, "-o", tmp_path / "out.xlsx")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    chosen = "报表格式：按表格内容选用“政府信息公开工作年度报告（2021年格式）”：对应200项"
    assert lines[1].startswith(chosen)
    document = open_document(tmp_path / "out.xlsx").document
    assert document.form_id == "gov-info-2021" and document.year == 2021
    assert {cell: document.values[cell] for cell in figures} == figures
    refused = nianbao("import", source, "--form", "gov-info-2018", "-o", tmp_path / "x.xlsx")
    assert refused.returncode == 2
    assert "（表格像是“政府信息公开工作年度报告（2021年格式）”，请改用 --form gov-info-2021）" in (
        refused.stderr
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_import_dashes_blank_keeps_them_blank_and_lists_them(tmp_path: Path) -> None:
    workbook = Workbook()
    for row in [["信息内容", "本年处理决定数量"], ["行政处罚", "—"], ["行政强制", 3], ["2021年度"]]:
        workbook.active.append(row)
    workbook.save(tmp_path / "t.xlsx")
    done = nianbao("import", tmp_path / "t.xlsx", "--dashes", "blank", "-o", tmp_path / "o.xlsx")
    assert "提示：1个单元格填的是“-”“—”“/”之类，未读作0，保持空白：Sheet!B2" in done.stdout
    document = open_document(tmp_path / "o.xlsx").document
    assert document.values["proactive.penalties.punishments"] is None
    assert document.values["proactive.penalties.enforcement"] == 3
