"""packaging/launcher.py: the frozen program's entry serves pool children and the smoke script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from packaging_scripts import load_script

LAUNCHER = Path(__file__).resolve().parents[2] / "packaging" / "launcher.py"


launcher = load_script("launcher")


def test_the_children_multiprocessing_starts_are_told_from_the_apps_commands() -> None:
    worker = ["nianbao", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"]
    tracker = [
        "nianbao",
        "-B",
        "-s",
        "-c",
        "from multiprocessing.resource_tracker import main;main(5)",
    ]

    assert launcher._is_pool_child(worker)
    assert launcher._is_pool_child(tracker)
    assert not launcher._is_pool_child(["nianbao"])
    assert not launcher._is_pool_child(["nianbao", "consolidate", "单位", "-o", "汇总.xlsx"])
    assert not launcher._is_pool_child(["nianbao", "check", "-c"])


def test_the_smoke_script_runs_instead_of_the_app_with_the_programs_arguments(
    tmp_path: Path,
) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\nPath(sys.argv[1]).write_text('跑过了', 'utf-8')\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    env = {**os.environ, "NIANBAO_SMOKE_SCRIPT": str(script)}

    result = subprocess.run(
        [sys.executable, str(LAUNCHER), str(out)], env=env, capture_output=True, check=False
    )

    assert result.returncode == 0
    assert out.read_text(encoding="utf-8") == "跑过了"


def test_the_windows_program_never_runs_a_script_named_by_the_environment() -> None:
    environ = {"NIANBAO_SMOKE_SCRIPT": "C:\\Users\\x\\evil.py"}
    assert launcher.smoke_script(environ, "win32") is None
    assert launcher.smoke_script(environ, "linux") == "C:\\Users\\x\\evil.py"
    assert launcher.smoke_script({"NIANBAO_SMOKE_SCRIPT": ""}, "linux") is None
    assert launcher.smoke_script({}, "linux") is None
