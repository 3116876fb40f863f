"""Issue 11, the reading side: every hostile input ends in a coded refusal or a document the
app can check, print and recover, inside 1.5 GB and a timeout (``sandbox``).

Cases built at test time by ``reading.py`` (and ``corpus.py`` for the older ones).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import reading
from sandbox import Outcome, run_cli, run_open

from forms.document import Document
from forms.xlsx import open_document, save_document

OPENED_WITH = [
    # (builder, a word that the differences must contain)
    (reading.year_beyond_9999, "不是年份"),
    (reading.year_in_arabic_digits, "不是年份"),
    (reading.year_of_5000_digits, "不是年份"),
    (reading.stray_far_cell, "XFD1048576"),
    (reading.copy_with_5000_digit_history, "V011"),
    (reading.copy_with_huge_exponents, "1E+999999999"),
    (reading.copy_with_surrogate_and_escape, "V010"),
]
REFUSED = [
    (reading.macro_workbook, "F021", "含宏的工作簿"),
    (reading.pdf_named_xlsx, "F022", "PDF 文件"),
    (reading.word_named_xlsx, "F022", "Word 文档"),
    (reading.fifo, "F023", "管道"),
    (reading.folder, "F023", "文件夹"),
    (reading.cell_of_5000_digits, "F005", "位数过多"),
]


def _name(case: object) -> str:
    return getattr(case, "__name__", str(case))


def held(outcome: Outcome) -> Outcome:
    assert outcome.clean, f"{outcome.name}: {outcome.stderr[-2000:]}"
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    return outcome


@pytest.mark.parametrize(("build", "word"), OPENED_WITH, ids=_name)
def test_out_of_bounds_content_opens_reported_printable_recoverable(
    build: reading.Builder, word: str, good: Path, tmp_path: Path
) -> None:
    bad = build(good, tmp_path / "坏 文件.xlsx")
    pdf = tmp_path / "out.pdf"
    report = held(run_open(build.__name__, bad, pdf)).report
    assert report.get("opened"), report
    assert any(word in line for line in report["differences"]), report["differences"]
    assert report["recovered"] is True
    assert report["year"] == 2018
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_stray_far_cell_costs_no_memory(good: Path, tmp_path: Path) -> None:
    bad = reading.stray_far_cell(good, tmp_path / "far.xlsx")
    assert bad.stat().st_size < 100_000
    outcome = held(run_open("stray_far_cell, memory", bad))
    assert outcome.peak_mb < 400, f"peak {outcome.peak_mb:.0f} MB"
    line = next(line for line in outcome.report["differences"] if "F024" in line)
    assert "附件1" in line and "未读取" in line


@pytest.mark.parametrize(("build", "code", "word"), REFUSED, ids=_name)
def test_wrong_kinds_and_special_files_are_refused_with_their_code(
    build: reading.Builder, code: str, word: str, good: Path, tmp_path: Path
) -> None:
    bad = build(good, tmp_path / "坏 文件.xlsx")
    report = held(run_open(build.__name__, bad)).report
    assert report.get("code") == code, report
    assert word in report["message"]


def test_special_files_on_the_command_line(good: Path, tmp_path: Path) -> None:
    pipe = reading.fifo(good, tmp_path / "p.xlsx")
    for args, word in (
        (("check", str(pipe)), "管道"),
        (("import", str(pipe), "-o", str(tmp_path / "q.xlsx")), "管道"),
        (("import-csv", str(good), "/dev/zero"), "设备"),
        (("check", "/dev/zero"), "设备"),
    ):
        outcome = run_cli(f"cli {args[0]} {args[1]}", *args)
        assert outcome.clean, outcome.stderr
        assert outcome.report["rc"] == 2
        assert word in outcome.stderr and "不是普通文件" in outcome.stderr


def test_a_huge_year_on_the_command_line_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "y.xlsx"
    outcome = run_cli(
        "cli new --year 10^20", "new", "--year", "9" * 20, "--unit", "单位", "-o", str(target)
    )
    assert outcome.clean and outcome.report["rc"] == 2
    assert "不是有效的年度" in outcome.stderr
    assert not target.exists()


def test_a_lone_surrogate_from_the_command_line_saves_and_prints(tmp_path: Path) -> None:
    report, pdf = tmp_path / "s.xlsx", tmp_path / "s.pdf"
    made = run_cli(
        "cli new --unit 单位\\xff",
        "new",
        "--year",
        "2021",
        "--unit",
        "单位\udcff\x1b[31m",
        "-o",
        str(report),
    )
    assert made.clean and made.report["rc"] == 0, made.stderr
    assert "V010" in made.stdout and "\x1b" not in made.stdout
    printed = run_cli("cli pdf", "pdf", str(report), "-o", str(pdf))
    assert printed.clean and printed.report["rc"] == 0, printed.stderr
    assert open_document(report).document.unit == "单位\ufffd[31m"


@pytest.mark.parametrize(
    ("build", "rc", "word"),
    [
        (reading.csv_with_cr_line_ends, 0, "已更新"),
        (reading.csv_with_bom_and_crlf, 0, "已更新"),
        (reading.csv_with_a_huge_field, 2, "超过131072个字符"),
        (reading.csv_with_an_escape, 1, "已更新"),
    ],
    ids=_name,
)
def test_csv_as_spreadsheet_users_write_it(
    build: object, rc: int, word: str, good: Path, tmp_path: Path
) -> None:
    source = build(tmp_path / "figures.csv")  # type: ignore[operator]
    outcome = run_cli(_name(build), "import-csv", str(good), str(source))
    assert outcome.clean, outcome.stderr
    assert outcome.report["rc"] == rc
    assert word in outcome.stdout + outcome.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", outcome.stdout + outcome.stderr)
    if rc == 0 and build is not reading.csv_with_an_escape:
        assert open_document(good).document.values["proactive.total"] in (5, 7)


def test_a_report_of_one_repeated_character_reopens(demo: Document, tmp_path: Path) -> None:
    """Item 7: 1.75 M copies of one character compress 1000:1 and are still the filer's."""
    demo.narrative["overview"] = "政" * 1_750_000
    path = tmp_path / "长文.xlsx"
    save_document(demo, path)
    outcome = held(run_open("one repeated character, 5 MB", path))
    assert outcome.report.get("opened"), outcome.report
    assert outcome.report["differences"] == []
    assert outcome.report["recovered"] is True


def test_out_of_memory_says_so(demo: Document, tmp_path: Path) -> None:
    """Under a tight address space the same file is F020 (内存不足), not "已损坏"."""
    demo.narrative["overview"] = "政府信息公开。" * 1_000_000
    path = tmp_path / "大.xlsx"
    save_document(demo, path)
    outcome = run_open("out of memory", path, limit=_tight_limit())
    assert outcome.clean, outcome.stderr[-2000:]
    assert outcome.report.get("code") == "F020", outcome.report
    assert "内存不足" in outcome.report["message"]


def _tight_limit() -> int:
    """Room to start Python and import the app (about 60 MB), not to read 7 M characters
    (2.8 M fitted once the file was read through calamine instead of openpyxl)."""
    return 100 * 1024 * 1024
