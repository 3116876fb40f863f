"""Consolidation of a column whose unit each report states (采购总金额: 万元 or 元).

The 2019 form lets a unit state its 采购总金额 in 万元 or in 元. Adding the figures as they
stand would put 元 and 万元 into one sum, the total ten thousand times too large or small;
they are converted into one unit (the finest any unit stated) and the total says which.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import openpyxl
from cli_run import nianbao

from forms.demo import load_demo
from forms.document import Document
from forms.office.workbook import BREAKDOWN_SHEET
from forms.xlsx import open_document, save_document

AMOUNT = "proactive.procurement.purchases/amount"
UNIT_KEY = "proactive.procurement/amount"
IN_YUAN = 1286500  # the 2019 demo's 采购总金额, stated in 元


def _unit(name: str, in_wan: bool) -> Document:
    document = copy.deepcopy(load_demo("gov-info-2019"))
    document.unit = name
    assert document.units[UNIT_KEY] == "元" and document.values[AMOUNT] == IN_YUAN
    if in_wan:
        document.units[UNIT_KEY] = "万元"
        document.values[AMOUNT] = Decimal("128.65")
    return document


def _amount_column(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[object]:
    header = [cell.value for cell in sheet[2]]
    column = header.index("政府集中采购（采购总金额）") + 1
    return [sheet.cell(row, column).value for row in range(3, 7)]


def test_yuan_and_wan_yuan_are_added_up_in_one_unit(tmp_path: Path) -> None:
    folder = tmp_path / "各单位"
    folder.mkdir()
    for number, in_wan in enumerate((False, True, False), start=1):
        save_document(_unit(f"平川区第{number}单位", in_wan), folder / f"{number}.xlsx")
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", folder, "-o", output)
    assert "计入3个单位，共读3个文件" in result.stdout, result.stdout + result.stderr
    total = open_document(output).document
    table = next(t for t in total.form.tables if t.id == "proactive.procurement")
    assert total.unit_of(table, table.columns[1]) == "元"
    assert total.values[AMOUNT] == 3 * IN_YUAN
    breakdown = openpyxl.load_workbook(output)[BREAKDOWN_SHEET]
    assert _amount_column(breakdown) == [IN_YUAN, IN_YUAN, IN_YUAN, 3 * IN_YUAN]


def test_a_parent_in_wan_yuan_agrees_with_children_in_yuan(tmp_path: Path) -> None:
    folder = tmp_path / "各单位"
    folder.mkdir()
    for number in (1, 2):
        save_document(_unit(f"平川区第{number}单位", False), folder / f"{number}.xlsx")
    parent = _unit("平川区", True)
    parent.values[AMOUNT] = Decimal("257.30")
    save_document(parent, tmp_path / "上级.xlsx")
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", folder, "--parent", tmp_path / "上级.xlsx", "-o", output)
    assert "采购总金额" not in result.stdout, result.stdout
    assert open_document(output).document.values[AMOUNT] == 2 * IN_YUAN
