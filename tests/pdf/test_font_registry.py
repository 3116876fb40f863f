"""Fonts found by the name Windows registers them under, and fonts that may not be embedded.

The registry is a fake reader (the values of HKCU and HKLM ``…\\Windows NT\\CurrentVersion\\
Fonts``); the font files are real TrueType files, copied under office-like names, one with its
OS/2 fsType patched to "restricted licence" (0x0002) at test time.
"""

from __future__ import annotations

import logging
import shutil
import struct
import sys
from pathlib import Path

import pytest
from pdf_pages import Pdf

from forms.demo import load_demo
from forms.pdf import font_registry
from forms.pdf.font_registry import embedding_refusal, face_names, registry_font_paths
from forms.pdf.fonts import FontChain, Role
from forms.pdf.renderer import ReportRenderer

WINDOWS_REGISTRY = font_registry.read_windows_registry  # before conftest's fixture replaces it
SONG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")  # 文鼎ＰＬ简报宋
HEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # 文泉驿微米黑
needs_free_fonts = pytest.mark.skipif(
    not (SONG.exists() and HEI.exists()), reason="the Debian CJK fonts of .ci/run are missing"
)


def patched_copy(source: Path, target: Path, fs_type: int) -> Path:
    """A copy of a real font whose OS/2 fsType says ``fs_type``."""
    data = bytearray(source.read_bytes())
    (count,) = struct.unpack_from(">H", data, 4)
    for index in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if tag == b"OS/2":
            struct.pack_into(">H", data, offset + 8, fs_type)
    target.write_bytes(bytes(data))
    return target


def fake_registry(monkeypatch: pytest.MonkeyPatch, entries: list[tuple[str, str]]) -> None:
    monkeypatch.setattr(font_registry, "read_windows_registry", lambda: entries)


@pytest.mark.skipif(sys.platform != "win32", reason="the registry is Windows'")
def test_the_real_registry_lists_the_system_fonts() -> None:
    entries = dict(WINDOWS_REGISTRY())
    assert "Arial (TrueType)" in entries
    arial = Path(entries["Arial (TrueType)"])
    assert (arial if arial.is_absolute() else font_registry.windows_fonts_dir() / arial).is_file()


def test_registry_values_name_faces_and_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    user_fonts = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    entries = [  # HKCU (a user's own install: full paths), then HKLM (names in Fonts)
        ("仿宋_GB2312 (TrueType)", str(user_fonts / "FS_GB2312_0.ttf")),
        ("方正小标宋简体 (TrueType)", "FZXBSJW_1.TTF"),
        ("宋体 & 新宋体 (TrueType)", "simsun.ttc"),
        ("仿宋 (TrueType)", "simfang.ttf"),
        ("Modern (All res)", "modern.fon"),
    ]

    assert face_names("宋体 & 新宋体 (TrueType)") == ["宋体", "新宋体"]
    assert registry_font_paths("fangsong", lambda: entries) == [
        user_fonts / "FS_GB2312_0.ttf",
        tmp_path / "Windows" / "Fonts" / "simfang.ttf",
    ]
    assert registry_font_paths("title", lambda: entries) == [
        tmp_path / "Windows" / "Fonts" / "FZXBSJW_1.TTF"
    ]
    assert registry_font_paths("song", lambda: entries) == [
        tmp_path / "Windows" / "Fonts" / "simsun.ttc"
    ]
    assert registry_font_paths("hei", lambda: entries) == []


@needs_free_fonts
def test_fangsong_gb2312_under_another_file_name_is_found_by_its_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    office = tmp_path / "用户字体" / "FS_GB2312_office.ttf"
    office.parent.mkdir()
    shutil.copy(SONG, office)
    fake_registry(monkeypatch, [("仿宋_GB2312 (TrueType)", str(office))])

    chain = FontChain(dirs=[HEI.parent])  # by file name only 文泉驿微米黑 would be found
    assert chain.primary_path(Role.FANGSONG) == office
    assert chain.primary_path(Role.HEI) == HEI
    assert chain.refused == {}


@needs_free_fonts
def test_a_title_font_that_forbids_embedding_is_named_and_the_next_face_prints(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    restricted = patched_copy(SONG, tmp_path / "FZXBS_office.ttf", 0x0002)
    fake_registry(monkeypatch, [("方正小标宋简体 (TrueType)", str(restricted))])

    chain = FontChain(dirs=[HEI.parent])
    with caplog.at_level(logging.WARNING, logger="forms.pdf.font_registry"):
        assert chain.primary_path(Role.TITLE) == HEI  # the next face of the title's chain

    reason = "字体“文鼎ＰＬ简报宋”（FZXBS_office.ttf）的授权禁止嵌入（fsType 0x0002），不能嵌入PDF"
    assert chain.refused == {restricted: reason}
    assert [r.getMessage() for r in caplog.records] == [f"{reason}，已改用字体链中的下一个字体"]
    assert not chain.is_bold(Role.TITLE)
    pdf = Pdf(ReportRenderer(load_demo(), fonts=chain).render())
    assert pdf.base_fonts() and not any("Sung" in name for name in pdf.base_fonts())
    assert "平川区" in pdf.all_text()


@needs_free_fonts
@pytest.mark.parametrize(
    ("fs_type", "refused"),
    [
        (0x0000, None),  # installable
        (0x0002, "禁止嵌入"),
        (0x0004, None),  # preview & print: embedding allowed
        (0x0006, None),  # restricted and preview & print: the less restrictive bit wins
        (0x0008, None),  # editable
        (0x0108, "不允许子集嵌入"),
        (0x0204, "只允许嵌入位图"),
    ],
)
def test_which_fs_types_refuse_embedding(tmp_path: Path, fs_type: int, refused: str | None) -> None:
    reason = embedding_refusal(patched_copy(SONG, tmp_path / f"f{fs_type:04x}.ttf", fs_type))
    assert (reason is None) == (refused is None)
    assert refused is None or f"授权{refused}（fsType 0x{fs_type:04X}）" in (reason or "")
