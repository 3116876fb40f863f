"""Who has filed, as the office sees it: names written with full-width characters match, a
file of the wrong year is not 未报送, and a unit's two files are told apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from cli_run import nianbao
from unit_reports import unit_report, write_units

from forms.office.workbook import FILINGS_SHEET, LEFT_OUT_SHEET
from forms.xlsx import save_document

CENTRE = "青禾县政务服务中心(县政务公开办)"


def _folder(root: Path) -> Path:
    """第1局 filed last year's file only; 第２局 (full-width 2) and the centre with full-width
    brackets filed; 第3局 sent a file in error, then a good one; 第4局 sent the same file twice."""
    folder = root / "各单位"
    write_units(folder, [1, 1, 1, 1])
    save_document(unit_report("青禾县第1局", 1, year=2024), folder / "单位001.xlsx")
    save_document(unit_report("青禾县第２局", 1), folder / "单位002.xlsx")
    wrong = unit_report("青禾县第3局", 1)
    wrong.values["requests.carried_out/natural_person"] = 99
    save_document(wrong, folder / "单位003 初稿.xlsx")
    shutil.copy(folder / "单位004.xlsx", folder / "单位004 - 副本.xlsx")
    save_document(unit_report("青禾县政务服务中心（县政务公开办）", 2), folder / "中心.xlsx")
    names = ["青禾县第1局", "青禾县第2局", "青禾县第3局", "青禾县第4局", CENTRE]
    (folder / "单位名单.csv").write_text("单位名称\n" + "\n".join(names), encoding="utf-8")
    return folder


def test_the_register_names_each_units_real_state(tmp_path: Path) -> None:
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", _folder(tmp_path), "-o", output)
    assert "计入4个单位" in result.stdout, result.stdout + result.stderr
    counts = "年度或格式不符1个，已报送4个"
    assert f"报送情况（单位名单.csv，5个单位）：{counts}" in result.stdout
    assert "未报送" not in result.stdout and "不在名单中" not in result.stdout
    rows = list(openpyxl.load_workbook(output)[FILINGS_SHEET].iter_rows(values_only=True))
    assert [row[1:4] for row in rows[1:6]] == [
        ("青禾县第1局", "年度或格式不符", "单位001.xlsx"),
        ("青禾县第2局", "已报送", "单位002.xlsx"),
        ("青禾县第3局", "已报送", "单位003.xlsx"),
        ("青禾县第4局", "已报送", "单位004 - 副本.xlsx"),
        (CENTRE, "已报送", "中心.xlsx"),
    ]
    assert rows[6][1] == f"合计：{counts}"


def test_a_second_file_with_the_same_figures_is_only_a_duplicate(tmp_path: Path) -> None:
    output = tmp_path / "汇总.xlsx"
    nianbao("consolidate", _folder(tmp_path), "-o", output)
    left = {
        row[1]: row[2]
        for row in openpyxl.load_workbook(output)[LEFT_OUT_SHEET].iter_rows(values_only=True)
    }
    assert left["单位004.xlsx"] == "单位“青禾县第4局”已由“单位004 - 副本.xlsx”计入，重复"
    assert left["单位003 初稿.xlsx"].startswith("仍有")
