"""The speed a user feels: whole processes, interpreter start and imports included.

Run ``uv run python tests/bench/whole_process.py [rounds]`` (LibreOffice needed for the
comparison: ``apt-get install libreoffice-calc-nogui``). It first compiles every module of the
environment and the app, as an install by the README (``UV_COMPILE_BYTECODE=1 uv sync``)
has them. In one session, alternating round by round, it runs on the same saved demo xlsx:

- ``nianbao pdf demo.xlsx -o demo.pdf`` and ``soffice --headless --convert-to pdf demo.xlsx``
  (each a fresh process, as an office printing from the command line would), for the 2018
  demo (14 pages, with its history chart) and for the 2021 demo (the format offices file);
- ``nianbao check demo.xlsx``;
- the window's cold start: a fresh process until the demo window is shown;
- the first and second 打印预览 after that start, with the print machinery warmed in the
  background (:mod:`desktop.warmup`), and the longest gap between two frames of the event
  loop while the warm-up runs.

CPU time (user + system) and peak RSS come from the operating system's accounting of each
child (``wait4``); medians over the rounds, the ratio of LibreOffice's CPU time to
nianbao's, and the machine's load average before and after are printed. The caches of the
user's cache folder (fonts, checked definitions) are warm (a first untimed run fills them),
as on any machine after the first print.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMOS = {"2018": "gov-info-2018", "2021": "gov-info-2021"}  # year of the format: form id

# A fresh app: shown demo window, then the warm-up as ``nianbao`` starts it, the longest
# frame gap meanwhile, and two previews rendered the way 打印预览 renders them.
WINDOW_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from PySide6.QtCore import QElapsedTimer, QTimer
from desktop.app import make_application, open_window
app = make_application()
window = open_window(["--demo"])
window.show()
app.processEvents()
shown = time.perf_counter() - start
if sys.argv[1] == "start":
    print(json.dumps({"shown_s": shown}), flush=True)
    raise SystemExit(0)
from desktop import printing, warmup
thread = warmup.start(window.session.document, printing.PREVIEW_DPI)
gaps, clock = [], QElapsedTimer()
clock.start()
def tick():
    gaps.append(clock.restart())
    if not thread.is_alive():
        app.quit()
timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
app.exec()
warmed = time.perf_counter() - start - shown
busy_gaps, gaps = gaps, []  # the same loop idle as long, for the machine's own jitter
QTimer.singleShot(int(warmed * 1000), app.quit)
clock.restart()
thread = type("Done", (), {"is_alive": lambda self: True})()
app.exec()
document = window.session.document
times = []
for _ in range(2):
    begin = time.perf_counter()
    pages = printing.document_pages(document, printing.PREVIEW_DPI)
    times.append(time.perf_counter() - begin)
print(json.dumps({"shown_s": shown, "warm_s": warmed, "max_gap_ms": max(busy_gaps[1:] or [0]),
                  "idle_max_gap_ms": max(gaps[1:] or [0]),
                  "first_preview_s": times[0], "second_preview_s": times[1],
                  "pages": len(pages)}), flush=True)
"""


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time, peak RSS and what it printed."""

    wall: float
    cpu: float
    rss_mb: float
    output: str


def run(command: list[str], environment: dict[str, str] | None = None) -> Run:
    begin = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, env=environment, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - begin
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = (
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{command[:3]} exited {child.returncode}: {errors[-500:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def nianbao() -> list[str]:
    script = Path(sys.executable).with_name("nianbao")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop.main"]


def median(runs: list[Run], what: str) -> float:
    return float(statistics.median(getattr(r, what) for r in runs))


def describe(name: str, runs: list[Run]) -> str:
    return (
        f"{name:<36} CPU {median(runs, 'cpu'):6.3f} s   wall {median(runs, 'wall'):6.3f} s   "
        f"peak RSS {median(runs, 'rss_mb'):5.0f} MB"
    )


def compile_project() -> list[str]:
    """Every module compiled, as the README's set-up and ``.ci/run`` install them
    (``UV_COMPILE_BYTECODE=1``) and the frozen bundle ships them: the app's own modules (an
    editable install under ``PYTHONDONTWRITEBYTECODE`` compiles them at every start) and the
    environment's packages (compiled already when installed so; done here when not). What was
    compiled is returned, to be printed with the figures."""
    packages = sorted({sysconfig.get_paths()[key] for key in ("purelib", "platlib")})
    for folder in [str(ROOT / "forms"), str(ROOT / "desktop")]:
        subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True)
    for folder in packages:  # a few packages ship Python 2 test files: skipped, as uv does
        subprocess.run(
            [sys.executable, "-m", "compileall", "-qq", folder], check=False, capture_output=True
        )
    return ["forms", "desktop", *packages]


def main(rounds: int = 5) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    compiled = compile_project()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        profile = (work / "lo-profile").as_uri()
        commands: dict[str, list[str]] = {}
        for year, form in DEMOS.items():
            source = work / f"demo-{year}.xlsx"
            made = [*nianbao(), "demo", "--form", form, "-o", str(source)]
            subprocess.run(made, check=True, capture_output=True)
            ours = work / f"ours-{year}.pdf"
            commands[f"nianbao pdf ({year} demo)"] = [
                *nianbao(),
                "pdf",
                str(source),
                "-o",
                str(ours),
            ]
            if soffice:
                commands[f"LibreOffice --convert-to pdf ({year})"] = [
                    soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "lo"), str(source),
                ]  # fmt: skip
        commands["nianbao check (2018 demo)"] = [*nianbao(), "check", str(work / "demo-2018.xlsx")]
        commands["window start (to shown demo)"] = [sys.executable, "-c", WINDOW_SCRIPT, "start"]
        window_env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "NIANBAO_DATA_DIR": str(work / "data"),  # no recovery copy of another run
        }
        for command in commands.values():  # fills the font cache and LibreOffice's profile
            run(command, window_env)
        load_before = os.getloadavg()
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        previews: list[dict[str, float]] = []
        for _ in range(rounds):
            for name, command in commands.items():
                runs[name].append(run(command, window_env))
            preview = run([sys.executable, "-c", WINDOW_SCRIPT, "preview"], window_env)
            previews.append(json.loads(preview.output.strip().splitlines()[-1]))
        load_after = os.getloadavg()
    print(
        f"{rounds} rounds, alternating; load average before {load_before[0]:.2f}, "
        f"after {load_after[0]:.2f} ({os.cpu_count()} CPUs)"
    )
    print(f"bytecode compiled beforehand: {', '.join(compiled)}")
    for name, measured in runs.items():
        print(describe(name, measured))
    for year in DEMOS if soffice else ():
        theirs, ours = (
            runs[f"LibreOffice --convert-to pdf ({year})"],
            runs[f"nianbao pdf ({year} demo)"],
        )
        ratio = median(theirs, "cpu") / median(ours, "cpu")
        wall = median(theirs, "wall") / median(ours, "wall")
        print(f"LibreOffice / nianbao pdf, {year} demo: CPU {ratio:.1f}×, wall {wall:.1f}×")
    shown = statistics.median(
        json.loads(r.output)["shown_s"] for r in runs["window start (to shown demo)"]
    )
    print(f"window shown after (in-process clock) {shown:.3f} s")
    for key in ("warm_s", "first_preview_s", "second_preview_s", "max_gap_ms", "idle_max_gap_ms"):
        print(f"{key:<18} median {statistics.median(p[key] for p in previews):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
