"""Import of very large workbooks: refused or read within budget, in time and in memory.

A 100 000-row sheet is refused by the file guard before parsing (F006); a 19 000-row sheet,
just under the guard's limit, is read up to the import's row budget. Time is measured with
pytest-benchmark (``uv run pytest tests/bench --benchmark-enable``); peak memory is measured
in a fresh interpreter and must stay below 300 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from forms.codes import NianbaoError
from forms.definition_files import load_form
from forms.importing import import_workbook

MEMORY_BUDGET_MB = 300
_ROWS = list(load_form("gov-info-2018").tables[0].value_rows())


def big_workbook(path: Path, rows: int) -> Path:
    """A real .xlsx with the Annex 1 table on top and ``rows`` rows in all (inline strings)."""
    Workbook().save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = _sheet_xml(rows).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def _sheet_xml(rows: int) -> str:
    lines = [_row_xml(1, "统计指标", "单位", "统计数")]
    for number in range(2, rows + 1):
        row = _ROWS[number - 2] if number - 2 < len(_ROWS) else None
        label = row.printed_label if row else f"第{number}行 明细"
        lines.append(_row_xml(number, label, row.unit if row else "条", number))
    body = "".join(lines)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def _row_xml(number: int, label: str, unit: str, value: object) -> str:
    def text(column: str, content: object) -> str:
        return f'<c r="{column}{number}" t="inlineStr"><is><t>{content}</t></is></c>'

    figure = f'<c r="C{number}"><v>{value}</v></c>' if isinstance(value, int) else text("C", value)
    return f'<row r="{number}">{text("A", label)}{text("B", unit)}{figure}</row>'


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_workbook(tmp_path_factory.mktemp("big") / "annex1.xlsx", len(_ROWS) + 1)


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_workbook(tmp_path_factory.mktemp("big") / "100k.xlsx", 100_000)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_workbook(tmp_path_factory.mktemp("big") / "19k.xlsx", 19_000)


def test_an_ordinary_annex_table(benchmark, ordinary: Path) -> None:  # type: ignore[no-untyped-def]
    imported = benchmark(import_workbook, ordinary)
    assert imported.report.clean
    assert len(imported.report.mapped) == len(_ROWS)


def test_100k_rows_are_refused(benchmark, huge: Path) -> None:  # type: ignore[no-untyped-def]
    def attempt() -> str:
        with pytest.raises(NianbaoError) as caught:
            import_workbook(huge)
        return caught.value.code

    assert benchmark(attempt) == "F006"


def test_19k_rows_are_read_within_the_row_budget(benchmark, large: Path) -> None:  # type: ignore[no-untyped-def]
    imported = benchmark(import_workbook, large)
    assert imported.document.values["proactive.total"] == 2
    assert len(imported.report.mapped) == len(_ROWS)
    assert any("只读取了前" in notice for notice in imported.report.notices)


# VmHWM (peak resident memory) of this process alone: ru_maxrss would include the memory of
# the pytest process the child was forked from.
_MEASURE = """
import json, re, sys
from pathlib import Path
from forms.codes import NianbaoError
from forms.importing import import_workbook

def peak_mb():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

before = peak_mb()
try:
    outcome = import_workbook(Path(sys.argv[1])).report.summary()
except NianbaoError as exc:
    outcome = exc.code
print(json.dumps({"outcome": outcome, "before_mb": before, "peak_mb": peak_mb()}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("name", ["huge", "large"])
def test_peak_memory_stays_within_budget(name: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(name)
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout)
    print(f"{name}: {figures}")
    assert figures["peak_mb"] < MEMORY_BUDGET_MB
