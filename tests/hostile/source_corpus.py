"""Hostile and broken report files of the other kinds (Word, web page, PDF), made at test time.

Each builder writes one file into ``folder`` and returns it. Where the attack hides in an
otherwise valid file, the file starts from a real one (python-docx's document, a PDF made
by pypdfium2).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from corpus import billion_laughs

Builder = Callable[[Path], Path]
BILLION_LAUGHS = billion_laughs(
    7,
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n'
    b"<w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>",
)


def _word(folder: Path) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("青禾县自然资源局2021年政府信息公开工作年度报告")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "自然人"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace(data: bytes, name: str, content: bytes, target: Path, level: int = 9) -> Path:
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out,
    ):
        for item in source.infolist():
            out.writestr(item.filename, content if item.filename == name else source.read(item))
    return target


def docx_zip_bomb(folder: Path) -> Path:
    """word/document.xml padded with 25 MB of spaces: a 1000:1 ratio."""
    body = b"<w:document xmlns:w='x'>" + b" " * (25 * 1024 * 1024) + b"</w:document>"
    return _replace(_word(folder), "word/document.xml", body, folder / "炸弹.docx")


def docx_entity_bomb(folder: Path) -> Path:
    return _replace(_word(folder), "word/document.xml", BILLION_LAUGHS, folder / "实体.docx")


def docx_without_document(folder: Path) -> Path:
    target = folder / "空壳.docx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    return target


def docx_truncated(folder: Path) -> Path:
    target = folder / "截断.docx"
    data = _word(folder)
    target.write_bytes(data[: len(data) // 2])
    return target


def docx_legacy_doc(folder: Path) -> Path:
    target = folder / "旧版.docx"
    target.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4096)
    return target


def html_huge(folder: Path) -> Path:
    target = folder / "巨大.html"
    row = "<p>" + "政府信息公开" * 40 + "</p>\n"
    target.write_text("<html><body>" + row * 40_000 + "</body></html>", encoding="utf-8")
    return target


def html_tag_flood(folder: Path) -> Path:
    target = folder / "标记.html"
    target.write_text("<html><body>" + "<b>" * 300_000 + "</body></html>", encoding="utf-8")
    return target


def html_deep_nesting(folder: Path) -> Path:
    target = folder / "嵌套.html"
    target.write_text("<html><body>" + "<div>" * 100_000 + "深</body></html>", encoding="utf-8")
    return target


def html_nested_tables(folder: Path) -> Path:
    target = folder / "表中表.html"
    target.write_text("<table><tr><td>" * 5_000 + "1", encoding="utf-8")
    return target


def html_binary(folder: Path) -> Path:
    target = folder / "乱码.html"
    target.write_bytes(bytes(range(256)) * 64)
    return target


def pdf_not_a_pdf(folder: Path) -> Path:
    target = folder / "不是.pdf"
    target.write_text("2021年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    return target


def pdf_thousands_of_pages(folder: Path) -> Path:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(5_000):
        document.new_page(595, 842)
    target = folder / "五千页.pdf"
    document.save(str(target))
    document.close()
    return target


def pdf_scanned(folder: Path) -> Path:
    """A page holding only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(picture).rectangle((50, 50, 550, 120), outline=0, width=3)
    target = folder / "扫描件.pdf"
    sheet = canvas.Canvas(str(target))
    sheet.drawImage(ImageReader(picture), 0, 0, width=595, height=842)
    sheet.showPage()
    sheet.save()
    return target


def pdf_truncated(folder: Path) -> Path:
    target = folder / "截断.pdf"
    target.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    return target


def pdf_encrypted(folder: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("秘密123")
    target = folder / "加密.pdf"
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def word_named_pdf(folder: Path) -> Path:
    target = folder / "其实是Word.pdf"
    target.write_bytes(_word(folder))
    return target


def pdf_named_docx(folder: Path) -> Path:
    target = folder / "其实是PDF.docx"
    target.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return target


def text_file(folder: Path) -> Path:
    target = folder / "说明.txt"
    target.write_text("一、总体情况", encoding="utf-8")
    return target
