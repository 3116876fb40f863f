"""Running the command line as a user does: a fresh process, UTF-8 output, a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "nianbao"


def nianbao(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m forms ARGS`` from the project folder; its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def installed(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The ``nianbao`` script as installed (``python -m forms`` where it is not), run in
    ``cwd`` as a user runs it there."""
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "forms"]
    return subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"},
    )
