"""Print the app version from ``pyproject.toml`` (for the installer: ``iscc /DAppVersion=…``).

``--numeric`` prints only the leading ``X.Y.Z`` (Windows version resources take no suffix).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version(pyproject: Path = PYPROJECT) -> str:
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def numeric(version: str) -> str:
    """``1.2.3rc1`` -> ``1.2.3``; ``1.2`` -> ``1.2.0``."""
    parts = re.findall(r"\d+", version.split("+")[0])[:3]
    return ".".join(parts + ["0"] * (3 - len(parts)))


if __name__ == "__main__":
    version = project_version()
    print(numeric(version) if "--numeric" in sys.argv[1:] else version)
