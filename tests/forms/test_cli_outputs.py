"""The command line's outputs: never an input of the same command, never a special or
read-only file, a name too long said in one Chinese line (issue 11 rows 6 and 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms.demo import load_demo
from forms.xlsx import save_document

ROOT = Path(__file__).resolve().parents[2]


def nianbao(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def last(tmp_path: Path) -> Path:
    path = tmp_path / "last.xlsx"
    save_document(load_demo(), path)
    return path


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_new_from_last_year_never_replaces_last_year(last: Path) -> None:
    before = last.read_bytes()
    folder = last.parent
    os.link(last, folder / "hard.xlsx")
    (folder / "soft.xlsx").symlink_to(last)
    for output in ("last.xlsx", "./sub/../last.xlsx", "hard.xlsx", "soft.xlsx"):
        (folder / "sub").mkdir(exist_ok=True)
        result = nianbao("new", "--from", "last.xlsx", "-o", output, "--force", cwd=folder)
        assert "就是输入文件" in one_line(result)
    assert last.read_bytes() == before


def test_pdf_and_csv_outputs_refuse_special_and_read_only_files(last: Path) -> None:
    folder = last.parent
    (folder / "null.pdf").symlink_to("/dev/null")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "ro.csv").write_text("id,value\r\n", encoding="utf-8")
    (folder / "ro.csv").chmod(0o444)
    assert "不是普通文件" in one_line(nianbao("pdf", last, "-o", "null.pdf", cwd=folder))
    assert "不是普通文件" in one_line(nianbao("pdf", last, "-o", "pipe.pdf", cwd=folder))
    assert one_line(nianbao("export-csv", last, "-o", "ro.csv", cwd=folder)).startswith(
        "错误：文件为只读"
    )
    assert (folder / "ro.csv").read_bytes() == b"id,value\r\n"
    assert os.path.realpath(folder / "null.pdf") == "/dev/null"


def test_a_name_too_long_is_one_chinese_line(tmp_path: Path) -> None:
    name = "长" * 90 + ".xlsx"
    result = nianbao("new", "--unit", "平川区", "--year", "2020", "-o", name, cwd=tmp_path)
    assert "文件名过长" in one_line(result)
    assert list(tmp_path.iterdir()) == []
