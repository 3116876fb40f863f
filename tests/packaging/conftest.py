"""Fixtures for the packaging tests: an app-data folder of their own, no handler left open."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.identity import DATA_DIR_ENV


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh app-data folder; the nianbao log handlers are closed afterwards."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    yield folder
    app_logger = logging.getLogger("nianbao")
    for handler in list(app_logger.handlers):
        app_logger.removeHandler(handler)
        handler.close()
