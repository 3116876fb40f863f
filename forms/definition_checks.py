"""Checks of a definition that span its records, and the naming of places in a broken file.

:func:`consistency_problems` runs after the per-record pydantic checks, on the whole form:
unique ids and codes, rules naming real cells. :func:`describe_location` names the place of
a pydantic error by the ids of the records on its way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from forms.definition import FormDefinition, Rule, Table, ValueKind, strip_term
from forms.form_index import FormIndex
from forms.text.checks import text_problems


def consistency_problems(form: FormDefinition) -> Iterator[str]:
    """Checks that span records: unique ids and codes, rules naming real cells and tables."""
    row_ids = [row.id for table in form.tables for row in table.rows]
    yield from (f"行 id 重复：{rid}" for rid in _duplicates(row_ids))
    yield from (f"表 id 重复：{tid}" for tid in _duplicates(t.id for t in form.tables))
    yield from (f"规则代码重复：{code}" for code in _duplicates(r.code for r in form.rules))
    parts = [part.id for part in form.narrative_parts()]
    yield from (f"叙述部分 id 重复：{pid}" for pid in _duplicates(parts))
    yield from (f"签署栏 id 重复：{sid}" for sid in _duplicates(s.id for s in form.signatories))
    yield from _table_part_problems(form)
    yield from _closing_problems(form)
    index = FormIndex(form)
    if form.history_row and form.history_row not in index.cell_rows:
        yield f"history_row 不是数值单元格：{form.history_row}"
    for carry in form.carry:
        if carry.into not in index.cell_rows and carry.into not in index.rows:
            yield f"carry: 不是本表的单元格或行：{carry.into}"
    yield from _column_problems(form)
    tables = {table.id: table for table in form.tables}
    for rule in form.rules:
        yield from _rule_problems(rule, index, tables)
    yield from text_problems(form, index)


def _table_part_problems(form: FormDefinition) -> Iterator[str]:
    parts = {part.id for part in form.narrative}
    for table in form.tables:
        if table.part and table.part not in parts:
            yield f"表 {table.id}: part 不是叙述部分：{table.part}"


def _column_problems(form: FormDefinition) -> Iterator[str]:
    """A unit choice is for an amount column, and a signed column holds figures."""
    for table in form.tables:
        for column in table.columns:
            kinds = {column.kind or row.kind for row in table.value_rows()}
            if column.units and kinds != {ValueKind.DECIMAL}:
                yield f"表 {table.id}: 列 {column.id} 有 units，应为 decimal 金额列"


def _closing_problems(form: FormDefinition) -> Iterator[str]:
    if form.closing is None:
        return
    fields = {field.id: field for field in form.signatories}
    named = fields.get(form.closing.date_field)
    if named is None or named.kind != "date":
        yield f"closing.date_field 不是日期类签署栏：{form.closing.date_field}"


def _rule_problems(rule: Rule, index: FormIndex, tables: dict[str, Table]) -> Iterator[str]:
    table = tables.get(rule.table or "")
    if rule.table and table is None:
        yield f"规则 {rule.code}: 没有这张表：{rule.table}"
        return
    for term in rule.terms():
        name = strip_term(term)
        if not _term_exists(name, rule, table, index):
            yield f"规则 {rule.code}: 引用了不存在的单元格：{name}"
    for name, template in (("message", rule.message), ("negative_message", rule.negative_message)):
        try:
            template.format_map(_AnyField())
        except (ValueError, IndexError) as exc:
            yield f"规则 {rule.code}: {name} 模板有误（{exc}）"


def _term_exists(name: str, rule: Rule, table: Table | None, index: FormIndex) -> bool:
    if table is not None and rule.each_column:
        return name in {row.id for row in table.value_rows()}
    if table is not None and rule.each_row:
        return name in {column.id for column in table.columns}
    return name in index.cell_rows


class _AnyField(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _duplicates(items: Iterator[str] | list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for item in items:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


def describe_location(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Name a place in the raw data by ids where it has them: ``tables[annex1].rows[x].unit``."""
    parts: list[str] = []
    node = raw
    for step in loc:
        node = node[step] if _can_step(node, step) else None
        if isinstance(step, int):
            ident = node.get("id") or node.get("code") if isinstance(node, dict) else None
            parts[-1] += f"[{ident}]" if ident else f"[第{step + 1}项]"
        else:
            parts.append(str(step))
    return ".".join(parts) or "文件"


def _can_step(node: Any, step: int | str) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
