"""Running the command line as a user does: a fresh process, UTF-8 output, a timeout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def nianbao(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
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
