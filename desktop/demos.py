"""The demo reports the window offers under 文件 → 打开示例, one for each form that has one.

A menu entry reads "2018年格式（白银市平川区人民政府办公室）": the format named in the form's
name, then the demo's unit. Opening one gives an untitled copy, so 保存 asks where to put it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.definition import FormDefinition
from forms.definition_files import available_forms
from forms.demo import DEMO_SOURCES, load_demo

_FORMAT = re.compile(r"（([^（）]*格式)）")


@dataclass(frozen=True)
class Demo:
    form_id: str
    label: str


def format_name(form: FormDefinition) -> str:
    """ "2021年格式" from "政府信息公开工作年度报告（2021年格式）"; else the whole name."""
    found = _FORMAT.search(form.name)
    return found.group(1) if found else form.name


def demos() -> list[Demo]:
    """Every form that has a demo, oldest form first, with its menu label."""
    return [
        Demo(form.id, f"{format_name(form)}（{load_demo(form.id).unit}）")
        for form in available_forms()
        if form.id in DEMO_SOURCES
    ]
