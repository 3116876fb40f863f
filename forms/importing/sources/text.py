"""The text of a report read back into its parts: title, preface, narrative, signatories.

The title names the unit and the year (“XX单位2021年政府信息公开工作年度报告”, often on two
lines: the unit, then the year and the rest). The preface is what stands between the title
and the first part; its contact line gives 联系电话, 地址, 邮编, 邮箱, the office to contact and
where the report can be downloaded. The narrative parts are found by their headings in the
order of the form (一、…六、 in 2021, 一、…七、 in 2018): a heading is a short paragraph
with the part's number and a title like the part's, or without the number a title very like
it. A part's text runs to the next heading; the last one stops at the closing (the unit's
name, the date, the signatory line). Nothing is guessed: a part not found is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from forms.definition import FormDefinition, NarrativePart
from forms.importing.labels import fold, label_key

MAX_HEADING = 60
_TITLE = re.compile(r"^(.*?)((?:19|20)\d{2})年度?政府信息公开(?:工作)?(?:年度)?报告")
_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CONTACT = {
    "phone": re.compile(r"(?:联系|咨询)?电话[:：]\s*([0-9０-９][0-9０-９\-－—()（）、/ ]{5,30}[0-9０-９])"),
    "address": re.compile(r"地址[:：]\s*([^，,。；;：:]+)"),
    "postcode": re.compile(r"邮编[:：]\s*([0-9０-９]{6})"),
    "email": re.compile(r"(?:电子)?邮箱[:：]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)", re.A),
    "website": re.compile(r"(?:网址[:：]\s*(\S+?)(?:[，,。；;]|$)|(?:可在|可以在|可从|可登录)(.+?)(?:下载|查阅|查看))"),
    "office": re.compile(r"请与(.+?)联系"),
}


@dataclass
class Text:
    """What the text of a report says, part by part, and what of it was not found."""

    unit: str = ""
    year: int = 0
    preface: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)
    signatories: dict[str, str] = field(default_factory=dict)
    missing: list[NarrativePart] = field(default_factory=list)


def title_of(paragraphs: list[str]) -> tuple[str, int, int]:
    """The unit, the year and how many paragraphs the title takes (0 if no title)."""
    for start in range(min(len(paragraphs), 6)):
        joined = ""
        for end in range(start, min(start + 3, len(paragraphs))):
            joined += fold(paragraphs[end])
            match = _TITLE.match(joined)
            if match:
                unit = match.group(1).strip()
                return unit, int(match.group(2)), end + 1
    return "", 0, 0


def read_text(paragraphs: list[str], form: FormDefinition, unit: str = "") -> Text:
    """The parts of the report in ``paragraphs`` as ``form`` divides it."""
    found_unit, year, body_start = title_of(paragraphs)
    text = Text(unit=found_unit, year=year)
    heads = _headings(paragraphs, form.narrative, body_start)
    first = heads[0][0] if heads else len(paragraphs)
    text.preface = "".join(paragraphs[body_start:first]).strip()
    text.contact = contact_of(text.preface, {item.id for item in form.contact})
    end = _closing(paragraphs, first, unit or found_unit)
    for number, (place, part, heading) in enumerate(heads):
        stop = heads[number + 1][0] if number + 1 < len(heads) else end
        lines = paragraphs[place + 1 : stop]
        if heading != part.heading and fold(heading).startswith(fold(part.heading)):
            lines = [heading[len(part.heading) :].strip(), *lines]
            heading = part.heading
        text.narrative[part.id] = "\n".join(line for line in lines if line)
        if fold(heading) != fold(part.heading):
            text.headings[part.id] = heading
    named = {part.id for _, part, _ in heads}
    text.missing = [part for part in form.narrative if part.id not in named]
    text.signatories = signatories_of(paragraphs[end:], form)
    return text


def _headings(
    paragraphs: list[str], parts: tuple[NarrativePart, ...] | list[NarrativePart], start: int
) -> list[tuple[int, NarrativePart, str]]:
    """(paragraph index, part, heading as written) for each part found, in the form's order."""
    found: list[tuple[int, NarrativePart, str]] = []
    next_part = 0
    for place in range(start, len(paragraphs)):
        paragraph = paragraphs[place]
        for offset, part in enumerate(parts[next_part:]):
            if _heads(paragraph, part):
                found.append((place, part, paragraph))
                next_part += offset + 1
                break
    return found


def _heads(paragraph: str, part: NarrativePart) -> bool:
    folded = fold(paragraph)
    number = fold(part.number)
    numbered = bool(number) and folded.startswith(number)
    if numbered and folded.startswith(fold(part.heading)):
        return True  # the heading as the form writes it, perhaps followed by the text
    if len(folded) > MAX_HEADING:
        return False
    likeness = SequenceMatcher(None, label_key(paragraph), label_key(part.title)).ratio()
    return likeness >= (0.5 if numbered else 0.8)


def _closing(paragraphs: list[str], start: int, unit: str) -> int:
    """Where the closing begins: the unit's name, a date alone, or the signatory line."""
    for place in range(len(paragraphs) - 1, start, -1):
        folded = fold(paragraphs[place])
        if not (folded == fold(unit) or _DATE.match(folded) or _is_signatory_line(folded)):
            return place + 1
    return len(paragraphs)


def _is_signatory_line(folded: str) -> bool:
    return folded.startswith(("单位负责人", "审核人", "填报人", "联系电话", "填报日期", "填报单位"))


def contact_of(preface: str, wanted: set[str]) -> dict[str, str]:
    """The contact fields the preface states (only those ``wanted`` by the form)."""
    found = {}
    for name, pattern in _CONTACT.items():
        match = pattern.search(preface)
        if name in wanted and match:
            value = next(group for group in match.groups() if group)
            found[name] = value.strip()
    return found


def signatories_of(paragraphs: list[str], form: FormDefinition) -> dict[str, str]:
    """The names, phone and dates of the closing (dates as YYYY-MM-DD)."""
    labels = {field.label: field for field in form.signatories}
    if not labels:
        return {}
    pattern = re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        marks = list(pattern.finditer(paragraph))
        for number, mark in enumerate(marks):
            stop = marks[number + 1].start() if number + 1 < len(marks) else len(paragraph)
            value = paragraph[mark.end() : stop].strip()
            field = labels[mark.group(1)]
            found[field.id] = _iso_date(value) if field.kind == "date" else value
        dated = _DATE.match(fold(paragraph))
        closing = getattr(form.closing, "date_field", "")
        if dated and closing:
            found[closing] = _iso_date(paragraph)
    return {key: value for key, value in found.items() if value}


def _iso_date(text: str) -> str:
    match = _DATE.match(fold(text))
    if not match:
        return text
    year, month, day = (int(group) for group in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"
