"""Small flowables the report needs beyond reportlab's: the seal keeper and the last-page mark.

:class:`KeepWithSeal` holds the last text of a part (a paragraph or the statistical table)
and the block that carries the seal (填报单位（盖章）, signatories, date). Where both do not fit
on the page, the text is split so that its last lines move to the next page with the block:
the seal space never stands alone on a page without text above it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import black
from reportlab.platypus import Flowable, Paragraph, Table, paragraph
from reportlab.platypus.doctemplate import ActionFlowable, FrameBreak
from reportlab.platypus.flowables import _listWrapOn

from forms.pdf import patches

TAIL_LINES = 2
SAFETY = 1.0  # points of slack, so that rounding never pushes the seal block alone


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph broken into lines by Chinese rules, its pieces not glued with spaces.

    reportlab breaks a paragraph of one run of text with a simpler splitter than one of
    several runs; here every paragraph goes through :func:`patches.cjk_frag_split` (no mark
    hangs past the type area, no line ends with “《（). reportlab joins the lines of a
    split paragraph with a space (right for Latin text); in Chinese that space shows as a
    gap on the next page. Here the pieces keep their text.

    Lines are broken once per width: a paragraph is wrapped again and again as the frame,
    the seal keeper and the heading keeper measure it, and the part split off onto the next
    page keeps the lines already broken for it. A paragraph of 200 000 characters over
    hundreds of pages is broken once, not once per page (which took minutes).
    """

    _broken: tuple[tuple[float, ...], Any] | None = None

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        widths = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        if not self.frags or getattr(self.frags[0], "cbDefn", None) or self.style.endDots:
            return super().breakLinesCJK(widths)
        paragraph._handleBulletWidth(self.bulletText, self.style, widths)
        self.height = 0
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        key = tuple(float(width) for width in widths)
        if self._broken is not None and self._broken[0] == key:
            return self._broken[1]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        lines = patches.cjk_frag_split(self.frags, widths, auto_leading not in ("", "off"))
        self._broken = (key, lines)
        return lines

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2 and isinstance(parts[1], CJKParagraph) and self._broken is not None:
            self._hand_on_lines(parts[0], parts[1])
        return parts

    def _hand_on_lines(self, first: Any, rest: CJKParagraph) -> None:
        """The lines after the split, as broken for the later lines' width, go to ``rest``."""
        key, broken = self._broken or ((), None)
        if broken is None or getattr(broken, "kind", 0) != 1 or len(key) < 2:
            return
        done = len(first.blPara.lines)
        later = key[-1]
        if rest.style.firstLineIndent or rest.bulletText or done >= len(broken.lines):
            return
        rest_key = (later, later) if len(key) == 2 else (later,) * len(key)
        rest._broken = (rest_key, paragraph.ParaLines(kind=1, lines=broken.lines[done:]))

    def _get_split_blParaFunc(self) -> Callable[[Any, int, int], list[Any]]:
        func: Callable[[Any, int, int], list[Any]] = super()._get_split_blParaFunc()
        if self.blPara.kind == 1 and func is paragraph._split_blParaHard:
            return _join_lines
        return func


class EmboldenedParagraph(CJKParagraph):
    """A paragraph drawn filled and stroked: a bold look from a regular face.

    Titles want a bold Song (小标宋); where only a regular Song is installed, a thin
    outline around each glyph (PDF text render mode 2) gives the weight.
    """

    STROKE = 0.45

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(self.STROKE)
        canvas.addLiteral("2 Tr")
        super().draw()
        canvas.restoreState()


def _join_lines(para_lines: Any, start: int, stop: int) -> list[Any]:
    return [word for line in para_lines.lines[start:stop] for word in line.words]


class KeepWithSeal(Flowable):  # type: ignore[misc]
    """The text ``lead`` followed by the ``seal`` flowables, kept on one page at the seam."""

    def __init__(self, lead: Flowable, seal: list[Flowable]) -> None:
        super().__init__()
        self.lead = lead
        self.seal = seal

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF  # too tall on purpose: the frame asks for a split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        together = [self.lead, *self.seal]
        height = _listWrapOn(together, available_width, self.canv)[1]
        if height + SAFETY <= available_height:
            return together
        lead_height = self.lead.wrapOn(self.canv, available_width, available_height)[1]
        keep = min(lead_height, self._tail_height())
        target = min(available_height, lead_height - keep)
        parts = self.lead.splitOn(self.canv, available_width, target) if target > 0 else []
        if len(parts) == 2:
            return [parts[0], KeepWithSeal(parts[1], self.seal)]
        if self._at_top_of_frame():
            return together  # nothing smaller exists: print as it comes rather than loop
        return [FrameBreak(), KeepWithSeal(self.lead, self.seal)]

    def _tail_height(self) -> float:
        """The height of the last lines (or table rows) that go with the seal block."""
        lead = self.lead
        if isinstance(lead, Table):
            heights = list(getattr(lead, "_rowHeights", None) or [0.0])
            return float(sum(heights[-TAIL_LINES:]))
        if isinstance(lead, Paragraph):
            return float(lead.style.leading * TAIL_LINES)
        return 0.0

    def _at_top_of_frame(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_atTop", False))

    def draw(self) -> None:  # never drawn itself: it always splits into its parts
        raise AssertionError("KeepWithSeal is split, not drawn")


class HeadingParagraph(CJKParagraph):
    """A heading: :func:`keep_headings` keeps it with the first lines after it."""


class KeepWithNext(Flowable):  # type: ignore[misc]
    """A heading and what follows it, parted only after the first lines of the latter.

    reportlab's ``keepWithNext`` moves the heading and all that follows to a new page when
    the two do not fit together, leaving most of a page blank before a long paragraph.
    Here the heading stays wherever the first two lines (or first rows) fit after it.
    """

    def __init__(self, heading: Flowable, following: Flowable) -> None:
        super().__init__()
        self.heading = heading
        self.following = following

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF  # too tall on purpose: the frame asks for a split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = [self.heading, self.following]
        if self.needed(available_width) <= available_height or _at_top(self):
            return parts
        return [FrameBreak(), *parts]

    def needed(self, width: float) -> float:
        """The height of the heading and of the first lines that must go with it."""
        heading = self.heading.wrapOn(self.canv, width, 0xFFFFFF)[1]
        return float(heading + self.heading.getSpaceAfter() + self._first_lines(width))

    def _first_lines(self, width: float) -> float:
        following = self.following
        if isinstance(following, KeepWithSeal):
            lead = float(following.lead.wrapOn(self.canv, width, 0xFFFFFF)[1])
            if lead <= following._tail_height():  # it all goes with the seal block: so must we
                return lead + float(_listWrapOn(following.seal, width, self.canv)[1])
            following = following.lead  # its first lines, not the seal block's
        if isinstance(following, KeepWithNext):
            following.canv = self.canv
            return following.needed(width)
        height = float(following.wrapOn(self.canv, width, 0xFFFFFF)[1])
        if isinstance(following, Paragraph):
            return min(height, float(following.style.leading) * TAIL_LINES)
        if isinstance(following, Table):
            keep = int(getattr(following, "keep_rows", 3))  # its head and first rows
            rows: list[float] = following._rowHeights[:keep]
            return float(following.getSpaceBefore()) + sum(rows)
        return height

    def draw(self) -> None:  # never drawn itself: it always splits into its parts
        raise AssertionError("KeepWithNext is split, not drawn")


def keep_headings(story: list[Flowable]) -> list[Flowable]:
    """Each heading joined with what follows it (unless that is a page or template change)."""
    kept: list[Flowable] = []
    for flowable in reversed(story):
        following = kept[0] if kept else None
        if isinstance(flowable, HeadingParagraph) and following and not _moves(following):
            kept[0] = KeepWithNext(flowable, following)
        else:
            kept.insert(0, flowable)
    return kept


def _moves(flowable: Flowable) -> bool:
    """A page break or template change rather than content."""
    return isinstance(flowable, ActionFlowable) or bool(getattr(flowable, "locChanger", False))


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return bool(getattr(frame, "_atTop", False))


class OnDraw(Flowable):  # type: ignore[misc]
    """A zero-size flowable that calls back when the page it lands on is drawn."""

    def __init__(self, callback: Callable[[Any], None]) -> None:
        super().__init__()
        self.callback = callback
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.callback(self.canv)


class GridSnap(Flowable):  # type: ignore[misc]
    """Empty space down to the next line of the page's grid, after a table: the text that
    follows stands on the same lines as on every other page."""

    def __init__(self, leading: float) -> None:
        super().__init__()
        self.leading = leading
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        if frame is None:
            return 0.0, 0.0
        used = float(frame._y2 - frame._topPadding - frame._y)
        gap = -used % self.leading
        self.height = 0.0 if gap > self.leading - 0.5 or gap >= available_height else gap
        return 0.0, self.height

    def draw(self) -> None:
        return None
