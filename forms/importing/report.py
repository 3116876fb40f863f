"""The mapping report of an import: where each figure came from and what was left out.

Nothing is guessed silently: every form cell filled names the sheet cell it came from, every
row not found is listed, every ambiguous label is listed with its candidates (and not used),
and every cell that could not be understood is listed with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from forms.values import Entry, RawText, format_entry

T = TypeVar("T")
MAX_LISTED = 30


@dataclass(frozen=True)
class Mapped:
    """One form cell filled from the workbook."""

    cell: str
    label: str
    source: str
    label_source: str
    entry: Entry
    note: str = ""


@dataclass(frozen=True)
class Missing:
    """A form row whose label was not found (its figure stays blank)."""

    cell: str
    label: str


@dataclass(frozen=True)
class Ambiguous:
    """A label cell that fits several form rows, or a row whose label occurs several times."""

    source: str
    text: str
    candidates: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class NotUnderstood:
    """A cell in the table that is neither a known label nor a figure of a known row."""

    source: str
    text: str
    reason: str


@dataclass
class ImportReport:
    """Everything an import did, for the user to read before accepting the result."""

    path: str
    sheet: str = ""
    form_id: str = ""
    form_reason: str = ""
    dashes_as_zero: bool = True
    dashes: list[str] = field(default_factory=list)
    value_columns: dict[str, str] = field(default_factory=dict)
    mapped: list[Mapped] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # table/column → the unit the source states

    @property
    def clean(self) -> bool:
        """True when every row was found and nothing was ambiguous or unreadable."""
        return not (self.missing or self.ambiguous or self.not_understood)

    def summary(self) -> str:
        return (
            f"已对应 {len(self.mapped)} 项 · 未找到 {len(self.missing)} 项 · "
            f"有歧义 {len(self.ambiguous)} 处 · 未能识别 {len(self.not_understood)} 处"
        )

    def dash_notice(self) -> str:
        """The cells holding a dash and how they were read ("" when there are none)."""
        if not self.dashes:
            return ""
        how = "按“无”读作0" if self.dashes_as_zero else "未读作0，保持空白"
        shown = "、".join(self.dashes[:MAX_LISTED])
        more = f"等{len(self.dashes)}处" if len(self.dashes) > MAX_LISTED else ""
        return f"{len(self.dashes)}个单元格填的是“-”“—”“/”之类，{how}：{shown}{more}"

    def lines(self) -> list[str]:
        """The report as plain text lines (for the command line)."""
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        out = [f"导入“{self.path}”{where}"]
        out += [f"报表格式：{self.form_reason}"] if self.form_reason else []
        out += [f"提示：{self.dash_notice()}"] if self.dashes else []
        out += [f"提示：{n}" for n in self.notices]
        out += _section("已对应", self.mapped, _mapped_line)
        out += _section("未找到（保持空白）", self.missing, lambda m: f"{m.label}（{m.cell}）")
        out += _section("有歧义（未采用）", self.ambiguous, _ambiguous_line)
        out += _section(
            "未能识别", self.not_understood, lambda n: f"{n.source}“{n.text}”：{n.reason}"
        )
        return [*out, self.summary()]


def _section(title: str, items: Sequence[T], render: Callable[[T], str]) -> list[str]:
    if not items:
        return []
    return [f"{title} {len(items)} 项：", *(f"  {render(item)}" for item in items)]


def _mapped_line(item: Mapped) -> str:
    shown = format_entry(item.entry) if item.entry is not None else "空白"
    if isinstance(item.entry, RawText):
        shown = f"“{item.entry.text}”（不是数字，原样保留）"
    note = f"；{item.note}" if item.note else ""
    return f"{item.label} ← {item.source}（{shown}{note}）"


def _ambiguous_line(item: Ambiguous) -> str:
    return f"{item.source}“{item.text}”：{item.reason}（可能是：{'、'.join(item.candidates)}）"
