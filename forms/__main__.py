"""``python -m forms …``: the headless command line."""

import sys

from forms.cli import run_to_exit

sys.exit(run_to_exit(sys.argv[1:]))
