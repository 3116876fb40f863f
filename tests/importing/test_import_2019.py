"""Import of the 2019 trial format's table 二: each cell read by its own kind.

本年增/减 is a signed count ("-3" and "+2" are figures there, and only there); 采购总金额 is an
amount in the unit its header states (万元 or 元), which the imported report states too.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from forms.demo import load_demo
from forms.document import Document
from forms.docx import render_docx
from forms.html import render_html
from forms.importing import import_workbook
from forms.importing.sources import import_file
from forms.values import RawText

AMOUNT = "proactive.procurement.purchases/amount"
AMOUNT_UNIT = "proactive.procurement/amount"
CHANGES = [
    "proactive.licensing.permits/change",
    "proactive.licensing.other_services/change",
    "proactive.penalties.punishments/change",
    "proactive.penalties.enforcement/change",
    "proactive.fees.charges/change",
]
WRITERS: dict[str, Callable[[Document, Path], None]] = {".docx": render_docx, ".html": render_html}


def report_2019(changes: list[int], amount: Decimal, unit: str) -> Document:
    document = load_demo("gov-info-2019")
    document.values.update(dict(zip(CHANGES, changes, strict=True)))
    document.values[AMOUNT] = amount
    document.units = {AMOUNT_UNIT: unit}
    return document


def differences(document: Document, expected: Document) -> dict[str, object]:
    return {
        cell: (document.values.get(cell), value)
        for cell, value in expected.values.items()
        if document.values.get(cell) != value
    }


@pytest.mark.parametrize("suffix", list(WRITERS))
@pytest.mark.parametrize("unit", ["元", "万元"])
def test_a_2019_report_comes_back_with_its_signed_changes_and_its_amounts_unit(
    tmp_path: Path, suffix: str, unit: str
) -> None:
    written = report_2019([-3, 2, 0, -12, 1], Decimal("1286500.5"), unit)
    path = tmp_path / f"2020年报{suffix}"
    WRITERS[suffix](written, path)
    imported = import_file(path)
    assert imported.document.form_id == "gov-info-2019"
    assert differences(imported.document, written) == {}
    assert imported.document.units == {AMOUNT_UNIT: unit}
    assert imported.report.not_understood == []
    assert imported.document.narrative == written.narrative
    assert (imported.document.unit, imported.document.year) == (written.unit, written.year)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(st.integers(-999, 999), min_size=5, max_size=5),
    amount=st.decimals(0, 10**7, places=2),
    unit=st.sampled_from(["元", "万元"]),
)
def test_any_signed_change_and_amount_come_back_from_a_web_page(
    tmp_path: Path, changes: list[int], amount: Decimal, unit: str
) -> None:
    written = report_2019(changes, amount, unit)
    path = tmp_path / "2020年报.html"
    render_html(written, path)
    imported = import_file(path)
    assert differences(imported.document, written) == {}
    assert imported.document.units == {AMOUNT_UNIT: unit}


def district_table(path: Path, amount_header: str, change: object, amount: object) -> Path:
    """A district's own sheet of the 2019 block 行政许可 and 政府集中采购."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["第二十条第（五）项"])
    sheet.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
    sheet.append(["行政许可", 40, change, 1200])
    sheet.append(["第二十条第（九）项"])
    sheet.append(["信息内容", "采购项目数量", amount_header])
    sheet.append(["政府集中采购", 7, amount])
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("change", "read"),
    [("+2", 2), ("-3", -3), ("－3", -3), (-5, -5), (" 4 ", 4)],
)
def test_a_change_is_a_signed_figure(tmp_path: Path, change: object, read: int) -> None:
    path = district_table(tmp_path / "区表.xlsx", "采购总金额（万元）", change, 12)
    imported = import_workbook(path, "gov-info-2019")
    assert imported.document.values["proactive.licensing.permits/change"] == read
    assert imported.document.values["proactive.licensing.permits/previous"] == 40
    assert imported.report.not_understood == []


def test_only_the_change_column_takes_a_negative_figure(tmp_path: Path) -> None:
    path = district_table(tmp_path / "区表.xlsx", "采购总金额", -3, 12)
    workbook_path = tmp_path / "负数.xlsx"
    workbook = Workbook()
    workbook.active.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
    workbook.active.append(["行政许可", -40, -3, 1200])
    workbook.save(workbook_path)
    imported = import_workbook(workbook_path, "gov-info-2019")
    assert imported.document.values["proactive.licensing.permits/previous"] == RawText("-40")
    assert imported.document.values["proactive.licensing.permits/change"] == -3
    refused = [(item.source, item.reason) for item in imported.report.not_understood]
    assert refused == [("Sheet!B2", "不能为负数（已原样保留，请在本软件中改正）")]
    assert (
        import_workbook(path, "gov-info-2019").document.values["proactive.licensing.permits/change"]
        == -3
    )


@pytest.mark.parametrize(
    ("header", "written", "amount", "unit", "note"),
    [
        ("采购总金额（万元）", 25.1, Decimal("25.1"), "万元", ""),
        ("采购总金额（单位：元）", 251000, Decimal("251000"), "元", ""),
        ("采购总金额", "251000元", Decimal("25.1"), "万元", "“251000元”按元换算为25.1万元"),
        ("采购总金额（元）", "25.1万元", Decimal("251000"), "元", "“25.1万元”按万元换算为251000元"),
        ("采购总金额（千元）", 3, Decimal("0.3"), "万元", "表头单位为千元，3千元换算为万元"),
    ],
)
def test_the_amount_keeps_the_unit_its_header_states(
    tmp_path: Path, header: str, written: object, amount: Decimal, unit: str, note: str
) -> None:
    path = district_table(tmp_path / "区表.xlsx", header, 1, written)
    imported = import_workbook(path, "gov-info-2019")
    assert imported.document.values[AMOUNT] == amount
    assert imported.document.units == {AMOUNT_UNIT: unit}
    mapped = next(item for item in imported.report.mapped if item.cell == AMOUNT)
    assert mapped.note == note
    assert imported.report.not_understood == []
