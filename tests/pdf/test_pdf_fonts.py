"""The font chain: every character printed in a face that has it, every face embedded.

Windows font folders are simulated with copies of the free fonts under Windows file names;
the chain must prefer them in the documented order and survive broken files.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from pdf_pages import Pdf, squash

from forms.demo import load_demo
from forms.document import Document
from forms.pdf import render_pdf_bytes
from forms.pdf.fonts import LAST_RESORT, FontChain, Role, default_font_dirs, load_face
from forms.pdf.renderer import ReportRenderer

RARE_NAMES = "李䶮", "吉𠮷祥"
SONG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
KAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
HEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
needs_a_cjk_font = pytest.mark.skipif(
    FontChain().primary(Role.FANGSONG) == LAST_RESORT,
    reason="no CJK TrueType font on this machine (.ci/run installs the Debian ones)",
)
needs_rare_glyphs = pytest.mark.skipif(
    not any(face.has("𠮷") for face in FontChain().faces(Role.FANGSONG)),
    reason="no font with 𠮷 on this machine: install fonts-hanazono (as .ci/run does)",
)
needs_free_fonts = pytest.mark.skipif(
    not (SONG.exists() and KAI.exists() and HEI.exists()),
    reason="the Debian CJK font packages of .ci/run are not installed",
)


def with_rare_names() -> Document:
    document = load_demo()
    document.signatories["unit_head"], document.signatories["filer"] = RARE_NAMES
    document.unit = "𠮷䶮市人民政府办公室"
    return document


def test_every_embedded_font_is_embedded_and_subset(demo_pdf: Pdf) -> None:
    fonts = demo_pdf.fonts()
    assert fonts
    assert all(font["emb"] == "yes" and font["sub"] == "yes" for font in fonts), fonts
    assert not any("Helvetica" in font["name"] for font in fonts)


@needs_a_cjk_font
def test_every_character_of_the_demo_has_a_glyph_in_its_font() -> None:
    renderer = ReportRenderer(load_demo())
    renderer.render()
    chain = renderer.fonts
    assert chain.missing == set()
    decisions = chain.decisions()
    assert len(decisions) > 500  # every character printed was looked up
    faces = {face.name: face for role in Role for face in chain.faces(role)}
    for (_role, char), font in decisions.items():
        assert faces[font].has(char), (char, font)


@needs_rare_glyphs
def test_rare_characters_in_names_print_and_come_back_from_pdftotext() -> None:
    renderer = ReportRenderer(with_rare_names())
    pdf = Pdf(renderer.render())
    assert renderer.fonts.missing == set()
    assert {"䶮", "𠮷"} <= set(renderer.fonts.fallbacks)
    text = pdf.pdftotext()
    for name in [*RARE_NAMES, "𠮷䶮市人民政府办公室"]:
        assert name in text
    assert "单位负责人：李䶮" in squash(text)
    assert all(font["emb"] == "yes" for font in pdf.fonts())


@needs_rare_glyphs
def test_rare_characters_fall_back_character_by_character() -> None:
    chain = FontChain()
    runs = chain.runs("李䶮𠮷明", Role.FANGSONG)
    assert "".join(text for _font, text in runs) == "李䶮𠮷明"
    primary = chain.primary(Role.FANGSONG)
    assert runs[0] == (primary, "李")
    assert runs[-1] == (primary, "明")
    faces = {face.name: face for face in chain.faces(Role.FANGSONG)}
    for font, text in runs:
        assert all(faces[font].has(char) for char in text)


def test_markup_escapes_user_text() -> None:
    chain = FontChain()
    assert chain.markup("a<b>&c", Role.FANGSONG) == "a&lt;b&gt;&amp;c"


def _windows_folder(tmp_path: Path) -> Path:
    """A stand-in for C:\\Windows\\Fonts: the free fonts under the Windows file names."""
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    for source, name in [(SONG, "simfang.ttf"), (KAI, "simkai.ttf"), (HEI, "SimHei.ttf")]:
        shutil.copyfile(source, fonts / name)
    (fonts / "simsun.ttc").write_bytes(b"not a font at all")
    return fonts


@needs_free_fonts
def test_windows_fonts_come_first_and_broken_files_are_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fonts = _windows_folder(tmp_path)
    chain = FontChain(dirs=[fonts, *default_font_dirs()])
    with caplog.at_level(logging.WARNING):
        assert chain.primary_path(Role.FANGSONG) == fonts / "simfang.ttf"
        assert chain.primary_path(Role.KAI) == fonts / "simkai.ttf"
        assert chain.primary_path(Role.HEI) == fonts / "SimHei.ttf"  # any letter case
        assert chain.primary_path(Role.SONG) == SONG  # simsun.ttc is broken: skipped
    assert "simsun.ttc" in caplog.text


@needs_free_fonts
def test_the_users_font_comes_before_everything(tmp_path: Path) -> None:
    chosen = tmp_path / "my-font.ttf"
    shutil.copyfile(KAI, chosen)
    chain = FontChain(preferred=chosen)
    for role in Role:
        assert chain.primary_path(role) == chosen
    pdf = Pdf(render_pdf_bytes(load_demo(), font=chosen))
    assert any("UKai" in font["name"] for font in pdf.fonts())


def test_an_unusable_chosen_font_falls_back_quietly(tmp_path: Path) -> None:
    chosen = tmp_path / "broken.ttf"
    chosen.write_bytes(b"\0" * 100)
    pdf = Pdf(render_pdf_bytes(load_demo(), font=chosen))
    assert "2018年政府信息公开工作年度报告" in pdf.text(0)


def test_without_any_font_file_the_builtin_cid_font_prints_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chain = FontChain(dirs=[])
    with caplog.at_level(logging.WARNING):
        renderer = ReportRenderer(load_demo(), fonts=chain)
        pdf = Pdf(renderer.render())
    assert chain.primary(Role.FANGSONG) == LAST_RESORT
    assert "2018年政府信息公开工作年度报告" in pdf.text(0)
    assert pdf.base_fonts() == {LAST_RESORT}
    assert chain.missing and LAST_RESORT in caplog.text


@needs_free_fonts
def test_font_files_are_read_once(tmp_path: Path) -> None:
    assert load_face(SONG) is load_face(SONG)


def _content(pdf: Pdf, index: int) -> bytes:
    return bytes(pdf.reader.pages[index].get_contents().get_data())


def test_a_regular_song_title_is_emboldened_and_the_body_is_not(demo_pdf: Pdf) -> None:
    content = _content(demo_pdf, 0)
    assert content.count(b"2 Tr") == 2  # the unit's name and the title, nothing else
    assert b"2 Tr" not in _content(demo_pdf, 1)


@needs_free_fonts
def test_a_real_xiaobiaosong_title_is_printed_as_it_is(tmp_path: Path) -> None:
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    shutil.copyfile(SONG, fonts / "FZXBSJW.TTF")  # stands in for 方正小标宋简体
    chain = FontChain(dirs=[fonts, *default_font_dirs()])
    assert chain.primary_path(Role.TITLE) == fonts / "FZXBSJW.TTF"
    pdf = Pdf(ReportRenderer(load_demo(), fonts=chain).render())
    assert b"2 Tr" not in _content(pdf, 0)
