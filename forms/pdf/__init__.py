"""The printed report: a PDF laid out for an official seal (GB/T 9704-2012).

:func:`render_pdf` writes the file (the CLI's ``nianbao pdf`` and the app's 导出PDF);
:func:`render_pdf_bytes` gives the bytes (the app's 打印预览 and 打印). Both take the font
the user chose in settings, if any; see :mod:`forms.pdf.fonts` for the rest of the chain.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from forms.atomic import write_atomically
from forms.definition import FormDefinition
from forms.document import Document
from forms.pdf.deferred_patterns import deferred
from forms.print_options import SIGNATURES, Signatures

# reportlab's C accelerator (rl-accel), imported by name so that the frozen bundle has it;
# without it reportlab uses its Python versions of the same functions.
with suppress(ImportError):
    import _rl_accel  # type: ignore[import-not-found]  # noqa: F401

with deferred():  # reportlab's paragraph module, without its 20 ms regular expression
    from reportlab.platypus import paragraph as _paragraph  # noqa: F401

from forms.pdf.fonts import FontChain
from forms.pdf.renderer import ReportRenderer

__all__ = [
    "SIGNATURES",
    "FontChain",
    "ReportRenderer",
    "Signatures",
    "render_pdf",
    "render_pdf_bytes",
]


def render_pdf_bytes(
    document: Document,
    *,
    font: Path | None = None,
    form: FormDefinition | None = None,
    signatures: Signatures = "report",
) -> bytes:
    """The whole report as PDF bytes; ``font`` is the user's preferred face, tried first.

    ``signatures`` says where the signatory line (单位负责人 … 填报日期) goes: on the report
    (``"report"``) or on a separate submission sheet at the end (``"sheet"``, 报送单).
    """
    fonts = FontChain(preferred=font)
    return ReportRenderer(document, form=form, fonts=fonts, signatures=signatures).render()


def render_pdf(
    document: Document,
    path: Path,
    *,
    font: Path | None = None,
    form: FormDefinition | None = None,
    signatures: Signatures = "report",
) -> None:
    """Write the whole report as a PDF to ``path``; a coded NianbaoError if it cannot.

    Written through the one atomic writer (``forms.atomic``): a failure never leaves a
    half-written PDF where a good one was.
    """
    data = render_pdf_bytes(document, font=font, form=form, signatures=signatures)
    write_atomically(Path(path), data)
