"""The reviewer's (审核人) work on a report: verdicts on warnings, remarks, sign-off, change log.

A :class:`Review` travels inside the document (its hidden copy) and on a visible sheet of the
file. The reviewer may mark each warning 待核实 / 已核实 / 不采纳 (with who and when), write a
remark on a cell or a part, and sign the report off (审核通过, with their name and the date).
The sign-off holds the fingerprint of the report's content at that moment: any later change of
a figure or text, in the app or in WPS/Excel, voids it (:func:`void_if_changed`), and whoever
looks is told. Every save records what changed since the last one (:func:`record_changes`), so
the reviewer can see what moved since they signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from forms.codes import NianbaoError

if TYPE_CHECKING:
    from forms.document import Document
    from forms.validation import Report

VERDICTS = ("待核实", "已核实", "不采纳")
UNSETTLED = ("不采纳", "待核实")  # a warning so marked stands in the way of the sign-off
KEPT_CHANGES = 500  # the change log keeps the newest entries
SHOWN_CHARS = 60  # an old or new text in the log is cut to this
SHOWN_TIME = "%Y-%m-%d %H:%M:%S"  # a verdict's and a change's time, as 审核记录 shows it


class ReviewError(ValueError):
    """Review data of the wrong shape in a file; the message names the field."""


@dataclass(frozen=True)
class Verdict:
    """The reviewer's word on one warning: its state, who said it and when."""

    state: str
    by: str
    at: str


@dataclass(frozen=True)
class Approval:
    """审核通过: who signed off, on which date, and the content's fingerprint then."""

    by: str
    on: str
    content: str


@dataclass(frozen=True)
class Change:
    """One entry of the change log: when, what (a cell or part's name), from what to what."""

    at: str
    place: str
    old: str
    new: str


@dataclass
class Review:
    """Everything the reviewer added to the report."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)  # finding key → verdict
    remarks: dict[str, str] = field(default_factory=dict)  # cell or part.<id> → remark
    approval: Approval | None = None
    changes: list[Change] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.verdicts or self.remarks or self.approval or self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "verdicts": {key: vars(v) for key, v in self.verdicts.items()},
            "remarks": dict(self.remarks),
            "approval": vars(self.approval) if self.approval else None,
            "changes": [vars(change) for change in self.changes],
        }

    @classmethod
    def from_json(cls, data: Any) -> Review:
        if data is None:
            return cls()
        root = _expect(data, dict, "review")
        try:
            verdicts = {
                str(key): Verdict(**_strings(value, f"review.verdicts.{key}", Verdict))
                for key, value in _expect(root.get("verdicts", {}), dict, "verdicts").items()
            }
            approval = root.get("approval")
            return cls(
                verdicts=verdicts,
                remarks=_strings(root.get("remarks", {}), "review.remarks", None),
                approval=Approval(**_strings(approval, "review.approval", Approval))
                if approval is not None
                else None,
                changes=[
                    Change(**_strings(item, "review.changes", Change))
                    for item in _expect(root.get("changes", []), list, "changes")
                ],
            )
        except TypeError as exc:
            raise ReviewError(f"审核数据不完整（{exc}）") from exc


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise ReviewError(f"字段 {where} 的类型不对（应为 {kind.__name__}）")
    return value


def _strings(value: Any, where: str, record: type | None) -> dict[str, str]:
    mapping = _expect(value, dict, where)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
        raise ReviewError(f"字段 {where} 应只含文字")
    if record is not None and set(mapping) != {f.name for f in fields(record)}:
        raise ReviewError(f"字段 {where} 的内容不完整")
    return dict(mapping)


def now() -> str:
    """The local time as the clerk reads it in 审核记录: 2026-01-21 09:30:05 (no T, no offset)."""
    return datetime.now(UTC).astimezone().strftime(SHOWN_TIME)


def approve(document: Document, by: str, on: str) -> None:
    """Sign the report off as it is now."""
    document.review.approval = Approval(by.strip(), on, document.fingerprint())


def approval_refusal(document: Document, report: Report) -> NianbaoError | None:
    """Why the report cannot be signed off yet (the first kind of problem, one example), or
    None: an error, a warning without 说明, or a 说明 the reviewer marked 不采纳 or 待核实."""
    if report.errors or report.blanks:
        errors = [*report.errors, *report.blanks]
        return NianbaoError("R050", count=len(errors), message=errors[0].message)
    if report.unexplained:
        first = report.unexplained[0]
        return NianbaoError("R051", count=len(report.unexplained), message=first.message)
    verdicts = document.review.verdicts
    for state in UNSETTLED:
        marked = [
            f for f in report.warnings if f.key in verdicts and verdicts[f.key].state == state
        ]
        if marked:
            return NianbaoError("R052", count=len(marked), state=state, message=marked[0].message)
    return None


def approval_holds(document: Document) -> bool:
    approval = document.review.approval
    return approval is not None and approval.content == document.fingerprint()


def approval_line(document: Document) -> str:
    """审核通过：陈晓岚，2026-01-21 — or 尚未审核通过."""
    approval = document.review.approval
    if approval is not None and approval_holds(document):
        return f"审核通过：{approval.by}，{approval.on}"
    return "尚未审核通过"


def void_if_changed(document: Document) -> str:
    """Drop a sign-off the content no longer matches; the sentence saying so, or ``""``."""
    approval = document.review.approval
    if approval is None or approval_holds(document):
        return ""
    document.review.approval = None
    return f"报告在{approval.by}于{approval.on}审核通过后被修改，审核通过已撤销，需要重新审核"


def set_verdict(document: Document, key: str, state: str, by: str) -> None:
    if state not in VERDICTS:
        raise ValueError(f"核实状态应为{'、'.join(VERDICTS)}之一：{state}")
    document.review.verdicts[key] = Verdict(state, by.strip(), now())


def record_changes(before: Document, after: Document, at: str | None = None) -> list[Change]:
    """Add to ``after``'s log each figure, text and name that differs from ``before``."""
    changes = [
        Change(at or now(), place, _short(old), _short(new))
        for place, old, new in _differences(before, after)
    ]
    log = after.review.changes
    log.extend(changes)
    del log[: max(0, len(log) - KEPT_CHANGES)]
    return changes


def _differences(before: Document, after: Document) -> list[tuple[str, str, str]]:
    from forms.values import format_entry

    index = after.form.index
    found = [
        (index.label(cell), format_entry(before.values.get(cell)), format_entry(value))
        for cell, value in after.values.items()
        if cell in index.cell_rows and before.values.get(cell) != value
    ]
    parts = {part.id: after.heading(part) for part in after.form.narrative_parts()}
    found += [
        (parts.get(part, part), before.narrative.get(part, ""), text)
        for part, text in after.narrative.items()
        if before.narrative.get(part, "") != text
    ]
    for name, label in (("unit", "填报单位"), ("year", "报告年度")):
        old, new = str(getattr(before, name)), str(getattr(after, name))
        if old != new:
            found.append((label, old, new))
    found += [
        (f"说明：{_finding_place(after, key, parts)}", before.explanations.get(key, ""), text)
        for key, text in after.explanations.items()
        if before.explanations.get(key, "") != text
    ]
    return found + _field_differences(before, after)


def _finding_place(document: Document, key: str, parts: dict[str, str]) -> str:
    """A warning's key (``T001@part.requests#new``) as the clerk knows the place:
    三、收到和处理政府信息公开申请情况（T001）."""
    code, _, place = key.partition("@")
    place = place.split("#", 1)[0]
    index = document.form.index
    if place in index.cell_rows:
        name = index.label(place)
    else:
        name = parts.get(place.removeprefix("part."), place)
    return f"{name}（{code}）"


def _field_differences(before: Document, after: Document) -> list[tuple[str, str, str]]:
    """The contact fields and the signatory block, each by its label."""
    form = after.form
    groups = (
        ("联系方式", before.contact, after.contact, form.contact),
        ("签署栏", before.signatories, after.signatories, form.signatories),
    )
    return [
        (f"{group}：{item.label}", old.get(item.id, ""), new.get(item.id, ""))
        for group, old, new, items in groups
        for item in items
        if old.get(item.id, "").strip() != new.get(item.id, "").strip()
    ]


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN_CHARS else flat[: SHOWN_CHARS - 1] + "…"
