"""The window's publishing actions: 文件 → 导出Word and 导出网页.

Each asks where to save (the same dialog as 导出PDF), writes the current report through
:mod:`forms.docx` or :mod:`forms.html` (imported on first use: python-docx would slow the
window's start) and says where it went; a failure is a Chinese message, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot

from desktop import printing
from desktop.file_actions import with_suffix
from desktop.print_actions import PrintActions
from forms.codes import NianbaoError
from forms.document import Document

WORD_FILTER = "Word 文件 (*.docx)"
WEB_FILTER = "网页 (*.html)"


def write_word(document: Document, path: Path) -> None:
    from forms.docx import render_docx

    render_docx(document, path)


def write_web_page(document: Document, path: Path) -> None:
    from forms.html import render_html

    render_html(document, path)


class PublishActions(PrintActions):
    """Export the current report as a Word file or a web page."""

    @Slot()
    def export_word(self) -> bool:
        return self._publish(WORD_FILTER, ".docx", write_word, "Word 文件")

    @Slot()
    def export_web_page(self) -> bool:
        return self._publish(WEB_FILTER, ".html", write_web_page, "网页")

    def _publish(
        self, file_filter: str, suffix: str, write: Callable[[Document, Path], None], what: str
    ) -> bool:
        chosen = self.ask_save_path(file_filter, suffix)
        if chosen is None:
            return False
        path = with_suffix(chosen, suffix)
        try:
            with printing.busy():
                write(self.session.document, path)
        except NianbaoError as exc:
            return self._fail(f"无法导出{what}", exc.message)
        except Exception as exc:  # the writer is a boundary: show, never crash
            return self._fail(f"无法导出{what}", f"生成{what}时出错：{exc}")
        self.statusBar().showMessage(f"已导出 {path}", 5000)
        return True
