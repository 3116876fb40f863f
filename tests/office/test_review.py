"""The reviewer's work in the file: verdicts, sign-off voided by any change, the change log."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao
from unit_reports import unit_report

from forms.document import Document, DocumentError
from forms.review import (
    KEPT_CHANGES,
    approval_holds,
    approve,
    record_changes,
    set_verdict,
    void_if_changed,
)
from forms.xlsx import open_document, save_document
from forms.xlsx.review_sheet import REVIEW_SHEET


@pytest.fixture
def report() -> Document:
    return unit_report("青禾县第1局", 1)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.values.update({"requests.new/business": 4}),
        lambda d: d.narrative.update({"other": d.narrative["other"] + "补充。"}),
        lambda d: d.explanations.update({"W204@x": "说明"}),
        lambda d: setattr(d, "unit", "青禾县第一局"),
    ],
)
def test_any_change_of_content_voids_the_sign_off(report: Document, edit: object) -> None:
    approve(report, "陈晓岚", "2026-01-21")
    assert approval_holds(report)
    edit(report)  # type: ignore[operator]
    assert void_if_changed(report) == (
        "报告在陈晓岚于2026-01-21审核通过后被修改，审核通过已撤销，需要重新审核"
    )
    assert report.review.approval is None


def test_verdicts_and_remarks_do_not_void_it(report: Document) -> None:
    approve(report, "陈晓岚", "2026-01-21")
    set_verdict(report, "W205@requests.new/business", "已核实", "陈晓岚")
    report.review.remarks["requests.new/business"] = "与登记簿一致"
    assert void_if_changed(report) == "" and approval_holds(report)


def test_review_survives_the_file(report: Document, tmp_path: Path) -> None:
    approve(report, "陈晓岚", "2026-01-21")
    set_verdict(report, "W205@requests.new/business", "不采纳", "陈晓岚")
    before = copy.deepcopy(report)
    report.values["requests.new/business"] = 3  # the same figure again: no change
    report.narrative["other"] = "本年度未收取信息处理费。无其他事项。"
    record_changes(before, report, at="2026-01-22 09:00:00")
    approve(report, "陈晓岚", "2026-01-22")
    save_document(report, tmp_path / "r.xlsx")
    again = open_document(tmp_path / "r.xlsx").document
    assert again.review == report.review
    assert approval_holds(again)
    rows = [r for r in openpyxl.load_workbook(tmp_path / "r.xlsx")[REVIEW_SHEET].values]
    texts = [cell for row in rows for cell in row if cell]
    assert "审核通过：陈晓岚，2026-01-22" in texts
    assert "六、其他需要报告的事项" in texts  # the change log names the part
    assert "2026-01-22 09:00:00" in texts


def test_an_edit_in_excel_after_sign_off_is_told_on_opening(
    report: Document, tmp_path: Path
) -> None:
    approve(report, "陈晓岚", "2026-01-21")
    save_document(report, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    sheet = book["收到和处理政府信息公开申请情况"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 12)
    cell.value = 13
    book.save(tmp_path / "r.xlsx")
    opened = open_document(tmp_path / "r.xlsx")
    assert opened.differences[-1].startswith("报告在陈晓岚于2026-01-21审核通过后被修改")
    assert opened.document.review.approval is None


def test_the_change_log_names_cells_parts_and_keeps_the_newest(report: Document) -> None:
    before = copy.deepcopy(report)
    report.values["requests.new/business"] = 9
    report.narrative["problems"] = "新的问题说明" * 20
    changes = record_changes(before, report, at="t")
    first = changes[0]
    assert (first.place, first.old, first.new) == (
        "本年新收政府信息公开申请数量（法人或其他组织·商业企业）",
        "3",
        "9",
    )
    assert changes[1].place == "五、存在的主要问题及改进情况" and changes[1].new.endswith("…")
    for _ in range(KEPT_CHANGES):
        record_changes(before, report, at="later")
    assert len(report.review.changes) == KEPT_CHANGES
    assert report.review.changes[0].at == "later"


def test_the_change_log_names_explanations_contacts_and_signatories(report: Document) -> None:
    before = copy.deepcopy(report)
    report.explanations["T001@part.requests#new"] = "含1件撤回的申请"
    report.explanations["W205@requests.new/business"] = "新设窗口"
    report.signatories["reviewer"] = "李文"
    report.contact["phone"] = "0999-5550000"
    logged = {c.place: (c.old, c.new) for c in record_changes(before, report, at="t")}
    assert logged == {
        "说明：三、收到和处理政府信息公开申请情况（T001）": ("", "含1件撤回的申请"),
        "说明：本年新收政府信息公开申请数量（法人或其他组织·商业企业）（W205）": ("", "新设窗口"),
        "签署栏：审核人": (before.signatories["reviewer"], "李文"),
        "联系方式：联系电话": (before.contact["phone"], "0999-5550000"),
    }


@pytest.mark.parametrize(
    "review",
    [
        {"verdicts": {"W1@x": {"state": "已核实"}}},
        {"approval": {"by": "张三", "on": 3, "content": "x"}},
        {"changes": "none"},
        [],
    ],
)
def test_damaged_review_data_is_a_document_error(report: Document, review: object) -> None:
    data = json.loads(report.to_json())
    data["review"] = review
    with pytest.raises(DocumentError):
        Document.from_json(json.dumps(data, ensure_ascii=False))


def test_approve_on_the_command_line(report: Document, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    draft = copy.deepcopy(report)
    draft.narrative["problems"] = "无"  # T003 unexplained: not ready
    save_document(draft, path)
    refused = nianbao("approve", path, "--by", "陈晓岚")
    assert refused.returncode == 2
    assert refused.stderr.startswith("错误：[R051] 报告还有1个警告未说明，如：五、存在的主要问题")
    save_document(report, path)
    done = nianbao("approve", path, "--by", "陈晓岚", "--date", "2026-01-21")
    assert done.stdout.strip() == f"已审核通过：陈晓岚，2026-01-21（{path}）"
    checked = nianbao("check", path)
    assert checked.stdout.strip().splitlines()[-1] == "审核通过：陈晓岚，2026-01-21"


def test_a_rejected_explanation_is_not_signed_off_on_the_command_line(
    report: Document, tmp_path: Path
) -> None:
    path = tmp_path / "r.xlsx"
    report.narrative["problems"] = "无"  # T003
    report.explanations["T003@part.problems"] = "本年确无问题"
    set_verdict(report, "T003@part.problems", "待核实", "陈晓岚")
    save_document(report, path)
    refused = nianbao("approve", path, "--by", "陈晓岚")
    assert refused.returncode == 2
    assert refused.stderr.startswith("错误：[R052] 有1个警告的说明被标为“待核实”")
    assert refused.stderr.strip().endswith("（未改动文件）")
    assert open_document(path).document.review.approval is None
    opened = open_document(path).document
    set_verdict(opened, "T003@part.problems", "已核实", "陈晓岚")
    save_document(opened, path)
    assert nianbao("approve", path, "--by", "陈晓岚").returncode == 0
    assert approval_holds(open_document(path).document)


def test_import_csv_logs_its_changes(report: Document, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    save_document(report, path)
    (tmp_path / "c.csv").write_text("id,value\nproactive.licensing.permits,240\n", encoding="utf-8")
    assert nianbao("import-csv", path, tmp_path / "c.csv").returncode in (0, 1)
    (change,) = open_document(path).document.review.changes
    assert (change.place, change.old, change.new) == ("行政许可", "236", "240")


def test_the_sign_off_is_printed_on_the_last_page_and_in_the_metadata(
    report: Document, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from forms.pdf import render_pdf

    approve(report, "陈晓岚", "2026-01-21")
    render_pdf(report, tmp_path / "r.pdf")
    pdf = PdfReader(tmp_path / "r.pdf")
    pages = [page.extract_text() for page in pdf.pages]
    assert "审核通过：陈晓岚，2026-01-21" in pages[-1]
    assert not any("审核通过" in text for text in pages[:-1])
    assert "审核通过：陈晓岚，2026-01-21" in (pdf.metadata or {}).get("/Keywords", "")
    report.values["requests.new/business"] = 4  # changed after sign-off: no longer printed
    render_pdf(report, tmp_path / "changed.pdf")
    assert "审核通过：" not in PdfReader(tmp_path / "changed.pdf").pages[-1].extract_text()
