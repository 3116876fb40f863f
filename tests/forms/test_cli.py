"""The command line, run as a real subprocess: check, new, demo, usage errors.

``check`` exits 0 when there is nothing to report, 1 for warnings only, 2 for errors (blank
cells included); anything the user typed wrong or a file that cannot be read gives one line
on stderr, exit 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_run import nianbao

from forms.demo import load_demo
from forms.document import Document
from forms.xlsx import open_document, save_document

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "nianbao"


def saved(document: Document, path: Path) -> Path:
    save_document(document, path)
    return path


def assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_check_a_clean_file_exits_0(demo: Document, tmp_path: Path) -> None:
    result = nianbao("check", saved(demo, tmp_path / "平川 2018.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "可定稿 · 错误 0 · 警告 0（未说明 0） · 未填 0" in result.stdout


def test_check_warnings_only_exits_1(demo: Document, tmp_path: Path) -> None:
    demo.values["staffing.offices"] = 0
    result = nianbao("check", saved(demo, tmp_path / "x.xlsx"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[警告 W206]" in result.stdout and "位置：staffing.offices" in result.stdout


def test_check_errors_exit_2_and_json_lists_them(demo: Document, tmp_path: Path) -> None:
    demo.values["proactive.channel.website"] = 13000
    demo.values["fees.total"] = Decimal("0.5")
    path = saved(demo, tmp_path / "x.xlsx")
    assert nianbao("check", path).returncode == 2
    result = nianbao("check", "--json", path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    keys = {finding["key"]: finding for finding in report["findings"]}
    assert keys["E101@proactive.channel.website"]["severity"] == "error"
    assert keys["W204@fees.total"]["severity"] == "warning"
    assert report["status"] == "草稿" and report["edited_outside_app"] == []


def test_check_reports_what_a_reviewer_changed(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["附件1 政府信息公开情况统计表"]["D7"] = 13000  # 主动公开政府信息数
    workbook.save(path)
    result = nianbao("check", path)
    assert "[改动] 工作表“附件1 政府信息公开情况统计表”D7（主动公开政府信息数）" in result.stdout
    assert "[错误 E102]" in result.stdout  # the five channels no longer add up
    assert result.returncode == 2
    edited = json.loads(nianbao("check", "--json", path).stdout)["edited_outside_app"]
    assert edited == [result.stdout.splitlines()[0].removeprefix("[改动] ")]


def test_new_writes_an_empty_report(tmp_path: Path) -> None:
    path = tmp_path / "新 年报.xlsx"
    result = nianbao(
        "new",
        "--form",
        "gov-info-2018",
        "--unit",
        "某某县人民政府办公室",
        "--year",
        "2025",
        "-o",
        path,
    )
    assert result.returncode == 0, result.stderr
    document = open_document(path).document
    assert (document.unit, document.year, document.form_id) == (
        "某某县人民政府办公室",
        2025,
        "gov-info-2018",
    )
    assert set(document.values.values()) == {None}
    check = nianbao("check", path)
    assert check.returncode == 2 and "未填" in check.stdout


def test_demo_writes_the_demo_document(tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    result = nianbao("demo", "-o", path)
    assert result.returncode == 0, result.stderr
    assert open_document(path).document.content() == load_demo().content()
    assert nianbao("check", path).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check"],
        ["frobnicate"],
        ["new", "--unit", "某单位", "--year", "二〇二五", "-o", "x.xlsx"],
        ["new", "--form", "gov-info-1999", "--unit", "某单位", "--year", "2025", "-o", "x.xlsx"],
        ["demo"],
    ],
    ids=["nothing", "no-file", "unknown-command", "bad-year", "unknown-form", "no-output"],
)
def test_usage_errors_give_one_line(args: list[str]) -> None:
    result = nianbao(*args)
    assert_one_clear_line(result)
    assert result.stderr.startswith("用法错误")


def test_unreadable_files_give_one_line(tmp_path: Path) -> None:
    text = tmp_path / "名单.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    for path in (tmp_path / "没有.xlsx", text, tmp_path):
        result = nianbao("check", path)
        assert_one_clear_line(result)
        assert result.stderr.startswith("错误：") and str(path) in result.stderr


def test_saving_where_it_cannot_gives_one_line(tmp_path: Path) -> None:
    result = nianbao("demo", "-o", tmp_path / "没有的文件夹" / "demo.xlsx")
    assert_one_clear_line(result)
    assert "F008" not in result.stderr and "无法保存" in result.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="the nianbao script is installed by uv sync")
def test_the_nianbao_script_runs_the_same_command_line(demo: Document, tmp_path: Path) -> None:
    path = saved(demo, tmp_path / "x.xlsx")
    result = subprocess.run(
        [SCRIPT, "check", "--json", path], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "可定稿"


def test_a_gbk_console_shows_what_it_cannot_print_as_question_marks(
    demo: Document, tmp_path: Path
) -> None:
    path = saved(demo, tmp_path / "x.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["年报正文"]["C3"] = "𠮷平川区人民政府办公室"  # 𠮷 is not in GBK
    workbook.save(path)
    result = subprocess.run(
        [sys.executable, "-m", "forms", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    assert "现为“?平川区人民政府办公室”" in result.stdout.decode("gbk")


def test_output_into_a_closed_pipe_is_not_a_traceback(demo: Document, tmp_path: Path) -> None:
    """`nianbao check x.xlsx | head -0`: the reader has gone; no traceback follows."""
    demo.values = dict.fromkeys(demo.values)  # 58 blank cells: many lines to print
    path = saved(demo, tmp_path / "空白.xlsx")
    with subprocess.Popen(
        [sys.executable, "-m", "forms", "check", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before the first line: every write meets a broken pipe
        errors = process.stderr.read().decode("utf-8")
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors


def test_new_from_last_years_file(demo: Document, tmp_path: Path) -> None:
    last_year = saved(demo, tmp_path / "2018 年报.xlsx")
    path = tmp_path / "2019 年报.xlsx"
    result = nianbao(
        "new", "--from", last_year, "--year", "2019", "--form", "gov-info-2018", "-o", path
    )
    assert result.returncode == 0, result.stderr
    assert "2019年年报" in result.stdout
    document = open_document(path).document
    assert (document.unit, document.year) == ("白银市平川区人民政府办公室", 2019)
    assert document.signatories["unit_head"] == "李有凌"
    assert document.signatories["date"] == ""
    assert document.history[2018] == 12457
    assert document.last_year["staffing.staff"] == 51
    assert all(value is None for value in document.values.values())


def test_new_from_last_year_asks_for_the_year(tmp_path: Path) -> None:
    """The year is asked, never assumed: without --year the command names the choice."""
    last_year = saved(load_demo("gov-info-2019"), tmp_path / "2020年报.xlsx")
    result = nianbao("new", "--from", last_year, "-o", tmp_path / "n.xlsx")
    assert_one_clear_line(result)
    assert result.stderr.strip() == (
        "错误：由上年年报（2020年）新建，请指明本年报告的年度：加 --year 2021（上年之后一年），"
        "或写其他年度"
    )
    assert not (tmp_path / "n.xlsx").exists()
    same = nianbao("new", "--from", last_year, "--year", "2020", "-o", tmp_path / "n.xlsx")
    assert_one_clear_line(same)
    assert "本年报告的年度（2020年）应晚于上年报告的年度（2020年）" in same.stderr
    assert not (tmp_path / "n.xlsx").exists()


def test_new_from_a_2020_trial_format_report_for_2021(tmp_path: Path) -> None:
    last_year = saved(load_demo("gov-info-2019"), tmp_path / "2020年报.xlsx")
    result = nianbao("new", "--from", last_year, "--year", "2021", "-o", tmp_path / "n.xlsx")
    assert result.returncode == 0, result.stderr
    assert "已新建2021年年报（政府信息公开工作年度报告（2021年格式））" in result.stdout
    new = open_document(tmp_path / "n.xlsx").document
    assert (new.form_id, new.year, new.unit) == ("gov-info-2021", 2021, "青禾县自然资源局")
    assert new.values["requests.carried_in/business"] == 1
    assert new.values["requests.carried_in/natural_person"] == 0
    assert new.values["requests.carried_in/total"] == 1
    assert new.last_year["requests.carried_out/business"] == 1


def test_new_without_unit_or_year_is_a_usage_error(tmp_path: Path) -> None:
    result = nianbao("new", "--year", "2025", "-o", tmp_path / "x.xlsx")
    assert_one_clear_line(result)
    assert "--unit" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(
    ("year", "form_name"),
    [
        ("2025", "（2021年格式）"),
        ("2021", "（2021年格式）"),
        ("2020", "（2019年试行格式）"),
        ("2019", "（2019年试行格式）"),
        ("2018", "（2018年格式）"),
    ],
)
def test_new_picks_the_format_by_year(year: str, form_name: str, tmp_path: Path) -> None:
    result = nianbao("new", "--unit", "某局", "--year", year, "-o", tmp_path / "n.xlsx")
    assert result.returncode == 0 and form_name in result.stdout
    expected = "gov-info-" + form_name[1:5]
    assert open_document(tmp_path / "n.xlsx").document.form_id == expected


def test_the_help_lists_the_forms_in_chinese() -> None:
    result = nianbao("new", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    # a help line may break between two Chinese characters
    joined = "".join(line.strip() for line in result.stdout.splitlines())
    assert text.startswith("用法：nianbao new")
    assert "选项" in text and "显示本帮助并退出" in text
    assert "gov-info-2018：政府信息公开工作年度报告（2018年格式）" in joined
    assert "不填时按年度选择" in joined
    assert not {"usage", "options", "show this help"} & set(text.split())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["new", "--form", "gov-info-1999", "--unit", "x", "--year", "2025", "-o", "x.xlsx"],
            "无效的选项：'gov-info-1999'（可选：'gov-info-2018', 'gov-info-2019', "
            "'gov-info-2021'）",
        ),
        (["new", "--unit", "x", "--year", "20188", "-o", "x.xlsx"], "“20188”不是有效的年度"),
        (["new", "--unit", "x", "--year", "٢٠١٨", "-o", "x.xlsx"], "不是有效的年度"),
        (["check"], "缺少必需的参数：年报文件"),
        (["check", "a", "b"], "无法识别的参数：b"),
    ],
)
def test_usage_errors_are_in_chinese(args: list[str], said: str) -> None:
    result = nianbao(*args)
    assert result.returncode == 2 and said in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_new_from_last_year_into_another_format_says_what_it_did_not_carry(
    demo: Document, tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "2018.xlsx")
    result = nianbao(
        "new",
        "--from",
        tmp_path / "2018.xlsx",
        "--form",
        "gov-info-2021",
        "--year",
        "2019",
        "-o",
        tmp_path / "n.xlsx",
    )
    assert result.returncode == 0
    assert "未沿用：上年统计数 58 项（格式不同，无法与本年逐项比较）" in result.stdout
    new = open_document(tmp_path / "n.xlsx").document
    assert new.form_id == "gov-info-2021" and new.year == 2019 and new.unit == demo.unit
    assert new.contact["office"] == demo.contact["office"] and new.contact["website"] == ""
    assert new.signatories["unit_head"] == "李有凌" and new.signatories["date"] == ""
    assert new.last_year == {} and new.history == {}


@pytest.mark.parametrize("form_id", ["gov-info-2018", "gov-info-2019", "gov-info-2021"])
def test_demo_of_each_form_passes_its_checks(form_id: str, tmp_path: Path) -> None:
    assert nianbao("demo", "--form", form_id, "-o", tmp_path / "d.xlsx").returncode == 0
    assert open_document(tmp_path / "d.xlsx").document.content() == load_demo(form_id).content()
    checked = nianbao("check", tmp_path / "d.xlsx")
    assert (
        checked.returncode == 0
        and checked.stdout.strip() == "可定稿 · 错误 0 · 警告 0（未说明 0） · 未填 0"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["pdf", "r.xlsx", "-o", "r.xlsx"], "输出文件应以 .pdf 结尾：r.xlsx"),
        (["demo", "-o", "demo.txt"], "输出文件应以 .xlsx 结尾：demo.txt"),
        (["export-csv", "r.xlsx", "-o", "r.xlsx"], "输出文件应以 .csv 结尾：r.xlsx"),
    ],
)
def test_an_output_of_the_wrong_kind_is_refused_before_anything_is_written(
    args: list[str], said: str, demo: Document, tmp_path: Path
) -> None:
    save_document(demo, tmp_path / "r.xlsx")
    before = (tmp_path / "r.xlsx").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "forms", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert result.returncode == 2 and said in result.stderr
    assert (tmp_path / "r.xlsx").read_bytes() == before


def test_a_new_report_never_replaces_a_file_without_force(demo: Document, tmp_path: Path) -> None:
    target = tmp_path / "完成的年报.xlsx"
    save_document(demo, target)
    before = target.read_bytes()
    refused = nianbao("new", "--unit", "某局", "--year", "2025", "-o", target)
    assert refused.returncode == 2 and "已存在，未改动；要覆盖它请加 --force" in refused.stderr
    assert target.read_bytes() == before
    forced = nianbao("new", "--unit", "某局", "--year", "2025", "-o", target, "--force")
    assert forced.returncode == 0 and open_document(target).document.unit == "某局"
