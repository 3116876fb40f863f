"""Consolidation: units added up, every file left out named with its reason, the parent checked."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao
from unit_reports import expected_totals, unit_report, write_units

from forms.demo import load_demo
from forms.office.consolidate import (
    ConsolidationCancelled,
    consolidate,
    read_units,
    unit_files,
)
from forms.office.workbook import BREAKDOWN_SHEET, LEFT_OUT_SHEET, PARENT_SHEET
from forms.xlsx import open_document, save_document

KS = [1, 2, 3, 5]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four good units and, in the same folder, six files that must be left out."""
    folder = tmp_path_factory.mktemp("units")
    write_units(folder, KS)
    (folder / "损坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    save_document(load_demo("gov-info-2018"), folder / "旧格式.xlsx")
    save_document(unit_report("青禾县第9局", 1, year=2024), folder / "上年的.xlsx")
    save_document(unit_report("青禾县第2局", 7), folder / "重复.xlsx")
    unfinished = unit_report("青禾县第8局", 1)
    unfinished.values["requests.granted/natural_person"] = None
    save_document(unfinished, folder / "未填完.xlsx")
    (folder / "~$单位001.xlsx").write_bytes(b"\x00" * 165)  # WPS's lock file
    return folder


def test_the_units_are_added_up_and_every_other_file_is_named(batch: Path) -> None:
    result = consolidate(read_units(unit_files([batch])))
    assert [u.unit for u in result.counted] == [f"青禾县第{n}局" for n in range(1, 5)]
    reasons = {Path(item.path).name: item.reason for item in result.left_out}
    assert set(reasons) == {"损坏.xlsx", "旧格式.xlsx", "上年的.xlsx", "重复.xlsx", "未填完.xlsx",
                            "~$单位001.xlsx"}  # fmt: skip
    assert reasons["损坏.xlsx"].startswith("[F00")
    assert reasons["旧格式.xlsx"].startswith(
        "另一格式或年度：政府信息公开工作年度报告（2018年格式）"
    )
    assert "2024年" in reasons["上年的.xlsx"]
    assert reasons["重复.xlsx"] == (  # k = 7 against k = 2: the figures differ
        "单位“青禾县第2局”已由“单位002.xlsx”计入，重复；两份文件有38个数字不同"
        "（如行政规范性文件（本年制发件数）：6与21），请核实以哪一份为准"
    )
    assert reasons["未填完.xlsx"].startswith("仍有")
    assert "临时" in reasons["~$单位001.xlsx"]
    for cell, value in expected_totals(KS).items():
        assert result.total.values[cell] == value, cell
    assert result.total.values["requests.new/total"] == 16 * sum(KS)
    assert result.total.year == 2025 and result.total.unit == "汇总"
    # the checks ran on the total: its figures balance; its own text is still to be written
    assert not [f for f in result.report.findings if f.code.startswith(("E1", "V", "E00"))]
    assert {f.code for f in result.report.errors} <= {"P001", "H001", "S001", "C001", "S003"}


def test_the_command_writes_the_total_with_its_breakdown(batch: Path, tmp_path: Path) -> None:
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", batch, "-o", output, "--unit", "青禾县人民政府")
    assert result.returncode == 1, result.stderr  # files were left out
    assert "计入4个单位，共读10个文件" in result.stdout
    assert "汇总数字：错误0处，警告0处；汇总报告的正文、联系方式和签署栏待填写" in result.stdout
    assert result.stdout.count("[未计入]") == 6
    assert "Traceback" not in result.stderr
    total = open_document(output).document
    assert total.unit == "青禾县人民政府"
    for cell, value in expected_totals(KS).items():
        assert total.values[cell] == value, cell
    sheet = openpyxl.load_workbook(output, data_only=True)[BREAKDOWN_SHEET]
    header = [c.value for c in sheet[2]]
    column = header.index("本年新收政府信息公开申请数量（自然人）") + 1
    column_values = [sheet.cell(row, column).value for row in range(3, 8)]
    assert column_values == [12, 24, 36, 60, 12 * sum(KS)]
    assert sheet.cell(7, 2).value == "合计"
    left = openpyxl.load_workbook(output)[LEFT_OUT_SHEET]
    assert {left.cell(row, 2).value for row in range(2, 8)} >= {"损坏.xlsx", "重复.xlsx"}


def test_a_parent_figure_unlike_its_childrens_sum_is_named(batch: Path, tmp_path: Path) -> None:
    parent = copy.deepcopy(unit_report("青禾县人民政府", sum(KS)))
    parent.values["requests.granted/business"] = 2 * sum(KS) + 3  # planted: 3 too many
    parent.typed_totals.add("requests.granted/business")
    save_document(parent, tmp_path / "上级.xlsx")
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", batch, "--parent", tmp_path / "上级.xlsx", "-o", output)
    assert (
        "[上级不符] 予以公开（法人或其他组织·商业企业）：上级报告为25，下级合计为22"
        in result.stdout
    )
    assert "青禾县第1局 2，青禾县第2局 4，青禾县第3局 6，青禾县第4局 10" in result.stdout
    rows = list(openpyxl.load_workbook(output)[PARENT_SHEET].iter_rows(values_only=True))
    assert rows[1][:4] == ("予以公开（法人或其他组织·商业企业）", 25, 22, 3)
    assert open_document(output).document.unit == "青禾县人民政府"


def test_a_parent_figure_left_blank_is_said_so(batch: Path, tmp_path: Path) -> None:
    parent = copy.deepcopy(unit_report("青禾县人民政府", sum(KS)))
    parent.values["requests.granted/business"] = None
    save_document(parent, tmp_path / "上级.xlsx")
    result = nianbao(
        "consolidate", batch, "--parent", tmp_path / "上级.xlsx", "-o", tmp_path / "汇总.xlsx"
    )
    assert "[上级不符] 予以公开（法人或其他组织·商业企业）：上级报告为未填，下级合计为22" in (
        result.stdout
    )
    assert "None" not in result.stdout


def test_amounts_in_wan_yuan_add_up_exactly(batch: Path) -> None:
    result = consolidate(read_units(unit_files([batch])))
    assert result.total.values["proactive.fees.charges"] == Decimal("12.35") * sum(KS)


def test_reading_can_be_cancelled(batch: Path) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ConsolidationCancelled):
        read_units(unit_files([batch]), cancelled=cancelled)


def test_many_files_are_read_by_several_processes_with_the_same_result(tmp_path: Path) -> None:
    ks = list(range(1, 31))
    paths = write_units(tmp_path, ks)
    seen: list[int] = []
    units = read_units(paths, progress=lambda done, count: seen.append(done))
    assert seen[-1] == 30 and seen == sorted(seen)
    result = consolidate(units)
    assert len(result.counted) == 30 and result.left_out == []
    assert result.total.values["requests.new/natural_person"] == 12 * sum(ks)


def test_nothing_to_consolidate_is_one_clear_line(tmp_path: Path) -> None:
    result = nianbao("consolidate", tmp_path, "-o", tmp_path / "汇总.xlsx")
    assert result.returncode == 2
    assert result.stderr.strip() == "错误：没有找到任何 .xlsx 年报文件（未写出文件）"


def test_the_2018_form_consolidates_too(tmp_path: Path) -> None:
    for number in range(1, 4):
        document = load_demo("gov-info-2018")
        document.unit = f"平川区第{number}单位"
        save_document(document, tmp_path / f"{number}.xlsx")
    result = consolidate(read_units(unit_files([tmp_path])))
    assert len(result.counted) == 3 and result.left_out == []
    assert result.total.form_id == "gov-info-2018" and result.total.year == 2018
    assert result.total.values["proactive.total"] == 3 * 12457
    assert result.total.values["fees.total"] == 0
    assert not [f for f in result.report.findings if f.cells[0] in result.form.index.cell_rows]
