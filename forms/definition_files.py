"""Definition files as checked records: one file read and checked, and the shipped formats.

:func:`load_definition` reads a file and checks it (pydantic against the records of
:mod:`forms.definition`, then the checks that span records, :mod:`forms.definition_checks`),
or takes it checked from the user's cache. The shipped definitions are the files under
``forms/definitions/``: :func:`load_form` gives one by id, :func:`form_for_year` the format a
report year is filed in.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.definition import DefinitionError, FormDefinition

if TYPE_CHECKING:
    from pydantic import TypeAdapter

DEFINITIONS_DIR = Path(__file__).parent / "definitions"


def load_definition(path: Path) -> FormDefinition:
    """Read and check one definition file; raise :class:`DefinitionError` if it is unusable.

    A file checked before is taken from the user's cache (:mod:`forms.definition_cache`,
    keyed by the file's content): importing pydantic, building its validators and checking the
    form cost each command a tenth of a second.
    """
    from forms import definition_cache

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(f"{path.name}: 无法读取（{exc}）") from exc
    cached = definition_cache.read(path, data)
    if cached is not None:
        return cached
    raw = read_toml(data, path.name)
    form = parse_definition(raw, source=path.name)
    definition_cache.write(path, data, form)
    return form


def read_toml(data: bytes, source: str) -> dict[str, Any]:
    """A definition file's TOML as data (``tomllib`` is imported only for a file not checked
    before); :class:`DefinitionError` naming ``source`` when it is not UTF-8 TOML."""
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DefinitionError(f"{source}: 无法读取（{exc}）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{source}: 格式错误（{exc}）") from exc


def parse_definition(raw: dict[str, Any], source: str) -> FormDefinition:
    """Turn parsed TOML into a checked :class:`FormDefinition`."""
    from pydantic import ValidationError

    from forms.definition_checks import consistency_problems, describe_location

    try:
        form = _checker().validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = describe_location(raw, first["loc"])
        raise DefinitionError(f"{source}: {place}: {first['msg']}") from exc

    problems = list(consistency_problems(form))
    if problems:
        raise DefinitionError(f"{source}: {problems[0]}")
    return form


@cache
def _checker() -> TypeAdapter[FormDefinition]:
    """Pydantic's validator for a whole definition (built once, on the first file checked)."""
    from pydantic import TypeAdapter

    return TypeAdapter(FormDefinition)


def definition_paths() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.toml"))


@cache
def load_form(form_id: str) -> FormDefinition:
    """The shipped definition with this id; :class:`DefinitionError` if there is none."""
    for path in definition_paths():
        if path.stem == form_id:
            return load_definition(path)
    raise DefinitionError(f"没有这种报表格式：{form_id}")


def available_forms() -> list[FormDefinition]:
    return [load_form(path.stem) for path in definition_paths()]


def form_for_year(year: int) -> FormDefinition:
    """The format a report for ``year`` is filed in: the newest whose first year has come.

    Only that format's definition is built: the first years are read from the files' heads
    (building and checking every definition cost ``check`` and ``pdf`` a tenth of a second).
    """
    years = shipped_heads("first_year")
    if not all(value.isdigit() for value in years.values()):
        forms = sorted(available_forms(), key=lambda form: form.first_year)
        in_use = [form for form in forms if form.first_year <= year]
        return in_use[-1] if in_use else forms[0]
    ordered = sorted(years, key=lambda form_id: int(years[form_id]))
    chosen = [form_id for form_id in ordered if int(years[form_id]) <= year]
    return load_form(chosen[-1] if chosen else ordered[0])


@cache
def shipped_heads(key: str) -> dict[str, str]:
    """Each shipped definition's top-level ``key`` (a number or a one-line string), read
    from the file's head without building the definition; "" where it is not found."""
    heads: dict[str, str] = {}
    for path in definition_paths():
        head = path.read_text(encoding="utf-8").split("\n[", 1)[0]
        found = re.search(rf'^{key}\s*=\s*(?:"([^"\n]*)"|(\d+))', head, re.MULTILINE)
        heads[path.stem] = (found.group(1) or found.group(2) or "") if found else ""
    return heads
