"""Saving under fire: two writers at once, and a saver killed (SIGKILL) mid-save.

Each run checks the file is the old one or a complete new one, and that no update is lost
silently: a writer that exits 0 has its figure in the file, one that did not says why.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms.atomic import STALE_SECONDS
from forms.demo import load_demo
from forms.xlsx import open_document, save_document

pytestmark = pytest.mark.slow  # each trial starts Python processes: about a minute in all

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 8
CELLS = ("proactive.channel.other", "response.other")
TIMEOUT = 180


def nianbao(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_import_csv_never_lose_an_update_silently(tmp_path: Path) -> None:
    report = tmp_path / "年报.xlsx"
    lost = refused = 0
    for trial in range(TRIALS):
        document = load_demo()
        save_document(document, report)
        csvs = []
        for number, cell in enumerate(CELLS):
            csv = tmp_path / f"{number}.csv"
            csv.write_text(f"id,value\r\n{cell},{1000 + 10 * trial + number}\r\n", encoding="utf-8")
            csvs.append(csv)
        processes = [nianbao("import-csv", report, csv) for csv in csvs]
        results = [(p.communicate(timeout=TIMEOUT)[1], p.returncode) for p in processes]
        saved = open_document(report).document
        for number, (message, code) in enumerate(results):
            wanted = 1000 + 10 * trial + number
            if code == 0:
                lost += saved.values[CELLS[number]] != wanted
            else:
                refused += 1
                assert "文件已被其他程序修改" in message, message
                assert saved.values[CELLS[number]] == load_demo().values[CELLS[number]]
        assert any(code == 0 for _message, code in results)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["0.csv", "1.csv", report.name]
    assert lost == 0
    print(f"{TRIALS} trials: {refused} refused with F049, {lost} lost")


# The saver: demo reports with a rising figure, saved through the one writer. In "hold" mode
# each replace announces itself and waits, so the kill lands between temp file and replace.
SAVER = """
import os, sys
from forms.atomic import Retry, write_atomically
from forms.demo import load_demo
from forms.xlsx.writer import build_workbook
path, mode, first = sys.argv[1], sys.argv[2], int(sys.argv[3])

def hold(source, target):
    print("replacing", flush=True)
    sys.stdin.readline()
    os.replace(source, target)

retry = Retry(replace=hold if mode == "hold" else None)
document = load_demo()
for k in range(first, first + 1000):
    document.values["proactive.channel.other"] = k
    workbook = build_workbook(document, document.form)
    print(f"saving {k}", flush=True)
    write_atomically(path, workbook.save, retry=retry)
    print(f"saved {k}", flush=True)
"""


def kill_during_save(report: Path, mode: str, first: int, announcements: int) -> list[str]:
    """Run the saver, SIGKILL it after ``announcements`` lines of the mode's kind; its lines."""
    command = [sys.executable, "-c", SAVER, str(report), mode, str(first)]
    pipe = subprocess.PIPE
    with subprocess.Popen(command, cwd=ROOT, stdin=pipe, stdout=pipe, text=True) as process:
        assert process.stdout is not None and process.stdin is not None
        lines: list[str] = []
        trigger = "replacing" if mode == "hold" else "saving"
        while (seen := sum(line.startswith(trigger) for line in lines)) < announcements:
            if lines and lines[-1] == "replacing" and seen:
                process.stdin.write("\n")  # let this replace go on: the kill is for a later one
                process.stdin.flush()
            line = process.stdout.readline()
            assert line, "the saver ended before it was killed"
            lines.append(line.strip())
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
        lines += [line.strip() for line in process.stdout]
    return lines


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    report = tmp_path / "年报.xlsx"
    save_document(load_demo(), report)
    previous = open_document(report).document.values["proactive.channel.other"]
    left_behind = 0
    for trial in range(TRIALS):
        mode = "hold" if trial % 2 else "race"
        first = 100 * (trial + 1)
        lines = kill_during_save(report, mode, first, announcements=1 + trial // 2)
        done = [int(line.split()[1]) for line in lines if line.startswith("saved")]
        started = [int(line.split()[1]) for line in lines if line.startswith("saving")]
        last_saved = done[-1] if done else previous
        value = open_document(report).document.values["proactive.channel.other"]  # complete
        assert value in {last_saved, started[-1]}, (lines, value)
        previous = value
        temporaries = [p for p in tmp_path.iterdir() if p.name != report.name]
        assert all(p.name.startswith("~年报.") and p.suffix == ".tmp" for p in temporaries)
        if mode == "hold":
            assert len(temporaries) == 1  # killed between the complete temp file and replace
        left_behind += len(temporaries)
        ancient = time.time() - STALE_SECONDS - 60
        for path in temporaries:  # as if the kill had happened over an hour ago
            os.utime(path, (ancient, ancient))
    assert left_behind >= TRIALS // 2
    save_document(load_demo(), report)  # the next save cleans up after the killed runs
    assert [p.name for p in tmp_path.iterdir()] == [report.name]
    print(f"{TRIALS} kills: every file complete, {left_behind} temporaries cleaned next time")
