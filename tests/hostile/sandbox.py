"""Every hostile case runs here: in a subprocess under a 1.5 GB address-space limit and a
timeout, so that a blow-up fails the test and not the machine.

:func:`run_open` opens a file as the app does, :func:`run_cli` runs a command line; each
returns an :class:`Outcome` with the exit status, the output, what the child reported (code,
differences, findings) and its peak RSS. :data:`TALLY` collects every case for the summary
line printed at the end of the run (cases tried / held, the worst peak RSS).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ADDRESS_SPACE = 1536 * 1024 * 1024
TIMEOUT = 240
CHILD = Path(__file__).with_name("child.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    """How one case ended."""

    name: str
    returncode: int
    stdout: str
    stderr: str
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def peak_mb(self) -> float:
        return float(self.report.get("peak_rss_kb", 0)) / 1024

    @property
    def clean(self) -> bool:
        """Ended on its own, reported, and printed no traceback."""
        return bool(self.report) and "Traceback" not in self.stderr + self.stdout


TALLY: list[Outcome] = []


def run_open(name: str, path: Path, pdf: Path | None = None, **kw: Any) -> Outcome:
    args = ["open", str(path)] + ([str(pdf)] if pdf else [])
    return _run(name, args, **kw)


def run_cli(name: str, *args: str, **kw: Any) -> Outcome:
    return _run(name, ["cli", *args], **kw)


def _run(
    name: str, args: list[str], limit: int = ADDRESS_SPACE, cwd: Path | None = None
) -> Outcome:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(CHILD), str(limit), *args]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT,
            env=environment,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        outcome = Outcome(name, -1, _text(expired.stdout), _text(expired.stderr) + "\nTIMEOUT")
        TALLY.append(outcome)
        return outcome
    stdout = _text(done.stdout)
    marker = stdout.rfind("SANDBOX ")
    report = json.loads(stdout[marker + 8 :]) if marker != -1 else {}
    outcome = Outcome(name, done.returncode, stdout[:marker], _text(done.stderr), report)
    TALLY.append(outcome)
    return outcome


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def summary() -> str:
    """One line for the closing note: cases tried / held, the worst peak RSS."""
    if not TALLY:
        return ""
    held = sum(outcome.clean for outcome in TALLY)
    worst = max(TALLY, key=lambda outcome: outcome.peak_mb)
    return (
        f"hostile sandbox: {len(TALLY)} cases tried, {held} held; "
        f"worst peak RSS {worst.peak_mb:.0f} MB ({worst.name})"
    )


@contextmanager
def capped(headroom: int = ADDRESS_SPACE) -> Iterator[None]:
    """For a case that runs in this process (the GUI's): the soft address-space limit is set
    to what the process maps now plus ``headroom``, and restored after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _mapped_now() + headroom
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _mapped_now() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0
