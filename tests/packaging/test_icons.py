"""The app icon: the committed PNG and ICO are renderings of the SVG, at every size."""

from __future__ import annotations

import io

import pytest
from packaging_scripts import load_script
from PIL import Image, ImageChops, ImageStat
from PySide6.QtGui import QIcon

from desktop.identity import APP_ICON_ICO, app_icon_path

make_icons = load_script("make_icons")
ICO_SIZES, PNG_SIZE = make_icons.ICO_SIZES, make_icons.PNG_SIZE


def test_the_window_icon_loads_in_qt(qapp: object) -> None:
    icon = QIcon(str(app_icon_path()))

    assert not icon.isNull()
    assert icon.availableSizes()[0].width() == PNG_SIZE


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    with Image.open(APP_ICON_ICO) as ico:
        assert ico.info["sizes"] == {(s, s) for s in ICO_SIZES}


@pytest.mark.parametrize("size", [16, 256])
def test_the_committed_icons_match_the_svg(qapp: object, size: int) -> None:
    fresh = Image.open(io.BytesIO(make_icons.render_png(size))).convert("RGBA")
    with Image.open(APP_ICON_ICO) as ico:
        ico.size = (size, size)
        committed = ico.convert("RGBA")

    difference = ImageStat.Stat(ImageChops.difference(fresh, committed)).mean
    assert max(difference) < 2, "the SVG changed: run uv run python packaging/make_icons.py"
