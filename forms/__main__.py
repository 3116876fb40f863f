"""``python -m forms …``: the headless command line."""

import sys

from forms.cli import main

sys.exit(main())
