"""Round trips through real office software: LibreOffice Calc, headless.

The app's file, opened and re-saved by LibreOffice (``soffice --convert-to xlsx``, which
recalculates every formula because the file asks for a full calculation on load), must read
back with every figure, text and signatory intact, and the check sheet (审核) must show the
same verdict for every check as the app computes. Text that looks like a formula stays text.
Skipped where ``soffice`` is not installed (``.ci/run`` installs libreoffice-calc-nogui).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from office import SOFFICE, convert
from openpyxl import Workbook, load_workbook

from forms.demo import load_demo
from forms.derive import write_values
from forms.document import Document
from forms.importing import import_workbook
from forms.validation import validate
from forms.values import RawText
from forms.xlsx import open_document, save_document
from forms.xlsx.checks import app_verdicts
from forms.xlsx.layout import CHECK_SHEET

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]
INJECTIONS = ["=1+1", "+8613800000000", "-3", "@SUM(A1:A2)", "\tTAB", '=HYPERLINK("http://x")']


# -- the documents sent through LibreOffice ---------------------------------------------------


def _errors() -> Document:
    document = load_demo()
    given = {"requests.received": 5, "staffing.staff": 50, "proactive.channel.website": 20000}
    write_values(document, given)  # as typed: a total given a figure is kept and checked
    return document


def _warnings() -> Document:
    document = load_demo()
    document.last_year = {"proactive.total": 1000, "training.trainees": 210, "fees.total": 0}
    write_values(document, {"requests.completed": 3, "requests.received": 1})
    write_values(document, {"requests.received.online": 1, "requests.completed.on_time": 3})
    document.explanations = {"W207@proactive.total": "今年起各乡镇信息计入"}
    return document


def _blanks_and_text() -> Document:
    document = load_demo()
    document.values.update(
        {
            "proactive.total": None,
            "response.hotspots": RawText("十二"),
            "complaints.total": RawText("=1+1"),
            "fees.total": Decimal("0.1234"),
            "staffing.budget": Decimal("12.5"),
            "training.trainees": RawText("-5"),
        }
    )
    document.signatories["date"] = ""
    return document


def _injections() -> Document:
    document = load_demo()
    parts = list(document.narrative)
    for part, text in zip(parts, INJECTIONS, strict=False):
        document.narrative[part] = text + " 后面的正文"
    document.signatories.update({"unit_head": "=1+1", "reviewer": "@张三", "filer": "-李四"})
    document.contact["office"] = "+平川区政务公开办公室"
    document.preface = "=CMD|' /C calc'!A0"
    document.explanations = {"W205@proactive.normative_docs": "=说明"}
    return document


def _changes_2021() -> Document:
    """W205's four cases in one report: 0 → 25 and 30 → 0 and 1 → 12×… asked, 3 → 0 not."""
    document = load_demo("gov-info-2021")
    write_values(document, {"requests.new/business": 25, "requests.granted/business": 0})
    write_values(document, {"requests.partial/natural_person": 30})
    document.last_year = {
        "requests.new/business": 0,  # 0 → 25: asked
        "requests.granted/business": 30,  # 30 → 0: asked
        "requests.partial/natural_person": 2,  # 2 → 30: more than tenfold, asked
        "requests.refused.third_party/natural_person": 3,  # 3 → 1: small, not asked
        "requests.new/natural_person": 12,  # the same: not asked
    }
    return document


VARIANTS = {
    "demo": load_demo,
    "demo2021": partial(load_demo, "gov-info-2021"),
    "errors": _errors,
    "warnings": _warnings,
    "blanks": _blanks_and_text,
    "injections": _injections,
    "changes2021": _changes_2021,
}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {name: make() for name, make in VARIANTS.items()}


@pytest.fixture(scope="module")
def resaved(
    documents: dict[str, Document], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for name, document in documents.items():
        save_document(document, folder / f"{name}.xlsx")
        sources.append(folder / f"{name}.xlsx")
    return convert(sources, "xlsx", folder / "resaved")


# -- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VARIANTS)
def test_everything_reads_back_after_libreoffice(
    name: str, documents: dict[str, Document], resaved: dict[str, Path]
) -> None:
    original = documents[name]
    opened = open_document(resaved[name])
    assert opened.differences == []
    assert opened.document.content() == original.content()


@pytest.mark.parametrize("name", VARIANTS)
def test_check_sheet_verdicts_computed_by_libreoffice_match_the_app(
    name: str, documents: dict[str, Document], resaved: dict[str, Path]
) -> None:
    document = documents[name]
    sheet_verdicts = _check_sheet(resaved[name])
    assert sheet_verdicts == app_verdicts(document)
    flagged = {key for key, verdict in sheet_verdicts.items() if verdict in ("错误", "警告")}
    findings = {f.key: f for f in validate(document).findings if f.key in sheet_verdicts}
    assert flagged == set(findings)
    for key, finding in findings.items():
        assert sheet_verdicts[key] == ("错误" if finding.is_error else "警告")


def test_the_variants_exercise_every_verdict(resaved: dict[str, Path]) -> None:
    seen = {name: set(_check_sheet(path).values()) for name, path in resaved.items()}
    assert seen["demo"] == {"通过"}
    assert seen["demo2021"] == {"通过"}
    assert "错误" in seen["errors"]
    assert "警告" in seen["warnings"]
    assert "未填" in seen["blanks"]


def _check_sheet(path: Path) -> dict[str, str]:
    """Finding key (column C) → verdict (column D) as LibreOffice computed and cached it."""
    sheet = load_workbook(path, data_only=True)[CHECK_SHEET]
    rows = sheet.iter_rows(min_row=3, min_col=3, max_col=4, values_only=True)
    return {key: verdict for key, verdict in rows if key}


def test_formula_like_text_stays_text_after_libreoffice(
    documents: dict[str, Document], resaved: dict[str, Path]
) -> None:
    workbook = load_workbook(resaved["injections"])
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        if sheet.title != CHECK_SHEET
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    shown = {
        cell.value
        for sheet in load_workbook(resaved["injections"], data_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    document = documents["injections"]
    expected = [*document.narrative.values(), *document.signatories.values(), document.preface]
    for text in [t for t in expected if t.startswith(("=", "+", "-", "@", "\t"))]:
        assert text in shown


# -- foreign workbooks as LibreOffice writes them --------------------------------------------


def test_import_of_a_table_saved_by_libreoffice_as_xlsx_and_xls(tmp_path: Path) -> None:
    demo = load_demo()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["政府信息公开情况统计表"])
    sheet.append(["（2018年度）"])
    sheet.append(["序号", "统计指标", None, "单位", "统计数"])
    for number, row in enumerate(demo.form.tables[0].rows, start=4):
        value = demo.values.get(row.id)
        sheet.append([row.number, row.label, None, row.unit, None if value is None else str(value)])
        sheet.merge_cells(start_row=number, start_column=2, end_row=number, end_column=3)
    workbook.save(tmp_path / "foreign.xlsx")
    converted = convert([tmp_path / "foreign.xlsx"], "xlsx", tmp_path / "lo")
    xls = convert([tmp_path / "foreign.xlsx"], "xls", tmp_path / "lo-xls")
    imported = import_workbook(converted["foreign"])
    assert imported.document.values == demo.values
    assert imported.report.clean
    from_xls = import_workbook(xls["foreign"])
    assert from_xls.document.values == demo.values
    assert from_xls.report.clean
    assert [item.source for item in from_xls.report.mapped][:2] == ["Sheet!E5", "Sheet!E6"]
