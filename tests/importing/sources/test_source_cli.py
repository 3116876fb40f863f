"""``nianbao import`` of a Word file, web page or PDF, and ``nianbao new --from`` them.

Run as real subprocesses: the 2021 demo printed by ``nianbao pdf`` is imported back with
``nianbao import`` (no ``--form``: the format comes from the tables) and the written report
file is opened again: every figure and part equal to the demo's.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from cli_run import nianbao as run_nianbao
from source_files import blocks, html_page, write_docx

from forms.demo import load_demo
from forms.xlsx import open_document, save_document

nianbao = partial(run_nianbao, timeout=120)


def test_the_apps_pdf_imports_back_figure_for_figure(tmp_path: Path) -> None:
    demo = load_demo("gov-info-2021")
    saved = tmp_path / "年报.xlsx"
    save_document(demo, saved)
    assert nianbao("pdf", saved, "-o", tmp_path / "年报.pdf").returncode == 0
    result = nianbao("import", tmp_path / "年报.pdf", "-o", tmp_path / "导入.xlsx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已对应 200 项 · 未找到 0 项 · 有歧义 0 处 · 未能识别 0 处" in result.stdout
    back = open_document(tmp_path / "导入.xlsx").document
    assert (back.form_id, back.unit, back.year) == (demo.form_id, demo.unit, demo.year)
    assert back.values == demo.values
    assert back.narrative == demo.narrative
    assert back.contact == demo.contact
    assert back.signatories == demo.signatories
    assert back.preface_text() == demo.preface_text()


def test_word_and_web_page_import_from_the_command_line(tmp_path: Path) -> None:
    demo = load_demo("gov-info-2021")
    layout = blocks(demo)
    word = write_docx(layout, tmp_path / "年报.docx")
    page = tmp_path / "年报.htm"
    page.write_bytes(html_page(layout, demo.title(), "gbk").encode("gb18030"))
    for source in (word, page):
        output = tmp_path / f"{source.suffix[1:]}.xlsx"
        result = nianbao("import", source, "--form", "gov-info-2021", "-o", output)
        assert result.returncode == 0, result.stdout + result.stderr
        back = open_document(output).document
        assert back.values == demo.values
        assert back.narrative == demo.narrative


def test_a_file_whose_content_contradicts_its_name_is_refused(tmp_path: Path) -> None:
    demo = load_demo("gov-info-2021")
    disguised = write_docx(blocks(demo), tmp_path / "年报.pdf")
    result = nianbao("import", disguised, "-o", tmp_path / "导入.xlsx")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "错误：“年报.pdf”的扩展名是.pdf，但内容是Word 文档（.docx），请确认文件或改正扩展名"
    )


def test_next_year_starts_from_last_years_pdf_word_or_web_page(tmp_path: Path) -> None:
    """``nianbao new --from`` a report kept as PDF, Word or web page: last year's figures are
    the base of the year-on-year checks, the unit and contact line carry over."""
    demo = load_demo("gov-info-2021")
    layout = blocks(demo)
    saved = tmp_path / "年报.xlsx"
    save_document(demo, saved)
    sources = [write_docx(layout, tmp_path / "上年.docx"), tmp_path / "上年.html"]
    sources[1].write_text(html_page(layout, demo.title()), encoding="utf-8")
    assert nianbao("pdf", saved, "-o", tmp_path / "上年.pdf").returncode == 0
    sources.append(tmp_path / "上年.pdf")
    for source in sources:
        output = tmp_path / f"新{source.suffix[1:]}.xlsx"
        result = nianbao("new", "--from", source, "--year", demo.year + 1, "-o", output)
        assert result.returncode == 0, result.stdout + result.stderr
        following = open_document(output).document
        assert (following.unit, following.year) == (demo.unit, demo.year + 1)
        assert following.contact == demo.contact
        assert following.last_year == demo.values
        carried = {
            cell: value
            for cell, value in following.last_year.items()
            if cell.startswith("requests.carried_out/")
        }
        assert carried == {
            cell: value
            for cell, value in demo.values.items()
            if cell.startswith("requests.carried_out/")
        }
