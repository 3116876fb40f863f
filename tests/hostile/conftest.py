"""The hostile suite's closing line: how many cases were tried and held, the worst peak RSS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sandbox


@pytest.fixture(autouse=True)
def address_space_cap() -> Iterator[None]:
    """What runs in this process (building the cases, the fuzzing) is capped at 1.5 GB too."""
    with sandbox.capped():
        yield


def pytest_terminal_summary(terminalreporter: Any) -> None:
    line = sandbox.summary()
    if line:
        terminalreporter.write_line(line)
