"""Completeness by form: the required narrative parts and the contact fields the preface uses.

A report whose required parts (一、五、六 of the 2021 format; every part of the 2018 one) are
empty, or whose preface would be printed with a contact field missing, stays a 草稿. Parts
marked optional in the definition (the text beside tables 二–四) never hold a report back.
"""

from __future__ import annotations

import re

from forms.definition import FormDefinition
from forms.document import Document
from forms.validation.cells import error
from forms.validation.rules import Finding

_FIELD = re.compile(r"\{(\w+)\}")


def part_key(part_id: str) -> str:
    return f"part.{part_id}"


def contact_key(field_id: str) -> str:
    return f"contact.{field_id}"


def check_completeness(form: FormDefinition, document: Document) -> list[Finding]:
    """P001 for each empty required part; C001 for each empty contact field the preface names."""
    findings = [
        error("P001", part_key(part.id), label=document.heading(part))
        for part in form.narrative_parts()
        if part.required and not document.narrative.get(part.id, "").strip()
    ]
    if not document.preface.strip():
        used = set(_FIELD.findall(form.preface_template))
        findings += [
            error("C001", contact_key(item.id), label=item.label)
            for item in form.contact
            if item.id in used and not document.contact.get(item.id, "").strip()
        ]
    return findings
