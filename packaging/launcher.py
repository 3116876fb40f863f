"""The frozen program's entry script: the same ``desktop.main:main`` as ``uv run nianbao``.

Two more duties, both before the app's own start:
- a child process of 汇总's process pool (``multiprocessing``'s spawn start method runs the
  program again with ``--multiprocessing-fork``, its resource tracker with ``-c``) is served
  by ``multiprocessing.freeze_support()`` and never reaches the app;
- ``NIANBAO_SMOKE_SCRIPT=FILE`` runs that Python file inside the frozen program instead of the
  app (``packaging/smoke_linux.sh`` drives the window with ``packaging/smoke_session.py``, so
  that a module or Qt plugin missing from the bundle fails the smoke as it would for a user).
  Only the Linux program honours it: the Windows program, the one offices install, ignores
  the variable, so no environment setting makes the installed app run a script.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def _is_pool_child(argv: list[str]) -> bool:
    """Whether multiprocessing started this process (a pool worker or its resource tracker)."""
    forked = len(argv) >= 2 and argv[1] == "--multiprocessing-fork"
    tracker = len(argv) >= 3 and argv[-2] == "-c" and argv[-1].startswith("from multiprocessing")
    return forked or tracker


def smoke_script(environ: Mapping[str, str], platform: str) -> str | None:
    """The smoke session to run instead of the app: Linux builds only (see above)."""
    if platform == "win32":
        return None
    return environ.get("NIANBAO_SMOKE_SCRIPT") or None


def run() -> int:
    if _is_pool_child(sys.argv):
        import multiprocessing

        multiprocessing.freeze_support()  # runs the child's work, then exits
    script = smoke_script(os.environ, sys.platform)
    if script:
        import runpy

        runpy.run_path(script, run_name="__main__")
        return 0
    from desktop.main import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
