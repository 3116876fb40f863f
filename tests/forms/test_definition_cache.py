"""Checked definitions come back from the user's cache as they were built, and a cache entry
that is stale, broken or planted is never used: the file is checked again.

Each case loads a real definition file in a fresh interpreter (the in-process ``load_form``
keeps what it built), with a cache folder of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from forms import definition_cache
from forms.definition import DefinitionError
from forms.definition_files import DEFINITIONS_DIR, load_definition

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = DEFINITIONS_DIR / "gov-info-2021.toml"
# Loads one file; says whether pydantic was imported (the file was checked), and what the
# definition holds.
LOAD = """
import dataclasses, json, sys
from pathlib import Path
from forms.definition_files import load_definition
form = load_definition(Path(sys.argv[1]))
print(json.dumps({
    "checked": "pydantic" in sys.modules,
    "dump": json.loads(json.dumps(dataclasses.asdict(form), default=str)),
    "cells": len(form.index.cell_order),
    "label": form.index.label(form.index.cell_order[-1]),
}))
"""


def load_fresh(path: Path, cache: Path) -> dict[str, object]:
    environment = {**os.environ, "NIANBAO_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def entry_of(path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(cache))
    return definition_cache.entry_path(path)


def test_a_definition_is_checked_once_then_read_back_the_same(tmp_path: Path) -> None:
    first = load_fresh(SHIPPED, tmp_path)
    second = load_fresh(SHIPPED, tmp_path)
    assert first["checked"] is True
    assert second["checked"] is False  # pydantic not even imported: it came from the cache
    assert second["dump"] == first["dump"]
    assert second["cells"] == first["cells"] > 100
    assert second["label"] == first["label"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: blob[:-40] + bytes(40),  # tail overwritten
        lambda blob: b"NBDEF1\n" + bytes(len(blob)),  # a right magic, nothing else
        lambda blob: b"garbage",
    ],
    ids=["cut", "overwritten", "zeros", "garbage"],
)
def test_a_broken_entry_is_checked_again(
    spoil: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = load_fresh(SHIPPED, tmp_path)
    entry = entry_of(SHIPPED, tmp_path, monkeypatch)
    entry.write_bytes(spoil(entry.read_bytes()))  # type: ignore[operator]
    again = load_fresh(SHIPPED, tmp_path)
    assert again["checked"] is True
    assert again["dump"] == good["dump"]
    assert load_fresh(SHIPPED, tmp_path)["checked"] is False  # rebuilt


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    copy = tmp_path / "gov-info-2021.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    load_fresh(copy, tmp_path / "cache")
    copy.write_text(text.replace('name = "', 'name = "改', 1), encoding="utf-8")
    changed = load_fresh(copy, tmp_path / "cache")
    assert changed["checked"] is True
    assert str(changed["dump"]["name"]).startswith("改")  # type: ignore[index]


def test_a_broken_file_is_refused_though_a_good_one_was_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "gov-info-2021.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    load_fresh(copy, tmp_path / "cache")
    copy.write_text(text.replace("version = ", "version = -", 1), encoding="utf-8")
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(DefinitionError, match="version"):
        load_definition(copy)


class Planted:
    """What an attacker's pickle would run on loading: it writes a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "ran"))


def test_a_planted_entry_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry with the right magic, checksum and key but a pickle that would call a
    function: the unpickler builds only the definition's record types."""
    load_fresh(SHIPPED, tmp_path)
    entry = entry_of(SHIPPED, tmp_path, monkeypatch)
    marker = tmp_path / "ran.txt"
    key = definition_cache.entry_key(SHIPPED, SHIPPED.read_bytes())
    blob = definition_cache.encode(load_definition(SHIPPED), key)
    evil = blob.replace(blob[blob.index(b"\x80\x05") :], pickle.dumps(Planted(marker), protocol=5))
    body = evil[len(definition_cache.MAGIC) + 32 :]
    entry.write_bytes(definition_cache.MAGIC + hashlib.sha256(body).digest() + body)
    again = load_fresh(SHIPPED, tmp_path)
    assert not marker.exists()
    assert again["checked"] is True
