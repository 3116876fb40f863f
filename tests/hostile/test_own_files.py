"""Item 7 of issue 11: what the app writes, the app opens.

Any document the app can hold (it has passed ``forms.boundary``): long repetitive texts that
compress a thousandfold, rare characters (astral CJK, emoji, combining marks), extreme but
valid figures. Each survives save → open → PDF → recovery copy, with nothing reported.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.boundary import admit
from forms.definition import ValueKind
from forms.definition_files import load_form
from forms.derive import derive
from forms.document import Document, new_document
from forms.pdf import render_pdf
from forms.xlsx import open_document, save_document

RARE = st.sampled_from(["𠀀", "𪚥", "😀", "e\u0301", "\u3000", "①", "〇", "\U0002a6d6", "&<>"])
ANY = st.text(st.characters(codec="utf-8"), min_size=1, max_size=3)
UNITS = st.lists(st.one_of(RARE, ANY), min_size=1, max_size=4).map("".join)
FORM = "gov-info-2021"


@st.composite
def repetitive(draw: st.DrawFn, longest: int) -> str:
    """A short unit repeated up to ``longest`` characters, sometimes with line breaks."""
    unit = draw(UNITS)
    times = draw(st.integers(1, max(1, longest // len(unit))))
    return (unit + draw(st.sampled_from(["", "\n"]))) * times


def figures(kind: ValueKind) -> st.SearchStrategy[int | Decimal | None]:
    if kind is ValueKind.INTEGER:
        return st.sampled_from([None, 0, 1, 10**12, 999_999_999_999])
    return st.sampled_from([None, Decimal(0), Decimal("0.0001"), Decimal("999999999999.9999")])


@st.composite
def documents(draw: st.DrawFn, longest: int) -> Document:
    form = load_form(FORM)
    document = new_document(FORM, draw(repetitive(60)), 2021)
    for cell in draw(st.lists(st.sampled_from(form.index.cell_order), max_size=10)):
        document.values[cell] = draw(figures(form.index.kind(cell)))
    derive(document)
    for part in document.narrative:
        document.narrative[part] = draw(repetitive(longest))
    for field in document.signatories:
        document.signatories[field] = draw(repetitive(20))
    admit(document)  # as the app holds it: past the boundary
    return document


def round_trip(document: Document, folder: Path, pdf: bool) -> None:
    path = folder / "年报.xlsx"
    save_document(document, path)
    opened = open_document(path)
    assert opened.differences == []
    assert opened.document.content() == document.content()
    if pdf:
        render_pdf(opened.document, folder / "年报.pdf")
        assert (folder / "年报.pdf").read_bytes().startswith(b"%PDF")
    recovered = Document.from_json(opened.document.to_json().encode("utf-8").decode("utf-8"))
    assert recovered.content() == document.content()


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(longest=1_000_000))
def test_long_repetitive_reports_reopen(document: Document, tmp_path: Path) -> None:
    round_trip(document, tmp_path, pdf=False)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(longest=3_000))
def test_rare_characters_and_extreme_figures_print_and_recover(
    document: Document, tmp_path: Path
) -> None:
    round_trip(document, tmp_path, pdf=True)
