"""The register of units expected, and who has filed: 已报送, 草稿, 有错误, 未报送."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao
from unit_reports import unit_report, write_units

from forms.codes import NianbaoError
from forms.office.consolidate import read_units, unit_files
from forms.office.register import filing_states, find_register, read_register
from forms.office.workbook import FILINGS_SHEET
from forms.xlsx import save_document

REGISTER = ["青禾县第1局", "青禾县第2局", "青禾县第3局", "青禾县第4局", "青禾县第5局"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Units 1–2 filed, 3 is a draft (a warning unexplained), 4 has an error, 5 is missing;
    an unregistered unit filed too."""
    units = tmp_path_factory.mktemp("units")
    write_units(units, [1, 2])
    draft = unit_report("青禾县第3局", 1)
    draft.narrative["problems"] = "无"  # T003: a warning without its 说明
    save_document(draft, units / "第3局.xlsx")
    wrong = unit_report("青禾县第4局", 1)
    wrong.values["requests.carried_out/natural_person"] = 99
    save_document(wrong, units / "第4局.xlsx")
    save_document(unit_report("青禾县档案馆", 1), units / "档案馆.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["序号", "单位名称", "备注"])
    for number, name in enumerate(REGISTER, start=1):
        book.active.append([number, f" {name} ", ""])
    book.save(units / "单位名单.xlsx")
    return units


def test_the_register_is_read_by_its_unit_column(folder: Path) -> None:
    assert find_register([folder]) == folder / "单位名单.xlsx"
    assert read_register(folder / "单位名单.xlsx") == REGISTER


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_a_csv_register_in_any_encoding_and_line_ending(
    tmp_path: Path, encoding: str, newline: str
) -> None:
    path = tmp_path / "单位名单.csv"
    path.write_bytes(
        newline.join(["单位,联系人", *(f"{n},某人" for n in REGISTER)]).encode(encoding)
    )
    assert read_register(path) == REGISTER


def test_a_register_without_header_takes_its_first_column(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("\n".join(REGISTER), encoding="utf-8")
    assert read_register(path) == REGISTER


def test_a_foreign_file_as_register_is_a_coded_refusal(tmp_path: Path) -> None:
    path = tmp_path / "单位名单.xlsx"
    path.write_bytes(b"\x00" * 64)
    with pytest.raises(NianbaoError) as raised:
        read_register(path)
    assert raised.value.code == "F001"


def test_each_unit_has_its_state(folder: Path) -> None:
    units = read_units([p for p in unit_files([folder]) if p.name != "单位名单.xlsx"])
    states = {
        f.unit: (f.state, f.file) for f in filing_states(REGISTER, units, "gov-info-2021", 2025)
    }
    assert states == {
        "青禾县第1局": ("已报送", "单位001.xlsx"),
        "青禾县第2局": ("已报送", "单位002.xlsx"),
        "青禾县第3局": ("草稿", "第3局.xlsx"),
        "青禾县第4局": ("有错误", "第4局.xlsx"),
        "青禾县第5局": ("未报送", ""),
        "青禾县档案馆": ("不在名单中", "档案馆.xlsx"),
    }


def test_consolidation_shows_who_has_not_filed(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "汇总.xlsx"
    result = nianbao("consolidate", folder, "-o", output)
    counts = "已报送2个，草稿1个，有错误1个，未报送1个，不在名单中1个"
    assert f"报送情况（单位名单.xlsx，5个单位）：{counts}" in result.stdout
    assert "未报送：青禾县第5局" in result.stdout
    assert "单位名单.xlsx" not in "".join(
        line for line in result.stdout.splitlines() if "[未计入]" in line
    )
    rows = list(openpyxl.load_workbook(output)[FILINGS_SHEET].iter_rows(values_only=True))
    assert rows[5][1:3] == ("青禾县第5局", "未报送")
    assert rows[-1][1] == f"合计：{counts}"
