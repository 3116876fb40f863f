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
TITLE_REACH = 8
_TITLE = re.compile(r"^(.*?)((?:19|20)\d{2})年度?政府信息公开(?:工作)?(?:年度)?报告")
_ANNEX = re.compile(r"^附件\s*[0-9一二三四五六七八九十]+$")
_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CONTACT = {
    "phone": re.compile(
        r"(?:联系|咨询)?电话[:：]\s*([0-9０-９][0-9０-９\-－—()（）、/ ]{5,30}[0-9０-９])"
    ),
    "address": re.compile(r"地址[:：]\s*([^，,。；;：:]+)"),
    "postcode": re.compile(r"邮编[:：]\s*([0-9０-９]{6})"),
    "email": re.compile(r"(?:电子)?邮箱[:：]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)", re.A),
    "website": re.compile(
        r"(?:网址[:：]\s*(\S+?)(?:[，,。；;]|$)|(?:可在|可以在|可从|可登录)(.+?)(?:下载|查阅|查看))"
    ),
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
    rest: list[str] = field(default_factory=list)  # text after the closing, not imported


def title_of(paragraphs: list[str]) -> tuple[str, int, int]:
    """The unit, the year and the paragraph after the title (0 if no title was found).

    The title is one paragraph (“XX单位2021年…报告”) or two: the unit alone, then the year's
    title; only the first :data:`TITLE_REACH` paragraphs are looked at (a page may start with
    its navigation).
    """
    for place, paragraph in enumerate(paragraphs[:TITLE_REACH]):
        match = _TITLE.match(fold(paragraph))
        if not match:
            continue
        unit = match.group(1).strip()
        if not unit and place > 0 and len(fold(paragraphs[place - 1])) <= MAX_HEADING:
            unit = paragraphs[place - 1].strip()
        return unit, int(match.group(2)), place + 1
    return "", 0, 0


def read_text(paragraphs: list[str], form: FormDefinition, unit: str = "") -> Text:
    """The parts of the report in ``paragraphs`` as ``form`` divides it."""
    found_unit, year, body_start = title_of(paragraphs)
    text = Text(unit=found_unit, year=year)
    parts = form.narrative_parts()
    heads = _headings(paragraphs, parts, body_start)
    first = heads[0][0] if heads else len(paragraphs)
    text.preface = "".join(paragraphs[body_start:first]).strip()
    text.contact = contact_of(text.preface, {item.id for item in form.contact})
    end = _closing(paragraphs, heads[-1][0] if heads else first, unit or found_unit)
    for number, (place, part, heading) in enumerate(heads):
        stop = heads[number + 1][0] if number + 1 < len(heads) else end
        lines = _until_annex(paragraphs[place + 1 : stop])
        rest = _after_heading(heading, part.heading)
        if rest is not None:  # the heading and the part's first words in one paragraph
            lines = [rest, *lines]
            heading = part.heading
        text.narrative[part.id] = "\n".join(line for line in lines if line)
        if fold(heading) not in (fold(part.heading), fold(part.title)):
            text.headings[part.id] = heading
    named = {part.id for _, part, _ in heads}
    text.missing = [part for part in parts if part.id not in named]
    text.signatories = signatories_of(paragraphs[end:], form)
    text.rest = [line for line in paragraphs[end:] if not _is_closing(line, unit or found_unit)]
    return text


def _after_heading(paragraph: str, heading: str) -> str | None:
    """What follows ``heading`` in ``paragraph`` (compared folded), if more than punctuation."""
    wanted = fold(heading)
    if not fold(paragraph).startswith(wanted) or len(fold(paragraph)) == len(wanted):
        return None
    for end in range(len(wanted), min(len(paragraph), 2 * len(wanted) + 20) + 1):
        if fold(paragraph[:end]) == wanted:
            rest = paragraph[end:].strip()
            return rest if label_key(rest) else None
    return None


def _until_annex(lines: list[str]) -> list[str]:
    """A part's paragraphs up to an annex's heading (附件1: the table's title lines follow)."""
    for place, line in enumerate(lines):
        if _ANNEX.match(fold(line)):
            return lines[:place]
    return lines


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
    written, title = label_key(paragraph), label_key(part.title)
    if _widened(title, written):
        return True  # 因政府信息公开申请(及被申请)行政复议、提起(及被提起)行政诉讼的情况
    likeness = SequenceMatcher(None, written, title).ratio()
    return likeness >= (0.5 if numbered else 0.8)


def _widened(title: str, written: str) -> bool:
    """Whether ``written`` is the title with words put in (every character, in order)."""
    if not title or len(written) > 2 * len(title):
        return False
    rest = iter(written)
    return all(character in rest for character in title)


def _closing(paragraphs: list[str], last_heading: int, unit: str) -> int:
    """Where the closing begins: the unit's name and the date before the signatory line.

    Without a signatory line, the closing is the unit's name and dates at the very end.
    """
    signed = next(
        (
            place
            for place in range(last_heading + 1, len(paragraphs))
            if _is_signatory_line(fold(paragraphs[place]))
        ),
        None,
    )
    end = signed if signed is not None else len(paragraphs)
    while end - 1 > last_heading and _is_closing(paragraphs[end - 1], unit):
        end -= 1
    return end


def _is_closing(paragraph: str, unit: str) -> bool:
    folded = fold(paragraph)
    return bool(folded == fold(unit) or _DATE.match(folded) or _is_signatory_line(folded))


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
