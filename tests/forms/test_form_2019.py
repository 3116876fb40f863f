"""The 2019 trial format as data: its shape, its signed 本年增/减, its stated amount unit, and a
whole report written, read back, checked and printed by the app (issue 10 item 4)."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao

from forms.definition import ValueKind
from forms.definition_checks import consistency_problems
from forms.definition_files import DEFINITIONS_DIR, form_for_year, load_definition, load_form
from forms.demo import load_demo
from forms.document import Document, new_document
from forms.pdf import render_pdf_bytes
from forms.validation import validate
from forms.validation.cells import check_cell
from forms.values import RawText, parse_entry, parse_value
from forms.xlsx import open_document, save_document

FORM_ID = "gov-info-2019"
CHANGE = "proactive.licensing.permits/change"
AMOUNT = "proactive.procurement.purchases/amount"
UNIT_KEY = "proactive.procurement/amount"


def zeros(year: int = 2020) -> Document:
    """An all-zero 2019-format report: it passes every figure check."""
    document = new_document(FORM_ID, "某某县人民政府办公室", year)
    document.values = {cell: 0 for cell in document.form.index.cell_order}
    document.values[AMOUNT] = Decimal(0)
    return document


def codes_at(document: Document) -> set[tuple[str, str]]:
    return {(f.code, f.cells[0]) for f in validate(document).findings if f.code[0] in "EVW"}


def test_the_2019_form_loads_and_is_consistent() -> None:
    form = load_definition(DEFINITIONS_DIR / f"{FORM_ID}.toml")
    assert list(consistency_problems(form)) == []
    assert [t.title for t in form.tables if t.part == "proactive"] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    tables = {t.id: t for t in form.tables}
    assert [c.label for c in tables["proactive.rules"].columns] == [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert [r.label for r in tables["proactive.licensing"].rows] == [
        "行政许可",
        "其他对外管理服务事项",
    ]
    assert [c.label for c in tables["proactive.fees"].columns] == ["上一年项目数量", "本年增/减"]
    requests = tables["requests"]
    assert len(list(requests.value_rows())) == 23  # （六）其他处理 one row, not three
    other = next(r for r in requests.rows if r.id == "requests.other")
    assert (other.printed_label, other.is_heading) == ("（六）其他处理", False)
    assert len(form.index.cell_order) == 6 + 6 + 6 + 2 + 2 + 23 * 7 + 15
    assert [part.heading for part in form.narrative][4] == "五、存在的主要问题及改进情况"
    assert form.closing is not None and form.closing.date_field == "issued"


@pytest.mark.parametrize(
    ("year", "form_id"),
    [
        (2017, "gov-info-2018"),
        (2018, "gov-info-2018"),
        (2019, FORM_ID),
        (2020, FORM_ID),
        (2021, "gov-info-2021"),
        (2022, "gov-info-2021"),
    ],
)
def test_new_reports_take_the_format_of_their_year(year: int, form_id: str) -> None:
    assert form_for_year(year).id == form_id


def test_only_the_change_columns_are_signed() -> None:
    index = load_form(FORM_ID).index
    signed = sorted(cell for cell in index.cell_order if index.kind(cell).signed)
    assert signed == [
        "proactive.fees.charges/change",
        "proactive.licensing.other_services/change",
        "proactive.licensing.permits/change",
        "proactive.penalties.enforcement/change",
        "proactive.penalties.punishments/change",
    ]
    assert index.kind(AMOUNT) is ValueKind.DECIMAL  # the column's kind, in a row of counts
    assert index.kind("proactive.procurement.purchases/purchases") is ValueKind.INTEGER


@pytest.mark.parametrize(
    ("text", "value"), [("-3", -3), ("+2", 2), ("－７", -7), ("−5", -5), ("0", 0), ("-0", 0)]
)
def test_a_signed_cell_takes_a_sign(text: str, value: int) -> None:
    index = load_form(FORM_ID).index
    entry = parse_entry(text, index.kind(CHANGE))
    assert entry == value and type(entry) is int
    assert check_cell(index, CHANGE, entry) is None


@pytest.mark.parametrize(
    "cell",
    [
        "proactive.licensing.permits/previous",
        "proactive.licensing.permits/decisions",
        "requests.new/natural_person",
        AMOUNT,
    ],
)
def test_a_negative_elsewhere_is_v002(cell: str) -> None:
    document = zeros()
    kind = document.form.index.kind(cell)
    assert parse_entry("-3", kind) == RawText("-3")
    document.values[cell] = parse_entry("-3", kind)
    assert ("V002", cell) in codes_at(document)
    assert parse_value("-1.5", ValueKind.SIGNED_INTEGER) is not None  # V003, not accepted
    assert check_cell(document.form.index, CHANGE, Decimal("-1.5")) is not None


def test_a_negative_change_passes_and_too_large_a_decrease_is_asked_about() -> None:
    document = zeros()
    document.values["proactive.licensing.permits/previous"] = 58
    document.values[CHANGE] = -3
    assert codes_at(document) == set()
    document.values[CHANGE] = -60  # 58 items cannot lose 60
    findings = [f for f in validate(document).findings if f.code == "W305"]
    assert [(f.cells[0], f.message) for f in findings] == [
        (CHANGE, "本年减少60项，多于上一年项目数量（58项），请核实")
    ]


def test_the_2019_table_three_rules_are_the_2021_ones() -> None:
    document = zeros()
    document.values["requests.new/natural_person"] = 5
    document.values["requests.other/natural_person"] = 2  # the single （六） row counts
    document.values["requests.total/natural_person"] = 4  # typed over: 2 ≠ 4
    document.typed_totals.add("requests.total/natural_person")
    found = codes_at(document)
    assert ("E102", "requests.total/natural_person") in found
    assert ("E101", "requests.carried_out/natural_person") in found


def test_last_years_items_plus_change_is_this_years_base() -> None:
    document = zeros(2020)
    document.last_year = {
        "proactive.licensing.permits/previous": 58,
        "proactive.licensing.permits/change": -3,
    }
    document.values["proactive.licensing.permits/previous"] = 55
    assert codes_at(document) == set()
    document.values["proactive.licensing.permits/previous"] = 58
    assert ("W302", "proactive.licensing.permits/previous") in codes_at(document)


def header_texts(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    return [str(c.value) for s in workbook.worksheets for r in s.iter_rows() for c in r if c.value]


def test_the_amount_unit_round_trips_through_xlsx(tmp_path: Path) -> None:
    document = zeros()
    document.values[AMOUNT] = Decimal("128.65")
    save_document(document, tmp_path / "wan.xlsx")
    assert "采购总金额（单位：万元）" in header_texts(tmp_path / "wan.xlsx")  # the default
    document.units[UNIT_KEY] = "元"
    document.values[AMOUNT] = Decimal(1286500)
    save_document(document, tmp_path / "yuan.xlsx")
    assert "采购总金额（单位：元）" in header_texts(tmp_path / "yuan.xlsx")
    assert "采购总金额（单位：万元）" not in header_texts(tmp_path / "yuan.xlsx")
    opened = open_document(tmp_path / "yuan.xlsx")
    assert opened.document.units == {UNIT_KEY: "元"} and opened.differences == []
    assert opened.document.values[AMOUNT] == Decimal(1286500)
    assert opened.document.content() == document.content()
    back = open_document(tmp_path / "wan.xlsx").document
    assert back.units == {} and back.unit_of(*_amount_column(back)) == "万元"


def _amount_column(document: Document) -> tuple:  # type: ignore[type-arg]
    table = next(t for t in document.form.tables if t.id == "proactive.procurement")
    return table, table.columns[1]


def pdf_text(data: bytes, tmp_path: Path, raw: bool = True) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    mode = ["-raw"] if raw else ["-layout"]
    done = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("unit", ["元", "万元"])
def test_the_pdf_prints_the_stated_unit(unit: str, tmp_path: Path) -> None:
    document = load_demo(FORM_ID)
    document.units[UNIT_KEY] = unit
    text = "".join(pdf_text(render_pdf_bytes(document), tmp_path).split())
    assert f"采购项目数量采购总金额（单位：{unit}）政府集中采购71286500" in text


def test_a_2019_report_written_by_the_app_opens_checks_and_prints(tmp_path: Path) -> None:
    """The demo written by the CLI, read back whole, checked clean, printed with its figures."""
    made = nianbao("demo", "--form", FORM_ID, "-o", tmp_path / "d.xlsx")
    assert made.returncode == 0, made.stderr
    document = open_document(tmp_path / "d.xlsx").document
    assert document.content() == load_demo(FORM_ID).content()
    assert document.values[CHANGE] == -3
    assert document.values["proactive.licensing.other_services/change"] == 2  # given as "+2"
    assert document.values["requests.total/total"] == 11
    checked = nianbao("check", tmp_path / "d.xlsx")
    assert checked.stdout.strip() == "可定稿 · 错误 0 · 警告 0（未说明 0） · 未填 0"
    printed = nianbao("pdf", tmp_path / "d.xlsx", "-o", tmp_path / "d.pdf")
    assert printed.returncode == 0, printed.stderr
    lines = pdf_text((tmp_path / "d.pdf").read_bytes(), tmp_path, raw=False).splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.split()}
    assert rows["行政许可"] == ["58", "-3", "236"]
    assert rows["其他对外管理服务事项"] == ["12", "2", "40"]
    assert rows["行政事业性收费"] == ["4", "-1"]
    assert rows["政府集中采购"] == ["7", "1286500"]
    assert rows["（六）其他处理"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert rows["四、结转下年度继续办理"] == ["0", "1", "0", "0", "0", "0", "1"]
    assert "第二十条第（九）项" in "\n".join(lines)


def test_new_with_the_2019_form(tmp_path: Path) -> None:
    result = nianbao(
        "new", "--form", FORM_ID, "--unit", "某局", "--year", "2019", "-o", tmp_path / "n.xlsx"
    )
    assert result.returncode == 0, result.stderr
    assert "（2019年试行格式）" in result.stdout
    document = open_document(tmp_path / "n.xlsx").document
    assert (document.form_id, document.year) == (FORM_ID, 2019)
    assert all(value is None for value in document.values.values())


def test_the_last_heading_goes_with_its_one_line_and_the_closing(tmp_path: Path) -> None:
    """Seen on the 2019 demo: 六's heading alone at the foot of a page, its one line and the
    落款 on the next. A heading follows its text when all of that text goes with the 落款."""
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf_bytes(load_demo(FORM_ID)))
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    texts = ["".join(page.split()) for page in pages.stdout.decode("utf-8").split("\f")]
    with_heading = [i for i, text in enumerate(texts) if "六、其他需要报告的事项" in text]
    assert len(with_heading) == 1
    page = texts[with_heading[0]]
    assert "暂无其他需要报告的事项。" in page and "青禾县自然资源局2021年1月22日" in page


def test_an_amount_ten_times_last_years_is_asked_about() -> None:
    """Last year 128.65 万元, this year 1286500 元 typed without stating 元: W308 asks."""
    document = zeros(2020)
    document.last_year = {AMOUNT: Decimal("128.65")}
    document.values[AMOUNT] = Decimal(1286500)
    w308 = [f for f in validate(document).findings if f.code == "W308"]
    assert [(f.cells[0], f.message) for f in w308] == [
        (
            AMOUNT,
            "政府集中采购（采购总金额）（1286500）与上年（128.65）相比变化超过10倍，请核实并说明",
        )
    ]
    document.values[AMOUNT] = Decimal("130.2")
    assert not [f for f in validate(document).findings if f.code == "W308"]
