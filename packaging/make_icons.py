"""Render the app icon ``resources/icons/nianbao.svg`` to ``nianbao.png`` and ``nianbao.ico``.

Run after editing the SVG: ``uv run python packaging/make_icons.py``. Qt's QSvgRenderer draws
each size (so small sizes are rendered, not scaled down from a big bitmap); Pillow, already
present through reportlab, packs them into one Windows ``.ico``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS_DIR / "nianbao.svg"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(source)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_icons(folder: Path = ICONS_DIR) -> list[Path]:
    """Write ``nianbao.png`` (256 px) and ``nianbao.ico`` (all ICO_SIZES) into ``folder``."""
    from PIL import Image

    png = folder / "nianbao.png"
    png.write_bytes(render_png(PNG_SIZE))
    frames = [Image.open(io.BytesIO(render_png(size))) for size in ICO_SIZES]
    ico = folder / "nianbao.ico"
    largest = frames[-1]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    return [png, ico]


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in write_icons():
        print(f"wrote {path}")
    sys.exit(0)
