"""Hostile Word files, web pages and PDFs: each refused with its code, in bounded memory.

Each case runs in a subprocess whose address space is capped at :data:`LIMIT`
(``RLIMIT_AS``) and whose run is bounded by a timeout: the importer must refuse it with the
expected code, and ``nianbao import`` with one Chinese line on stderr, exit code 2, no
traceback and no output file. A case that exhausted memory would die with a MemoryError
traceback instead, and fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import source_corpus as corpus

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 300 * 1024 * 1024
DRIVER = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
from pathlib import Path
from forms.cli import main
from forms.codes import NianbaoError
from forms.importing.sources import import_file
try:
    import_file(Path(sys.argv[1]))
    print("ACCEPTED")
except NianbaoError as exc:
    print(exc.code)
sys.exit(main(["import", sys.argv[1], "-o", sys.argv[2]]))
"""

CASES = [
    # (builder, expected code, a word the message must contain)
    (corpus.docx_zip_bomb, "F006", "解压后"),
    (corpus.docx_entity_bomb, "F006", "XML 炸弹"),
    (corpus.docx_without_document, "F062", "word/document.xml"),
    (corpus.docx_truncated, "F005", "已损坏"),
    (corpus.docx_legacy_doc, "F067", ".doc"),
    (corpus.html_huge, "F006", "MB"),
    (corpus.html_tag_flood, "F006", "标记"),
    (corpus.html_deep_nesting, "F006", "嵌套"),
    (corpus.html_nested_tables, "F006", "嵌套"),
    (corpus.html_binary, "F060", "二进制"),
    (corpus.pdf_not_a_pdf, "F064", "PDF"),
    (corpus.pdf_thousands_of_pages, "F006", "5000 页"),
    (corpus.pdf_scanned, "F065", "扫描件"),
    (corpus.pdf_truncated, "F064", "PDF"),
    (corpus.pdf_encrypted, "F066", "密码"),
    (corpus.word_named_pdf, "F060", "Word"),
    (corpus.pdf_named_docx, "F060", "PDF"),
    (corpus.text_file, "F061", ".txt"),
]


def run(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", DRIVER, *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("build", "code", "word"), CASES, ids=lambda c: getattr(c, "__name__", c))
def test_hostile_source_is_refused_with_its_code(
    build: corpus.Builder, code: str, word: str, tmp_path: Path
) -> None:
    bad = build(tmp_path)
    output = tmp_path / "out" / "导入.xlsx"
    output.parent.mkdir()
    refused = run(bad, output)
    assert refused.stdout.strip() == code, refused.stdout + refused.stderr
    assert refused.returncode == 2, refused.stderr
    assert "Traceback" not in refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), refused.stderr
    assert word in lines[0]
    assert bad.name in lines[0]
    assert not output.exists()
