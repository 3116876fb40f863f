"""Shared test set-up: Qt runs offscreen, hypothesis is deterministic, the demo is at hand."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The font cache of the test run: its own, never the user's (filled by the first print).
os.environ.setdefault("NIANBAO_CACHE_DIR", tempfile.mkdtemp(prefix="nianbao-test-cache-"))

import pytest
from hypothesis import settings

from forms.demo import load_demo
from forms.document import Document

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=60)
settings.load_profile("ci")


@pytest.fixture
def demo() -> Document:
    """A fresh copy of the demo document (the 2018 report of 平川区)."""
    return load_demo()
