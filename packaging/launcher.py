"""The frozen program's entry script: the same ``desktop.main:main`` as ``uv run nianbao``."""

from __future__ import annotations

import sys

from desktop.main import main

if __name__ == "__main__":
    sys.exit(main())
