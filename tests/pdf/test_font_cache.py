"""The font cache: the same PDF with and without it, and a broken or stale entry never trusted.

Each print runs ``nianbao pdf`` in a fresh process (faces are loaded once per process), with
``NIANBAO_CACHE_DIR`` pointing at a folder of the test's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_pages import Pdf

from forms.demo import load_demo
from forms.pdf import font_cache
from forms.pdf.cached_face import ENGINE, CachedFace, cached_font
from forms.xlsx import save_document

SONG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
needs_song = pytest.mark.skipif(not SONG.exists(), reason="fonts-arphic-gbsn00lp not installed")


def print_in_a_new_process(source: Path, output: Path, cache: Path) -> Pdf:
    environment = {**os.environ, font_cache.CACHE_ENV: str(cache)}
    command = [sys.executable, "-m", "forms", "pdf", str(source), "-o", str(output)]
    subprocess.run(command, check=True, capture_output=True, env=environment, timeout=300)
    return Pdf(output.read_bytes())


@pytest.fixture(scope="module")
def saved_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "demo.xlsx"
    save_document(load_demo(), path)
    return path


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "fonts").glob("*.bin"))


def test_a_cached_print_embeds_the_same_subsets_and_gives_the_same_text(
    saved_demo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cold = print_in_a_new_process(saved_demo, tmp_path / "cold.pdf", cache)
    assert entries(cache), "the first print fills the cache"
    warm = print_in_a_new_process(saved_demo, tmp_path / "warm.pdf", cache)
    assert warm.fonts() == cold.fonts()
    assert all(font["emb"] == "yes" for font in warm.fonts())
    assert warm.pdftotext() == cold.pdftotext()
    assert "政府信息公开" in warm.pdftotext()


def test_a_corrupt_cache_is_ignored_and_rebuilt(saved_demo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = print_in_a_new_process(saved_demo, tmp_path / "good.pdf", cache)
    originals = {entry: entry.read_bytes() for entry in entries(cache)}
    for number, entry in enumerate(originals):
        damaged = bytearray(originals[entry])
        if number % 2:
            damaged[len(damaged) // 2] ^= 0xFF  # a flipped byte in the tables
        else:
            damaged = damaged[: len(damaged) // 3]  # a write cut short
        entry.write_bytes(bytes(damaged))
    again = print_in_a_new_process(saved_demo, tmp_path / "again.pdf", cache)
    assert again.fonts() == good.fonts()
    assert again.pdftotext() == good.pdftotext()
    assert {entry: entry.read_bytes() for entry in entries(cache)} == originals


@needs_song
def test_an_entry_for_a_changed_font_file_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path / "cache"))
    font = tmp_path / "song.ttf"
    shutil.copyfile(SONG, font)
    first = cached_font("nb-test-first", font)
    assert not isinstance(first.face, CachedFace)  # parsed: nothing cached yet
    second = cached_font("nb-test-second", font)
    assert isinstance(second.face, CachedFace)
    assert second.face.charToGlyph == first.face.charToGlyph
    assert second.face.charWidths == first.face.charWidths
    assert list(second.face.glyphPos) == first.face.glyphPos
    assert list(second.face.hmetrics) == [tuple(map(float, m)) for m in first.face.hmetrics]
    stamp = font.stat().st_mtime_ns + 5_000_000_000
    os.utime(font, ns=(stamp, stamp))
    assert font_cache.read(font, 0, ENGINE) is None  # stale: the file's time differs
    third = cached_font("nb-test-third", font)
    assert not isinstance(third.face, CachedFace)
    assert font_cache.read(font, 0, ENGINE) is not None  # rebuilt for the file as it is now


# Every glyph of AR PL SungtiL is simple; most of WenQuanYi Micro Hei's CJK glyphs (and its
# accented letters) are composites, whose component glyphs a subset takes along.
SUBSET_FONTS = [SONG, Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]


@pytest.mark.parametrize("font", SUBSET_FONTS, ids=["simple-glyphs", "composite-glyphs"])
def test_a_cached_face_subsets_like_a_parsed_one(
    font: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not font.exists():
        pytest.skip(f"{font.name} not installed")
    monkeypatch.setenv(font_cache.CACHE_ENV, str(tmp_path / "cache"))
    parsed = cached_font(f"nb-test-parsed-{font.stem}", font).face
    restored = cached_font(f"nb-test-restored-{font.stem}", font).face
    assert isinstance(restored, CachedFace)
    subset = [0, *map(ord, "政府信息公开工作年度报告，。ÀÉ½")]
    made = restored.makeSubset(subset)
    assert made == parsed.makeSubset(subset)
    assert len(made) < font.stat().st_size / 20  # a subset, not the face
