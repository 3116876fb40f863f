"""How a finding looks wherever it is shown: icon, colours and a short word.

Every mark has a distinct shape (a round ×, a triangle !, a square ✓, a dashed box) and a
word, not only a colour, so it reads for colour-blind users and in black-and-white.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

from PySide6.QtGui import QColor, QIcon

from desktop.identity import ICONS_DIR, app_icon_path
from forms.validation import Finding, Report
from forms.validation.engine import BLANK_CODE


class Mark(Enum):
    """The state of a cell or field, worst first."""

    ERROR = 0
    WARNING = 1
    BLANK = 2
    EXPLAINED = 3


@dataclass(frozen=True)
class MarkStyle:
    word: str
    icon_name: str
    background: str
    border: str


STYLES = {
    Mark.ERROR: MarkStyle("错误", "error", "#ffd7d4", "#c62828"),
    Mark.WARNING: MarkStyle("警告", "warning", "#fff1c2", "#b28704"),
    Mark.BLANK: MarkStyle("未填", "blank", "#eef1f6", "#8a8f99"),
    Mark.EXPLAINED: MarkStyle("已说明", "explained", "#e3efff", "#1565c0"),
}


def mark_of(finding: Finding, report: Report) -> Mark:
    if finding.code == BLANK_CODE:
        return Mark.BLANK
    if finding.is_error:
        return Mark.ERROR
    return Mark.EXPLAINED if finding.key in report.explained else Mark.WARNING


@cache
def icon(mark: Mark) -> QIcon:
    return QIcon(str(ICONS_DIR / f"{STYLES[mark].icon_name}.svg"))


@cache
def background(mark: Mark) -> QColor:
    return QColor(STYLES[mark].background)


COMPUTED_BACKGROUND, COMPUTED_FOREGROUND = "#d9e4ef", "#2c4766"  # a total that follows its parts


@cache
def computed_background() -> QColor:
    return QColor(COMPUTED_BACKGROUND)


@cache
def computed_foreground() -> QColor:
    return QColor(COMPUTED_FOREGROUND)


def app_icon() -> QIcon:
    return QIcon(str(app_icon_path()))


def marks_by_place(report: Report) -> dict[str, tuple[Mark, tuple[str, ...]]]:
    """For each cell or field at fault (a finding's first cell): its worst mark and messages."""
    worst: dict[str, Mark] = {}
    messages: dict[str, list[str]] = {}
    for finding in report.findings:
        place, mark = finding.cells[0], mark_of(finding, report)
        worst[place] = min(worst.get(place, mark), mark, key=lambda m: m.value)
        messages.setdefault(place, []).append(f"{finding.code} {finding.message}")
    return {place: (mark, tuple(messages[place])) for place, mark in worst.items()}
