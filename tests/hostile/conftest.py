"""The hostile suite's fixtures (a good report file to spoil, the address-space cap) and its
closing line: how many cases were tried and held, the worst peak RSS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sandbox

from forms.document import Document
from forms.xlsx import save_document


@pytest.fixture(autouse=True)
def address_space_cap() -> Iterator[None]:
    """What runs in this process (building the cases, the fuzzing) is capped at 1.5 GB too."""
    with sandbox.capped():
        yield


@pytest.fixture
def good(demo: Document, tmp_path: Path) -> Path:
    """The demo report saved by this program: what each hostile case starts from."""
    path = tmp_path / "good" / "年报.xlsx"
    path.parent.mkdir()
    save_document(demo, path)
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = sandbox.summary()
    if line:
        terminalreporter.write_line(line)
