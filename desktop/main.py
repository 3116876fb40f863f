"""The ``nianbao`` entry point: a subcommand runs headless, anything else opens the window.

``nianbao`` opens an empty window, ``nianbao FILE.xlsx`` opens a file, ``nianbao --demo``
opens a copy of the demo document. Qt is imported only when the window is wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from forms.cli import SUBCOMMANDS
from forms.cli import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help")):
        return cli_main(args)
    from desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
