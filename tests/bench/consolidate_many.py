"""Consolidation of many units' files, measured as the office feels it: the whole command.

    uv run python tests/bench/consolidate_many.py [--sizes 250 500 1000] [--runs 3]

Builds the unit files once (in a cache folder under the system's temp directory), then runs
``nianbao consolidate`` as a fresh process on the first N of them, alternating the sizes, and
prints the median wall and CPU time of each size with the time per file (linear growth shows as
a flat per-file figure) and the machine's load. Issue 13's budget: 1000 files in ≤ 15 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(tempfile.gettempdir()) / "nianbao-bench-units"


def _write(number: int) -> None:
    from unit_reports import unit_report

    from forms.xlsx import save_document

    path = CACHE / f"单位{number:04}.xlsx"
    if not path.exists():
        save_document(unit_report(f"测试县第{number}单位", 1 + number % 7), path)


def build(count: int) -> None:
    CACHE.mkdir(exist_ok=True)
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write, range(1, count + 1), chunksize=16))


def run_once(count: int) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"nianbao-{count}-"))
    for path in sorted(CACHE.glob("*.xlsx"))[:count]:
        os.link(path, folder / path.name)
    output = folder.parent / f"{folder.name}-汇总.xlsx"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "forms", "consolidate", str(folder), "-o", str(output)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if f"计入{count}个单位" not in result.stdout:
        raise SystemExit(f"consolidate failed: {result.stdout[-500:]} {result.stderr[-500:]}")
    shutil.rmtree(folder)
    output.unlink()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build(max(args.sizes))
    times: dict[int, list[tuple[float, float]]] = {size: [] for size in args.sizes}
    load_before = os.getloadavg()[0]
    for _ in range(args.runs):
        for size in args.sizes:
            times[size].append(run_once(size))
    print(f"cores {os.cpu_count()}, load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")  # fmt: skip
    for size, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{size:5} files: wall {wall:6.2f} s (median of {len(runs)}), CPU {cpu:6.2f} s, "
              f"{wall / size * 1000:5.1f} ms per file")  # fmt: skip


if __name__ == "__main__":
    main()
