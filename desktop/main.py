"""The ``nianbao`` entry point: a subcommand runs headless, anything else opens the window.

``nianbao`` opens an empty window, ``nianbao FILE.xlsx`` opens a file, ``nianbao --demo``
opens a copy of the demo document. Qt is imported only when the window is wanted, and not
at all on a Linux machine with no display, where Qt would abort with a core dump: there the
window's command prints one Chinese line and exits 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from forms.cli import SUBCOMMANDS, run_to_exit

NO_DISPLAY = (
    "没有可用的图形界面（DISPLAY 未设置）：请在桌面环境中运行，或使用 nianbao check/pdf 等命令"
)
NO_DISPLAY_EXIT = 2  # also for a mistyped command: a usage error, as the CLI's
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def missing_display(platform: str, environ: Mapping[str, str]) -> str | None:
    """Why the window cannot open here, or None when it can (as far as the environment says).

    On Linux a window needs an X11 or Wayland display, unless Qt is told which platform to
    use (``QT_QPA_PLATFORM=offscreen`` for tests and screenshots). Elsewhere there is always
    a desktop.
    """
    if not platform.startswith("linux"):
        return None
    if any(environ.get(name) for name in DISPLAY_VARIABLES):
        return None
    return NO_DISPLAY


def mistyped_command(args: Sequence[str]) -> str | None:
    """A first word that is neither an option, a command nor a file: say so, not open a window.

    ``nianbao chek x.xlsx`` would otherwise open the window on a file named ``chek``.
    """
    if not args or args[0].startswith("-") or args[0] in SUBCOMMANDS:
        return None
    word = args[0]
    if Path(word).suffix or os.path.exists(word):
        return None  # a file to open (a missing one is reported by the window)
    known = "、".join(SUBCOMMANDS)
    return f"用法错误：没有命令“{word[:40]}”，可用：{known}（nianbao --help 查看用法）"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help")):
        return run_to_exit(args)
    mistake = mistyped_command(args)
    if mistake is not None:
        print(mistake, file=sys.stderr)
        return NO_DISPLAY_EXIT
    problem = missing_display(sys.platform, os.environ)
    if problem is not None:
        print(problem, file=sys.stderr)
        return NO_DISPLAY_EXIT
    from desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
