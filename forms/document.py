"""The report being filled in: figures, narrative, signatories, explanations and history.

A :class:`Document` is plain data. Its canonical JSON form (sorted keys, no spaces, UTF-8)
is what the xlsx file hides and what the fingerprint printed on the PDF is a hash of.
Reading JSON back is strict: anything of the wrong shape raises :class:`DocumentError`
naming the field.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.boundary import admit
from forms.definition import Column, DefinitionError, FormDefinition, NarrativePart, Table
from forms.definition_files import load_form
from forms.review import Review, ReviewError
from forms.values import Entry, Number, RawText

FORMAT_VERSION = 1


class DocumentError(ValueError):
    """Document data of the wrong shape; the message names the field."""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Document:
    """One unit's report for one year, in one form's format."""

    form_id: str
    form_version: int
    unit: str = ""
    year: int = 0
    contact: dict[str, str] = field(default_factory=dict)
    preface: str = ""
    values: dict[str, Entry] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    signatories: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    history: dict[int, Number | None] = field(default_factory=dict)
    last_year: dict[str, Number] = field(default_factory=dict)
    last_year_text: dict[str, str] = field(default_factory=dict)  # last year's parts, by id
    typed_totals: set[str] = field(default_factory=set)
    headings: dict[str, str] = field(default_factory=dict)
    review: Review = field(default_factory=Review)  # the reviewer's; not part of the content
    units: dict[str, str] = field(default_factory=dict)
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)

    @property
    def form(self) -> FormDefinition:
        return load_form(self.form_id)

    def title(self) -> str:
        return self.form.title(self.year)

    def history_series(self) -> list[tuple[int, Number | None]]:
        """The chart's points: the history years, then this year's total."""
        form = self.form
        years = range(self.year - form.history_years, self.year)
        points = [(year, self.history.get(year)) for year in years]
        current = self.values.get(form.history_row or "")
        this_year = current if isinstance(current, int | Decimal) else None
        return [*points, (self.year, this_year)]

    def heading(self, part: NarrativePart) -> str:
        """A part's heading as this report writes it, or the form's own."""
        return self.headings.get(part.id, "").strip() or part.heading

    def unit_of(self, table: Table, column: Column) -> str:
        """The unit this report states for a column with a choice (采购总金额: 万元 or 元)."""
        chosen = self.units.get(table.unit_key(column), "")
        return chosen if chosen in column.units else (column.units or [""])[0]

    def column_heading(self, table: Table, column: Column) -> str:
        """A column's header as this report prints it, with its stated unit."""
        return column.heading(self.unit_of(table, column))

    def preface_text(self) -> str:
        """The preface as written, or the form's template filled from the contact line.

        A ``[…]`` clause of the template is left out when a contact field it names is empty,
        so a draft never prints "可在下载" or "地址：，".
        """
        if self.preface.strip():
            return self.preface
        fields = {item.id: self.contact.get(item.id, "").strip() for item in self.form.contact}
        return fill_template(
            self.form.preface_template, period=self.form.period(self.year), **fields
        )

    # -- canonical form ---------------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        """Everything the report says, as JSON-ready data (no timestamps)."""
        return {
            "format": FORMAT_VERSION,
            "form": {"id": self.form_id, "version": self.form_version},
            "unit": self.unit,
            "year": self.year,
            "contact": dict(self.contact),
            "preface": self.preface,
            "values": {cell: _entry_to_json(entry) for cell, entry in self.values.items()},
            "narrative": dict(self.narrative),
            "signatories": dict(self.signatories),
            "explanations": dict(self.explanations),
            "history": {str(year): _number_to_json(v) for year, v in self.history.items()},
            "last_year": {cell: _number_to_json(v) for cell, v in self.last_year.items()},
            "typed_totals": sorted(self.typed_totals),
            "headings": dict(self.headings),
            **({"last_year_text": dict(self.last_year_text)} if self.last_year_text else {}),
            # only where a form has a unit choice, so older reports keep their fingerprint
            **({"units": dict(self.units)} if self.units else {}),
        }

    def to_json(self) -> str:
        data = {**self.content(), "created": self.created, "modified": self.modified}
        if not self.review.is_empty():
            data["review"] = self.review.to_json()
        return canonical_json(data)

    def fingerprint(self) -> str:
        """A short hash of the content: equal for equal reports, whatever the save time."""
        digest = hashlib.sha256(canonical_json(self.content()).encode("utf-8"))
        return digest.hexdigest()[:16]

    @classmethod
    def from_json(cls, text: str, notices: list[str] | None = None) -> Document:
        """Read canonical JSON; what had to be brought inside the bounds goes to ``notices``."""
        try:
            data = json.loads(text, parse_int=_bounded_int)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise DocumentError(f"文档数据不是有效的 JSON（{exc}）") from exc
        return document_from_data(data, notices)


_CLAUSE = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{(\w+)\}")


def fill_template(template: str, **fields: str) -> str:
    """Fill ``{field}``s; drop each ``[clause]`` that names an empty field, and tidy the commas."""

    def clause(match: re.Match[str]) -> str:
        text = match.group(1)
        named = _FIELD.findall(text)
        return text if all(fields.get(name) for name in named) else ""

    kept = _CLAUSE.sub(clause, template)
    filled = _FIELD.sub(lambda m: fields.get(m.group(1), ""), kept)
    for loose, tidy in (("。，", "。"), ("。。", "。"), ("，。", "。")):
        filled = filled.replace(loose, tidy)
    return filled


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _entry_to_json(entry: Entry) -> Any:
    if isinstance(entry, RawText):
        return {"raw": entry.text}
    return _number_to_json(entry)


def _number_to_json(value: Number | None) -> Any:
    return str(value) if isinstance(value, Decimal) else value


# -- reading back ---------------------------------------------------------------------------


def _bounded_int(text: str) -> int | Decimal:
    """A JSON integer; a very long one as a Decimal (``int`` refuses 4300 digits and more)."""
    return int(text) if len(text) <= 30 else Decimal(text)


def document_from_data(data: Any, notices: list[str] | None = None) -> Document:
    """Build a document from parsed JSON, checking the shape of every field, then bring it
    inside the bounds of :mod:`forms.boundary` (its notices go to ``notices``)."""
    document = _document_from_data(data)
    said = admit(document)
    if notices is not None:
        notices.extend(said)
    return document


def _document_from_data(data: Any) -> Document:
    root = _expect(data, dict, "文档")
    form = _expect(root.get("form"), dict, "form")
    if root.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise DocumentError(f"文档格式版本 {root.get('format')!r} 不受支持")
    form_id = _expect(form.get("id"), str, "form.id")
    values = {k: _entry_from_json(v, f"values.{k}") for k, v in _map(root, "values").items()}
    return Document(
        form_id=form_id,
        form_version=_expect(form.get("version"), int, "form.version"),
        unit=_expect(root.get("unit", ""), str, "unit"),
        year=_expect(root.get("year", 0), int, "year"),
        contact=_text_map(root.get("contact", {}), "contact"),
        preface=_expect(root.get("preface", ""), str, "preface"),
        values=values,
        narrative=_text_map(root.get("narrative", {}), "narrative"),
        signatories=_text_map(root.get("signatories", {}), "signatories"),
        explanations=_text_map(root.get("explanations", {}), "explanations"),
        history=_history_from_json(_map(root, "history")),
        last_year=_numbers_from_json(_map(root, "last_year"), "last_year"),
        last_year_text=_text_map(root.get("last_year_text", {}), "last_year_text"),
        typed_totals=_typed_totals(root, form_id, values),
        headings=_text_map(root.get("headings", {}), "headings"),
        review=_review(root.get("review")),
        units=_text_map(root.get("units", {}), "units"),
        created=_expect(root.get("created", now_iso()), str, "created"),
        modified=_expect(root.get("modified", now_iso()), str, "modified"),
    )


def _review(data: Any) -> Review:
    try:
        return Review.from_json(data)
    except ReviewError as exc:
        raise DocumentError(str(exc)) from exc


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DocumentError(f"字段 {where} 的类型不对（应为 {kind.__name__}）")
    return value


def _map(root: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(_expect(root.get(name, {}), dict, name))


def _text_map(value: Any, where: str) -> dict[str, str]:
    mapping = _expect(value, dict, where)
    return {key: _expect(text, str, f"{where}.{key}") for key, text in mapping.items()}


def _entry_from_json(value: Any, where: str) -> Entry:
    if isinstance(value, dict) and set(value) == {"raw"}:
        return RawText(_expect(value["raw"], str, where))
    return _number_from_json(value, where)


def _number_from_json(value: Any, where: str) -> Number | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, Decimal) and value.is_finite():  # a JSON integer of 31 digits or more
        return value
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise DocumentError(f"字段 {where} 不是数字：{value[:40]!r}") from exc
        if number.is_finite():
            return number
    raise DocumentError(f"字段 {where} 不是数字")


def _numbers_from_json(mapping: dict[str, Any], where: str) -> dict[str, Number]:
    numbers = {key: _number_from_json(v, f"{where}.{key}") for key, v in mapping.items()}
    return {key: value for key, value in numbers.items() if value is not None}


def _typed_totals(root: dict[str, Any], form_id: str, values: dict[str, Entry]) -> set[str]:
    """The totals given explicitly; a file from before computed totals typed every one it has."""
    if "typed_totals" in root:
        listed = _expect(root["typed_totals"], list, "typed_totals")
        return {_expect(cell, str, "typed_totals[]") for cell in listed}
    from forms.derive import totals

    try:
        computed = totals(load_form(form_id))
    except DefinitionError:  # an unknown form is reported by whoever opens the file
        return set()
    return {cell for cell in computed if values.get(cell) is not None}


def _history_from_json(mapping: dict[str, Any]) -> dict[int, Number | None]:
    history: dict[int, Number | None] = {}
    for key, value in mapping.items():
        if not (key.isascii() and key.isdigit() and len(key) <= 4):
            raise DocumentError(f"字段 history 的年份不对：{key[:20]!r}")
        history[int(key)] = _number_from_json(value, f"history.{key}")
    return history


def new_document(form_id: str, unit: str, year: int, notices: list[str] | None = None) -> Document:
    """An empty report: every figure blank, narrative empty, preface from the template.

    The unit's name passes the boundary (:func:`forms.boundary.admit`); what it changed goes
    to ``notices``.
    """
    form = load_form(form_id)
    document = Document(
        form_id=form.id,
        form_version=form.version,
        unit=unit,
        year=year,
        values={cell: None for cell in form.index.cell_order},
        narrative={part.id: "" for part in form.narrative_parts()},
        signatories={field.id: "" for field in form.signatories},
        contact={item.id: "" for item in form.contact},
    )
    said = admit(document)
    if notices is not None:
        notices.extend(said)
    return document
